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
    r"^\s*(?P<label>(?P<title>MR|MS|MRS|DR|SECRETARY|AMBASSADOR|PRESIDENT|SPOKESPERSON|SPOKESMAN"
    r"|MINISTER|DEPUTY SECRETARY|UNDER SECRETARY|ASSISTANT SECRETARY|PRESS SECRETARY|SENATOR"
    r"|SEN|GOVERNOR|GOV|CHAIRMAN|CHAIRWOMAN|DIRECTOR|COMMISSIONER|MAYOR"
    # military ranks as the Pentagon prints them: "BRIGADIER GENERAL", "GEN.", "REAR ADM."
    r"|(?:(?:BRIGADIER|BRIG|MAJOR|MAJ|LIEUTENANT|LT|REAR|VICE)\.?\s+)?(?:GENERAL|GEN|ADMIRAL|ADM)"
    r"|COLONEL|COL|CAPTAIN|CAPT|COMMANDER|CMDR)"
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
# "Spokesperson:" with no name: the briefing's spokesperson, named in its title or header.
_SPOKESPERSON_LABEL = re.compile(r"^\s*(?:the\s+)?(?:spokesperson|spokesman|spokeswoman)\s*:\s*",
                                 re.I)
# "(The briefing was concluded at 1:52 p.m.)", "(Laughter.)": the transcriber's notes.
_STAGE_DIRECTION = re.compile(r"^\s*\([^()]*\)\s*$")
_PROCEDURAL = re.compile(
    r"^(?:next question|go ahead|yep|yes|yeah|no|okay|ok|sure|thank you|thanks|all right|"
    r"right|good afternoon|good morning|good evening|hi|hello|hey|sorry|please|go|take care|"
    r"mm-hmm|uh-huh|welcome|assalam|as-?salam|salam|great|absolutely|oh|so)"
    r"[\w ,'’-]*[.!?]*$",
    re.I,
)
# Running the room rather than saying anything: "I have one announcement at the top, and then
# I'll take your questions.", "With that, John Kirby is here to …", "Admiral."
_AGENDA = re.compile(
    r"\b(?:at the top|take (?:your |a few )?questions|turn (?:it )?(?:over )?to (?:your )?"
    r"questions|turn it over|hand it over|open it up)\b|^with that\b|^(?:let's|let me) (?:start|"
    r"begin|get going|go to)\b|\bwelcome (?:to|back)\b",
    re.I,
)
_VOCATIVE = re.compile(r"^[A-Z][a-z]{2,}[.!?]?$")  # "Admiral.", "Steve?"
_AGENDA_MAX_WORDS = 25
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’)]*|$)")
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
    match = _SPOKESPERSON_LABEL.match(text)
    if match:
        return "answer", None, match.end()
    if _STAGE_DIRECTION.match(text):
        return "note", None, len(text)
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
        if current is None or current[0] in {"question", "note"}:
            return
        kind, name, start, end, position = current
        if start < 0:
            return
        start, end = _substance(source, start, end)
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
        if start >= 0 and source[_end:paragraph.start].strip():
            # furniture the page reader dropped lies between: the transcript is over
            close()
            current = None
            continue
        if start < 0:
            current = (kind, name, paragraph.start, paragraph.end, position)
        else:
            current = (kind, name, start, paragraph.end, first)
    close()
    return turns


def _is_procedural(sentence: str) -> bool:
    words = sentence.split()
    if not words:
        return True
    if len(words) <= 10 and _PROCEDURAL.match(" ".join(words)):
        return True
    if len(words) == 1 and _VOCATIVE.match(words[0]):
        return True
    return len(words) <= _AGENDA_MAX_WORDS and bool(_AGENDA.search(sentence))


def _substance(source: str, start: int, end: int) -> tuple[int, int]:
    """The turn without its greetings and hand-overs at either end: "Good afternoon,
    everyone. I have one announcement at the top …" and "With that, … Admiral." go."""
    pieces = [(start + m.start(), start + m.end()) for m in _SENTENCE.finditer(source[start:end])
              if m.group().strip()]
    first, last = 0, len(pieces)
    while first < last and _is_procedural(source[pieces[first][0]:pieces[first][1]].strip()):
        first += 1
    while last > first and _is_procedural(source[pieces[last - 1][0]:pieces[last - 1][1]].strip()):
        last -= 1
    if first >= last:
        return start, start
    new_start, new_end = pieces[first][0], pieces[last - 1][1]
    while new_start < new_end and source[new_start].isspace():
        new_start += 1
    while new_end > new_start and source[new_end - 1].isspace():
        new_end -= 1
    return new_start, new_end


def _surname(label: str | None) -> str | None:
    if not label:
        return None
    words = label.split()
    return words[-1].title() if label.isupper() else words[-1]
