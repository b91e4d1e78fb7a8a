"""Small text helpers both renderers share: whitespace, word cuts and date wording."""

from __future__ import annotations

import re

from bot.answers import Answer, AnswerKind, QuoteItem, count_text

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
    """YYYY-MM-DD, and when the date is uncertain, that it is and why."""
    if not item.date_uncertain and item.date is not None:
        return item.date.isoformat()
    basis = f": {item.date_basis}" if item.date_basis else ""
    if item.date is None:
        return f"date uncertain{basis}"
    return f"{item.date.isoformat()} (date uncertain{basis})"


def speaker_text(item: QuoteItem) -> str:
    return f"{item.speaker}, {item.role}" if item.role else item.speaker


def status_parts(answer: Answer) -> list[str]:
    """Where the reader is in an answer ('Page 2/3', '12 statements'), worded once for both
    renderers' footers."""
    parts = []
    if answer.pages > 1:
        parts.append(f"Page {answer.page}/{answer.pages}")
    if answer.kind is AnswerKind.RESULTS and answer.total:
        parts.append(count_text(answer.total, "statement"))
    return parts
