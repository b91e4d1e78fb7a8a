"""The timeline as a PNG for a Discord embed: one bar per month or week, busiest periods marked.

Matplotlib's object API with the Agg canvas: no pyplot, so no global figure state, no GUI
backend and nothing shared between threads that draw at the same time.
"""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from search_index.search.timeline import Timeline

# 8 x 4 inches at 100 dpi: 800 x 400 pixels, which Discord shows at full width in an embed.
FIGURE_INCHES = (8.0, 4.0)
DPI = 100
MAX_LABELS = 12  # more date labels than this run into each other at 800 pixels
MAX_TITLE_CHARS = 70
MIN_SLOTS = 8  # a chart of one or two periods is as wide as one of eight, bars centred
BAR_COLOUR = "#8fa8c8"
BUSIEST_COLOUR = "#2b5797"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def timeline_figure(timeline: Timeline, title: str) -> Figure:
    """The chart as a Figure (tests read its bars and labels); ValueError when there is nothing."""
    if timeline.is_empty:
        raise ValueError("no dated statements to chart")
    figure = Figure(figsize=FIGURE_INCHES, dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    positions = list(range(len(timeline.buckets)))
    busiest = {bucket.start for bucket in timeline.busiest}
    colours = [BUSIEST_COLOUR if b.start in busiest else BAR_COLOUR for b in timeline.buckets]
    bars = axes.bar(positions, [b.count for b in timeline.buckets], color=colours, width=0.8)
    for bar, bucket in zip(bars, timeline.buckets, strict=True):
        if bucket.start in busiest:
            axes.annotate(
                str(bucket.count), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                xytext=(0, 3), textcoords="offset points", ha="center", va="bottom",
                fontsize=9, fontweight="bold", color=BUSIEST_COLOUR,
            )
    _label_periods(axes, timeline, positions)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel(f"statements per {timeline.granularity}")
    axes.set_ylim(0, max(b.count for b in timeline.buckets) * 1.15)  # room for the counts
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", alpha=0.3)
    axes.set_axisbelow(True)
    figure.suptitle(_shorten(title), x=0.01, ha="left", fontsize=13, fontweight="bold")
    axes.set_title(_subtitle(timeline), loc="left", fontsize=9, color="#555555")
    return figure


def draw_timeline_png(timeline: Timeline, title: str) -> bytes:
    """The chart as PNG bytes; ValueError for an empty timeline (say so in words instead)."""
    figure = timeline_figure(timeline, title)
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def period_labels(timeline: Timeline) -> list[str]:
    """The x labels, one per bucket: "Mar" or "4 Mar", with the year on a second line under the
    first label and wherever the year changes; '' where a label is left out so that the others
    stay readable."""
    step = -(-len(timeline.buckets) // MAX_LABELS)  # ceiling division
    labels: list[str] = []
    year_shown: int | None = None
    for index, bucket in enumerate(timeline.buckets):
        if index % step:
            labels.append("")
            continue
        start = bucket.start
        label = f"{start:%b}" if timeline.granularity == "month" else f"{start.day} {start:%b}"
        if start.year != year_shown:
            label += f"\n{start.year}"
            year_shown = start.year
        labels.append(label)
    return labels


def _label_periods(axes: Axes, timeline: Timeline, positions: list[int]) -> None:
    axes.set_xticks(positions, period_labels(timeline), fontsize=9)
    axes.tick_params(axis="x", length=0)
    # with only a few periods, keep the bars bar-shaped by leaving room either side
    padding = max(0, MIN_SLOTS - len(positions)) / 2
    axes.set_xlim(-0.6 - padding, len(positions) - 0.4 + padding)


def _subtitle(timeline: Timeline) -> str:
    noun = "statement" if timeline.dated == 1 else "statements"
    busiest = ", ".join(timeline.busy_label(b) for b in timeline.busiest)
    note = f"{timeline.dated} dated {noun} · busiest: {busiest}"
    if timeline.undated:
        note += f" · {timeline.undated} undated, not shown"
    return note


def _shorten(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= MAX_TITLE_CHARS else title[: MAX_TITLE_CHARS - 1] + "…"
