"""Statements over time: bucket counts, week or month, busiest periods, clipping, sparkline."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pytest

from search_index.index.schema import day_from_number, day_number
from search_index.search.timeline import (
    SPARK_CHARS,
    Bucket,
    build_timeline,
    period_label,
    sparkline,
    timeline_of_days,
)


def _items(*days: str | None) -> list[tuple[date | None, str]]:
    """Each item is named after its position so tests can see which one came back."""
    return [
        (date.fromisoformat(day) if day else None, f"statement {n}") for n, day in enumerate(days)
    ]


def test_monthly_counts_with_empty_months_included() -> None:
    timeline = build_timeline(
        _items("2024-01-05", "2024-01-30", "2024-03-02", "2024-06-15", "2024-06-16", "2024-06-17")
    )
    assert timeline.granularity == "month"
    assert [(b.start, b.count) for b in timeline.buckets] == [
        (date(2024, 1, 1), 2),
        (date(2024, 2, 1), 0),
        (date(2024, 3, 1), 1),
        (date(2024, 4, 1), 0),
        (date(2024, 5, 1), 0),
        (date(2024, 6, 1), 3),
    ]
    assert timeline.dated == 6 and timeline.undated == 0


def test_months_run_across_a_new_year() -> None:
    timeline = build_timeline(_items("2023-11-20", "2024-03-03"))
    assert [b.start for b in timeline.buckets] == [
        date(2023, 11, 1), date(2023, 12, 1), date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)
    ]


def test_short_span_is_counted_per_week_from_monday() -> None:
    # 2024-03-04 is a Monday; the 10th a Sunday of the same week
    timeline = build_timeline(_items("2024-03-04", "2024-03-10", "2024-03-20", "2024-04-01"))
    assert timeline.granularity == "week"
    assert [(b.start, b.count) for b in timeline.buckets] == [
        (date(2024, 3, 4), 2),
        (date(2024, 3, 11), 0),
        (date(2024, 3, 18), 1),
        (date(2024, 3, 25), 0),
        (date(2024, 4, 1), 1),
    ]


def test_three_months_or_more_is_monthly() -> None:
    assert build_timeline(_items("2024-01-01", "2024-03-31")).granularity == "week"  # 90 days
    assert build_timeline(_items("2024-01-01", "2024-04-02")).granularity == "month"  # 92 days


def test_first_latest_and_undated() -> None:
    timeline = build_timeline(_items("2024-05-01", None, "2024-02-10", "2024-09-30", None))
    assert timeline.first == "statement 2" and timeline.first_date == date(2024, 2, 10)
    assert timeline.latest == "statement 3" and timeline.latest_date == date(2024, 9, 30)
    assert timeline.undated == 2
    assert timeline.dated == 3
    assert sum(b.count for b in timeline.buckets) == 3


def test_busiest_periods_are_the_top_three_with_ties_to_the_earlier() -> None:
    timeline = build_timeline(
        _items(
            "2024-01-03",
            "2024-02-03", "2024-02-04",
            "2024-03-03", "2024-03-04", "2024-03-05",
            "2024-04-03", "2024-04-04",
            "2024-05-03", "2024-05-04",
        )
    )
    assert [(b.start, b.count) for b in timeline.busiest] == [
        (date(2024, 3, 1), 3), (date(2024, 2, 1), 2), (date(2024, 4, 1), 2)
    ]


def test_busiest_never_names_an_empty_period() -> None:
    timeline = build_timeline(_items("2024-01-03", "2024-06-03"))
    assert [b.count for b in timeline.busiest] == [1, 1]


def test_empty_input_is_a_timeline_that_says_there_is_nothing() -> None:
    timeline = build_timeline([])
    assert timeline.is_empty
    assert timeline.buckets == [] and timeline.busiest == []
    assert timeline.first is None and timeline.latest is None
    assert sparkline(timeline) == ""


def test_only_undated_items_is_empty_but_counts_them() -> None:
    timeline = build_timeline(_items(None, None))
    assert timeline.is_empty and timeline.undated == 2


def test_since_and_until_clip_inclusively() -> None:
    items = _items("2023-12-31", "2024-01-01", "2024-02-15", "2024-03-31", "2024-04-01", None)
    timeline = build_timeline(items, since=date(2024, 1, 1), until=date(2024, 3, 31))
    assert timeline.dated == 3
    assert timeline.first == "statement 1" and timeline.latest == "statement 3"
    assert timeline.since == date(2024, 1, 1) and timeline.until == date(2024, 3, 31)
    assert timeline.undated == 1


def test_a_window_with_nothing_in_it_is_empty() -> None:
    timeline = build_timeline(_items("2024-01-05"), since=date(2025, 1, 1))
    assert timeline.is_empty and timeline.dated == 0


def test_since_after_until_is_refused() -> None:
    with pytest.raises(ValueError, match="after"):
        build_timeline(_items("2024-01-05"), since=date(2024, 2, 1), until=date(2024, 1, 1))


def test_sparkline_scales_to_the_busiest_bucket() -> None:
    timeline = build_timeline(
        _items(*(["2024-01-10"] * 7), "2024-03-10", *(["2024-05-10"] * 4))
    )
    # Jan 7, Feb 0, Mar 1, Apr 0, May 4
    assert sparkline(timeline) == "█▁▂▁▅"
    assert set(sparkline(timeline)) <= set(SPARK_CHARS)
    assert " " not in sparkline(timeline)


def test_sparkline_has_one_character_per_bucket() -> None:
    timeline = build_timeline(_items("2024-01-01", "2024-12-31"))
    line = sparkline(timeline)
    assert len(line) == len(timeline.buckets) == 12
    assert line[0] == line[-1] == "█" and set(line[1:-1]) == {"▁"}


def test_labels() -> None:
    assert period_label(date(2024, 3, 1), "month") == "Mar 2024"
    # a week is named as one, never by a bare day that would read as a day something was said
    assert period_label(date(2024, 3, 4), "week") == "week of 4 Mar 2024"
    timeline = build_timeline(_items("2024-03-05"))
    assert timeline.label(timeline.buckets[0]) == "week of 4 Mar 2024"
    assert timeline.buckets == [Bucket(start=date(2024, 3, 4), count=1,
                                       first_day=date(2024, 3, 5), last_day=date(2024, 3, 5))]


def test_a_busy_period_is_named_by_its_day_when_all_of_it_fell_on_one_day() -> None:
    timeline = build_timeline(_items("2024-02-10", "2024-02-10", "2024-02-10", "2023-12-18",
                                     "2023-12-19", None))
    assert timeline.granularity == "week"
    busiest, second = timeline.busiest[:2]
    assert timeline.busy_label(busiest) == "10 Feb 2024"  # a real day: all three said on it
    assert timeline.busy_label(second) == "week of 18 Dec 2023"  # two days: the week
    assert timeline.undated == 1 and timeline.dated == 5


@pytest.mark.parametrize("seed", range(40))
def test_the_array_timeline_is_the_timeline_of_the_dated_items(seed):
    """timeline_of_days over YYYYMMDD numbers gives what build_timeline gives over the same
    (date, item) pairs: spans of days (weeks) and of decades (months), ties on the first and
    latest day, undated items, and windows that cut them."""
    rng = random.Random(seed)
    span = rng.choice([3, 40, 91, 92, 400, 9000])
    start = date(1998, 12, 28) + timedelta(days=rng.randint(0, 4000))
    count = rng.randint(1, 400)
    days = [0 if rng.random() < 0.15 else
            day_number(start + timedelta(days=rng.randint(0, span))) for _ in range(count)]
    docnums = sorted(rng.sample(range(10 * count), count))
    since = until = None
    if seed % 3 == 1:
        since = start + timedelta(days=rng.randint(0, span // 2))
    if seed % 4 == 2:
        until = start + timedelta(days=rng.randint(span // 2, span))
    pairs = [(day_from_number(d), n) for d, n in zip(days, docnums, strict=True)]
    expected = build_timeline(pairs, since, until)
    found = timeline_of_days(np.array(docnums), np.array(days), since, until)
    assert found.model_dump() == expected.model_dump()
