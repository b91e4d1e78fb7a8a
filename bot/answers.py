"""The transport-neutral answer: what a command says, before anyone decides how it looks.

Each command builds one `Answer`; `discord_render` turns it into embeds and `console_render`
into terminal text, so Discord users and console users read the same thing.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from bot.role_spans import merged_roles
from bot.source_line import article_date_text, article_name, outlet_text
from search_index.models import (
    DateBasis,
    Hit,
    IndexStats,
    SearchResult,
    SourceSummary,
    Speaker,
    SpeakerKind,
    StatementKind,
    TextRun,
)
from search_index.search.timeline import Timeline, day_label


class AnswerKind(StrEnum):
    RESULTS = "results"  # statements found
    NO_RESULTS = "no-results"  # the search ran and found nothing: what to try instead
    ERROR = "error"  # bad input or the index is unavailable: what went wrong, what to do
    INFO = "info"  # lists and descriptions: speakers, sources, about, context, reindex


# How each date was found, in words a reader understands ("date uncertain: ...").
DATE_BASIS_TEXT: dict[DateBasis, str] = {
    DateBasis.SIDECAR: "date given by the operator",
    DateBasis.STATED: "date stated in the article",
    DateBasis.MONTH_DAY: "day stated in the article, year from its publication",
    DateBasis.DAY_WEEKDAY: "day and weekday stated in the article",
    DateBasis.WEEKDAY: "weekday stated in the article",
    DateBasis.RELATIVE: "worked out from words like 'yesterday'",
    DateBasis.PUBLISHED_LINE: "the article's publication date",
    DateBasis.DATELINE: "the article's dateline",
    DateBasis.ARTICLE: "the article's own date",
    DateBasis.REPORTED: "no day in the text: the date it was reported",
    DateBasis.MASTHEAD: "the page's date, not the article's",
    DateBasis.UNKNOWN: "no date found",
}


# A date found from words about the day the words were said; every other basis is the date of
# the report (its publication line, dateline, the operator's sidecar), shown as "reported".
SAID_DATE_BASES = frozenset({
    DateBasis.STATED, DateBasis.MONTH_DAY, DateBasis.DAY_WEEKDAY, DateBasis.WEEKDAY,
    DateBasis.RELATIVE,
})
# Reporting verbs a paraphrase is shown with as they are ("Reported: Baloch denied that ...");
# any other cue ("according to", "told reporters") is shown as "said".
PARAPHRASE_VERB_SUFFIX = "ed"
PARAPHRASE_VERBS_AS_IS = frozenset({"said"})
PARAPHRASE_VERBS_NEVER = frozenset({"quoted", "cited", "reported", "asked"})


class QuoteItem(BaseModel):
    """One statement as a reader sees it."""

    number: int  # 1-based across pages, so "/context 7" means the seventh result
    runs: list[TextRun]  # the quoted words; match=True where the query matched
    speaker: str
    speaker_kind: SpeakerKind = "person"
    role: str | None = None
    organisation: str | None = None
    date: dt.date | None = None
    date_uncertain: bool = False
    date_basis: str | None = None  # why the date is what it is, in words
    date_reported: bool = False  # the date is the report's, not a day the text gives
    published: dt.date | None = None  # the article's date: named beside an undated statement
    kind: StatementKind = "direct"
    paraphrase_lead: str = ""  # "Reported: Baloch said that ", for the reporter's paraphrase
    outlet: str | None = None
    via: str | None = None  # the wire service the article credits
    article_title: str | None = None
    opening: str | None = None  # an untitled article's first words, named in its place
    url: str | None = None
    statement_id: str
    sources: int = 1  # how many articles reported these words
    # Every report of these words, earliest first ("2023-12-18 · Dawn · Title"): /whosaid
    # lists them all, other commands only count them.
    reports: list[str] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def is_paraphrase(self) -> bool:
        """The reporter's words about what was said: never shown inside quote marks."""
        return self.kind == "indirect"

    @property
    def words_open(self) -> str:
        """What comes before the words: a quote mark, or the paraphrase's label."""
        return self.paraphrase_lead if self.is_paraphrase else "“"

    @property
    def words_close(self) -> str:
        return "" if self.is_paraphrase else "”"

    @property
    def kind_note(self) -> str | None:
        """A word on what kind of statement it is, for the source line."""
        return "the reporter's paraphrase, not a quotation" if self.is_paraphrase else None

    @property
    def reach(self) -> str | None:
        """How many articles carried these words, when more than one did; /whosaid lists the
        reports themselves instead, so it has no count."""
        if self.sources > 1 and not self.reports:
            return f"reported by {self.sources} articles"
        return None

    @property
    def article_name(self) -> str:
        """What to call the article: its headline, else its first words; never its file."""
        return article_name(self.article_title, self.opening)

    @property
    def outlet_text(self) -> str:
        """ "Dawn", "outlet not stated · via Pajhwok Afghan News": always said, never guessed."""
        return outlet_text(self.outlet, self.via)


class AnswerField(BaseModel):
    """A named block of lines: one speaker, one source, one section of /about."""

    name: str
    lines: list[str]
    url: str | None = None  # a link for the name, when there is one


class PageRequest(BaseModel):
    """Enough to ask for another page of the same answer."""

    command: Literal["quote", "latest", "speakers", "sources"]
    query: str = ""
    speaker: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str | None = None
    name: str = ""
    page: int = 1
    per_page: int | None = None  # /quote's page size (`onrecord search --limit` sets it)
    exact: bool = False  # /quote: the speakers' exact words only, no paraphrase


class Answer(BaseModel):
    kind: AnswerKind
    title: str
    lines: list[str] = Field(default_factory=list)  # description and notices, in order
    items: list[QuoteItem] = Field(default_factory=list)
    fields: list[AnswerField] = Field(default_factory=list)
    context: list[TextRun] = Field(default_factory=list)  # a paragraph, the quote marked
    page: int = 1
    pages: int = 1
    total: int = 0
    private: bool = False  # only the person who asked sees it (Discord: ephemeral)
    request: PageRequest | None = None  # set when there are other pages to ask for
    # A chart to show with the answer (Discord: an attachment the embed displays; the console:
    # a file), and the timeline it draws, so tests and the console read the same counts.
    chart_png: bytes | None = None
    chart_filename: str | None = None
    timeline: Timeline | None = None

    @property
    def is_error(self) -> bool:
        return self.kind is AnswerKind.ERROR

    @property
    def pageable(self) -> bool:
        return self.request is not None and self.pages > 1


def error(title: str, *lines: str) -> Answer:
    return Answer(kind=AnswerKind.ERROR, title=title, lines=list(lines), private=True)


def quote_item(hit: Hit, number: int) -> QuoteItem:
    statement = hit.statement
    runs = merge_runs(hit.highlight) if hit.highlight else [TextRun(text=statement.text)]
    basis = DateBasis(statement.date_basis)
    return QuoteItem(
        number=number,
        runs=runs,
        speaker=statement.speaker,
        speaker_kind=statement.speaker_kind,
        role=statement.role,
        organisation=statement.organisation,
        date=statement.date,
        date_uncertain=hit.date_uncertain,
        date_basis=(DATE_BASIS_TEXT[basis if statement.date else DateBasis.UNKNOWN]
                    if hit.date_uncertain else None),
        date_reported=statement.date is not None and basis not in SAID_DATE_BASES,
        published=_article_date(hit),
        kind=statement.kind,
        paraphrase_lead=(paraphrase_lead(hit) if statement.kind == "indirect" else ""),
        outlet=statement.outlet,
        via=statement.via,
        article_title=statement.title,
        opening=statement.opening,
        url=statement.url,
        statement_id=statement.id,
        sources=max(1, len(hit.sources)),
    )


def _article_date(hit: Hit) -> dt.date | None:
    """The date of the article the statement comes from, as its source gives it: a masthead's
    date is the day the page was copied, so it is no article's date."""
    statement = hit.statement
    for source in hit.sources:
        if source.article_id == statement.article_id:
            return source.article_date
    return statement.published


def paraphrase_lead(hit: Hit) -> str:
    """'Reported: Baloch said that ': the label a paraphrase is shown under. The speaker is
    named as the article names them there when that is their surname, else in full (an office
    or a document is never cut to its last word)."""
    statement = hit.statement
    name = statement.speaker
    surname = name.split()[-1] if name.split() else name
    if statement.speaker_kind == "person" and statement.speaker_mention.strip() == surname:
        name = surname
    cue = (statement.cue or "").strip().lower()
    plain_verb = cue.isalpha() and cue not in PARAPHRASE_VERBS_NEVER and (
        cue in PARAPHRASE_VERBS_AS_IS or cue.endswith(PARAPHRASE_VERB_SUFFIX))
    verb = cue if plain_verb else "said"
    that = "" if statement.text.lstrip().lower().startswith("that ") else "that "
    return f"Reported: {name} {verb} {that}"


def merge_runs(runs: list[TextRun]) -> list[TextRun]:
    """Join neighbouring runs of the same kind, so renderers never emit `**a****b**`."""
    merged: list[TextRun] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].match == run.match:
            merged[-1] = TextRun(text=merged[-1].text + run.text, match=run.match)
        else:
            merged.append(TextRun(text=run.text, match=run.match))
    return merged


def results_answer(
    result: SearchResult, title: str, lines: list[str], request: PageRequest | None
) -> Answer:
    first = (result.page - 1) * result.per_page + 1
    items = [quote_item(hit, first + offset) for offset, hit in enumerate(result.hits)]
    return Answer(
        kind=AnswerKind.RESULTS,
        title=title,
        lines=lines,
        items=items,
        page=result.page,
        pages=result.pages,
        total=result.total,
        request=request if result.pages > 1 else None,
    )


def span_text(first: dt.date | None, last: dt.date | None) -> str:
    """The days of dated statements: '7 Nov 2024', '18 Dec 2023 to 10 Feb 2024'."""
    if first is None and last is None:
        return "dates not stated"
    if first == last or last is None:
        return day_label(first) if first else "dates not stated"
    if first is None:
        return f"until {day_label(last)}"
    return f"{day_label(first)} to {day_label(last)}"


ROLES_SHOWN = 3


def speaker_field(speaker: Speaker) -> AnswerField:
    """A speaker: each role once with its span, the statement count and the span of the dated
    ones (an undated statement is counted but places no role and no date)."""
    lines: list[str] = []
    roles = merged_roles(speaker.roles)
    for role in roles[:ROLES_SHOWN]:
        where = f", {role.organisation}" if role.organisation else ""
        lines.append(f"{role.role}{where}: {span_text(role.first, role.last)}")
    if len(roles) > ROLES_SHOWN:
        lines.append(f"and {count_text(len(roles) - ROLES_SHOWN, 'other role')}")
    lines.append(f"{count_text(speaker.statements, 'statement')}, "
                 f"{span_text(speaker.first, speaker.last)}")
    if speaker.aliases:
        lines.append("also: " + ", ".join(speaker.aliases[:5]))
    return AnswerField(name=speaker.name, lines=lines)


def source_field(source: SourceSummary) -> AnswerField:
    where = outlet_text(source.outlet, source.via)
    when = article_date_text(source.published, source.published_basis)
    return AnswerField(
        name=article_name(source.title, source.opening),
        lines=[f"{where} · {when} · {count_text(source.statements, 'statement')}"],
        url=source.url,
    )


def stats_lines(stats: IndexStats) -> list[str]:
    # "in 0 outlets" would read as if the articles came from nowhere: say the outlets are unknown.
    outlets = (f"in {count_text(stats.outlets, 'outlet')}" if stats.outlets
               else "whose outlets are not stated")
    return [
        f"{count_text(stats.statements, 'statement')} by {count_text(stats.speakers, 'speaker')} "
        f"from {count_text(stats.articles, 'article')} {outlets}",
        f"Dates: {span_text(stats.first, stats.last)}",
    ]


def count_text(number: int, noun: str) -> str:
    """'1 statement', '3 statements': every count the answers print."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
