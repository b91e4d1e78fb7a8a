"""Statements over time: counts per month (or per week for short spans), data only.

The bot draws it as a chart and the console as a sparkline; both read the same Timeline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Generic, Literal, TypeVar

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from search_index.index.schema import NO_DAY, day_number

T = TypeVar("T")
Granularity = Literal["month", "week"]

# Under about three months, monthly bars are too few to show a shape: count weeks instead.
WEEKLY_SPAN_DAYS = 92
BUSIEST_COUNT = 3
SPARK_CHARS = "▁▂▃▄▅▆▇█"


class Bucket(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: date  # the first day of the month, or the Monday of the week
    count: int = 0
    first_day: date | None = None  # the earliest and latest days counted in it
    last_day: date | None = None


class Timeline(BaseModel, Generic[T]):
    """How many dated items fall in each period, from the first to the latest, gaps included."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    granularity: Granularity = "month"
    buckets: list[Bucket] = Field(default_factory=list)
    first: T | None = None  # the earliest dated item, as given
    first_date: date | None = None
    latest: T | None = None  # the latest dated item, as given
    latest_date: date | None = None
    busiest: list[Bucket] = Field(default_factory=list)  # most items first; ties: earlier first
    dated: int = 0
    undated: int = 0  # items without a date: counted, never placed on the time axis
    since: date | None = None
    until: date | None = None

    @property
    def is_empty(self) -> bool:
        """Nothing to draw: no dated item in the window (undated ones may still exist)."""
        return self.dated == 0

    def label(self, bucket: Bucket) -> str:
        return period_label(bucket.start, self.granularity)

    def busy_label(self, bucket: Bucket) -> str:
        """What a busy period is called: the day itself when everything in it was said on one
        day ("10 Feb 2024"), else the period ("week of 5 Feb 2024", "Feb 2024")."""
        if bucket.first_day is not None and bucket.first_day == bucket.last_day:
            return day_label(bucket.first_day)
        return self.label(bucket)


def build_timeline(
    dated_items: Sequence[tuple[date | None, T]],
    since: date | None = None,
    until: date | None = None,
) -> Timeline[T]:
    """Count items per period between `since` and `until` (both inclusive, both optional)."""
    if since and until and since > until:
        raise ValueError(f"since ({since}) is after until ({until})")
    undated = sum(1 for when, _ in dated_items if when is None)
    dated = [
        (when, item)
        for when, item in dated_items
        if when is not None and (since or when) <= when <= (until or when)
    ]
    if not dated:
        return Timeline(undated=undated, since=since, until=until)

    # min/max keep the first of equal dates, so "as given" order breaks ties
    first_date, first = min(dated, key=lambda pair: pair[0])
    latest_date, latest = max(reversed(dated), key=lambda pair: pair[0])
    granularity: Granularity = (
        "week" if (latest_date - first_date).days < WEEKLY_SPAN_DAYS else "month"
    )
    counts = Counter(period_start(when, granularity) for when, _ in dated)
    days: dict[date, list[date]] = {}
    for when, _ in dated:
        days.setdefault(period_start(when, granularity), []).append(when)
    buckets = [
        Bucket(start=start, count=counts.get(start, 0),
               first_day=min(days[start]) if start in days else None,
               last_day=max(days[start]) if start in days else None)
        for start in _periods(period_start(first_date, granularity), latest_date, granularity)
    ]
    # sorted() is stable and the buckets are in date order, so ties go to the earlier period
    busiest = sorted((b for b in buckets if b.count), key=lambda b: -b.count)[:BUSIEST_COUNT]
    return Timeline(
        granularity=granularity,
        buckets=buckets,
        first=first,
        first_date=first_date,
        latest=latest,
        latest_date=latest_date,
        busiest=busiest,
        dated=len(dated),
        undated=undated,
        since=since,
        until=until,
    )


def timeline_of_days(
    docnums: np.ndarray,
    days: np.ndarray,
    since: date | None = None,
    until: date | None = None,
) -> Timeline[int]:
    """build_timeline over (the day, docnum) of each docnum, in the order given, computed on
    arrays: `days` holds each docnum's day as YYYYMMDD (NO_DAY when undated). The same
    Timeline as build_timeline gives; a speaker with thousands of statements no longer makes
    a date object (and a tuple) of each."""
    if since and until and since > until:
        raise ValueError(f"since ({since}) is after until ({until})")
    days = np.asarray(days, dtype=np.int64)
    docnums = np.asarray(docnums, dtype=np.int64)
    undated = int(np.count_nonzero(days == NO_DAY))
    keep = days != NO_DAY
    if since is not None:
        keep &= days >= day_number(since)
    if until is not None:
        keep &= days <= day_number(until)
    dated_days, dated_docs = days[keep], docnums[keep]
    if not len(dated_days):
        return Timeline(undated=undated, since=since, until=until)
    # min/max as build_timeline's: the first of the earliest, the last of the latest
    first_at = int(np.argmin(dated_days))
    latest_at = len(dated_days) - 1 - int(np.argmax(dated_days[::-1]))
    ordinals = np.sort(_day_ordinals(dated_days))
    first_date, latest_date = ordinals[0].item(), ordinals[-1].item()
    granularity: Granularity = (
        "week" if (latest_date - first_date).days < WEEKLY_SPAN_DAYS else "month"
    )
    if granularity == "week":  # the Monday on or before (1 January 1970 was a Thursday)
        keys = ordinals - ((ordinals.astype(np.int64) + 3) % 7).astype("timedelta64[D]")
    else:
        keys = ordinals.astype("datetime64[M]").astype("datetime64[D]")
    starts, index, counts = np.unique(keys, return_index=True, return_counts=True)
    periods = {
        start: (count, first, last)
        for start, count, first, last in zip(
            starts.tolist(), counts.tolist(), ordinals[index].tolist(),
            ordinals[index + counts - 1].tolist(), strict=True)
    }
    # Dicts, validated once by Timeline (in pydantic's compiled core; model_construct per
    # bucket is slower in Python than that).
    buckets = [
        {"start": start, "count": periods[start][0], "first_day": periods[start][1],
         "last_day": periods[start][2]} if start in periods else {"start": start}
        for start in _periods(period_start(first_date, granularity), latest_date, granularity)
    ]
    busiest = sorted((b for b in buckets if b.get("count")),
                     key=lambda b: -b["count"])[:BUSIEST_COUNT]
    return Timeline(
        granularity=granularity,
        buckets=buckets,  # type: ignore[arg-type]
        first=int(dated_docs[first_at]),
        first_date=first_date,
        latest=int(dated_docs[latest_at]),
        latest_date=latest_date,
        busiest=busiest,  # type: ignore[arg-type]
        dated=len(dated_days),
        undated=undated,
        since=since,
        until=until,
    )


def _day_ordinals(days: np.ndarray) -> np.ndarray:
    """YYYYMMDD numbers as numpy days (datetime64[D])."""
    months = (days // 10000 - 1970) * 12 + (days // 100 % 100 - 1)
    return (months.astype("datetime64[M]").astype("datetime64[D]")
            + (days % 100 - 1).astype("timedelta64[D]"))


def period_start(day: date, granularity: Granularity) -> date:
    if granularity == "week":
        return day - timedelta(days=day.weekday())  # ISO weeks start on Monday
    return day.replace(day=1)


def period_label(start: date, granularity: Granularity) -> str:
    """'Mar 2024' for a month, 'week of 4 Mar 2024' (its Monday) for a week: never a bare
    day, which would read as the day something was said."""
    if granularity == "week":
        return f"week of {day_label(start)}"
    return f"{start:%b %Y}"


def day_label(day: date) -> str:
    """'7 Nov 2024': how every answer writes a day."""
    return f"{day.day} {day:%b %Y}"


def sparkline(timeline: Timeline) -> str:
    """One block character per bucket, the tallest for the busiest; '' when there is nothing.

    Only an empty bucket gets the lowest block, so a quiet period never looks like a gap.
    """
    peak = max((bucket.count for bucket in timeline.buckets), default=0)
    if peak == 0:
        return ""
    top = len(SPARK_CHARS) - 1
    return "".join(
        SPARK_CHARS[0] if b.count == 0 else SPARK_CHARS[max(1, -(-b.count * top // peak))]
        for b in timeline.buckets
    )


def _periods(first: date, last: date, granularity: Granularity) -> list[date]:
    starts = []
    current = first
    while current <= last:
        starts.append(current)
        if granularity == "week":
            current += timedelta(days=7)
        else:
            current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return starts
