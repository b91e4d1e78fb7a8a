"""The search service recovers by itself when a good index comes back (no restart, no refresh
call): after the folder is deleted, deleted and built again, or filled with garbage."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from search_index.errors import IndexUnavailable
from search_index.index.ingest import ingest
from search_index.search import searcher as search
from search_index.search.service import SearchService


@pytest.fixture(autouse=True)
def check_the_disk_every_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "REFRESH_INTERVAL", 0.0)


@pytest.fixture
def two_articles(seeds_dir: Path) -> tuple[Path, Path]:
    first, second = sorted(seeds_dir.glob("*.txt"))[:2]
    return first, second


def files_indexed(service: SearchService) -> set[str]:
    return {source.file for source in service.sources()}


def test_a_folder_deleted_and_built_again_at_the_same_generation_is_picked_up(
    tmp_path: Path, two_articles: tuple[Path, Path]
) -> None:
    first, second = two_articles
    index_dir = tmp_path / "index"
    ingest([first], index_dir)
    service = SearchService(index_dir)
    assert files_indexed(service) == {first.name}

    shutil.rmtree(index_dir)  # nobody asks anything while the operator rebuilds
    ingest([second], index_dir)

    assert files_indexed(service) == {second.name}, "still serving the deleted index"


def test_a_deleted_index_is_unavailable_then_served_again_once_rebuilt(
    tmp_path: Path, two_articles: tuple[Path, Path]
) -> None:
    first, _ = two_articles
    index_dir = tmp_path / "index"
    ingest([first], index_dir)
    service = SearchService(index_dir)
    assert service.stats().articles == 1
    shutil.rmtree(index_dir)
    with pytest.raises(IndexUnavailable, match="onrecord index"):
        service.stats()
    ingest([first], index_dir)
    assert service.stats().articles == 1


def test_a_garbage_index_is_unavailable_then_rebuilt_by_ingest_and_served(
    tmp_path: Path, two_articles: tuple[Path, Path]
) -> None:
    first, second = two_articles
    index_dir = tmp_path / "index"
    ingest([first, second], index_dir)
    service = SearchService(index_dir)
    before = files_indexed(service)
    (index_dir / "_MAIN_999.toc").write_bytes(os.urandom(256))
    with pytest.raises(IndexUnavailable, match="cannot be read"):
        service.stats()

    report = ingest([first, second], index_dir)

    assert len(report.added) == 2, "the damaged index was rebuilt from the articles"
    assert files_indexed(service) == before
