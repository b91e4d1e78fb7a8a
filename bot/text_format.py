"""Small text helpers both renderers share: whitespace, word cuts and date wording."""

from __future__ import annotations

import re

from bot.answers import Answer, AnswerKind, QuoteItem, count_text
from search_index.search.timeline import day_label

ELLIPSIS = "…"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")


def one_line(text: str) -> str:
    """Collapse every run of whitespace (newlines included) to one space and drop control
    characters, so quoted text can neither start a new markdown block nor move a cursor."""
    return _SPACE.sub(" ", _CONTROL.sub("", text))


def cut_at_word(text: str, limit: int) -> str:
    """`text` if it fits, else its longest word-aligned prefix that fits with an ellipsis."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[:limit]
    head = text[: limit - len(ELLIPSIS)]
    if not text[len(head)].isspace():
        space = head.rfind(" ")
        if space >= len(head) // 2:  # a word longer than half the room is cut, not dropped
            head = head[:space]
    return head.rstrip(" ,;:-–—") + ELLIPSIS


def date_text(item: QuoteItem) -> str:
    """The date and what it rests on: 'said 10 Feb 2024' (a day the text gives), 'reported
    7 Nov 2024' (the report's date, the text giving no day), or 'date not stated (in an article
    of 7 Nov 2024)': an undated statement is never shown under another date."""
    if item.date is None:
        where = (f"in an article of {day_label(item.published)}" if item.published
                 else "the article's date is not known either")
        return f"date not stated ({where})"
    if item.date_reported:
        return f"reported {day_label(item.date)}"
    said = f"said {day_label(item.date)}"
    if item.date_uncertain and item.date_basis:
        return f"{said} (uncertain: {item.date_basis})"
    return said


# A source the article does not name stays as written, and says what kind of source it is, so
# "a senior official" is never read as somebody's name.
SOURCE_KIND_TEXT = {
    "unnamed": "source not named",
    "document": "a document",
    "group": "a group",
}


def speaker_text(item: QuoteItem) -> str:
    name = f"{item.speaker}, {item.role}" if item.role else item.speaker
    kind = SOURCE_KIND_TEXT.get(item.speaker_kind)
    return f"{name} ({kind})" if kind else name


def status_parts(answer: Answer) -> list[str]:
    """Where the reader is in an answer ('Page 2/3', '12 statements'), worded once for both
    renderers' footers."""
    parts = []
    if answer.pages > 1:
        parts.append(f"Page {answer.page}/{answer.pages}")
    if answer.kind is AnswerKind.RESULTS and answer.total:
        parts.append(count_text(answer.total, "statement"))
    return parts
