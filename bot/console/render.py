"""Answer -> terminal text: the same answer the bot posts, wrapped for a terminal.

Matched words are bold (ANSI) only when writing to a terminal; pipes and files get plain
text. Outside text is flattened to one line with control characters removed, so a quote
cannot move the cursor or recolour the terminal.
"""

from __future__ import annotations

import textwrap

from bot.answers import Answer, AnswerKind, QuoteItem
from bot.text_format import (
    ELLIPSIS,
    cut_at_word,
    date_text,
    one_line,
    speaker_text,
    status_parts,
)
from search_index.models import TextRun
from search_index.search.timeline import Timeline, sparkline

BOLD = "\x1b[1m"
RESET = "\x1b[0m"
QUOTE_LIMIT = 500  # longer quotes are cut; /context shows them in full
INDENT = "    "


def render_text(
    answer: Answer, *, width: int = 88, ansi: bool = False, hints: bool = True
) -> str:
    """The answer as terminal text; `hints` adds what to type next (next, prev, /context)."""
    width = max(40, width)
    out: list[str] = []
    title = one_line(answer.title)
    if answer.kind is AnswerKind.ERROR:
        title = f"! {title}"
    out.append(f"{BOLD}{title}{RESET}" if ansi else title)
    for line in answer.lines:
        # a path or link in a notice (the saved chart) stays whole, so it can be copied
        out.extend(textwrap.wrap(one_line(line), width, break_long_words=False,
                                 break_on_hyphens=False) or [""])
    if answer.timeline is not None and not answer.timeline.is_empty:
        out.append(timeline_line(answer.timeline))
    if answer.context:
        out.append("")
        out.extend(wrap_runs(answer.context, width, "", ansi))
    for item in answer.items:
        out.append("")
        out.extend(_item_lines(item, width, ansi, show_quote=not answer.context))
    for field in answer.fields:
        out.append("")
        out.extend(textwrap.wrap(one_line(field.name), width) or [""])
        for line in field.lines:
            out.extend(textwrap.wrap(one_line(line), width, initial_indent=INDENT,
                                     subsequent_indent=INDENT))
        if field.url:
            out.append(INDENT + one_line(field.url))
    footer = _footer(answer, hints)
    if footer:
        out.append("")
        out.extend(textwrap.wrap(footer, width))
    return "\n".join(out)


def _item_lines(item: QuoteItem, width: int, ansi: bool, *, show_quote: bool) -> list[str]:
    lines: list[str] = []
    number = f"{item.number}.".ljust(len(INDENT))
    if show_quote:
        runs = _cut_runs(item.runs, QUOTE_LIMIT)
        # quote marks around the speaker's words; the paraphrase under its label, unquoted
        quoted = [TextRun(text=item.words_open), *runs, TextRun(text=item.words_close)]
        wrapped = wrap_runs(quoted, width - len(INDENT), "", ansi)
        lines.append(number + wrapped[0])
        lines.extend(INDENT + line for line in wrapped[1:])
        lines.append(INDENT + "— " + one_line(speaker_text(item)))
    else:
        lines.append(number + one_line(speaker_text(item)))
    source = [date_text(item), one_line(item.outlet_text), one_line(item.article_name)]
    if item.reach:
        source.append(item.reach)
    if item.kind_note:
        source.append(item.kind_note)
    lines.extend(textwrap.wrap(" · ".join(source), width, initial_indent=INDENT,
                               subsequent_indent=INDENT))
    if item.url:
        lines.append(INDENT + one_line(item.url))
    if item.reports:  # /whosaid: every article that reported the words, earliest first
        lines.append(INDENT + "reported by:")
        lines.extend(INDENT + "  " + one_line(report) for report in item.reports)
    return lines


def timeline_line(timeline: Timeline) -> str:
    """The chart in one line: a sparkline between the first and the last period."""
    first, last = timeline.buckets[0], timeline.buckets[-1]
    return (f"{timeline.label(first)} {sparkline(timeline)} {timeline.label(last)}"
            f"  (per {timeline.granularity}, peak {max(b.count for b in timeline.buckets)})")


def _cut_runs(runs: list[TextRun], limit: int) -> list[TextRun]:
    kept: list[TextRun] = []
    used = 0
    for run in runs:
        text = one_line(run.text)
        if used + len(text) <= limit:
            kept.append(TextRun(text=text, match=run.match))
            used += len(text)
            continue
        head = cut_at_word(text, max(1, limit - used)).removesuffix(ELLIPSIS)
        kept.append(TextRun(text=head, match=run.match))
        # The ellipsis touches the last word kept, whichever run that word was in.
        while kept and not kept[-1].text.rstrip():
            kept.pop()
        if kept:
            kept[-1] = TextRun(text=kept[-1].text.rstrip(), match=kept[-1].match)
        kept.append(TextRun(text=ELLIPSIS))
        break
    return kept


def wrap_runs(runs: list[TextRun], width: int, indent: str, ansi: bool) -> list[str]:
    """Greedy word wrap on visible width, with bold switched on and off per word."""
    words: list[tuple[str, bool, bool]] = []  # (text, bold, glued to the previous word)
    glue = False
    for run in runs:
        text = one_line(run.text)
        if not text:
            continue
        for position, piece in enumerate(text.split(" ")):
            if piece:
                words.append((piece, run.match, glue and position == 0))
        glue = not text.endswith(" ")
    lines: list[str] = []
    current: list[str] = []
    visible = 0
    for text, bold, glued in words:
        shown = f"{BOLD}{text}{RESET}" if bold and ansi else text
        if glued and current:
            current[-1] += shown
            visible += len(text)
            continue
        extra = len(text) + (1 if current else 0)
        if current and visible + extra > width - len(indent):
            lines.append(indent + " ".join(current))
            current, visible = [], 0
            extra = len(text)
        current.append(shown)
        visible += extra
    if current:
        lines.append(indent + " ".join(current))
    return lines or [indent]


def _footer(answer: Answer, hints_wanted: bool) -> str:
    parts = status_parts(answer)
    hints: list[str] = []
    if answer.pageable:
        if answer.page < answer.pages:
            hints.append("next")
        if answer.page > 1:
            hints.append("prev")
    if answer.items and not answer.context:
        hints.append(f"/context {answer.items[0].number}")
    if hints and hints_wanted:
        parts.append("type " + ", ".join(hints))
    return " · ".join(parts)
