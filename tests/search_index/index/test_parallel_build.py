"""A big batch written by two processes: the same index, to every search, as one process's."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from statement_factory import fake_extractor, fake_loader, write_article
from whoosh import index as whoosh_index

from search_index.index import update
from search_index.index.ingest import ingest
from search_index.search.service import SearchService

SPEAKERS = ["Matthew Miller", "Khawaja Asif", "Sara Khan", "Omar Haddad"]
_WORDS = ("elections fraud talks border trade security ceasefire investment rights "
          "sanctions dialogue the and of we will not")
WORDS = _WORDS.split()
QUERIES = ["fraud", "talks border", '"trade security"', "ceasefire", "rights sanctions",
           "dialogue", "elections fraud talks"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    rng = random.Random(5)
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number in range(30):
        statements = [
            {"text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))) + ".",
             "speaker": rng.choice(SPEAKERS),
             "date": f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"}
            for _ in range(3)
        ]
        write_article(folder, f"a{number:02d}.txt", statements, title=f"Report {number}",
                      outlet=rng.choice(["Daily Ledger", "Evening Courier"]))
    return folder


def build(corpus: Path, index_dir: Path, parallel_from: int, monkeypatch) -> SearchService:
    monkeypatch.setattr(update, "PARALLEL_DOCUMENTS", parallel_from)
    ingest([corpus], index_dir, loader=fake_loader, extractor=fake_extractor)
    return SearchService(index_dir)


def answers(service: SearchService) -> list[object]:
    found: list[object] = []
    for query in QUERIES:
        result = service.search(query, per_page=100)
        found.append((result.total, [(h.statement.id, round(h.score, 6)) for h in result.hits]))
    for name in SPEAKERS:
        found.append([h.statement.id for h in service.latest(name, limit=50).hits])
    found.append([s.model_dump() for s in service.speakers("", limit=50)])
    found.append(service.stats().model_dump())
    return found


def segment_count(index_dir: Path) -> int:
    return len(whoosh_index.open_dir(str(index_dir))._segments())


def test_two_processes_build_the_index_one_process_builds(corpus, tmp_path, monkeypatch):
    one = build(corpus, tmp_path / "one", 10**9, monkeypatch)
    two = build(corpus, tmp_path / "two", 10, monkeypatch)
    assert segment_count(tmp_path / "one") == 1
    assert segment_count(tmp_path / "two") == 2  # the child's half and this process's
    assert answers(two) == answers(one)


def test_a_parallel_build_takes_later_changes(corpus, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    build(corpus, index_dir, 10, monkeypatch)
    write_article(corpus, "a03.txt", [{"text": "An entirely new quarantine remark.",
                                       "speaker": "Sara Khan", "date": "2024-05-05"}])
    (corpus / "a04.txt").unlink()
    report = ingest([corpus], index_dir, loader=fake_loader, extractor=fake_extractor)
    assert [Path(p).name for p in report.updated] == ["a03.txt"]
    assert [Path(p).name for p in report.removed] == ["a04.txt"]
    service = SearchService(index_dir)
    assert service.search("quarantine").total == 1
    assert service.stats().articles == 29


def test_a_failing_child_leaves_the_index_as_it_was(corpus, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    build(corpus, index_dir, 10**9, monkeypatch)
    before = answers(SearchService(index_dir))
    write_article(corpus, "new.txt",
                  [{"text": "Fresh words on tariffs.", "speaker": "Omar Haddad"}])
    for number in range(30):
        write_article(corpus, f"b{number:02d}.txt",
                      [{"text": f"Statement number {number} on tariffs.", "speaker": "Sara Khan"}])

    def broken(self, docs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(update.IndexUpdate, "build_segments", broken)
    monkeypatch.setattr(update, "PARALLEL_DOCUMENTS", 10)
    with pytest.raises(RuntimeError, match="the disk is full"):
        ingest([corpus], index_dir, loader=fake_loader, extractor=fake_extractor)
    assert answers(SearchService(index_dir)) == before
