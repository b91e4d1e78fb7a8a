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
    r"\.?\s+(?P<surname>[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){0,2}))\s*:[*_\]]*\s*"
)
# "Matthew Miller (00:04):" as transcription services print it
_TIMED_LABEL = re.compile(
    r"^\s*(?P<label>(?P<surname>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}))\s*"
    r"\((?:\d{1,2}:)?\d{1,2}:\d{2}\)\s*:\s*"
)
_QUESTION_LABEL = re.compile(r"^\s*(?:QUESTION|Q|QUESTIONER|REPORTER|JOURNALIST)\s*[:.]\s*",
                             re.I)
# Labels in capitals as government transcript pages print them: "PREMIER DANIEL FORSYTH:",
# "ANNA LEE, PRIME MINISTER:", "MINISTER FOR HEALTH, KATE LIND:", then "PREMIER:" (the role
# alone once the full label has named who holds it) and "LIND:" (the surname alone).
_CAPS_LABEL = re.compile(
    r"^\s*(?P<label>[A-Z][A-Z.'’\-]*(?:,?[ \t]+[A-Z][A-Z.'’\-]*){0,8})[ \t\xa0]*:[*_\]]*\s*(?=\S)")
# Words of a title that may stand before a name in such a label.
_LABEL_TITLES = frozenset({
    "PREMIER", "PRIME", "MINISTER", "DEPUTY", "TREASURER", "CHIEF", "PRESIDENT", "VICE",
    "SECRETARY", "GOVERNOR", "MAYOR", "SENATOR", "LEADER", "SPEAKER", "ATTORNEY-GENERAL",
    "ATTORNEY", "GENERAL", "COMMISSIONER", "CHANCELLOR", "ACTING", "SHADOW", "THE", "HON",
    "HONOURABLE", "DR", "DR.", "MR", "MR.", "MS", "MS.", "MRS", "MRS.", "ASSISTANT", "FEDERAL",
    "STATE", "OPPOSITION", "CHAIR", "CHAIRMAN", "CHAIRWOMAN", "DIRECTOR", "SPOKESPERSON",
    "SPOKESMAN", "SPOKESWOMAN", "AMBASSADOR", "MEMBER", "SENIOR", "JUNIOR", "FOREIGN",
})
# Roles that ask rather than answer: an interviewer's turns are not statements.
_ASKING_ROLES = frozenset({"HOST", "INTERVIEWER", "PRESENTER", "MODERATOR", "JOURNALIST",
                           "REPORTER", "QUESTION", "QUESTIONER", "ANCHOR", "CO-HOST"})
# Capitals and a colon that label no speaker.
_NOT_SPEAKERS = frozenset({"NOTE", "UPDATE", "CORRECTION", "WARNING", "TOPICS", "TOPIC", "ENDS",
                           "SOURCE", "TRANSCRIPT", "LOCATION", "SUBJECT", "SUBJECTS", "EDITOR'S",
                           "EDITOR’S", "CONTACT", "MEDIA", "E&OE", "WATCH", "READ", "LISTEN",
                           "RELATED", "ALSO", "PHOTO", "VIDEO", "CAPTION", "BREAKING", "EXCLUSIVE",
                           "LIVE", "ANALYSIS", "OPINION", "EXPLAINER", "FACT", "CHECK", "TIMELINE",
                           "DISCLAIMER", "ADVERTISEMENT", "TAGS", "KEYWORDS"})
_ANSWER_LINE = re.compile(r"^\s*(?:Answer|Reply|Response|A)\s*[:.]?\s*$", re.I)
_QUESTION_LINE = re.compile(r"^\s*(?:Question|Q)\s*[:.]?\s*$", re.I)
_ANSWER_INLINE = re.compile(r"^\s*(?:Answer|A)\s*:\s*", re.I)
# "Q. … / A. …" as printed interviews set them: "A." then a sentence, never an initial ("A. R.")
_ANSWER_DOTTED = re.compile(r"^\s*A\.[ \t]+(?=[A-Z][a-z']|I\b)")
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
    """An official's answer turn: the words, and the label's surname (None for `Answer`).
    A label in capitals may also give the full name ("PREMIER DANIEL FORSYTH:") or only the
    role ("PREMIER:"), in title case."""

    start: int  # offsets in the article text
    end: int
    paragraph: int  # position of the turn's first paragraph
    label: str | None
    surname: str | None
    name: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class _CapsLabel:
    name: str | None  # the full name in title case, when the label gives two words or more
    surname: str | None
    role: str | None
    asks: bool  # an interviewer's label
    strong: bool  # a title or a full name: enough to call a page a transcript


def title_case(words: str) -> str:
    """ "MINISTER FOR HEALTH" -> "Minister for Health", "KATE O'NEIL" -> "Kate O'Neil"."""
    out = []
    for word in words.split():
        lower = word.lower()
        if lower in {"for", "of", "the", "and"} and out:
            out.append(lower)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in lower.split("-")))
    return re.sub(r"(['’])(\w)", lambda m: m.group(1) + m.group(2).upper(), " ".join(out))


def _caps_label(label: str) -> _CapsLabel | None:
    """Read "ROLE, NAME", "NAME, ROLE", "TITLE NAME", "ROLE" or "SURNAME" in capitals."""
    parts = [p.split() for p in label.split(",") if p.strip()]
    if not parts or len(parts) > 2 or parts[0][0] in _NOT_SPEAKERS:
        return None
    role_words: list[str] = []
    name_words: list[str] = []
    if len(parts) == 2:
        first_is_role = parts[0][0] in _LABEL_TITLES or parts[0][0] in _ASKING_ROLES
        role_words, name_words = (parts[0], parts[1]) if first_is_role else (parts[1], parts[0])
    else:
        words = parts[0]
        k = 0
        while k < len(words) and words[k] in _LABEL_TITLES | _ASKING_ROLES:
            k += 1
        # "MINISTER FOR HEALTH": a portfolio after for/of belongs to the title
        if k < len(words) and words[k] in {"FOR", "OF"} and k > 0:
            k = len(words)
        role_words, name_words = words[:k], words[k:]
    if role_words and role_words[0] == "THE":
        role_words = role_words[1:]
    asks = any(w in _ASKING_ROLES for w in role_words + name_words)
    role = title_case(" ".join(role_words)) if role_words else None
    if len(name_words) > 4:
        return None
    name = title_case(" ".join(name_words)) if len(name_words) >= 2 else None
    surname = title_case(name_words[-1]) if name_words else None
    if surname is not None and len(re.sub(r"[^A-Za-z]", "", surname)) < 2:
        return None
    if name is None and surname is None and role is None:
        return None
    return _CapsLabel(name, surname, role, asks, strong=bool(role) or name is not None)


def _label(paragraph: Paragraph) -> tuple[str, str | None, int] | None:
    """(role of the turn, surname, length of the label) for a labelled paragraph."""
    found = _read_label(paragraph)
    return None if found is None else found[:3]


# Emphasis or brackets a page prints around a label: "*** MR. RHODES: ***", "[Q:]".
_BANNER_HEAD = re.compile(r"^[ \t\xa0*_#\[|>=~•·]+(?=[A-Z])")
_BANNER_TAIL = re.compile(r"[ \t\xa0*_\]|=~]*\s*")


def _read_label(paragraph: Paragraph
                ) -> tuple[str, str | None, int, _CapsLabel | None] | None:
    """The label of a turn, a banner around it included in its length."""
    head = _BANNER_HEAD.match(paragraph.text)
    if head is None:
        return _read_bare_label(paragraph.text)
    found = _read_bare_label(paragraph.text[head.end():])
    if found is None:
        return None
    kind, name, end, caps = found
    end += head.end()
    tail = _BANNER_TAIL.match(paragraph.text, end)
    return kind, name, tail.end() if tail else end, caps


def _read_bare_label(text: str) -> tuple[str, str | None, int, _CapsLabel | None] | None:
    for pattern in (_OFFICIAL_LABEL, _TIMED_LABEL):
        match = pattern.match(text)
        if match:
            return "official", match.group("surname"), match.end(), None
    match = _SPOKESPERSON_LABEL.match(text)
    if match:
        return "answer", None, match.end(), None
    if _STAGE_DIRECTION.match(text):
        return "note", None, len(text), None
    match = _QUESTION_LABEL.match(text)
    if match:
        return "question", None, match.end(), None
    if _QUESTION_LINE.match(text):
        return "question", None, len(text), None
    if _ANSWER_LINE.match(text):
        return "answer", None, len(text), None
    match = _ANSWER_INLINE.match(text) or _ANSWER_DOTTED.match(text)
    if match:
        return "answer", None, match.end(), None
    match = _CAPS_LABEL.match(text)
    if match:
        caps = _caps_label(match.group("label"))
        if caps is not None:
            kind = "question" if caps.asks else ("official" if caps.strong else "surname")
            return kind, caps.surname, match.end(), caps
    return None


def has_turn_label(paragraph: Paragraph) -> bool:
    """Whether the paragraph opens with a speaker or question label."""
    return _label(paragraph) is not None


def labelled_roles(paragraphs: Sequence[Paragraph]) -> dict[str, str]:
    """Name -> role of every label in capitals that gives both ("DANIEL WHITCOMBE, MINISTER
    FOR HOME AFFAIRS:"), greeting turns included: a later "MINISTER:" points back to it even
    when the only words under the full label were "Good morning"."""
    roles: dict[str, str] = {}
    for paragraph in paragraphs:
        found = _read_label(paragraph)
        caps = found[3] if found is not None else None
        if caps is not None and caps.name and caps.role and not caps.asks:
            roles[caps.name] = caps.role
    return roles


def is_transcript(paragraphs: Sequence[Paragraph]) -> bool:
    """Two official or answer turns and a question: a briefing transcript, not a story."""
    kinds = [label[0] for p in paragraphs if (label := _label(p)) is not None]
    answers = sum(1 for k in kinds if k in {"official", "answer"})
    # "LIND:" alone counts once a stronger label shows the page is a transcript (a story's
    # "ISLAMABAD:" dateline is such a word too)
    answers += sum(1 for k in kinds if k == "surname") if answers else 0
    questions = kinds.count("question")
    return questions >= 1 and (answers >= 2 or (answers >= 1 and "answer" in kinds))


def answer_turns(source: str, paragraphs: Sequence[Paragraph]) -> list[Turn]:
    """The officials' turns, each running until the next label, procedural turns left out."""
    turns: list[Turn] = []
    current: tuple[str, str | None, int, int, int] | None = None  # kind, surname, start, end, p
    caps: _CapsLabel | None = None  # the current turn's label, when it is one in capitals
    askers: set[str] = set()  # surnames of interviewers: "REID:" after "SAM REID, HOST:"
    dotted_end: int | None = None  # end of the current turn's paragraph when labelled "A."

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
            if caps is not None:
                turns.append(Turn(start, end, position, caps.name or caps.role or caps.surname,
                                  caps.surname, caps.name, caps.role))
                return
            label = name if kind == "official" else None
            turns.append(Turn(start, end, position, label, _surname(name)))

    for position, paragraph in enumerate(paragraphs):
        label = _read_label(paragraph)
        if label is not None:
            close()
            kind, name, length, caps = label
            kind = "official" if kind == "surname" else kind
            if caps is not None and caps.surname:
                if caps.asks:
                    askers.add(caps.surname)
                elif not caps.role and caps.surname in askers:
                    kind = "question"
            # "A. …" printed interviews: the last answer ends with its paragraph, and the
            # story's closing lines ("Tanabe, 58, joined the bank in …") are not its words
            dotted_end = paragraph.end if _ANSWER_DOTTED.match(paragraph.text) else None
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
    if current is not None and dotted_end is not None and current[2] >= 0:
        current = (current[0], current[1], current[2], dotted_end, current[4])
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
