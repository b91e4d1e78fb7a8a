"""The command layer against the in-memory service: validation and the answers it builds."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from fake_search_service import FakeSearchService, statement

from bot import commands
from bot.answers import AnswerKind
from bot.commands.inputs import parse_date_option
from bot.commands.refusals import BadInput
from search_index.errors import IndexBusy
from search_index.index.ingest import IngestReport
from search_index.models import DateBasis


@pytest.fixture
def service() -> FakeSearchService:
    return FakeSearchService(aliases={"Khawaja Asif": ["Khawaja Muhammad Asif"]})


def test_quote_finds_statements_with_speaker_date_and_source(service):
    answer = commands.quote(service, "elections")
    assert answer.kind is AnswerKind.RESULTS
    assert not answer.private
    assert answer.total == 3
    first = answer.items[0]
    assert first.speaker == "Matthew Miller"
    assert first.role == "State Department Spokesperson"
    assert first.date == date(2024, 2, 10)
    assert first.outlet == "Daily Ledger"
    assert first.url == "https://news.example/vote"
    assert [run.text for run in first.runs if run.match] == ["elections"]
    assert "3 statements match “elections”" in answer.lines[0]


def test_quote_marks_an_uncertain_date_with_its_basis(service):
    answer = commands.quote(service, "institutions")
    item = answer.items[0]
    assert item.speaker == "Mumtaz Zahra Baloch"
    assert item.date_uncertain
    assert item.date_basis == "the article's own date"


def test_quote_numbers_results_across_pages():
    many = [statement(n, f"Turnout in the elections rose in district {n}.", "Matthew Miller",
                      when=date(2024, 1, n)) for n in range(1, 13)]
    service = FakeSearchService(many)
    first = commands.quote(service, "elections")
    assert (first.page, first.pages, first.total) == (1, 3, 12)
    assert first.request is not None
    third = commands.turn_page(service, first.request, 3)
    assert [item.number for item in third.items] == [11, 12]
    assert third.page == 3


def test_a_page_size_other_than_five_is_kept_when_turning_pages():
    many = [statement(n, f"Polling in the elections closed late in town {n}.", "Matthew Miller",
                      when=date(2024, 1, n)) for n in range(1, 8)]
    service = FakeSearchService(many)
    first = commands.quote(service, "elections", per_page=3)
    assert (first.pages, len(first.items)) == (3, 3)
    assert first.request is not None
    second = commands.turn_page(service, first.request, 2)
    assert [item.number for item in second.items] == [4, 5, 6]


def test_a_page_past_the_end_gives_the_last_page():
    many = [statement(n, f"The elections in ward {n} were calm.", "Matthew Miller",
                      when=date(2024, 1, n)) for n in range(1, 8)]
    answer = commands.quote(FakeSearchService(many), "elections", page=9)
    assert answer.page == 2
    assert [item.number for item in answer.items] == [6, 7]


def test_quote_passes_resolved_filters_to_the_service(service):
    answer = commands.quote(service, "elections", speaker="miller", since="2024-02",
                            until="2024", outlet="daily ledger")
    assert answer.kind is AnswerKind.RESULTS
    call = service.search_calls[-1]
    assert call["speaker"] == "Matthew Miller"
    assert call["since"] == date(2024, 2, 1)
    assert call["until"] == date(2024, 12, 31)
    assert call["outlet"] == "Daily Ledger"
    assert "said by Matthew Miller" in answer.lines[0]


def test_no_results_is_private_with_a_did_you_mean(service):
    answer = commands.quote(service, "electons")
    assert answer.kind is AnswerKind.NO_RESULTS
    assert answer.private
    assert any("Did you mean “elections”?" in line for line in answer.lines)


def test_no_results_with_filters_suggests_dropping_them(service):
    answer = commands.quote(service, "terrorism", speaker="Matthew Miller")
    assert answer.kind is AnswerKind.NO_RESULTS
    assert any("without those limits" in line for line in answer.lines)


@pytest.mark.parametrize("query", ["", "   ", "\n\t"])
def test_an_empty_query_asks_for_words(service, query):
    answer = commands.quote(service, query)
    assert answer.is_error and answer.private
    assert "Type a few words" in answer.title
    assert service.search_calls == []


def test_a_2000_character_query_is_refused_with_the_limit(service):
    answer = commands.quote(service, "elections " * 200)
    assert answer.is_error
    assert "limit is 200" in answer.title


@pytest.mark.parametrize(
    "value", ["yesterday", "2024-13-01", "2024-02-30", "24-01-01", "2024/01/01"]
)
def test_dates_that_do_not_parse_say_how_to_write_one(service, value):
    answer = commands.quote(service, "elections", since=value)
    assert answer.is_error and answer.private
    assert answer.title.startswith("since:")
    assert "YYYY-MM-DD" in answer.lines[0]


def test_year_9999_is_refused(service):
    answer = commands.quote(service, "elections", until="9999-12-31")
    assert answer.is_error
    assert "outside the dates" in answer.title


def test_a_reversed_range_offers_the_swap(service):
    answer = commands.quote(service, "elections", since="2024-05-01", until="2024-01-01")
    assert answer.is_error
    assert "since (2024-05-01) is after until (2024-01-01)" in answer.title
    assert "since:2024-01-01 until:2024-05-01" in answer.lines[0]


def test_an_unknown_speaker_is_named_with_what_to_try(service):
    answer = commands.quote(service, "elections", speaker="Zbigniew Nobody")
    assert answer.is_error and answer.private
    assert "No one called “Zbigniew Nobody”" in answer.title
    assert any("/speakers" in line for line in answer.lines)
    assert service.search_calls == []


def test_an_unknown_outlet_lists_known_ones(service):
    answer = commands.quote(service, "elections", outlet="Morning Bugle")
    assert answer.is_error
    assert "No outlet called “Morning Bugle”" in answer.title
    assert "Daily Ledger" in answer.lines[0]


def test_latest_gives_the_newest_statement_first(service):
    answer = commands.latest(service, "Khawaja Muhammad Asif")
    assert answer.kind is AnswerKind.RESULTS
    assert answer.title == "Latest from Khawaja Asif"
    assert [item.date for item in answer.items] == [date(2024, 11, 7), date(2017, 10, 4)]
    assert answer.request is None


def test_latest_with_a_topic_nobody_spoke_about(service):
    answer = commands.latest(service, "Asif", topic="fisheries")
    assert answer.kind is AnswerKind.NO_RESULTS
    assert "on “fisheries”" in answer.title


def test_latest_for_an_unknown_speaker_is_an_error(service):
    answer = commands.latest(service, "Nobody Atall")
    assert answer.is_error


def test_speakers_lists_roles_counts_and_spans(service):
    answer = commands.speakers(service)
    assert answer.kind is AnswerKind.INFO
    names = [field.name for field in answer.fields]
    assert names == ["Khawaja Asif", "Matthew Miller", "Mumtaz Zahra Baloch"]
    asif = answer.fields[0]
    # each role once, with the span of its dated statements
    assert asif.lines[:2] == ["Foreign Minister: 4 Oct 2017", "Defence Minister: 7 Nov 2024"]
    assert "2 statements, 4 Oct 2017 to 7 Nov 2024" in asif.lines
    assert "also: Khawaja Muhammad Asif" in asif.lines


def test_speakers_with_a_name_nobody_has(service):
    answer = commands.speakers(service, "Qqqqqq")
    assert answer.kind is AnswerKind.NO_RESULTS and answer.private


def test_sources_are_newest_first_with_counts(service):
    answer = commands.sources(service)
    assert answer.fields[0].name == "Minister outlines ties"
    assert answer.fields[0].lines == ["Evening Star · 7 Nov 2024 · 1 statement"]
    assert answer.fields[0].url == "https://star.example/ties"


def test_long_lists_page_ten_at_a_time():
    many = [statement(n, "Words.", f"Speaker Number{n:02d}") for n in range(1, 24)]
    answer = commands.speakers(FakeSearchService(many))
    assert (answer.page, answer.pages, answer.total, len(answer.fields)) == (1, 3, 23, 10)
    assert answer.request is not None
    last = commands.turn_page(FakeSearchService(many), answer.request, 3)
    assert last.fields[0].name == "Speaker Number21"


def test_about_reports_corpus_size_and_range(service):
    answer = commands.about(service)
    corpus = answer.fields[0]
    assert corpus.lines[0] == "5 statements by 3 speakers from 5 articles in 2 outlets"
    assert corpus.lines[1] == "Dates: 4 Oct 2017 to 7 Nov 2024"


def test_context_marks_the_quote_inside_its_paragraph(service):
    answer = commands.context(service, "s001")
    assert answer.private
    assert answer.items[0].statement_id == "s001"
    marked = [run.text for run in answer.context if run.match]
    assert marked == ["We look forward to timely, complete results from the elections."]
    assert answer.context[0].text.startswith("Speaking to reporters")
    assert answer.fields[0].name == "Related statements"


def test_context_of_a_statement_gone_since_a_reindex(service):
    answer = commands.context(service, "s999")
    assert answer.is_error
    assert "no longer in the index" in answer.title


def test_an_unavailable_index_is_a_private_answer_not_an_exception():
    answer = commands.quote(FakeSearchService(unavailable=True), "elections")
    assert answer.is_error and answer.private
    assert any("try again in a minute" in line for line in answer.lines)
    assert "The index has not been built yet." not in answer.lines  # details go to the log


def test_reindex_ingests_the_corpus_and_refreshes(service, tmp_path):
    calls = []

    def ingest(paths, index_dir):
        calls.append((paths, index_dir))
        return IngestReport(added=["a.txt"], updated=[], removed=["b.txt"], unchanged=["c"],
                            skipped=[("d.bin", "not text")], statements=12,
                            metadata_problems=[problem])

    problem = "corpus/sources.csv row 2, column url: 'x' is not an http(s) link; ignored"

    answer = commands.reindex(service, [tmp_path, tmp_path / "absent"], tmp_path / "idx", ingest)
    assert calls == [([tmp_path], tmp_path / "idx")]
    assert service.refreshed == 1
    assert answer.lines[0] == "1 added, 0 updated, 1 removed, 1 unchanged; 12 statements in all."
    assert answer.lines[1] == "skipped d.bin: not text"
    assert answer.lines[2] == problem


def test_reindex_while_another_runs(service, tmp_path):
    def busy(paths, index_dir):
        raise IndexBusy("locked")

    answer = commands.reindex(service, [tmp_path], tmp_path / "idx", busy)
    assert answer.is_error and "Another reindex" in answer.title
    assert service.refreshed == 0


def test_reindex_without_any_corpus_folder(service):
    answer = commands.reindex(service, [Path("/nonexistent/onrecord")], Path("/tmp/x"))
    assert answer.is_error and "ONRECORD_CORPUS" in answer.lines[0]


def test_parse_date_option_accepts_dates_and_blank():
    assert parse_date_option(" ", "since") is None
    assert parse_date_option(date(2020, 5, 1), "since") == date(2020, 5, 1)
    assert parse_date_option("2024-02", "until", end=True) == date(2024, 2, 29)
    with pytest.raises(BadInput):
        parse_date_option(date.today() + timedelta(days=800), "until")


def test_statement_basis_text_covers_every_basis():
    from bot.answers import DATE_BASIS_TEXT

    assert set(DATE_BASIS_TEXT) == set(DateBasis)


def test_an_overlong_topic_or_name_is_refused_the_same_way_by_every_command(service):
    topic = "border trade " * 20  # 260 characters, past the 200 a topic may have
    name = "Asif " * 25
    for answer in (commands.latest(service, "Khawaja Asif", topic),
                   commands.timeline(service, topic=topic)):
        assert answer.is_error and answer.title == (
            "That topic is too long (the limit is 200 characters).")
    for answer in (commands.speakers(service, name), commands.latest(service, name),
                   commands.quote(service, "elections", speaker=name)):
        assert answer.is_error and answer.title == (
            "That name is too long (the limit is 100 characters).")
    # spaces are collapsed before the limit is counted
    assert not commands.speakers(service, "Khawaja" + " " * 150 + "Asif").is_error
