"""The pool of search processes: the same answers as one service, cheap calls that never wait
for busy workers, and a dead or stuck worker that fails one call with a clear message."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from statement_factory import fake_extractor, fake_loader, write_article

from search_index.errors import IndexUnavailable, SearchFailed
from search_index.index.ingest import ingest
from search_index.search.pool import SearchPool
from search_index.search.service import SearchService
from search_index.search.workers import Worker

MILLER = "Matthew Miller"
STATEMENTS = [
    {"text": "The elections included undue restrictions.", "speaker": MILLER,
     "date": "2024-02-10"},
    {"text": "We urge calm after the elections.", "speaker": MILLER, "date": "2024-03-01"},
    {"text": "Our ties rest on mutual respect.", "speaker": "Khawaja Asif",
     "date": "2024-11-06"},
]


def build(corpus: Path, index: Path, statements: list[dict]) -> None:
    corpus.mkdir(exist_ok=True)
    write_article(corpus, "one.txt", statements)
    ingest([corpus], index, loader=fake_loader, extractor=fake_extractor)


# One index and pool for the tests that leave them as they found them: starting worker
# processes (each imports the library and opens the index) is most of this file's time.
@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pool")
    build(folder / "corpus", folder / "index", STATEMENTS)
    return folder / "index"


@pytest.fixture(scope="module")
def pool(index: Path) -> Iterator[SearchPool]:
    started = SearchPool(index, workers=1)
    yield started
    started.close()


def dead(worker: Worker) -> bool:
    """Whether the killed worker's process has been reaped (a kill is not instant)."""
    deadline = time.monotonic() + 10
    while worker.alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    return not worker.alive()


def test_the_pool_answers_as_one_service_does(index: Path, pool: SearchPool) -> None:
    service = SearchService(index)
    asks = [
        lambda s: s.search("elections"),
        lambda s: s.search("elections", speaker="Miller", since=date(2024, 3, 1)),
        lambda s: s.search('"undue restrictions"'),
        lambda s: s.latest("Miller"),
        lambda s: s.latest("Miller", "calm"),
        lambda s: s.speakers("mil"),
        lambda s: s.resolve_speaker("Asif"),
        lambda s: s.whosaid("mutual respect"),
        lambda s: s.timeline(speaker="Miller"),
        lambda s: s.stats(),
        lambda s: s.sources(),
        lambda s: s.outlets(""),
        lambda s: s.suggest("electons"),
    ]
    for ask in asks:
        assert ask(pool) == ask(service)
    first = service.search("elections").hits[0].statement.id
    assert pool.statement(first) == service.statement(first)
    assert pool.related(first) == service.related(first)


def test_errors_come_back_as_the_service_raises_them(tmp_path: Path) -> None:
    pool = SearchPool(tmp_path / "nothing", workers=1)
    try:
        with pytest.raises(IndexUnavailable, match="no index"):
            pool.search("elections")
        with pytest.raises(IndexUnavailable, match="no index"):
            pool.speakers("mil")
    finally:
        pool.close()


def test_cheap_calls_answer_while_every_worker_is_busy(pool: SearchPool) -> None:
    pool.search("elections")
    held = [pool._scheduler.acquire() for _ in pool.worker_pids]  # every worker taken
    waiting: list = []
    searcher = threading.Thread(target=lambda: waiting.append(pool.search("calm")))
    searcher.start()
    try:
        assert [s.name for s in pool.speakers("mil")] == [MILLER]
        newest = pool.latest("Miller").hits[0]
        assert newest.statement.text == "We urge calm after the elections."
        searcher.join(0.5)
        assert searcher.is_alive() and not waiting  # a search needs a worker: it waits
    finally:
        for worker in held:
            pool._scheduler.release(worker)
    searcher.join(30)
    assert waiting and waiting[0].total == 1


def test_a_worker_killed_between_calls_is_replaced(pool: SearchPool) -> None:
    pool.search("elections")
    before = pool.worker_pids
    for pid in before:
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
    assert all(dead(worker) for worker in pool._workers)
    for _ in before:  # every worker is asked once more, each in turn
        assert pool.search("elections").total == 2
    assert set(pool.worker_pids).isdisjoint(before)


def test_a_worker_that_dies_while_answering_fails_that_call_only(pool: SearchPool) -> None:
    pool.search("elections")
    worker = pool._scheduler.acquire()
    try:
        assert worker.pid is not None
        os.kill(worker.pid, signal.SIGKILL)
        # asked without the liveness check: the call meets the process as it dies
        with pytest.raises(SearchFailed, match=r"stopped while answering.*try again"):
            worker._ask("search", ("elections",), {}, timeout=30)
        assert worker.alive()
        assert worker.call("search", ("elections",), {}, timeout=30).total == 2
    finally:
        pool._scheduler.release(worker)


def test_a_stuck_worker_is_stopped_and_replaced(pool: SearchPool) -> None:
    pool.search("elections")
    worker = pool._scheduler.acquire()
    try:
        assert worker.pid is not None
        os.kill(worker.pid, signal.SIGSTOP)  # alive but answering nothing
        stuck = worker.pid
        with pytest.raises(SearchFailed, match=r"longer than 0\.5 s"):
            worker.call("search", ("elections",), {}, timeout=0.5)
        assert worker.pid != stuck
        assert worker.call("search", ("elections",), {}, timeout=30).total == 2
    finally:
        pool._scheduler.release(worker)


def test_a_refresh_reaches_every_worker(tmp_path: Path) -> None:
    build(tmp_path / "corpus", tmp_path / "index", STATEMENTS)
    pool = SearchPool(tmp_path / "index", workers=2)
    try:
        assert pool.search("ceasefire").total == 0
        added = {"text": "A ceasefire must hold.", "speaker": MILLER, "date": "2024-04-02"}
        build(tmp_path / "corpus", tmp_path / "index", [*STATEMENTS, added])
        pool.refresh()
        for _ in pool.worker_pids:
            assert pool.search("ceasefire").total == 1
        assert pool.latest("Miller").hits[0].statement.text == "A ceasefire must hold."
    finally:
        pool.close()
