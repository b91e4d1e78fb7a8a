"""Answer -> discord.Embed, within Discord's limits, with every outside text made inert.

Quotes come from news pages: they can hold `@everyone`, `<@123>`, markdown or masked links.
All of it is escaped here so it shows as written, pings nobody and cannot break the layout;
matched search terms are the only bold text. Long quotes are cut at a word with an ellipsis,
and the footer says how to read the rest (the Context select in `views`).
"""

from __future__ import annotations

import re
from urllib.parse import quote as percent_encode
from urllib.parse import urlsplit

import discord

from bot.answers import Answer, AnswerField, AnswerKind, QuoteItem
from bot.text_format import ELLIPSIS, date_text, one_line, speaker_text, status_parts
from search_index.models import TextRun

# Discord's documented embed limits.
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
FIELD_COUNT_LIMIT = 25
EMBED_TOTAL_LIMIT = 6000
EMBEDS_PER_MESSAGE = 10

QUOTE_BUDGET = 700  # per result, so five results with their sources fit in one embed
NOTICE_BUDGET = 1000  # the description above a list of results: results come first
ITEM_NAME_BUDGET = 150  # "3. Speaker, Role": shorter than Discord allows, to leave room
URL_LIMIT = 300  # longer links are not linked: they would crowd out the quotes
CONTEXT_BUDGET = 3500  # the paragraph around a statement, in the description
REPORTS_SHOWN = 4  # articles listed under a /whosaid result
REPORT_BUDGET = 110  # "2023-12-18 · Dawn · Title", each

COLOURS = {
    AnswerKind.RESULTS: discord.Colour.blurple(),
    AnswerKind.INFO: discord.Colour.dark_teal(),
    AnswerKind.NO_RESULTS: discord.Colour.orange(),
    AnswerKind.ERROR: discord.Colour.red(),
}

# Backslash-escaping any of these is harmless in Discord and shows the character itself.
_MARKDOWN = re.compile(r"([\\*_~`|<>\[\]#])")


def safe(text: str) -> str:
    """Outside text made inert: one line, mentions broken, markdown and links escaped."""
    return _MARKDOWN.sub(r"\\\1", discord.utils.escape_mentions(one_line(text)))


def safe_cut(text: str, limit: int) -> str:
    """`safe(text)` cut at a word to fit `limit` characters once escaped."""
    return _render_runs([TextRun(text=text)], limit)[0]


def safe_url(url: str | None) -> str | None:
    """Only http(s) links, with the characters that would end a markdown link encoded."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    encoded = percent_encode(url.strip(), safe=":/?#&=%+@!$',;~*.-_")
    return encoded if len(encoded) <= URL_LIMIT else None


def render(answer: Answer) -> list[discord.Embed]:
    """The embeds for one answer (one embed today; a list so a message can carry more)."""
    quote_budget = QUOTE_BUDGET
    while True:
        embed, cut = _build(answer, quote_budget)
        if len(embed) <= EMBED_TOTAL_LIMIT or quote_budget <= 50:
            break
        quote_budget = quote_budget * 3 // 4
    if cut:
        note = "Long quotes are cut short: choose one under Context to read it in full."
        footer = embed.footer.text
        embed.set_footer(text=f"{footer} · {note}" if footer else note)
    if len(embed) > EMBED_TOTAL_LIMIT:  # only reachable with absurd field lists: drop fields
        while embed.fields and len(embed) > EMBED_TOTAL_LIMIT:
            embed.remove_field(-1)
    return [embed]


def _build(answer: Answer, quote_budget: int) -> tuple[discord.Embed, bool]:
    embed = discord.Embed(
        title=safe_cut(answer.title, TITLE_LIMIT), colour=COLOURS[answer.kind]
    )
    if answer.kind is AnswerKind.INFO and len(answer.items) == 1:
        # one statement shown in full (the context view): its title links to the article
        embed.url = safe_url(answer.items[0].url)
    description = [safe(line) for line in answer.lines]
    if answer.context:
        paragraph, _ = _render_runs(answer.context, CONTEXT_BUDGET)
        description.append(paragraph)
    elif answer.items and answer.kind is AnswerKind.INFO:
        # A single statement shown in full (context without a paragraph): quote in description.
        item = answer.items[0]
        quote, _ = _render_runs(item.runs, CONTEXT_BUDGET)
        description.append(f"{safe(item.words_open)}{quote}{item.words_close}")
    if description:
        room = NOTICE_BUDGET if answer.items and not answer.context else DESCRIPTION_LIMIT
        embed.description = _fit_lines(description, room)

    any_cut = False
    fields = 0
    for item in answer.items:
        if fields >= FIELD_COUNT_LIMIT:
            break
        show_quote = not answer.context and answer.kind is not AnswerKind.INFO
        name, value, cut = _item_field(item, quote_budget, show_quote)
        embed.add_field(name=name, value=value, inline=False)
        any_cut = any_cut or cut
        fields += 1
    for field in answer.fields:
        if fields >= FIELD_COUNT_LIMIT:
            break
        name, value = _info_field(field)
        embed.add_field(name=name, value=value, inline=False)
        fields += 1

    footer = _footer(answer)
    if footer:
        embed.set_footer(text=footer[:FOOTER_LIMIT])
    if answer.chart_png and answer.chart_filename:
        # the PNG travels as an attachment of the same message; the embed shows it by name
        embed.set_image(url=f"attachment://{answer.chart_filename}")
    return embed, any_cut


def _item_field(item: QuoteItem, quote_budget: int, show_quote: bool) -> tuple[str, str, bool]:
    name = safe_cut(f"{item.number}. {speaker_text(item)}", min(ITEM_NAME_BUDGET, FIELD_NAME_LIMIT))
    meta = _source_line(item)
    if not show_quote:
        return name, meta[:FIELD_VALUE_LIMIT], False
    # quote marks around the speaker's words; the paraphrase under its label, unquoted
    opening = safe(item.words_open)
    room = min(quote_budget, FIELD_VALUE_LIMIT - len(meta) - len(opening + item.words_close) - 1)
    quote, cut = _render_runs(item.runs, max(room, 20))
    value = f"{opening}{quote}{item.words_close}\n{meta}"
    if len(value) > FIELD_VALUE_LIMIT:  # a pathological source line: keep the quote
        value = value[: FIELD_VALUE_LIMIT - 1] + ELLIPSIS
    return name, value, cut


def _source_line(item: QuoteItem) -> str:
    parts = [date_text(item), safe_cut(item.outlet_text, 150)]
    url = safe_url(item.url)
    title = safe_cut(item.article_name, 150)
    parts.append(f"[{title}]({url})" if url else title)  # the headline links to the article
    if item.reach:
        parts.append(item.reach)
    if item.kind_note:
        parts.append(item.kind_note)
    line = " · ".join(parts)
    if not item.reports:
        return line
    # /whosaid: every article that reported the words, earliest first
    shown = [f"↳ {safe_cut(report, REPORT_BUDGET)}" for report in item.reports[:REPORTS_SHOWN]]
    if len(item.reports) > REPORTS_SHOWN:
        shown.append(f"↳ and {len(item.reports) - REPORTS_SHOWN} more")
    return "\n".join([line, "Reported by:", *shown])


def _info_field(field: AnswerField) -> tuple[str, str]:
    name = safe_cut(field.name, FIELD_NAME_LIMIT)
    lines = [safe(line) for line in field.lines]
    url = safe_url(field.url)
    if url:
        lines.append(f"[Read the article]({url})")
    value = _fit_lines(lines, FIELD_VALUE_LIMIT) if lines else "\u200b"
    return name, value


def _fit_lines(lines: list[str], limit: int) -> str:
    text = "\n".join(lines)
    if len(text) <= limit:
        return text
    # Lines are already escaped; cut between lines when possible so no escape is split.
    kept: list[str] = []
    for line in lines:
        if len("\n".join([*kept, line])) + 2 > limit:
            break
        kept.append(line)
    if not kept:
        return lines[0][: limit - 1].rstrip("\\") + ELLIPSIS
    return "\n".join(kept) + "\n" + ELLIPSIS


def _footer(answer: Answer) -> str:
    return " · ".join(status_parts(answer))


# --- quote text with highlights --------------------------------------------------------------


def _render_run(text: str, match: bool) -> str:
    escaped = safe(text)
    if not match:
        return escaped
    core = escaped.strip(" ")
    if not core:
        return escaped
    # Bold markers must touch the word: `** word**` would not render as bold.
    lead = escaped[: len(escaped) - len(escaped.lstrip(" "))]
    trail = escaped[len(escaped.rstrip(" ")) :]
    return f"{lead}**{core}**{trail}"


def _render_runs(runs: list[TextRun], budget: int) -> tuple[str, bool]:
    """The runs rendered (escaped, matches bold) in at most `budget` characters, and whether
    they had to be cut. A cut falls between words and ends with an ellipsis."""
    pieces = [_render_run(run.text, run.match) for run in runs]
    whole = "".join(pieces).strip()
    if len(whole) <= budget:
        return whole, False
    room = budget - len(ELLIPSIS)
    kept: list[str] = []
    used = 0
    for run, piece in zip(runs, pieces, strict=True):
        if used + len(piece) <= room:
            kept.append(piece)
            used += len(piece)
            continue
        partial = _cut_run(run, room - used)
        if partial:
            kept.append(partial)
        break
    text = "".join(kept).rstrip(" ,;:-–—")
    return (text + ELLIPSIS).lstrip(), True


def _cut_run(run: TextRun, room: int) -> str:
    """The longest word-aligned start of `run` whose rendering fits `room`."""
    raw = one_line(run.text)
    length = min(len(raw), room)
    while length > 0:
        head = raw[:length]
        if length < len(raw) and not raw[length].isspace() and " " in head.strip():
            head = head[: head.rstrip().rfind(" ")]
        rendered = _render_run(head.rstrip(), run.match)
        if len(rendered) <= room:
            return rendered
        length = min(len(head) - 1, length - max(1, len(rendered) - room))
    return ""
