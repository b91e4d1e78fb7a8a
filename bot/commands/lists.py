"""The list commands: /speakers and /sources (paged, one field per entry) and /about."""

from __future__ import annotations

from datetime import date

from bot.answers import (
    Answer,
    AnswerField,
    AnswerKind,
    PageRequest,
    count_text,
    source_field,
    speaker_field,
    stats_lines,
)
from bot.commands.inputs import check_name, clip
from bot.commands.refusals import answers_errors
from search_index.search.interface import SearchBackend

LIST_PER_PAGE = 10  # speakers and sources: one embed field each, well under Discord's 25


@answers_errors
def speakers(service: SearchBackend, name: str = "", page: int = 1) -> Answer:
    text = check_name(name)
    people = service.speakers(text, limit=1000 if not text else 25)
    if not people:
        return Answer(
            kind=AnswerKind.NO_RESULTS,
            title=f"No speaker matches “{clip(text, 60)}”" if text else "No speakers yet",
            lines=["Try part of a surname, or /speakers with no name to list everyone."],
            private=True,
        )
    request = PageRequest(command="speakers", name=text, page=page)
    title = f"Speakers matching “{clip(text, 60)}”" if text else "Speakers on record"
    return _list_answer(title, [f"{count_text(len(people), 'speaker')}."],
                        [speaker_field(person) for person in people], request)


@answers_errors
def sources(service: SearchBackend, page: int = 1) -> Answer:
    articles = sorted(
        service.sources(), key=lambda source: (source.article_date or date.min), reverse=True
    )
    if not articles:
        return Answer(kind=AnswerKind.NO_RESULTS, title="No articles indexed yet",
                      lines=["A server manager can add articles and run /reindex."],
                      private=True)
    request = PageRequest(command="sources", page=page)
    lines = [f"{count_text(len(articles), 'article')}, newest first; undated ones last."]
    return _list_answer("Sources on record", lines,
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


@answers_errors
def about(service: SearchBackend) -> Answer:
    stats = service.stats()
    return Answer(
        kind=AnswerKind.INFO,
        title="About OnRecord",
        lines=[
            "OnRecord finds who said what, when and where in the news articles it has read.",
            "Every answer puts the speaker's own words in quote marks and labels a reporter's "
            "paraphrase as such, names the speaker and role, says what each date rests on "
            "(a day the text gives, or the report's date) and links the article.",
        ],
        fields=[
            AnswerField(name="What is indexed", lines=stats_lines(stats)),
            AnswerField(
                name="Commands",
                lines=[
                    "/quote query [speaker] [since] [until] [outlet] [exact]: statements on a "
                    "subject; exact:true for the speakers' exact words only",
                    "/latest speaker [topic]: what someone said most recently",
                    "/speakers [name]: who is on record",
                    "/sources: the articles indexed",
                    "/whosaid phrase: who said these words, earliest first",
                    "/timeline [speaker] [topic] [since] [until]: statements over time, charted",
                ],
            ),
        ],
    )
