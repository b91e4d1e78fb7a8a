"""The statement commands: /quote (search, paged), /latest (newest first) and the context of
one statement (its paragraph, the quote marked, and related statements)."""

from __future__ import annotations

from datetime import date

from bot.answers import (
    Answer,
    AnswerField,
    AnswerKind,
    PageRequest,
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
    resolve_outlet,
    resolve_speaker,
)
from bot.commands.refusals import answers_errors
from search_index.models import SearchResult, TextRun
from search_index.search.interface import SearchBackend

QUOTES_PER_PAGE = 5
LATEST_LIMIT = 5


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
        per_page=per_page,
    )
    result = _search(service, request)
    if result.total == 0:
        return _no_results(service, request, result.suggestion)
    if request.page > result.pages:  # the index shrank since the buttons were drawn
        request = request.model_copy(update={"page": result.pages})
        result = _search(service, request)

    count = "statement matches" if result.total == 1 else "statements match"
    lines = [f"{result.total} {count} “{text}”{_filters_text(request)}."]
    return results_answer(result, f"On record: “{clip(text, 80)}”", lines, request)


def _search(service: SearchBackend, request: PageRequest) -> SearchResult:
    return service.search(
        request.query, speaker=request.speaker, since=request.since, until=request.until,
        outlet=request.outlet, page=request.page,
        per_page=request.per_page or QUOTES_PER_PAGE,
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
        title=f"Nothing on record for “{clip(request.query, 80)}”",
        lines=lines,
        private=True,
    )


@answers_errors
def latest(
    service: SearchBackend, speaker: str, topic: str | None = None, limit: int = LATEST_LIMIT
) -> Answer:
    person = resolve_speaker(service, speaker)
    topic_text = check_topic(topic)
    result = service.latest(person.name, topic=topic_text or None, limit=limit)
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
            f"{clip(other.statement.text, 150)} ({other.statement.speaker}, "
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
