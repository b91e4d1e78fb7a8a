"""SearchService.whosaid and .timeline over an index of invented articles and of the seeds."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from said_corpus import (
    SHARED_PHRASE,
    SLOGAN,
    SLOGAN_PHRASE,
    VARGA,
    VARGA_MONTHS,
    WREN,
    write_said_corpus,
)

from search_index.index.ingest import ingest
from search_index.models import Hit, Statement
from search_index.search.service import SearchService
from search_index.search.timeline import period_start
from search_index.search.whosaid import Phrase, group_hits


@pytest.fixture(scope="module")
def said(tmp_path_factory: pytest.TempPathFactory) -> SearchService:
    root = tmp_path_factory.mktemp("said")
    report = ingest([write_said_corpus(root / "corpus")], root / "index")
    assert not report.skipped and report.statements
    return SearchService(root / "index")


@pytest.fixture(scope="module")
def seeded(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> SearchService:
    index_dir = tmp_path_factory.mktemp("seeds") / "index"
    ingest([seeds_dir], index_dir)
    return SearchService(index_dir)


def test_major_non_nato_ally_finds_millers_december_2023_words(seeded: SearchService) -> None:
    result = seeded.whosaid("major non-NATO ally")
    first = result.groups[0]
    assert first.match == "phrase"
    hit = first.hits[0]
    assert hit.statement.speaker == "Matthew Miller"
    assert hit.statement.date == date(2023, 12, 18)
    assert "major non-NATO ally" in hit.statement.text
    assert hit.sources and hit.sources[0].file.startswith("000_")


def test_the_same_words_from_two_speakers_are_one_group_earliest_first(
    said: SearchService,
) -> None:
    result = said.whosaid(SLOGAN_PHRASE)
    group = result.groups[0]
    assert group.match == "phrase"
    assert [hit.statement.speaker for hit in group.hits] == [VARGA, WREN]
    dates = [hit.statement.date for hit in group.hits]
    assert dates == sorted(dates) and dates[0] == date(2024, 3, 5)
    assert all(SLOGAN in hit.statement.text for hit in group.hits)


def test_a_phrase_inside_two_speakers_different_statements_lists_both_earliest_first(
    said: SearchService,
) -> None:
    result = said.whosaid(SHARED_PHRASE)
    exact = [group for group in result.groups if group.match == "phrase"]
    assert [group.hits[0].statement.speaker for group in exact] == [VARGA, WREN]
    assert exact[0].hits[0].statement.date < exact[1].hits[0].statement.date


def test_one_quote_reported_by_two_outlets_lists_both_sources_earliest_first(
    said: SearchService,
) -> None:
    result = said.whosaid("takes water from our fields")
    hit = result.groups[0].hits[0]
    assert hit.statement.speaker == VARGA
    assert [source.outlet for source in hit.sources] == ["Harbour Herald", "Daily Ledger"]
    published = [source.published for source in hit.sources]
    assert published == sorted(published)


def test_exact_words_come_before_other_forms_and_before_most_of_the_words(
    said: SearchService,
) -> None:
    # "take" is not in any statement as typed ("takes" is), so nothing matches exactly;
    # "door ... patience ... endless" holds three of four words.
    result = said.whosaid("we take water from our fields")
    assert result.groups[0].match == "all-words"
    assert "takes water" in result.groups[0].hits[0].statement.text
    near = said.whosaid("door patience endless tomorrow")
    assert near.groups and near.groups[0].match == "most-words"
    assert near.groups[0].words_matched == 3
    assert "patience" in near.groups[0].hits[0].statement.text


def test_words_in_a_speakers_name_or_a_title_do_not_count_as_said(said: SearchService) -> None:
    # "Varga" is in the search field of all her statements; she never says her own name.
    assert said.whosaid("Varga").groups == []
    assert said.whosaid("the of and").groups == []  # only stop words: nothing to look for


def test_nothing_found_offers_a_spelling(said: SearchService) -> None:
    result = said.whosaid("patiense")
    assert result.groups == []
    assert result.suggestion == "patience"


def test_group_hits_orders_by_match_then_date() -> None:
    def hit(text: str, speaker: str, day: date) -> Hit:
        statement = Statement(
            id=f"{speaker}-{day}", text=text, kind="direct", speaker=speaker,
            speaker_mention=speaker, date=day, article_id=speaker, file=f"{speaker}.txt",
            paragraph=0, start=0, end=len(text),
        )
        return Hit(statement=statement)

    late = hit("Peace now.", "B", date(2024, 5, 1))
    early = hit("peace now", "A", date(2024, 1, 1))
    other = hit("Peace comes later.", "C", date(2023, 1, 1))
    groups = group_hits([(late, "phrase", 2), (other, "all-words", 2), (early, "phrase", 2)])
    assert [[h.statement.speaker for h in g.hits] for g in groups] == [["A", "B"], ["C"]]


def test_phrase_classify() -> None:
    phrase = Phrase("“major non-NATO ally”")
    assert phrase.classify("Pakistan is a major non-NATO ally, he said.") == ("phrase", 4)
    assert phrase.classify("Allies that are major, not NATO members.")[0] != "phrase"
    assert phrase.classify("Nothing to do with it.") is None


def test_timeline_of_a_speaker_counts_each_month(said: SearchService) -> None:
    timeline = said.timeline(speaker="varga")  # resolved as /latest resolves names
    assert timeline.granularity == "month"
    everything = said.latest(VARGA, limit=50).hits
    expected = Counter(
        period_start(hit.statement.date or hit.statement.published, "month") for hit in everything
    )
    counts = {bucket.start: bucket.count for bucket in timeline.buckets}
    assert counts == {start: expected.get(start, 0) for start in counts}
    assert [s for s, n in counts.items() if n] == list(VARGA_MONTHS)
    assert timeline.dated == len(everything)
    assert timeline.first.statement.date == date(2024, 1, 16)
    assert timeline.latest.statement.date == date(2024, 6, 12)
    assert timeline.busiest[0].start == date(2024, 3, 1)


def test_timeline_of_a_topic_a_speaker_on_a_topic_and_a_window(said: SearchService) -> None:
    topic = said.timeline(topic="line sand")
    assert topic.dated == 2
    assert topic.granularity == "week"  # March to April: a short span
    on_topic = said.timeline(speaker=WREN, topic="line sand")
    assert on_topic.dated == 1 and on_topic.first.statement.speaker == WREN
    window = said.timeline(speaker=VARGA, since=date(2024, 3, 1), until=date(2024, 3, 31))
    assert window.dated == sum(b.count for b in window.buckets)
    assert {b.start.month for b in window.buckets if b.count} == {3}


def test_timeline_of_nothing_is_empty(said: SearchService) -> None:
    assert said.timeline(speaker="Nobody Atall").is_empty
    assert said.timeline(topic="spaceships").is_empty
    assert said.timeline(speaker=VARGA, since=date(2020, 1, 1), until=date(2020, 12, 31)).is_empty
