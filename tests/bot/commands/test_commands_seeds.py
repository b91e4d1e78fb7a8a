"""The commands over a real index built from seeds/: what a user actually gets back."""

from datetime import date

from bot import commands
from bot.answers import AnswerKind
from bot.console.render import render_text
from bot.discord.render import EMBED_TOTAL_LIMIT, render
from search_index.search.timeline import day_label


def all_items(service, answer):
    items = list(answer.items)
    for page in range(2, answer.pages + 1):
        assert answer.request is not None
        items.extend(commands.turn_page(service, answer.request, page).items)
    return items


def test_quote_elections_finds_millers_february_2024_statements(seeds_service):
    answer = commands.quote(seeds_service, "elections")
    assert answer.kind is AnswerKind.RESULTS
    items = all_items(seeds_service, answer)
    assert len(items) == answer.total
    millers = [item for item in items
               if item.speaker == "Matthew Miller" and item.date == date(2024, 2, 10)]
    assert any("Millions of Pakistanis made their voices heard" in item.text for item in millers)
    assert any(item in answer.items for item in millers)  # on the first page
    assert all(any(run.match for run in item.runs) for item in millers)  # matched words marked
    assert [item.number for item in items] == list(range(1, answer.total + 1))


def test_quote_with_speaker_and_dates_narrows_to_miller_in_february(seeds_service):
    answer = commands.quote(seeds_service, "elections", speaker="miller",
                            since="2024-02", until="2024-02")
    assert answer.total >= 2
    assert {item.speaker for item in answer.items} == {"Matthew Miller"}
    assert {item.date for item in answer.items} == {date(2024, 2, 10)}


def test_latest_khawaja_asif_gives_his_november_2024_words_first(seeds_service):
    answer = commands.latest(seeds_service, "Khawaja Asif")
    first = answer.items[0]
    assert (first.date.year, first.date.month) == (2024, 11)
    assert "Trump" in first.text
    dates = [item.date or date.min for item in answer.items]
    assert dates == sorted(dates, reverse=True)


def test_a_misspelt_speaker_still_resolves(seeds_service):
    assert commands.latest(seeds_service, "miler").title == "Latest from Matthew Miller"


def test_a_misspelt_query_gets_a_did_you_mean(seeds_service):
    answer = commands.quote(seeds_service, "electons")
    assert answer.kind is AnswerKind.NO_RESULTS
    assert "Did you mean “elections”?" in answer.lines


def test_an_unknown_speaker_is_a_private_error(seeds_service):
    answer = commands.quote(seeds_service, "elections", speaker="Zbigniew Qwertyuiop")
    assert answer.is_error and answer.private


def test_speakers_sources_and_about_describe_the_seeds(seeds_service):
    people = commands.speakers(seeds_service)
    names = {field.name for field in people.fields}
    assert {"Matthew Miller", "Khawaja Asif", "John Kirby"} <= names
    sources = commands.sources(seeds_service)
    assert sources.total == 5
    assert sources.fields[0].lines[0].endswith(" statements")
    assert "7 Nov 2024" in sources.fields[0].lines[0]  # newest first
    about = commands.about(seeds_service)
    assert "from 5 articles" in about.fields[0].lines[0]


def test_context_shows_the_paragraph_around_a_statement(seeds_service):
    latest = commands.latest(seeds_service, "Khawaja Asif")
    answer = commands.context(seeds_service, latest.items[0].statement_id)
    marked = "".join(run.text for run in answer.context if run.match)
    assert marked == latest.items[0].text
    assert len("".join(run.text for run in answer.context)) > len(marked)


def test_real_answers_render_within_limits(seeds_service):
    for answer in (commands.quote(seeds_service, "elections"),
                   commands.speakers(seeds_service), commands.sources(seeds_service),
                   commands.about(seeds_service)):
        [embed] = render(answer)
        assert len(embed) <= EMBED_TOTAL_LIMIT
        assert render_text(answer)


def test_sources_on_the_seeds_name_no_file_and_no_wire_credit_as_outlet(seeds_service, seeds_dir):
    answer = commands.sources(seeds_service)
    shown = render_text(answer)
    for path in seeds_dir.iterdir():
        assert path.name not in shown
        assert path.stem not in shown
    summaries = {source.article_id: source for source in seeds_service.sources()}
    credited = [s for s in summaries.values() if s.via]
    assert credited, "seed 003 credits a wire service"
    for source in credited:
        assert source.outlet != source.via
        assert f"via {source.via}" in shown
    # An untitled seed is named by its first words, and every article's outlet is said.
    assert all(field.lines[0].split(" · ")[0] for field in answer.fields)
    assert "outlet unknown" not in shown


def test_a_masthead_date_is_never_shown_as_the_article_s_date(seeds_service):
    answer = commands.sources(seeds_service)
    for source in seeds_service.sources():
        if source.published_basis == "masthead":
            line = next(f.lines[0] for f in answer.fields if f.name == source.name)
            assert f"date not stated (the page is dated {day_label(source.published)})" in line
            assert answer.fields[-1].name == source.name  # undated articles come last


def test_statements_name_their_source_by_headline_or_first_words_never_by_file(
        seeds_service, seeds_dir):
    items = all_items(seeds_service, commands.quote(seeds_service, "Pakistan"))
    shown = "\n".join(render_text(commands.quote(seeds_service, "Pakistan", page=page))
                      for page in range(1, 4))
    assert items
    for path in seeds_dir.iterdir():
        assert path.name not in shown
    assert all(item.article_name and item.outlet_text for item in items)
