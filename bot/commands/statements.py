"""One function per command: plain arguments in, an `Answer` out.

No transport lives here (no discord import): the Discord layer and the console both call these
functions, off the event loop, and render what they return. Bad input never raises: it comes
back as a private error answer that says what to try instead.
"""

from __future__ import annotations

import calendar
import functools
import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import ParamSpec, Protocol

from bot.answers import (
    Answer,
    AnswerField,
    AnswerKind,
    PageRequest,
    error,
    merge_runs,
    quote_item,
    results_answer,
    source_field,
    speaker_field,
    stats_lines,
)
from search_index.errors import IndexBusy, IndexUnavailable, OnRecordError
from search_index.models import (
    Hit,
    IndexStats,
    SearchResult,
    SourceSummary,
    Speaker,
    TextRun,
    WhoSaidResult,
)
from search_index.timeline import Timeline, period_label

log = logging.getLogger(__name__)

QUOTES_PER_PAGE = 5
LATEST_LIMIT = 5
LIST_PER_PAGE = 10  # speakers and sources: one embed field each, well under Discord's 25
MAX_QUERY_CHARS = 200
MAX_NAME_CHARS = 100
EARLIEST_YEAR = 1900


class SearchBackend(Protocol):
    """The part of search_index.search.SearchService the commands use."""

    def search(
        self,
        query: str,
        speaker: str | None = None,
        since: date | None = None,
        until: date | None = None,
        outlet: str | None = None,
        kind: str | None = None,
        page: int = 1,
        per_page: int = 5,
    ) -> SearchResult: ...
    def latest(self, speaker: str, topic: str | None = None, limit: int = 5) -> SearchResult: ...
    def speakers(self, prefix_or_name: str = "", limit: int = 25) -> list[Speaker]: ...
    def resolve_speaker(self, name: str) -> Speaker | None: ...
    def outlets(self, prefix: str = "", limit: int = 25) -> list[str]: ...
    def suggest(self, query: str) -> str | None: ...
    def statement(self, statement_id: str) -> Hit | None: ...
    def related(self, statement_id: str, limit: int = 5) -> list[Hit]: ...
    def sources(self) -> list[SourceSummary]: ...
    def stats(self) -> IndexStats: ...
    def refresh(self) -> None: ...
    def whosaid(self, phrase: str, limit: int = 10) -> WhoSaidResult: ...
    def timeline(
        self,
        speaker: str | None = None,
        topic: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Timeline: ...


class IngestOutcome(Protocol):
    """What search_index.index.ingest reports (its IngestReport)."""

    added: list[str]
    updated: list[str]
    removed: list[str]
    unchanged: list[str]
    skipped: list[tuple[str, str]]
    statements: int


class BadInput(Exception):
    """An argument a user can fix; the message says how."""

    def __init__(self, title: str, *lines: str) -> None:
        super().__init__(title)
        self.answer = error(title, *lines)


P = ParamSpec("P")


def _answers_errors(command: Callable[P, Answer]) -> Callable[P, Answer]:
    """Turn bad input and an unavailable index into private answers instead of exceptions."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Answer:
        try:
            return command(*args, **kwargs)
        except BadInput as bad:
            return bad.answer
        except IndexUnavailable as unavailable:
            # The detail (a path on the server) is for the operator's log, not for members.
            log.warning("index unavailable for %s: %s", command.__name__, unavailable)
            return index_unavailable_answer()

    return wrapper


def index_unavailable_answer() -> Answer:
    return error(
        "The index is not available right now.",
        "It is being rebuilt or repaired: try again in a minute.",
        "If this lasts, a server manager can rebuild it with /reindex (or `onrecord index`).",
    )


# --- argument checks ---------------------------------------------------------------------


def parse_date_option(value: str | date | None, option: str, *, end: bool = False) -> date | None:
    """YYYY-MM-DD, YYYY-MM or YYYY; a month or year means its first day (or last, for `until`)."""
    if value is None or isinstance(value, date):
        parsed = value
    else:
        text = value.strip()
        if not text:
            return None
        parsed = _parse_date_text(text, end)
        if parsed is None:
            raise BadInput(
                f"{option}: “{_clip(text, 40)}” is not a date.",
                "Write dates as YYYY-MM-DD, YYYY-MM or YYYY, for example 2024-02-10.",
            )
    if parsed is not None and not EARLIEST_YEAR <= parsed.year <= date.today().year + 1:
        raise BadInput(
            f"{option}: {parsed} is outside the dates news can cover.",
            f"Use a date between {EARLIEST_YEAR} and next year.",
        )
    return parsed


def _parse_date_text(text: str, end: bool) -> date | None:
    parts = text.split("-")
    if not all(part.isdigit() for part in parts) or len(parts[0]) != 4 or len(parts) > 3:
        return None
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 3:
            return date(numbers[0], numbers[1], numbers[2])
        if len(numbers) == 2:
            last_day = calendar.monthrange(numbers[0], numbers[1])[1] if end else 1
            return date(numbers[0], numbers[1], last_day)
        return date(numbers[0], 12, 31) if end else date(numbers[0], 1, 1)
    except (ValueError, calendar.IllegalMonthError):
        return None


def check_range(since: date | None, until: date | None) -> None:
    if since is not None and until is not None and since > until:
        raise BadInput(
            f"since ({since}) is after until ({until}).",
            f"Did you mean since:{until} until:{since}?",
        )


def check_query(query: str) -> str:
    text = " ".join(query.split())
    if not text:
        raise BadInput(
            "Type a few words to search for.",
            "For example: /quote elections, or /quote security cooperation speaker:Miller",
        )
    if len(text) > MAX_QUERY_CHARS:
        raise BadInput(
            f"That search is too long ({len(text)} characters; the limit is {MAX_QUERY_CHARS}).",
            "A few distinctive words work best.",
        )
    return text


def resolve_speaker(service: SearchBackend, name: str) -> Speaker:
    text = " ".join(name.split())
    if not text:
        raise BadInput("Name a speaker.", "Use /speakers to see who is in the index.")
    if len(text) > MAX_NAME_CHARS:
        raise BadInput(f"That name is too long (the limit is {MAX_NAME_CHARS} characters).")
    speaker = service.resolve_speaker(text)
    if speaker is None:
        close = [candidate.name for candidate in service.speakers(text, limit=3)]
        hint = f"Did you mean {_or_list(close)}?" if close else "No similar name either."
        raise BadInput(
            f"No one called “{_clip(text, 60)}” is in the index.",
            hint,
            "Use /speakers to see who is.",
        )
    return speaker


def resolve_outlet(service: SearchBackend, name: str) -> str:
    text = " ".join(name.split())
    known = service.outlets("", limit=1000)
    wanted = text.casefold()
    exact = [outlet for outlet in known if outlet.casefold() == wanted]
    if exact:
        return exact[0]
    partial = [outlet for outlet in known if wanted and wanted in outlet.casefold()]
    if len(partial) == 1:
        return partial[0]
    choices = partial or known
    hint = f"Known outlets include {_or_list(choices[:5])}." if choices else "No outlets yet."
    raise BadInput(f"No outlet called “{_clip(text, 60)}” is in the index.", hint,
                   "Use /sources to see them all.")


# --- commands ------------------------------------------------------------------------------


@_answers_errors
def quote(
    service: SearchBackend,
    query: str,
    speaker: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    outlet: str | None = None,
    page: int = 1,
) -> Answer:
    text = check_query(query)
    since_date = parse_date_option(since, "since")
    until_date = parse_date_option(until, "until", end=True)
    check_range(since_date, until_date)
    speaker_name = resolve_speaker(service, speaker).name if speaker and speaker.strip() else None
    outlet_name = resolve_outlet(service, outlet) if outlet and outlet.strip() else None

    request = PageRequest(
        command="quote", query=text, speaker=speaker_name, since=since_date, until=until_date,
        outlet=outlet_name, page=max(1, page),
    )
    result = _search(service, request)
    if result.total == 0:
        return _no_results(service, request, result.suggestion)
    if request.page > result.pages:  # the index shrank since the buttons were drawn
        request = request.model_copy(update={"page": result.pages})
        result = _search(service, request)

    count = "statement matches" if result.total == 1 else "statements match"
    lines = [f"{result.total} {count} “{text}”{_filters_text(request)}."]
    return results_answer(result, f"On record: “{_clip(text, 80)}”", lines, request)


def _search(service: SearchBackend, request: PageRequest) -> SearchResult:
    return service.search(
        request.query, speaker=request.speaker, since=request.since, until=request.until,
        outlet=request.outlet, page=request.page, per_page=QUOTES_PER_PAGE,
    )


def _filters_text(request: PageRequest) -> str:
    parts = []
    if request.speaker:
        parts.append(f"said by {request.speaker}")
    if request.outlet:
        parts.append(f"reported by {request.outlet}")
    if request.since:
        parts.append(f"from {request.since}")
    if request.until:
        parts.append(f"until {request.until}")
    return (" " + ", ".join(parts)) if parts else ""


def _no_results(service: SearchBackend, request: PageRequest, suggestion: str | None) -> Answer:
    suggestion = suggestion or service.suggest(request.query)
    lines: list[str] = []
    if suggestion and suggestion.casefold() != request.query.casefold():
        lines.append(f"Did you mean “{suggestion}”?")
    filters = _filters_text(request)
    if filters:
        lines.append(f"The search was limited to statements{filters}: try without those limits.")
    lines.append("Try fewer or different words, or a speaker's name from /speakers.")
    return Answer(
        kind=AnswerKind.NO_RESULTS,
        title=f"Nothing on record for “{_clip(request.query, 80)}”",
        lines=lines,
        private=True,
    )


@_answers_errors
def latest(service: SearchBackend, speaker: str, topic: str | None = None) -> Answer:
    person = resolve_speaker(service, speaker)
    topic_text = " ".join((topic or "").split())
    if len(topic_text) > MAX_QUERY_CHARS:
        raise BadInput(f"That topic is too long (the limit is {MAX_QUERY_CHARS} characters).")
    result = service.latest(person.name, topic=topic_text or None, limit=LATEST_LIMIT)
    about = f" on “{topic_text}”" if topic_text else ""
    if not result.hits:
        return Answer(
            kind=AnswerKind.NO_RESULTS,
            title=f"Nothing on record from {person.name}{about}",
            lines=["Try without a topic, or /quote with other words."],
            private=True,
        )
    lines = [f"The most recent of {person.name}'s statements{about}, newest first."]
    answer = results_answer(result, f"Latest from {person.name}", lines, None)
    return answer.model_copy(update={"page": 1, "pages": 1})


@_answers_errors
def speakers(service: SearchBackend, name: str = "", page: int = 1) -> Answer:
    text = " ".join(name.split())
    if len(text) > MAX_NAME_CHARS:
        raise BadInput(f"That name is too long (the limit is {MAX_NAME_CHARS} characters).")
    people = service.speakers(text, limit=1000 if not text else 25)
    if not people:
        return Answer(
            kind=AnswerKind.NO_RESULTS,
            title=f"No speaker matches “{_clip(text, 60)}”" if text else "No speakers yet",
            lines=["Try part of a surname, or /speakers with no name to list everyone."],
            private=True,
        )
    request = PageRequest(command="speakers", name=text, page=page)
    title = f"Speakers matching “{_clip(text, 60)}”" if text else "Speakers on record"
    count = "speaker" if len(people) == 1 else "speakers"
    return _list_answer(title, [f"{len(people)} {count}."],
                        [speaker_field(person) for person in people], request)


@_answers_errors
def sources(service: SearchBackend, page: int = 1) -> Answer:
    articles = sorted(
        service.sources(), key=lambda source: (source.published or date.min), reverse=True
    )
    if not articles:
        return Answer(kind=AnswerKind.NO_RESULTS, title="No articles indexed yet",
                      lines=["A server manager can add articles and run /reindex."],
                      private=True)
    count = "article" if len(articles) == 1 else "articles"
    request = PageRequest(command="sources", page=page)
    return _list_answer("Sources on record", [f"{len(articles)} {count}, newest first."],
                        [source_field(article) for article in articles], request)


def _list_answer(
    title: str, lines: list[str], fields: list[AnswerField], request: PageRequest
) -> Answer:
    pages = max(1, -(-len(fields) // LIST_PER_PAGE))
    page = min(max(1, request.page), pages)
    start = (page - 1) * LIST_PER_PAGE
    return Answer(
        kind=AnswerKind.INFO,
        title=title,
        lines=lines,
        fields=fields[start : start + LIST_PER_PAGE],
        page=page,
        pages=pages,
        total=len(fields),
        request=request.model_copy(update={"page": page}) if pages > 1 else None,
    )


@_answers_errors
def about(service: SearchBackend) -> Answer:
    stats = service.stats()
    return Answer(
        kind=AnswerKind.INFO,
        title="About OnRecord",
        lines=[
            "OnRecord finds who said what, when and where in the news articles it has read.",
            "Every answer quotes the words, names the speaker and role, dates the statement "
            "(saying so when the date is uncertain) and links the article.",
        ],
        fields=[
            AnswerField(name="What is indexed", lines=stats_lines(stats)),
            AnswerField(
                name="Commands",
                lines=[
                    "/quote query [speaker] [since] [until] [outlet]: statements on a subject",
                    "/latest speaker [topic]: what someone said most recently",
                    "/speakers [name]: who is on record",
                    "/sources: the articles indexed",
                    "/whosaid phrase: who said these words, earliest first",
                    "/timeline [speaker] [topic] [since] [until]: statements over time, charted",
                ],
            ),
        ],
    )


@_answers_errors
def context(service: SearchBackend, statement_id: str) -> Answer:
    hit = service.statement(statement_id)
    if hit is None:
        return error(
            "That statement is no longer in the index.",
            "The index may have been rebuilt since; run the search again.",
        )
    item = quote_item(hit, 1).model_copy(update={"runs": [TextRun(text=hit.statement.text)]})
    fields = []
    related = service.related(statement_id, limit=3)
    if related:
        fields.append(AnswerField(name="Related statements", lines=[
            f"{_clip(other.statement.text, 150)} ({other.statement.speaker}, "
            f"{other.statement.date or 'date uncertain'})" for other in related
        ]))
    return Answer(
        kind=AnswerKind.INFO,
        title=f"In context: {hit.statement.speaker}",
        items=[item],
        context=mark_quote(hit.context or "", hit.statement.text),
        fields=fields,
        private=True,
    )


def mark_quote(paragraph: str, quote_text: str) -> list[TextRun]:
    """The paragraph as runs, the quoted words marked so renderers can emphasise them."""
    if not paragraph:
        return []
    start = paragraph.find(quote_text) if quote_text else -1
    if start < 0:
        return [TextRun(text=paragraph)]
    end = start + len(quote_text)
    return merge_runs([
        TextRun(text=paragraph[:start]),
        TextRun(text=paragraph[start:end], match=True),
        TextRun(text=paragraph[end:]),
    ])


def reindex(
    service: SearchBackend,
    corpus: Sequence[Path],
    index_dir: Path,
    ingest: Callable[[list[Path], Path], IngestOutcome] | None = None,
) -> Answer:
    """Re-read the corpus into the index and have the service use it at once."""
    existing = [path for path in corpus if path.exists()]
    if not existing:
        return error("None of the corpus folders exist.",
                     "Check ONRECORD_CORPUS; it lists the article folders, separated by ':'.")
    if ingest is None:
        from search_index.index import ingest as ingest_function

        ingest = ingest_function
    try:
        report = ingest(existing, index_dir)
    except IndexBusy:
        return error("Another reindex is running.", "Try again in a minute.")
    except OnRecordError as failure:
        log.warning("reindex failed: %s", failure)
        return error("The reindex failed.", str(failure))
    service.refresh()
    lines = [
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.removed)} removed, {len(report.unchanged)} unchanged; "
        f"{report.statements} statements in all.",
    ]
    skipped = list(report.skipped)
    for file, reason in skipped[:5]:
        lines.append(f"skipped {file}: {reason}")
    if len(skipped) > 5:
        lines.append(f"and {len(skipped) - 5} more skipped")
    return Answer(kind=AnswerKind.INFO, title="Index rebuilt", lines=lines, private=True)


def turn_page(service: SearchBackend, request: PageRequest, page: int) -> Answer:
    """The same answer, another page."""
    if request.command == "quote":
        return quote(service, request.query, request.speaker, request.since, request.until,
                     request.outlet, page=page)
    if request.command == "speakers":
        return speakers(service, request.name, page=page)
    return sources(service, page=page)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _or_list(names: Sequence[str]) -> str:
    quoted = [f"“{name}”" for name in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


# --- who said it, and over time --------------------------------------------------------------

WHOSAID_GROUPS = 5  # distinct wordings; each lists everyone who said it
WHOSAID_ITEMS = 8  # statements shown in all, so every source line fits in one embed
CHART_FILENAME = "timeline.png"
MATCH_TEXT = {"phrase": "these exact words", "all-words": "every word",
              "most-words": "most of the words"}


@_answers_errors
def whosaid(service: SearchBackend, phrase: str) -> Answer:
    """Statements holding the phrase (or the closest), each with everyone who said the same
    words and every article that reported them, earliest first."""
    text = " ".join((phrase or "").replace('"', " ").split())
    if not text:
        raise BadInput("Type the words you remember.",
                       "For example: /whosaid major non-NATO ally")
    if len(text) > MAX_QUERY_CHARS:
        raise BadInput(f"That phrase is too long ({len(text)} characters; the limit is "
                       f"{MAX_QUERY_CHARS}).", "The few words you remember best work better.")
    result = service.whosaid(text, limit=WHOSAID_GROUPS)
    if not result.groups:
        lines = []
        if result.suggestion and result.suggestion.casefold() != text.casefold():
            lines.append(f"Did you mean “{result.suggestion}”?")
        lines.append("No statement holds those words or most of them. Try fewer words, "
                     "or the ones you remember best.")
        return Answer(kind=AnswerKind.NO_RESULTS, lines=lines, private=True,
                      title=f"Nobody on record said “{_clip(text, 80)}”")

    items = []
    lines = []
    for group in result.groups:
        hits = group.hits[: max(0, WHOSAID_ITEMS - len(items))]
        if not hits:
            break
        first = len(items) + 1
        for hit in hits:
            item = quote_item(hit, len(items) + 1)
            items.append(item.model_copy(update={"reports": _report_lines(hit)}))
        numbers = f"{first}" if len(hits) == 1 else f"{first}-{first + len(hits) - 1}"
        said = f" (said by {len(hits)} people, earliest first)" if len(hits) > 1 else ""
        lines.append(f"{numbers}: {MATCH_TEXT[group.match]}{said}")
    if result.groups[0].match != "phrase":
        lines.insert(0, "No statement holds these exact words; the closest are below.")
    return Answer(
        kind=AnswerKind.RESULTS,
        title=f"Who said “{_clip(text, 80)}”",
        lines=lines,
        items=items,
        total=len(items),
    )


def _report_lines(hit: Hit) -> list[str]:
    lines = []
    for source in hit.sources:
        when = str(source.published) if source.published else "date unknown"
        lines.append(" · ".join([when, source.outlet or "outlet unknown",
                                 source.title or source.file]))
    return lines


@_answers_errors
def timeline(
    service: SearchBackend,
    speaker: str | None = None,
    topic: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
) -> Answer:
    """Statements per month (or week) as a chart, the first and latest listed, the busiest
    periods named; an empty timeline says so in words, with no chart."""
    speaker_text = " ".join((speaker or "").split())
    topic_text = " ".join((topic or "").split())
    if not speaker_text and not topic_text:
        raise BadInput("Name a speaker, a topic, or both.",
                       "For example: /timeline speaker:Matthew Miller, "
                       "or /timeline topic:elections")
    if len(topic_text) > MAX_QUERY_CHARS:
        raise BadInput(f"That topic is too long (the limit is {MAX_QUERY_CHARS} characters).")
    since_date = parse_date_option(since, "since")
    until_date = parse_date_option(until, "until", end=True)
    check_range(since_date, until_date)
    person = resolve_speaker(service, speaker_text) if speaker_text else None
    counted = service.timeline(speaker=person.name if person else None,
                               topic=topic_text or None, since=since_date, until=until_date)
    about = f"“{_clip(topic_text, 60)}”" if topic_text else ""
    subject = " on ".join(part for part in (person.name if person else "", about) if part)
    window = _window_text(since_date, until_date)
    undated = (f"{_statements(counted.undated, 'undated ')} not on the chart."
               if counted.undated else None)
    if counted.is_empty:
        lines = [f"No dated statements from {subject}{window}, so there is nothing to chart."]
        if undated:
            lines.append(undated)
        lines.append("Try a wider date range, another spelling, or /quote to search words.")
        return Answer(kind=AnswerKind.NO_RESULTS, title=f"Nothing to chart for {subject}",
                      lines=lines, private=True, timeline=counted)

    from bot.timeline_chart import draw_timeline_png  # matplotlib: loaded on first chart only

    title = f"Statements over time: {subject}"
    png = draw_timeline_png(counted, title)
    buckets = counted.buckets
    lines = [f"{_statements(counted.dated, 'dated ')} per {counted.granularity}, "
             f"{period_label(buckets[0].start, counted.granularity)} to "
             f"{period_label(buckets[-1].start, counted.granularity)}{window}."]
    if undated:
        lines.append(undated)
    hits = [counted.first]
    if counted.latest is not None and counted.latest.statement.id != counted.first.statement.id:
        hits.append(counted.latest)
    lines.append("1 is the first statement on the chart" + (", 2 the latest." if len(hits) > 1
                                                            else ", and the latest."))
    busiest = AnswerField(name="Busiest periods", lines=[
        f"{counted.label(bucket)}: {_statements(bucket.count)}" for bucket in counted.busiest
    ])
    return Answer(
        kind=AnswerKind.RESULTS,
        title=title,
        lines=lines,
        items=[quote_item(hit, number) for number, hit in enumerate(hits, start=1)],
        fields=[busiest],
        total=counted.dated,
        chart_png=png,
        chart_filename=CHART_FILENAME,
        timeline=counted,
    )


def _statements(count: int, adjective: str = "") -> str:
    return f"{count} {adjective}statement{'' if count == 1 else 's'}"


def _window_text(since: date | None, until: date | None) -> str:
    if since and until:
        return f" between {since} and {until}"
    if since:
        return f" since {since}"
    return f" until {until}" if until else ""
