"""The timeline chart: what it draws (bars, labels, busiest marks), then the PNG itself."""

from __future__ import annotations

import struct
from datetime import date, timedelta

import pytest
from matplotlib.colors import to_hex

from bot.timeline_chart import (
    BAR_COLOUR,
    BUSIEST_COLOUR,
    MAX_LABELS,
    PNG_SIGNATURE,
    draw_timeline_png,
    period_labels,
    timeline_figure,
)
from search_index.search.timeline import build_timeline


def _timeline(*days: str | None):
    return build_timeline([(date.fromisoformat(d) if d else None, n) for n, d in enumerate(days)])


# Nov 2023: 1, Dec: 0, Jan 2024: 3, Feb: 1, Mar: 2, and one undated
WINTER = _timeline(
    "2023-11-14", "2024-01-02", "2024-01-09", "2024-01-30", "2024-02-12", "2024-03-01",
    "2024-03-20", None,
)


def test_one_bar_per_bucket_with_its_count() -> None:
    axes = timeline_figure(WINTER, "Clara Voss").axes[0]
    (bars,) = axes.containers
    assert [bar.get_height() for bar in bars] == [b.count for b in WINTER.buckets]
    assert [bar.get_height() for bar in bars] == [1, 0, 3, 1, 2]


def test_x_labels_name_the_buckets_with_the_year_where_it_changes() -> None:
    axes = timeline_figure(WINTER, "Clara Voss").axes[0]
    labels = [tick.get_text() for tick in axes.get_xticklabels()]
    assert labels == ["Nov\n2023", "Dec", "Jan\n2024", "Feb", "Mar"]
    assert list(axes.get_xticks()) == [0, 1, 2, 3, 4]


def test_weekly_labels_give_the_monday() -> None:
    weekly = _timeline("2024-03-05", "2024-03-26", "2024-03-27")
    axes = timeline_figure(weekly, "Clara Voss").axes[0]
    assert [t.get_text() for t in axes.get_xticklabels()] == [
        "4 Mar\n2024", "11 Mar", "18 Mar", "25 Mar"
    ]
    assert [bar.get_height() for bar in axes.containers[0]] == [1, 0, 0, 2]


def test_busiest_periods_are_coloured_and_carry_their_counts() -> None:
    axes = timeline_figure(WINTER, "Clara Voss").axes[0]
    colours = [to_hex(bar.get_facecolor()) for bar in axes.containers[0]]
    # busiest: Jan (3), Mar (2), then Nov and Feb tie at 1 and the earlier, Nov, is named
    assert colours == [BUSIEST_COLOUR, BAR_COLOUR, BUSIEST_COLOUR, BAR_COLOUR, BUSIEST_COLOUR]
    annotated = sorted(
        (round(text.xy[0]), text.get_text()) for text in axes.texts if hasattr(text, "xy")
    )
    assert annotated == [(0, "1"), (2, "3"), (4, "2")]


def test_titles_say_what_is_shown_and_what_is_not() -> None:
    figure = timeline_figure(WINTER, "Clara Voss on the port deal")
    assert figure.get_suptitle() == "Clara Voss on the port deal"
    subtitle = figure.axes[0].get_title(loc="left")
    # November's one statement names its day; months of several days stay months
    assert subtitle.startswith("7 dated statements · busiest: Jan 2024, Mar 2024, 14 Nov 2023")
    assert "1 undated, not shown" in subtitle
    assert figure.axes[0].get_ylabel() == "statements per month"


def test_long_spans_label_every_few_bars_only() -> None:
    start = date(2021, 1, 15)
    long_span = build_timeline([(start + timedelta(days=30 * n), n) for n in range(40)])
    labels = period_labels(long_span)
    assert len(labels) == len(long_span.buckets)
    shown = [label for label in labels if label]
    assert 1 < len(shown) <= MAX_LABELS
    assert labels[0] == "Jan\n2021"
    step = labels.index(shown[1])
    assert all(bool(label) == (index % step == 0) for index, label in enumerate(labels))


def test_an_empty_timeline_is_refused_not_drawn() -> None:
    nothing = build_timeline([(None, "undated only")])
    with pytest.raises(ValueError, match="no dated statements"):
        timeline_figure(nothing, "Nobody")
    with pytest.raises(ValueError, match="no dated statements"):
        draw_timeline_png(nothing, "Nobody")


def test_png_bytes_at_embed_size() -> None:
    png = draw_timeline_png(WINTER, "Clara Voss")
    assert png.startswith(PNG_SIGNATURE)
    # the IHDR chunk follows the signature: length, "IHDR", width, height
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (800, 400)
