"""What a paragraph's readers hand on: a statement's span and speaker before dating, and the
subject phrase found for a verb of speech."""

from __future__ import annotations

from dataclasses import dataclass, field

from search_index.extraction.mentions import Mention
from search_index.models import StatementKind


@dataclass(slots=True)
class Attributed:
    """A statement before dating: its span, its speaker and the sentence that reported it."""

    start: int
    end: int
    paragraph: int
    kind: StatementKind
    speaker: str
    mention: str
    speaker_kind: str
    role: str | None
    organisation: str | None
    cue: str | None
    sentence_start: int
    sentence_end: int
    past_perfect: bool = False
    carried: bool = False  # speaker taken from the sentence or paragraph before
    display: bool = False  # in a headline or bullet rather than the body
    # A report about the speech act itself ("The statement was issued after the meeting, the
    # ISPR said on December 15"): no statement, but it dates its speaker's words that follow.
    dates_only: bool = False
    notes: list[str] = field(default_factory=list)
    # the offsets of each piece of one utterance cut by the reporter; empty for one span
    pieces: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class Subject:
    mention: Mention
    past_perfect: bool = False
