"""The article's own date: how sure each way of knowing it is, and the lines that give it
(a 'Published ...' line, a briefing's title, a date at the head of the body, the dateline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from search_index.articles.furniture import TERMINAL, stated_dates, word_count
from search_index.models import DateBasis
from search_index.text.dates import find_date_expressions

# Confidence of each way of knowing the article's date (see DateBasis).
CONFIDENCE = {
    DateBasis.SIDECAR: 1.0,
    DateBasis.PUBLISHED_LINE: 0.95,
    DateBasis.STATED: 0.9,
    DateBasis.DATELINE: 0.9,
    DateBasis.DAY_WEEKDAY: 0.7,
    DateBasis.MASTHEAD: 0.2,
}
EVENT_DATE_CONFIDENCE = 0.7  # a caption's or first paragraph's date: the event, not the page
# "Department Press Briefing – March 14, 2024": a briefing's title gives the day it was held,
# which is the day every word of its transcript was said.
BRIEFING_DATE_CONFIDENCE = 0.9
BRIEFING_TITLE = re.compile(
    r"\b(?:briefing|press conference|news conference|media talk|press availability|gaggle"
    r"|transcript|remarks (?:by|to|at|with|before))\b",
    re.IGNORECASE,
)
# 'ISLAMABAD, Nov 7 (APP):' gives the day, not the year: below what callers trust as an anchor.
_YEARLESS_DATELINE_CONFIDENCE = 0.4
# A masthead a day or two after a year-less dateline's day is that story's page: the two agree.
_MASTHEAD_AGREES_DAYS = 2
_MASTHEAD_AGREES_CONFIDENCE = 0.7
# "ISLAMABAD:" alone on the line above the body
DATELINE_ALONE = re.compile(
    r"^(?P<place>[A-Z][A-Z.’'\-]*(?: [A-Z][A-Z.’'\-]*){0,3})\s*(?:\((?P<agency>[^)]{2,30})\))?"
    r"\s*[:—–-]$"
)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.’'\-]*(?: [A-Z][A-Z.’'\-]*){0,3})"
    r"(?:\s*,\s*(?P<extra>[A-Z][\w.]*(?:,? [\w.]+){0,4}?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&]{1,30})\))?"
    r"\s*(?::|—|–|-{1,2})\s+(?=\S)"
)


# Labels in transcripts and news copy that look like a dateline but are not a place.
NOT_PLACES = frozenset({
    "MR", "MS", "MRS", "DR", "Q", "A", "QUESTION", "ANSWER", "MODERATOR", "OPERATOR",
    "SPOKESPERSON", "SPOKESMAN", "SPOX", "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS",
    "WATCH", "LIVE", "FILE", "PHOTO", "NOTE", "EDITOR'S", "EDITORS", "OPINION", "COMMENT",
    "EDITORIAL", "TRANSCRIPT", "PARTICIPANT", "PARTICIPANTS", "AMBASSADOR", "SECRETARY",
    "PRESIDENT", "MINISTER", "SENATOR", "CHAIRMAN", "REPORTER", "JOURNALIST", "GENERAL",
    "ADMIRAL", "COLONEL", "CAPTAIN", "PRIME", "FOREIGN", "DEPUTY", "UNDER", "ASSISTANT",
    "BRIGADIER", "BRIG", "MAJOR", "MAJ", "LIEUTENANT", "LT", "REAR", "VICE", "GEN", "ADM", "COL",
    "CAPT", "COMMANDER", "SEN", "GOV", "GOVERNOR", "MAYOR", "DIRECTOR", "PRESS",
})
# "date 2024-02-10 In a statement ...": a date label glued to the start of the body text.
_LEADING_DATE_LABEL = re.compile(
    r"^(?:(?:date[d:]?|posted(?: on)?|published(?: on)?|updated(?: on)?)\s*:?\s*)?", re.IGNORECASE
)


def published_date(text: str) -> date | None:
    """The date a 'Published ... Updated ...' line gives for publication (not the update)."""
    found = stated_dates(text)
    if not found:
        return None
    word = re.search(r"\b(?:published|posted)\b", text, re.IGNORECASE)
    if word:
        after = [r for r in found if r.start >= word.end()]
        if after:
            return after[0].date
    return found[0].date


@dataclass
class Dating:
    published: date | None = None
    basis: DateBasis = DateBasis.UNKNOWN
    confidence: float = 0.0

    def offer(self, value: date | None, basis: DateBasis, confidence: float) -> None:
        if value is not None and confidence > self.confidence:
            self.published, self.basis, self.confidence = value, basis, confidence

    def masthead_only(self, masthead: date | None) -> None:
        """A page whose only date is its masthead has no date of its own: the masthead is the
        day the page was printed or viewed (an archive shows today's date over a 2017 story).
        It is kept with its basis and no confidence, so answers can say "the page is dated
        …", and nothing dates a statement or an article by it."""
        if self.published is None and masthead is not None:
            self.published, self.basis, self.confidence = masthead, DateBasis.MASTHEAD, 0.0


def is_briefing_title(text: str) -> bool:
    return (word_count(text) <= 30 and not TERMINAL.search(text)
            and bool(BRIEFING_TITLE.search(text)))


def briefing_confidence(title: str) -> float:
    return BRIEFING_DATE_CONFIDENCE if is_briefing_title(title) else EVENT_DATE_CONFIDENCE


def leading_date(text: str) -> tuple[date, int] | None:
    """A full date at the very start of the body (after an optional 'date' label)."""
    label = _LEADING_DATE_LABEL.match(text)
    offset = label.end() if label else 0
    head = text[offset: offset + 40]
    found = find_date_expressions(head, None)
    if not found or found[0].start != 0 or found[0].basis != DateBasis.STATED:
        return None
    cut = offset + found[0].end
    rest = text[cut:]
    cut += len(rest) - len(rest.lstrip(" \t\xa0,|:-–—"))
    return found[0].date, cut  # type: ignore[return-value]


_DatedBy = tuple[date | None, DateBasis, float]


def read_dateline(text: str, near: date | None, masthead: date | None = None
                  ) -> tuple[str | None, str | None, _DatedBy | None]:
    """'WASHINGTON, March 3 (AP) — ...' -> ('WASHINGTON', 'AP', the date if any).

    A year-less dateline takes its year from the page's own date (`near`), or from the
    masthead only where the masthead agrees with it: "BEIJING, Nov. 19" under a page dated
    2024-11-19 is that day, while "KABUL, Oct 4" under today's date on an archive page is a
    day of no known year."""
    m = _DATELINE.match(text)
    if not m:
        return None, None, None
    place = m.group("place").strip(" .-")
    if len(re.sub(r"[^A-Z]", "", place)) < 3 or place.split()[0].rstrip(".") in NOT_PLACES:
        return None, None, None
    agency = m.group("agency")
    extra = m.group("extra") or ""
    found: _DatedBy | None = None
    stated = stated_dates(extra)
    if stated:
        found = (stated[0].date, DateBasis.DATELINE, CONFIDENCE[DateBasis.DATELINE])
    elif near is not None:
        # "WASHINGTON, March 3 (AP)" under "Published March 4, 2024": the year from the page's
        # own date. With none, the year is unknown and the dateline dates nothing.
        month_day = [r for r in find_date_expressions(extra, near) if r.date is not None]
        if month_day:
            found = (month_day[0].date, DateBasis.DATELINE, _YEARLESS_DATELINE_CONFIDENCE)
    elif masthead is not None:
        month_day = [r for r in find_date_expressions(extra, masthead) if r.date is not None]
        if month_day and 0 <= (masthead - month_day[0].date).days <= _MASTHEAD_AGREES_DAYS:
            found = (month_day[0].date, DateBasis.DATELINE, _MASTHEAD_AGREES_CONFIDENCE)
    return place, agency.strip() if agency else None, found
