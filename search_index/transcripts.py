"""Briefing transcripts: State Department, White House, Pentagon and Foreign Office briefings.

A transcript is a run of speaker turns: `MR. MILLER: …`, `MS PSAKI: …`, `QUESTION: …`, `Q: …`,
`Matthew Miller (00:04): …`, or `Question` / `Answer` alone on a line with the turn below.
Each answer turn of an official is a statement of that official; questions and procedural turns
("Next question.", "Yep.", "Go ahead.") are not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from search_index.models import Paragraph

# "MR. MILLER:", "MS PSAKI:", "SECRETARY BLINKEN:", "GENERAL RYDER:", "AMBASSADOR SMITH-JONES:"
_OFFICIAL_LABEL = re.compile(
    r"^\s*(?P<label>(?P<title>MR|MS|MRS|DR|SECRETARY|AMBASSADOR|GENERAL|ADMIRAL|PRESIDENT|"
    r"SPOKESPERSON|SPOKESMAN|MINISTER|DEPUTY SECRETARY|UNDER SECRETARY|ASSISTANT SECRETARY)"
    r"\.?\s+(?P<surname>[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){0,2}))\s*:\s*"
)
# "Matthew Miller (00:04):" as transcription services print it
_TIMED_LABEL = re.compile(
    r"^\s*(?P<label>(?P<surname>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}))\s*"
    r"\((?:\d{1,2}:)?\d{1,2}:\d{2}\)\s*:\s*"
)
_QUESTION_LABEL = re.compile(r"^\s*(?:QUESTION|Q|QUESTIONER|REPORTER|JOURNALIST)\s*[:.]\s*",
                             re.I)
_ANSWER_LINE = re.compile(r"^\s*(?:Answer|Reply|Response|A)\s*[:.]?\s*$", re.I)
_QUESTION_LINE = re.compile(r"^\s*(?:Question|Q)\s*[:.]?\s*$", re.I)
_ANSWER_INLINE = re.compile(r"^\s*(?:Answer|A)\s*:\s*", re.I)
_PROCEDURAL = re.compile(
    r"^(?:next question|go ahead|yep|yes|yeah|no|okay|ok|sure|thank you|thanks|all right|"
    r"right|good afternoon|good morning|hi|hello|sorry|please|go|take care|mm-hmm|uh-huh)"
    r"[\w ,'’]*[.!?]*$",
    re.I,
)
_MIN_ANSWER_WORDS = 6


@dataclass(frozen=True, slots=True)
class Turn:
    """An official's answer turn: the words, and the label's surname (None for `Answer`)."""

    start: int  # offsets in the article text
    end: int
    paragraph: int  # position of the turn's first paragraph
    label: str | None
    surname: str | None


def _label(paragraph: Paragraph) -> tuple[str, str | None, int] | None:
    """(role of the turn, surname, length of the label) for a labelled paragraph."""
    text = paragraph.text
    for pattern in (_OFFICIAL_LABEL, _TIMED_LABEL):
        match = pattern.match(text)
        if match:
            return "official", match.group("surname"), match.end()
    match = _QUESTION_LABEL.match(text)
    if match:
        return "question", None, match.end()
    if _QUESTION_LINE.match(text):
        return "question", None, len(text)
    if _ANSWER_LINE.match(text):
        return "answer", None, len(text)
    match = _ANSWER_INLINE.match(text)
    if match:
        return "answer", None, match.end()
    return None


def is_transcript(paragraphs: Sequence[Paragraph]) -> bool:
    """Two official or answer turns and a question: a briefing transcript, not a story."""
    kinds = [label[0] for p in paragraphs if (label := _label(p)) is not None]
    answers = sum(1 for k in kinds if k in {"official", "answer"})
    questions = kinds.count("question")
    return questions >= 1 and (answers >= 2 or (answers >= 1 and "answer" in kinds))


def answer_turns(source: str, paragraphs: Sequence[Paragraph]) -> list[Turn]:
    """The officials' turns, each running until the next label, procedural turns left out."""
    turns: list[Turn] = []
    current: tuple[str, str | None, int, int, int] | None = None  # kind, surname, start, end, p

    def close() -> None:
        if current is None or current[0] == "question":
            return
        kind, name, start, end, position = current
        words = source[start:end].split()
        procedural = len(words) <= 10 and _PROCEDURAL.match(" ".join(words))
        if end > start and len(words) >= _MIN_ANSWER_WORDS and not procedural:
            label = name if kind == "official" else None
            turns.append(Turn(start, end, position, label, _surname(name)))

    for position, paragraph in enumerate(paragraphs):
        label = _label(paragraph)
        if label is not None:
            close()
            kind, name, length = label
            start = paragraph.start + length
            while start < paragraph.end and source[start].isspace():
                start += 1
            current = (kind, name, start, paragraph.end, position)
            if start >= paragraph.end:  # "Answer" alone: the words begin on the next line
                current = (kind, name, -1, -1, position)
            continue
        if current is None:
            continue
        kind, name, start, _end, first = current
        if start < 0:
            current = (kind, name, paragraph.start, paragraph.end, position)
        else:
            current = (kind, name, start, paragraph.end, first)
    close()
    return turns


def _surname(label: str | None) -> str | None:
    if not label:
        return None
    words = label.split()
    return words[-1].title() if label.isupper() else words[-1]
