"""Dates of speech: find the date expressions in a text and resolve them against an anchor.

The anchor is the article's own date. Expressions that carry their own year ("November 7, 2024")
keep a high confidence whatever the anchor; everything else ("on Tuesday", "a day ago",
"on December 15") is only as good as the anchor, so its confidence is scaled by the anchor's.
Expressions that name a period rather than a day ("last week", "in August this year") resolve to
no date: we never invent a day, but we say which period was meant.

Which of a sentence's dates is the day its words were said is `speech_dates`' job.

The module is over 400 lines because the expression grammar (`_FORMS`) and the table of
resolvers that reads each form (`_ANY_ANCHOR`, `_NEEDS_ANCHOR`) are one thing: every form has
its resolver beside it, each a few lines.

Why hand-written and not `dateparser` or `python-dateutil` (measured on this machine, 14
expressions from the seeds' styles, anchor Friday 2024-11-29): `dateparser.parse` takes 4.0 ms
an expression against 0.085 ms here, and `dateparser.search.search_dates` 475 ms for one
sentence against 0.79 ms, so a PolNeAR article would take seconds; it also narrows "last week"
to one day (2024-11-22), which this module must never do, and reads "earlier in the day" as
nothing. `dateutil.parser` is as fast as this code on a full date, but reads "on Tuesday" and
a year-less "December 20" into the article's future, fails on "yesterday" and "a day ago", and
its fuzzy mode returns one date per sentence where a sentence holds several. Both agree with
this module on full dates ("Nov. 7, 2024", "15.02.2022"), which the regular expressions here
must find in running text anyway.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from search_index.models import DateBasis

Granularity = Literal["day", "week", "month", "year"]

# How far past the anchor a year-less "December 20" may fall before we read it as last year's:
# articles are often dated a day or two after the events they report, and clocks differ.
MONTH_DAY_SLACK_DAYS = 7

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}
_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "a few": 3, "few": 3, "several": 3,
}

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_WD_FULL = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WD_ANY = (
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.?"
)
_YEAR_WORD = r"(?:\s+(?P<yearword>this|last|next)\s+year)"
_NUMBER = (
    r"(?P<n>\d{1,2}|a couple of|a few|an|a|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|several)"
)

_F = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _F)


# Each form: (kind, regex). Ranks decide overlaps: the more precise reading of a span wins.
_ISO = _rx(r"\b(?P<year>(?:19|20)\d\d)[-/](?P<mnum>[01]?\d)[-/](?P<day>[0-3]?\d)\b")
_MDY = _rx(
    rf"\b(?:{_WD_ANY},?\s+)?{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}"
)
_DMY = _rx(
    rf"\b(?:{_WD_ANY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"
)
# "12-Jul-2024", "05-Mar-2023": the day, the month's name and the year joined by hyphens, as
# sports and wire pages print a story's date.
_DMY_HYPHENATED = _rx(rf"\b{_DAY}-{_MONTH}-{_YEAR}")
# "15.02.2022" (day first wherever dots are used), "09/07/2021" (US pages: month first).
_NUMERIC = _rx(
    r"(?<![\w./])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)"
    r"(?![\d./])"
)
# A US time zone beside a slashed date says the page writes the month first.
_US_ZONE = re.compile(r"\b(?:[ECMP][SD]T|ET|PT|CT)\b")
_MD_WD = _rx(rf"\b{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+)(?:on\s+)?{_WD_FULL}\b")
_DM_WD = _rx(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:\s*,\s*|\s+)(?:on\s+)?{_WD_FULL}\b")
_WD_MD = _rx(rf"\b{_WD_FULL},?\s+(?:the\s+)?{_MONTH}\s+{_DAY}")
_WD_DM = _rx(rf"\b{_WD_FULL},?\s+(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}")
_MD = _rx(rf"\b{_MONTH}\s+{_DAY}{_YEAR_WORD}?")
_DM = _rx(rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR_WORD}?")
_MONTH_YEAR = _rx(rf"\b(?:(?:in|since|during|by|until|early|late|mid-?)\s+)?{_MONTH},?\s+{_YEAR}")
_MONTH_REL = _rx(rf"\b(?:(?:in|during|since|early|late|mid-?)\s+){_MONTH}{_YEAR_WORD}?(?!\s*\d)")
_MONTH_REL2 = _rx(rf"\b{_MONTH}{_YEAR_WORD}")
_WEEKDAY = _rx(
    r"\b(?:(?P<mod>last|this past|past|earlier on|earlier|late on|early on|on|next|this|"
    r"previous)\s+)?"
    rf"{_WD_FULL}(?:'s|’s)?(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
)
_TODAY = _rx(
    r"\b(?:(?:earlier|later)\s+(?:today|in\s+the\s+day)|today|tonight"
    r"|this\s+(?:morning|afternoon|evening))\b"
    # "BBC Radio 4's Today programme" is a title, not a day
    r"(?!\s+(?:programme|program|show)\b)"
)
_YESTERDAY = _rx(r"\b(?:the\s+day\s+before\s+yesterday|yesterday|last\s+night)\b")
# "said a day earlier": the day before the story's own day
_DAY_EARLIER = _rx(r"\b(?:(?:a|one|the)\s+day\s+(?:earlier|before)(?!\s+yesterday)"
                   r"|the\s+previous\s+day|the\s+day\s+prior)\b")
_DAYS_AGO = _rx(rf"\b{_NUMBER}\s+days?\s+ago\b")
_WEEKS_AGO = _rx(rf"\b{_NUMBER}\s+weeks?\s+ago\b")
_WEEK = _rx(
    r"\b(?P<which>last\s+week|this\s+week|earlier\s+this\s+week|earlier\s+in\s+the\s+week"
    r"|the\s+previous\s+week|past\s+week)\b"
)
_MONTH_WORD = _rx(
    r"\b(?P<which>last\s+month|this\s+month|earlier\s+this\s+month|earlier\s+in\s+the\s+month"
    r"|the\s+previous\s+month|past\s+month)\b"
)
_YEAR_PERIOD = _rx(r"\b(?P<which>last\s+year|earlier\s+this\s+year|this\s+year)\b")


@dataclass(frozen=True)
class DateResolution:
    """One date expression and what it resolves to.

    `date` is None when the expression names a period (a week, a month) or cannot be resolved
    without an anchor; `period_start`/`period_end` then say which days it may cover, if known.
    """

    date: datetime.date | None
    basis: DateBasis
    confidence: float
    start: int
    end: int
    expression: str
    granularity: Granularity = "day"
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None


@dataclass(frozen=True)
class _Candidate:
    rank: int  # precision of the form: overlaps keep the higher rank, then the longer span
    start: int
    end: int
    kind: str
    match: re.Match[str]
    month_first: bool = False  # a slashed numeric date on a page that writes months first


_FORMS: list[tuple[int, str, re.Pattern[str]]] = [
    (5, "iso", _ISO),
    (5, "full", _MDY),
    (5, "full", _DMY),
    (5, "full", _DMY_HYPHENATED),
    (5, "numeric", _NUMERIC),
    (4, "day-weekday", _MD_WD),
    (4, "day-weekday", _DM_WD),
    (4, "day-weekday", _WD_MD),
    (4, "day-weekday", _WD_DM),
    (3, "month-day", _MD),
    (3, "month-day", _DM),
    (2, "month-year", _MONTH_YEAR),
    (2, "month-rel", _MONTH_REL),
    (2, "month-rel", _MONTH_REL2),
    (2, "today", _TODAY),
    (2, "yesterday", _YESTERDAY),
    (2, "day-earlier", _DAY_EARLIER),
    (2, "days-ago", _DAYS_AGO),
    (1, "weeks-ago", _WEEKS_AGO),
    (1, "week", _WEEK),
    (1, "month-word", _MONTH_WORD),
    (1, "year-period", _YEAR_PERIOD),
    (1, "weekday", _WEEKDAY),
]


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def current_date() -> datetime.date:
    """Today, the latest a year-less date may fall; one function so tests can pin it."""
    return datetime.date.today()


def year_for_weekday(
    month: int,
    day: int,
    weekday: int,
    near: datetime.date | None = None,
    not_after: datetime.date | None = None,
) -> int | None:
    """The year in which `month`/`day` falls on `weekday` (0 = Monday).

    With `near`, the year whose date lies closest to it (the calendar repeats within 28 years,
    so we look that far either side). Without it, the latest such year whose date is not after
    `not_after` (today by default).
    """
    if near is not None:
        best: tuple[int, int] | None = None
        for year in range(near.year - 28, near.year + 29):
            candidate = _safe_date(year, month, day)
            if candidate is None or candidate.weekday() != weekday:
                continue
            distance = abs((candidate - near).days)
            if best is None or distance < best[0]:
                best = (distance, year)
        return best[1] if best else None
    limit = not_after or current_date()
    for year in range(limit.year, limit.year - 60, -1):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= limit and candidate.weekday() == weekday:
            return year
    return None


def latest_weekday(anchor: datetime.date, weekday: int, *, strictly_before: bool) -> datetime.date:
    """The latest `weekday` on or before `anchor` (strictly before it when asked)."""
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return anchor - datetime.timedelta(days=back)


def _month_of(match: re.Match[str]) -> int:
    return _MONTHS[match.group("month").lower().rstrip(".")]


def _week_period(anchor: datetime.date, which: str) -> tuple[datetime.date, datetime.date]:
    monday = anchor - datetime.timedelta(days=anchor.weekday())
    if which.startswith(("last", "the previous", "past")):
        if which.startswith("past"):
            return anchor - datetime.timedelta(days=7), anchor
        return monday - datetime.timedelta(days=7), monday - datetime.timedelta(days=1)
    if which.startswith("earlier"):
        return monday, max(monday, anchor - datetime.timedelta(days=1))
    return monday, anchor


def _month_period(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, month, 1)
    next_first = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return first, next_first - datetime.timedelta(days=1)


def _year_shift(match: re.Match[str]) -> int | None:
    """-1/0/+1 for 'last/this/next year' after a month, None when absent."""
    word = match.groupdict().get("yearword")
    if not word:
        return None
    return {"last": -1, "this": 0, "next": 1}[word.lower()]


# -- resolving: one small function per form, looked up in a table --------------------------------
# Each resolver reads one kind of expression against the anchor (the article's date) and its
# confidence `ac` (0 without an anchor). Only forms that carry their own year are read without
# an anchor; the rest say which period they mean, or nothing.
_Resolver = Callable[["_Candidate", "datetime.date | None", float, dict[str, object]],
                     "DateResolution | None"]
_DAY = datetime.timedelta(days=1)


def _full(cand: _Candidate, anchor: datetime.date | None, ac: float,
          base: dict[str, object]) -> DateResolution | None:
    m = cand.match
    month = int(m.group("mnum")) if cand.kind == "iso" else _month_of(m)
    value = _safe_date(int(m.group("year")), month, int(m.group("day")))
    if value is None:
        return None
    wd = m.groupdict().get("wd")
    # A weekday that contradicts the date is a typo somewhere: keep the date, trust it less.
    consistent = wd is None or _WEEKDAYS[wd.lower().rstrip(".")] == value.weekday()
    return DateResolution(value, DateBasis.STATED, 0.95 if consistent else 0.7, **base)


def _numeric(cand: _Candidate, anchor: datetime.date | None, ac: float,
             base: dict[str, object]) -> DateResolution | None:
    value = _numeric_date(cand.match, cand.month_first)
    return None if value is None else DateResolution(value, DateBasis.STATED, 0.9, **base)


def _day_weekday(cand: _Candidate, anchor: datetime.date | None, ac: float,
                 base: dict[str, object]) -> DateResolution | None:
    m = cand.match
    month, day = _month_of(m), int(m.group("day"))
    year = year_for_weekday(month, day, _WEEKDAYS[m.group("wd").lower()], near=anchor)
    if year is None:
        return None
    value = datetime.date(year, month, day)
    if anchor is None:
        confidence = 0.7
    elif abs((value - anchor).days) <= 366:
        confidence = 0.6 + 0.3 * ac
    else:
        confidence = 0.5
    return DateResolution(value, DateBasis.DAY_WEEKDAY, confidence, **base)


def _month_day(cand: _Candidate, anchor: datetime.date | None, ac: float,
               base: dict[str, object]) -> DateResolution | None:
    m = cand.match
    month, day = _month_of(m), int(m.group("day"))
    if _safe_date(2024, month, day) is None:  # 2024: a leap year, so Feb 29 is allowed
        return None
    if anchor is None:
        return DateResolution(None, DateBasis.MONTH_DAY, 0.0, **base)
    shift = _year_shift(m)
    if shift is not None:
        value = _safe_date(anchor.year + shift, month, day)
    else:
        # never into the article's future beyond a few days: "December 20" read in a January
        # story is last December's
        value = _safe_date(anchor.year, month, day)
        if value is not None and (value - anchor).days > MONTH_DAY_SLACK_DAYS:
            value = _safe_date(anchor.year - 1, month, day)
    if value is None:
        return None
    return DateResolution(value, DateBasis.MONTH_DAY, round(0.9 * ac, 3), **base)


def _month(cand: _Candidate, anchor: datetime.date | None, ac: float,
           base: dict[str, object]) -> DateResolution | None:
    m = cand.match
    month = _month_of(m)
    if cand.kind == "month-year":
        year = int(m.group("year"))
        confidence = 0.9
    elif anchor is None:
        return DateResolution(None, DateBasis.RELATIVE, 0.0, granularity="month", **base)
    else:
        shift = _year_shift(m)
        year = anchor.year + (shift or 0)
        if shift is None and month > anchor.month:
            year -= 1  # "in August" read in March means last August
        confidence = round(0.8 * ac, 3)
    start, end = _month_period(year, month)
    return DateResolution(None, DateBasis.RELATIVE, confidence, granularity="month",
                          period_start=start, period_end=end, **base)


def _today(cand: _Candidate, anchor: datetime.date, ac: float,
           base: dict[str, object]) -> DateResolution | None:
    return DateResolution(anchor, DateBasis.RELATIVE, round(0.95 * ac, 3), **base)


def _yesterday(cand: _Candidate, anchor: datetime.date, ac: float,
               base: dict[str, object]) -> DateResolution | None:
    back = 2 if "before" in cand.match.group(0).lower() else 1
    return DateResolution(anchor - back * _DAY, DateBasis.RELATIVE, round(0.9 * ac, 3), **base)


def _day_earlier(cand: _Candidate, anchor: datetime.date, ac: float,
                 base: dict[str, object]) -> DateResolution | None:
    # counted from the article's day, which the story's day may not be
    return DateResolution(anchor - _DAY, DateBasis.RELATIVE, round(0.75 * ac, 3), **base)


def _days_ago(cand: _Candidate, anchor: datetime.date, ac: float,
              base: dict[str, object]) -> DateResolution | None:
    n = _count(cand.match.group("n"))
    confidence = 0.85 if n == 1 else 0.75
    return DateResolution(anchor - n * _DAY, DateBasis.RELATIVE, round(confidence * ac, 3),
                          **base)


def _weeks_ago(cand: _Candidate, anchor: datetime.date, ac: float,
               base: dict[str, object]) -> DateResolution | None:
    middle = anchor - datetime.timedelta(weeks=_count(cand.match.group("n")))
    return DateResolution(None, DateBasis.RELATIVE, round(0.3 * ac, 3), granularity="week",
                          period_start=middle - 3 * _DAY, period_end=middle + 3 * _DAY, **base)


def _week(cand: _Candidate, anchor: datetime.date, ac: float,
          base: dict[str, object]) -> DateResolution | None:
    start, end = _week_period(anchor, cand.match.group("which").lower())
    return DateResolution(None, DateBasis.RELATIVE, round(0.3 * ac, 3), granularity="week",
                          period_start=start, period_end=end, **base)


def _month_word(cand: _Candidate, anchor: datetime.date, ac: float,
                base: dict[str, object]) -> DateResolution | None:
    if cand.match.group("which").lower().startswith(("last", "the previous", "past")):
        last_month_end = anchor.replace(day=1) - _DAY
        start, end = _month_period(last_month_end.year, last_month_end.month)
    else:
        start, end = anchor.replace(day=1), anchor
    return DateResolution(None, DateBasis.RELATIVE, round(0.2 * ac, 3), granularity="month",
                          period_start=start, period_end=end, **base)


def _year_period(cand: _Candidate, anchor: datetime.date, ac: float,
                 base: dict[str, object]) -> DateResolution | None:
    last = cand.match.group("which").lower().startswith("last")
    year = anchor.year - 1 if last else anchor.year
    return DateResolution(None, DateBasis.RELATIVE, round(0.2 * ac, 3), granularity="year",
                          period_start=datetime.date(year, 1, 1),
                          period_end=datetime.date(year, 12, 31), **base)


def _weekday(cand: _Candidate, anchor: datetime.date, ac: float,
             base: dict[str, object]) -> DateResolution | None:
    m = cand.match
    weekday = _WEEKDAYS[m.group("wd").lower()]
    mod = (m.group("mod") or "").lower()
    if mod == "next":
        value = anchor + datetime.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)
        confidence = 0.6
    else:
        strictly = mod in ("last", "previous", "this past", "past")
        value = latest_weekday(anchor, weekday, strictly_before=strictly)
        confidence = 0.85
    return DateResolution(value, DateBasis.WEEKDAY, round(confidence * ac, 3), **base)


# Forms read with or without an anchor.
_ANY_ANCHOR: dict[str, _Resolver] = {
    "iso": _full, "full": _full, "numeric": _numeric, "day-weekday": _day_weekday,
    "month-day": _month_day, "month-year": _month, "month-rel": _month,
}
# Forms that only mean something against the article's date; without one they name no day.
_NEEDS_ANCHOR: dict[str, tuple[_Resolver, Granularity]] = {
    "today": (_today, "day"), "yesterday": (_yesterday, "day"),
    "day-earlier": (_day_earlier, "day"), "days-ago": (_days_ago, "day"),
    "weeks-ago": (_weeks_ago, "week"), "week": (_week, "week"),
    "month-word": (_month_word, "month"), "year-period": (_year_period, "year"),
    "weekday": (_weekday, "day"),
}


def _resolve(
    cand: _Candidate, anchor: datetime.date | None, anchor_conf: float
) -> DateResolution | None:
    base: dict[str, object] = {
        "start": cand.start, "end": cand.end, "expression": cand.match.group(0)}
    ac = max(0.0, min(1.0, anchor_conf)) if anchor is not None else 0.0
    if cand.kind in _ANY_ANCHOR:
        return _ANY_ANCHOR[cand.kind](cand, anchor, ac, base)
    resolver, granularity = _NEEDS_ANCHOR[cand.kind]
    if anchor is None:
        basis = DateBasis.WEEKDAY if cand.kind == "weekday" else DateBasis.RELATIVE
        return DateResolution(None, basis, 0.0, granularity=granularity, **base)
    return resolver(cand, anchor, ac, base)


def _numeric_date(m: re.Match[str], month_first: bool) -> datetime.date | None:
    """'15.02.2022' -> 15 February; '09/07/2021' -> 7 September on a US page, else 9 July; a
    number above 12 settles which is the day."""
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
    if m.group("sep") == "/" and (b > 12 or (month_first and a <= 12)):
        a, b = b, a
    return _safe_date(year, b, a)


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 1)


def _candidates(text: str, forms: list[tuple[int, str, re.Pattern[str]]] = _FORMS
                ) -> list[_Candidate]:
    found: list[_Candidate] = []
    month_first = bool(_US_ZONE.search(text))
    for rank, kind, pattern in forms:
        for m in pattern.finditer(text):
            if kind in ("month-day", "month-rel", "month-year") and not _plausible_month(m):
                continue
            if kind == "weekday" and not _plausible_weekday(text, m):
                continue
            found.append(_Candidate(rank, m.start(), m.end(), kind, m, month_first))
    # Keep the most precise reading of each span, then the longest, first come first served.
    found.sort(key=lambda c: (-c.rank, -(c.end - c.start), c.start))
    # Taken spans never overlap, so sorted by start they are sorted by end too: a new span
    # only needs checking against its neighbours (no quadratic scan on long texts).
    starts: list[int] = []
    taken: list[_Candidate] = []
    for cand in found:
        at = bisect.bisect_left(starts, cand.start)
        if at > 0 and taken[at - 1].end > cand.start:
            continue
        if at < len(taken) and taken[at].start < cand.end:
            continue
        starts.insert(at, cand.start)
        taken.insert(at, cand)
    return taken


def _plausible_month(m: re.Match[str]) -> bool:
    """'may' and 'march' are also a verb: only read them as months when capitalised."""
    word = m.group("month")
    return word.lower() not in ("may", "march", "mar") or word[0].isupper()


# "Good Friday", "Super Tuesday": a named day, not a day of the week we can resolve.
_NAMED_DAY_BEFORE = re.compile(
    r"\b(?:good|black|ash|super|holy|maundy|cyber|easter|bloody|giving)\s+$", re.IGNORECASE
)


def _plausible_weekday(text: str, m: re.Match[str]) -> bool:
    """A weekday that is part of a name ("Good Friday", "the Sunday Times") is no date."""
    if _NAMED_DAY_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return False
    if m.group("mod") or m.group("part") or "'" in m.group(0) or "’" in m.group(0):
        return True
    after = text[m.end(): m.end() + 30]
    follower = re.match(r"\s+([A-Z][a-z]+)", after)
    # "Sunday Times", "Monday Night Football"; but "Monday December 18" is a date (ranked above)
    return follower is None or follower.group(1).lower() in _MONTHS


# The forms that state a day with its year. They hold the top rank, so no other form can take
# their span: reading them alone finds exactly the stated dates a full read finds, and a page's
# every line is searched for them (most lines state none).
_STATING_KINDS = frozenset({"iso", "full", "numeric"})
_STATING_FORMS = [form for form in _FORMS if form[1] in _STATING_KINDS]


def find_stated_dates(text: str) -> list[DateResolution]:
    """The dates `text` states in full, year included (`find_date_expressions`' STATED ones)."""
    found = (_resolve(cand, None, 0.0) for cand in _candidates(text, _STATING_FORMS))
    return [r for r in found if r is not None and r.basis == DateBasis.STATED]


def find_date_expressions(
    text: str, anchor: datetime.date | None, anchor_confidence: float = 1.0
) -> list[DateResolution]:
    """Every date expression in `text`, in order, resolved against `anchor`."""
    resolutions: list[DateResolution] = []
    for cand in _candidates(text):
        resolution = _resolve(cand, anchor, anchor_confidence)
        if resolution is not None:
            resolutions.append(resolution)
    return resolutions
