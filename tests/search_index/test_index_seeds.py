"""The real pipeline on the five seed articles: extraction -> index -> search."""

from __future__ import annotations

from datetime import date

import pytest

from search_index.index import ingest
from search_index.search import SearchService


@pytest.fixture(scope="module")
def seeded(seeds_dir, tmp_path_factory) -> SearchService:
    index_dir = tmp_path_factory.mktemp("seeds") / "index"
    report = ingest([seeds_dir], index_dir)
    assert len(report.added) == 5 and not report.skipped
    assert not ingest([seeds_dir], index_dir).changed  # the second run changes nothing
    return SearchService(index_dir)


def test_elections_lists_millers_february_2024_statements(seeded):
    result = seeded.search("elections", per_page=20)
    miller = [hit for hit in result.hits if hit.statement.speaker == "Matthew Miller"
              and hit.statement.date == date(2024, 2, 10)]
    assert miller
    assert all(hit.sources[0].file.startswith("001_") for hit in miller)


def test_latest_khawaja_asif_starts_with_november_2024(seeded):
    first = seeded.latest("Khawaja Asif").hits[0]
    assert first.statement.date == date(2024, 11, 6)
    assert "Trump" in first.statement.text


def test_speakers_find_seed_people_by_misspelling(seeded):
    assert seeded.resolve_speaker("miler").name == "Matthew Miller"
    assert seeded.resolve_speaker("psaki").name == "Jen Psaki"
    assert seeded.resolve_speaker("Kirby").name == "John Kirby"
