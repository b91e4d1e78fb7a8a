"""The search service over a small temporary index: every call, its filters, hostile text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from statement_factory import fake_extractor, fake_loader, write_article

from search_index.errors import IndexUnavailable
from search_index.index.ingest import ingest
from search_index.search.service import SearchService

MILLER = "Matthew Miller"
ASIF = "Khawaja Asif"
KIRBY = "John Kirby"
PSAKI = "Jen Psaki"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search")
    corpus = root / "corpus"
    corpus.mkdir()
    write_article(
        corpus,
        "vote.txt",
        [
            {"text": "Millions of voters made their voices heard in the elections.",
             "speaker": MILLER, "date": "2024-02-10", "role": "State Department Spokesperson",
             "paragraph": "Miller said in a statement: “Millions of voters made their voices "
                          "heard in the elections.” He urged calm."},
            {"text": "Claims of interference or fraud should be fully investigated.",
             "speaker": MILLER, "date": "2024-02-10"},
            {"text": "the elections included undue restrictions",
             "speaker": MILLER, "date": "2024-02-10", "kind": "indirect"},
        ],
        title="Washington urges probe into vote claims",
        outlet="Daily Ledger",
        published="2024-02-11",
    )
    write_article(
        corpus,
        "briefing.txt",
        [
            {"text": "We have a healthy military-to-military relationship with Pakistan.",
             "speaker": KIRBY, "date": "2022-04-12", "role": "Pentagon Press Secretary"},
            {"text": "Free and fair elections are for the people of Pakistan to decide.",
             "speaker": PSAKI, "date": "2022-04-13", "role": "White House Press Secretary"},
            {"text": "I don't have a prediction of a call at this point.",
             "speaker": PSAKI},
        ],
        title="Pentagon says military ties continue",
        outlet="Evening Courier",
        published="2022-04-13",
    )
    write_article(
        corpus,
        "asif_2017.txt",
        [{"text": "Trade talks with Washington were useful for both countries.",
          "speaker": ASIF, "role": "Foreign Minister"}],
        title="Asif meets his counterpart",
        outlet="Evening Courier",
        published="2017-10-04",
    )
    write_article(
        corpus,
        "asif_2024.txt",
        [
            {"text": "We don't think Trump will call for the release. Let's wait and see.",
             "speaker": ASIF, "date": "2024-11-06", "role": "Defence Minister"},
            {"text": "Talks with Washington will continue after the elections.",
             "speaker": ASIF, "date": "2024-11-05", "role": "Defence Minister"},
        ],
        title="Minister doubts Trump call",
        outlet="Frontier Post",
        published="2024-11-07",
    )
    report = ingest([corpus], root / "index", loader=fake_loader, extractor=fake_extractor)
    assert not report.skipped
    return root / "index"


@pytest.fixture(scope="module")
def service(index_dir: Path) -> SearchService:
    return SearchService(index_dir)


def texts(result) -> list[str]:
    return [hit.statement.text for hit in result.hits]


def test_search_ranks_stemmed_matches_and_counts_them(service):
    result = service.search("election")
    assert result.total == 4
    assert {hit.statement.speaker for hit in result.hits} == {MILLER, PSAKI, ASIF}
    assert all(hit.score > 0 for hit in result.hits)


def test_search_hits_carry_highlights_and_sources(service):
    hit = service.search("fraud investigated").hits[0]
    marked = [run.text for run in hit.highlight if run.match]
    assert marked == ["fraud", "investigated"]
    assert "".join(run.text for run in hit.highlight) == hit.statement.text
    assert hit.sources[0].outlet == "Daily Ledger"
    assert hit.sources[0].published == date(2024, 2, 11)


def test_multiword_query_is_and_then_falls_back_to_or(service):
    assert texts(service.search("fraud investigated")) == [
        "Claims of interference or fraud should be fully investigated."
    ]
    loose = service.search("fraud relationship")
    assert loose.total == 2


def test_speaker_name_role_and_title_are_searched(service):
    assert service.search("Kirby").total == 1
    # Every statement of the article titled "Pentagon says military ties continue" matches;
    # the one whose own words say "military" ranks first.
    pentagon = service.search("Pentagon military")
    assert pentagon.total == 3 and pentagon.hits[0].statement.speaker == KIRBY
    assert service.search("Defence Minister").total == 2


def test_exact_phrase(service):
    assert service.search('"free and fair elections"').total == 1
    assert service.search('"elections free"').total == 0


def test_filters(service):
    assert service.search("elections", speaker="miller").total == 2
    assert service.search("elections", speaker="Nobody Known At All").total == 0
    assert service.search("elections", outlet="evening courier").total == 1
    assert service.search("elections", kind="indirect").total == 1
    assert service.search("elections", since=date(2024, 1, 1)).total == 3
    assert service.search("elections", until=date(2023, 1, 1)).total == 1
    assert service.search("elections", since=date(2024, 2, 10), until=date(2024, 2, 10)).total == 2
    assert service.search("elections", since=date(2025, 1, 1), until=date(2024, 1, 1)).total == 0


def test_empty_query_with_a_filter_lists_newest_first(service):
    result = service.search("", speaker=ASIF)
    assert result.total == 3
    assert result.hits[0].statement.date == date(2024, 11, 6)


def test_pages(service):
    first = service.search("elections", per_page=2)
    second = service.search("elections", per_page=2, page=2)
    assert first.total == second.total == 4 and first.pages == 2
    assert len(first.hits) == 2 and len(second.hits) == 2
    assert not set(texts(first)) & set(texts(second))
    assert service.search("elections", per_page=2, page=9).hits == []


@pytest.mark.parametrize(
    "hostile",
    [
        '"unbalanced quote', 'elections"', "AND OR NOT", "NOT elections", "text:elections",
        "speaker:Miller", "*", "elect*", "?", "(elections", "elections)", "😀🗳️", "انتخابات",
        "\u202eelections", "elec\x00tions", "\x07\x1b[31m", "x" * 2000, "elections " * 300,
        "the and of to", "", "   ", "\\", "{}[]^~", "elections~2", "'; DROP TABLE statements;--",
    ],
)
def test_hostile_queries_return_normal_results(service, hostile):
    result = service.search(hostile)
    assert result.total >= 0 and result.query == hostile
    service.latest(MILLER, topic=hostile)
    service.suggest(hostile)
    service.speakers(hostile)
    service.resolve_speaker(hostile)
    service.outlets(hostile)
    service.statement(hostile)
    service.related(hostile)


def test_operators_are_searched_as_words(service):
    assert service.search("text:elections").total == 4  # "text" is just another word, OR-ed in
    assert service.search("elections AND fraud").total >= 1


def test_latest_puts_the_newest_words_first(service):
    result = service.latest("Khawaja Asif")
    assert [hit.statement.date for hit in result.hits] == [
        date(2024, 11, 6), date(2024, 11, 5), None
    ]
    assert result.hits[2].date_uncertain and result.hits[2].statement.published == date(2017, 10, 4)
    assert len(service.latest("asif", limit=1).hits) == 1


def test_latest_with_a_topic(service):
    assert texts(service.latest(ASIF, topic="Washington talks")) == [
        "Talks with Washington will continue after the elections.",
        "Trade talks with Washington were useful for both countries.",
    ]
    assert service.latest(ASIF, topic="fraud").hits == []


def test_latest_for_an_unknown_speaker_is_empty(service):
    result = service.latest("Zzyzx Qwertyuiop")
    assert result.hits == [] and result.total == 0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("miler", MILLER), ("Kirby", KIRBY), ("psaki", PSAKI), ("Matthew", MILLER),
     ("khawaja asif", ASIF), ("asif", ASIF), ("jen", PSAKI)],
)
def test_speakers_are_found_fuzzily_and_by_alias(service, typed, expected):
    assert service.speakers(typed)[0].name == expected
    assert service.resolve_speaker(typed).name == expected


def test_speaker_entries_carry_roles_with_dates_from_dated_statements_only(service):
    asif = service.speakers("Khawaja Asif")[0]
    assert asif.statements == 3  # the undated 2017 statement counts ...
    # ... but is never placed under its article's date (2017-10-04): its role has no span
    assert [(r.role, r.first, r.last) for r in asif.roles] == [
        ("Defence Minister", date(2024, 11, 5), date(2024, 11, 6)),
        ("Foreign Minister", None, None),
    ]
    assert (asif.first, asif.last) == (date(2024, 11, 5), date(2024, 11, 6))
    assert "Asif" in asif.aliases


def test_speakers_without_text_lists_the_busiest(service):
    names = [speaker.name for speaker in service.speakers("")]
    assert names[0] in {MILLER, ASIF} and len(names) == 4
    assert service.resolve_speaker("Somebody Else Entirely") is None


def test_outlets(service):
    assert service.outlets() == ["Daily Ledger", "Evening Courier", "Frontier Post"]
    assert service.outlets("eve") == ["Evening Courier"]


def test_suggest(service):
    assert service.suggest("electons") == "elections"
    assert service.suggest("elections") is None
    result = service.search("electons")
    assert result.total == 0 and result.suggestion == "elections"


def test_statement_with_its_paragraph(service):
    hit = service.search("voices").hits[0]
    found = service.statement(hit.statement.id)
    assert found.statement == hit.statement
    assert found.context.startswith("Miller said in a statement")
    assert service.statement("no-such-id") is None


def test_related(service):
    hit = service.search("Washington talks").hits[0]
    related = service.related(hit.statement.id)
    assert related and all(r.statement.id != hit.statement.id for r in related)
    assert "Washington" in related[0].statement.text


def test_sources_and_stats(service):
    sources = service.sources()
    assert [s.file for s in sources] == ["asif_2024.txt", "vote.txt", "briefing.txt",
                                         "asif_2017.txt"]
    assert sources[1].statements == 3
    stats = service.stats()
    assert (stats.articles, stats.statements, stats.speakers, stats.outlets) == (4, 9, 4, 3)
    # the span of dated statements: the undated one of 2017 is not dated by its article
    assert (stats.first, stats.last) == (date(2022, 4, 12), date(2024, 11, 6))


def test_missing_index_raises_index_unavailable_only_when_used(tmp_path):
    service = SearchService(tmp_path / "nothing")
    with pytest.raises(IndexUnavailable, match="onrecord index"):
        service.search("elections")
    with pytest.raises(IndexUnavailable):
        service.stats()


def test_damaged_index_raises_index_unavailable(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a.txt", [{"text": "Rates will stay high.", "speaker": "Ana Ruiz"}])
    index_dir = tmp_path / "index"
    ingest([corpus], index_dir, loader=fake_loader, extractor=fake_extractor)
    for toc in index_dir.glob("_MAIN_*.toc"):
        toc.write_bytes(b"\x00garbage")
    with pytest.raises(IndexUnavailable, match="rebuild"):
        SearchService(index_dir).search("rates")


def test_service_picks_up_a_new_ingest(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a.txt", [{"text": "Rates will stay high.", "speaker": "Ana Ruiz"}])
    index_dir = tmp_path / "index"
    ingest([corpus], index_dir, loader=fake_loader, extractor=fake_extractor)
    service = SearchService(index_dir)
    assert service.search("rates").total == 1
    write_article(corpus, "b.txt", [{"text": "Rates may fall in spring.", "speaker": "Ana Ruiz"}])
    ingest([corpus], index_dir, loader=fake_loader, extractor=fake_extractor)
    service.refresh()
    assert service.search("rates").total == 2
