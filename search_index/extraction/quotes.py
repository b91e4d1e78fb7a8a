"""Find the quoted spans of an article's paragraphs.

News copy mixes every kind of mark (“ ” " ‘ ’ ' « » „), pairs a curly opening mark with a
straight closing one, runs a quote over paragraphs without closing the first, and sometimes
loses an opening mark altogether. A mark's role (opening or closing) is read from its context
(a space before and a letter after opens), the glyph only breaking ties, so mixed pairs come out
right. Single marks count only outside double-quoted text (nested quotes stay inside their
quote) and never between two letters (don't, Pakistan’s).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from search_index.models import Paragraph
from search_index.text.lexicon import CUE_FORMS

DOUBLE_MARKS = "“”\"«»„‟"
SINGLE_MARKS = "‘’'‚‛‹›"
_OPENING_GLYPHS = "“„«‟‘‚‹‛"
_CLOSING_GLYPHS = "”»’›"
_BEFORE_OPENING = " \t\n([{—–-/:"  # what may precede an opening mark
_AFTER_CLOSING = " \t\n.,;:!?)]}—–-…"  # what may follow a closing mark
_MAX_SINGLE_QUOTE_WORDS = 60  # a longer 'span' is two apostrophes, not a quote

# A closing mark with no opening mark before it still ends a quote when the attribution follows
# it at once: `…registered,” said Miller.` / `…” he said` / `…,” the statement added.`
_CUE_WORDS = "|".join(sorted(CUE_FORMS, key=len, reverse=True))
_ATTRIBUTION_AFTER = re.compile(
    rf"[,.!?]?\s*(?:(?:{_CUE_WORDS})\b|(?:[\w.'’-]+\s+){{0,5}}(?:{_CUE_WORDS})\b)",
    re.IGNORECASE,
)


class MarkRole(Enum):
    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"


@dataclass(frozen=True, slots=True)
class Mark:
    at: int  # offset in the article text
    role: MarkRole


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """The quoted words between two marks: start/end are offsets in the article text."""

    start: int
    end: int
    paragraph: int  # index of the paragraph the quote starts in
    last_paragraph: int
    opened: bool = True  # False when the opening mark was missing and inferred
    closed: bool = True  # False when the paragraph ended with the quote still open
    single: bool = False  # between single marks


def _classify(text: str, i: int, marks: str) -> MarkRole | None:
    char = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if char in SINGLE_MARKS and before.isalnum() and after.isalnum():
        return None  # an apostrophe inside a word
    opens = (before in _BEFORE_OPENING or before in marks) and not after.isspace()
    closes = not before.isspace() and (after in _AFTER_CLOSING or after in marks)
    if opens and not closes:
        return MarkRole.OPEN
    if closes and not opens:
        return MarkRole.CLOSE
    if char in "«»„":  # French and German marks are spaced inside; trust the glyph
        return MarkRole.OPEN if char in "«„" else MarkRole.CLOSE
    if opens and closes:
        if char in _OPENING_GLYPHS:
            return MarkRole.OPEN
        if char in _CLOSING_GLYPHS:
            return MarkRole.CLOSE
        return MarkRole.EITHER
    return None  # spaced on both sides: a stray mark or an inch sign


def _marks(text: str, offset: int, marks: str) -> list[Mark]:
    found: list[Mark] = []
    for i, char in enumerate(text):
        if char in marks:
            role = _classify(text, i, marks)
            if role is not None:
                found.append(Mark(offset + i, role))
    return found


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _starts_with_opening(paragraph: Paragraph, marks: list[Mark]) -> bool:
    return bool(marks) and marks[0].role is not MarkRole.CLOSE and (
        marks[0].at - paragraph.start <= len(paragraph.text) - len(paragraph.text.lstrip())
    )


def find_quotes(text: str, paragraphs: Sequence[Paragraph]) -> list[QuoteSpan]:
    """Every quoted span of the paragraphs, in reading order."""
    spans: list[QuoteSpan] = []
    double_marks = [_marks(p.text, p.start, DOUBLE_MARKS) for p in paragraphs]
    pending: tuple[int, int] | None = None  # (offset after the opening mark, paragraph index)
    for number, paragraph in enumerate(paragraphs):
        marks = double_marks[number]
        for position, mark in enumerate(marks):
            if pending is None:
                if mark.role is MarkRole.CLOSE:
                    if position == 0 and _ATTRIBUTION_AFTER.match(text, mark.at + 1):
                        start, end = _trimmed(text, paragraph.start, mark.at)
                        if end > start:
                            spans.append(QuoteSpan(start, end, number, number, opened=False))
                    continue
                pending = (mark.at + 1, number)
                continue
            if mark.role is MarkRole.OPEN:
                if pending[1] != number and position == 0:
                    continue  # a quote resumed in a new paragraph: the AP convention
                # two openings in a row: the first quote lost its closing mark
                start, end = _trimmed(text, pending[0], mark.at)
                if end > start:
                    spans.append(QuoteSpan(start, end, pending[1], number, closed=False))
                pending = (mark.at + 1, number)
                continue
            start, end = _trimmed(text, pending[0], mark.at)
            if end > start:
                spans.append(QuoteSpan(start, end, pending[1], number))
            pending = None
        if pending is not None:
            following = double_marks[number + 1] if number + 1 < len(paragraphs) else []
            carries = bool(following) and (
                following[0].role is not MarkRole.OPEN
                or _starts_with_opening(paragraphs[number + 1], following)
            )
            if not carries:
                start, end = _trimmed(text, pending[0], paragraph.end)
                if end > start:
                    spans.append(QuoteSpan(start, end, pending[1], number, closed=False))
                pending = None
    spans.extend(_single_quotes(text, paragraphs, spans))
    spans.sort(key=lambda span: span.start)
    return spans


def _single_quotes(text: str, paragraphs: Sequence[Paragraph],
                   doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-mark quotes outside double-quoted text ('mutual respect' in a headline)."""
    found: list[QuoteSpan] = []
    for number, paragraph in enumerate(paragraphs):
        inside = [(s.start, s.end) for s in doubles
                  if s.start < paragraph.end and s.end > paragraph.start]
        marks = [m for m in _marks(paragraph.text, paragraph.start, SINGLE_MARKS)
                 if not any(a - 1 <= m.at <= b for a, b in inside)]
        opening: int | None = None
        for mark in marks:
            if opening is None:
                if mark.role is not MarkRole.CLOSE and not re.match(r"\d0s\b", text[mark.at + 1:]):
                    opening = mark.at + 1
                continue
            if mark.role is MarkRole.OPEN:
                opening = mark.at + 1
                continue
            start, end = _trimmed(text, opening, mark.at)
            words = len(text[start:end].split())
            if end > start and words <= _MAX_SINGLE_QUOTE_WORDS:
                found.append(QuoteSpan(start, end, number, number, single=True))
            opening = None
    return found
