"""The statement commands: /quote (search, paged), /latest (newest first) and the context of
one statement (its paragraph, the quote marked, and related statements)."""

from __future__ import annotations

import re
from datetime import date

from bot.answers import (
    Answer,
    AnswerField,
    AnswerKind,
    PageRequest,
    QuoteItem,
    error,
    merge_runs,
    quote_item,
    results_answer,
)
from bot.commands.inputs import (
    check_query,
    check_range,
    check_topic,
    clip,
    parse_date_option,
    parse_flag,
    resolve_outlet,
    resolve_speaker,
)
from bot.commands.refusals import answers_errors
from bot.text_format import date_text
from search_index.models import SearchResult, TextRun
from search_index.search.interface import SearchBackend

QUOTES_PER_PAGE = 5
LATEST_LIMIT = 5  # /latest's page size
EXACT_KINDS = ("direct", "partial")  # the speakers' own words, in quote marks


@answers_errors
def quote(
    service: SearchBackend,
    query: str,
    speaker: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    outlet: str | None = None,
    page: int = 1,
    per_page: int = QUOTES_PER_PAGE,
    exact: bool | str = False,
) -> Answer:
    """Statements matching `query`, ranked; with `exact`, only the speakers' own words (direct
    and partial quotes), never a reporter's paraphrase."""
    text = check_query(query)
    since_date = parse_date_option(since, "since")
    until_date = parse_date_option(until, "until", end=True)
    check_range(since_date, until_date)
    speaker_name = resolve_speaker(service, speaker).name if speaker and speaker.strip() else None
    outlet_name = resolve_outlet(service, outlet) if outlet and outlet.strip() else None

    request = PageRequest(
        command="quote", query=text, speaker=speaker_name, since=since_date, until=until_date,
        outlet=outlet_name, page=max(1, page),
        per_page=per_page, exact=parse_flag(exact, "exact"),
    )
    result = _search(service, request)
    if result.total == 0:
        return _no_results(service, request, result.suggestion)
    if request.page > result.pages:  # the index shrank since the buttons were drawn
        request = request.model_copy(update={"page": result.pages})
        result = _search(service, request)

    count = "statement matches" if result.total == 1 else "statements match"
    lines = [f"{result.total} {count} “{_unwrapped(text)}”{_filters_text(request)}."]
    return results_answer(result, f"On record: “{clip(_unwrapped(text), 80)}”", lines, request)


def _unwrapped(query: str) -> str:
    """A query that is one quoted phrase, without its straight quotes: the title puts it in
    quote marks already."""
    if len(query) > 2 and query[0] == query[-1] == '"' and query.count('"') == 2:
        return query[1:-1].strip()
    return query


def _search(service: SearchBackend, request: PageRequest) -> SearchResult:
    return service.search(
        request.query, speaker=request.speaker, since=request.since, until=request.until,
        outlet=request.outlet, page=request.page,
        per_page=request.per_page or QUOTES_PER_PAGE,
        kind=EXACT_KINDS if request.exact else None,
    )


def _filters_text(request: PageRequest) -> str:
    parts = []
    if request.exact:
        parts.append("in their exact words")
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
        title=f"Nothing on record for “{clip(request.query, 80)}”",
        lines=lines,
        private=True,
    )


@answers_errors
def latest(
    service: SearchBackend, speaker: str, topic: str | None = None, limit: int = LATEST_LIMIT,
    page: int = 1,
) -> Answer:
    """The speaker's statements, paged like /quote: dated ones newest first, then those whose
    date is not stated, each marked so and never placed under its article's date."""
    person = resolve_speaker(service, speaker)
    topic_text = check_topic(topic)
    request = PageRequest(command="latest", speaker=person.name, query=topic_text,
                          page=max(1, page), per_page=limit)
    result = service.latest(person.name, topic=topic_text or None, limit=limit,
                            page=request.page)
    if result.total and not result.hits:  # fewer statements since the buttons were drawn
        request = request.model_copy(update={"page": result.pages})
        result = service.latest(person.name, topic=topic_text or None, limit=limit,
                                page=request.page)
    about = f" on “{topic_text}”" if topic_text else ""
    if not result.hits:
        return Answer(
            kind=AnswerKind.NO_RESULTS,
            title=f"Nothing on record from {person.name}{about}",
            lines=["Try without a topic, or /quote with other words."],
            private=True,
        )
    lines = [f"{person.name}'s statements{about}, newest first; those whose date is not "
             "stated come after the dated ones."]
    return results_answer(result, f"Latest from {person.name}", lines, request)



@answers_errors
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
            _related_line(quote_item(other, number))
            for number, other in enumerate(related, start=1)
        ]))
    lines = []
    if item.is_paraphrase:
        lines.append("Reported speech: the marked sentence is the reporter's, not a quotation "
                     f"of {hit.statement.speaker}.")
    return Answer(
        kind=AnswerKind.INFO,
        title=f"In context: {hit.statement.speaker}",
        lines=lines,
        items=[item],
        context=mark_quote(hit.context or "", hit.statement.text,
                           whole_sentence=item.is_paraphrase),
        fields=fields,
        private=True,
    )


def _related_line(item: QuoteItem) -> str:
    return (f"{item.words_open}{clip(item.text, 150)}{item.words_close} ({item.speaker}, "
            f"{date_text(item)})")


# Where a sentence ends: its stop and any closing quote or bracket, then space.
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+")


def mark_quote(paragraph: str, quote_text: str, *, whole_sentence: bool = False
               ) -> list[TextRun]:
    """The paragraph as runs, the quoted words marked so renderers can emphasise them; with
    `whole_sentence` (a paraphrase), the reporter's whole sentence holding them is marked."""
    if not paragraph:
        return []
    start = paragraph.find(quote_text) if quote_text else -1
    if start < 0:
        return [TextRun(text=paragraph)]
    end = start + len(quote_text)
    if whole_sentence:
        start, end = sentence_around(paragraph, start, end)
    return merge_runs([
        TextRun(text=paragraph[:start]),
        TextRun(text=paragraph[start:end], match=True),
        TextRun(text=paragraph[end:]),
    ])


def sentence_around(paragraph: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence (or sentences) of `paragraph` holding start..end."""
    first, last = 0, len(paragraph)
    for stop in _SENTENCE_END.finditer(paragraph):
        if stop.end() <= start:
            first = stop.end()
        elif stop.start() >= end - 1:
            last = stop.end()
            break
    return first, len(paragraph[:last].rstrip())
