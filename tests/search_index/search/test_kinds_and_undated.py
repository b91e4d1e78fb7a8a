"""The search service keeps undated statements out of other dates and tells quotes from
paraphrase: /latest orders and pages dated before undated, date filters and spans use only
dated statements, exact words outrank the reporter's paraphrase of the same words, and a
quoted phrase is marked whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from statement_factory import fake_extractor, fake_loader, write_article

from search_index.index.ingest import ingest
from search_index.search.service import SearchService

BALOCH = "Mumtaz Zahra Baloch"
HASAN = "Raoof Hasan"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> SearchService:
    root = tmp_path_factory.mktemp("honest")
    corpus = root / "corpus"
    corpus.mkdir()
    # The paraphrase is indexed first, so only its kind can put the quote above it.
    write_article(corpus, "a_briefing.txt", [
        {"text": "the talks with Washington will continue next week", "speaker": HASAN,
         "kind": "indirect", "date": "2024-11-07"},
        {"text": "The talks with Washington will continue next week", "speaker": BALOCH,
         "date": "2024-11-07", "role": "Foreign Office Spokesperson"},
    ], title="Weekly briefing", published="2024-11-07")
    write_article(corpus, "b_later.txt", [
        {"text": "Islamabad wants free and fair elections, and fair play in the region.",
         "speaker": BALOCH, "date": "2024-11-01", "role": "Foreign Office Spokesperson"},
        {"text": "Relations with the United States are decades old.", "speaker": BALOCH,
         "role": "Spokesperson"},
    ], title="Ties are old, ministry says", published="2024-11-09")
    write_article(corpus, "c_between.txt", [
        {"text": "Comments on domestic affairs are contrary to diplomatic norms.",
         "speaker": BALOCH, "role": "Spokesperson"},
    ], title="Ministry rejects letter", published="2024-11-08")
    ingest([corpus], root / "index", loader=fake_loader, extractor=fake_extractor)
    return SearchService(root / "index")


def _texts(result) -> list[str]:
    return [hit.statement.text for hit in result.hits]


def test_latest_lists_dated_newest_first_then_undated_by_their_articles_date(service):
    result = service.latest(BALOCH, limit=10)
    dates = [hit.statement.date for hit in result.hits]
    assert dates == [date(2024, 11, 7), date(2024, 11, 1), None, None]
    # undated ones: the newer article's first; neither is placed under its article's date
    assert [hit.statement.published for hit in result.hits[2:]] == [
        date(2024, 11, 9), date(2024, 11, 8)
    ]


def test_latest_pages_through_the_same_order(service):
    first = service.latest(BALOCH, limit=2, page=1)
    second = service.latest(BALOCH, limit=2, page=2)
    assert first.total == second.total == 4 and first.pages == 2
    assert [hit.statement.date for hit in second.hits] == [None, None]
    assert not set(_texts(first)) & set(_texts(second))
    assert service.latest(BALOCH, limit=2, page=3).hits == []


def test_date_filters_never_take_an_undated_statement_by_its_articles_date(service):
    # both undated statements come from articles of 8 and 9 November
    november = service.search("", speaker=BALOCH, since=date(2024, 11, 1),
                              until=date(2024, 11, 30))
    assert all(hit.statement.date is not None for hit in november.hits)
    assert november.total == 2
    assert service.search("", speaker=BALOCH, until=date(2024, 12, 31)).total == 2


def test_speaker_span_and_timeline_use_dated_statements_only(service):
    baloch = service.resolve_speaker(BALOCH)
    assert baloch is not None and baloch.statements == 4
    assert (baloch.first, baloch.last) == (date(2024, 11, 1), date(2024, 11, 7))
    undated_role = [role for role in baloch.roles if role.role == "Spokesperson"]
    assert undated_role and undated_role[0].first is None and undated_role[0].last is None
    timeline = service.timeline(speaker=BALOCH)
    assert (timeline.dated, timeline.undated) == (2, 2)
    assert timeline.latest_date == date(2024, 11, 7)


def test_exact_words_rank_above_the_same_words_paraphrased(service):
    result = service.search("talks Washington continue")
    assert [hit.statement.kind for hit in result.hits] == ["direct", "indirect"]


def test_a_kind_filter_takes_several_kinds(service):
    exact = service.search("talks Washington", kind=("direct", "partial"))
    assert [hit.statement.speaker for hit in exact.hits] == [BALOCH]
    assert service.search("talks Washington", kind="indirect").total == 1


def test_a_quoted_phrase_is_marked_whole_and_its_words_alone_are_not(service):
    hit = service.search('"free and fair elections"').hits[0]
    marked = [run.text for run in hit.highlight if run.match]
    assert marked == ["free and fair elections"]  # not the second "fair"
    assert "".join(run.text for run in hit.highlight) == hit.statement.text


def test_an_index_from_before_undated_ordering_is_refused_until_rebuilt(tmp_path: Path):
    from whoosh import index as whoosh_index
    from whoosh.fields import ID, TEXT, Schema

    from search_index.errors import IndexUnavailable

    old = Schema(doctype=ID(), text=TEXT(), about=TEXT(), titles=TEXT())
    whoosh_index.create_in(str(tmp_path), old)
    with pytest.raises(IndexUnavailable, match="--rebuild"):
        SearchService(tmp_path).search("talks")


def test_a_name_typed_in_full_resolves_to_that_speaker_before_a_busier_one_holding_it(
        tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "embassy.txt", [
        {"text": f"Visa services resume on day {n}.", "speaker": "Embassy of Pakistan"}
        for n in range(3)
    ] + [{"text": "Pakistan wants peace with its neighbours.", "speaker": "Pakistan"}])
    ingest([corpus], tmp_path / "index", loader=fake_loader, extractor=fake_extractor)
    service = SearchService(tmp_path / "index")
    resolved = service.resolve_speaker("pakistan")
    assert resolved is not None and resolved.name == "Pakistan"
    assert service.resolve_speaker("embassy of pakistan").name == "Embassy of Pakistan"
