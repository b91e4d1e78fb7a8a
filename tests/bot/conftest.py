"""Fixtures for the bot tests: a real index of seeds/, built once per session."""

from pathlib import Path

import pytest

from search_index.index.ingest import ingest
from search_index.search.service import SearchService


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    index_dir = tmp_path_factory.mktemp("seeds-index")
    report = ingest([seeds_dir], index_dir)
    assert len(report.added) == 5, report.skipped
    return index_dir


@pytest.fixture(scope="session")
def seeds_service(seeds_index: Path) -> SearchService:
    return SearchService(seeds_index)
