"""The search service answered by a pool of worker processes: a slow call never makes a cheap
one wait, and a process can use more than one core.

One SearchService answers one call at a time in pure Python under the GIL, so a /whosaid of
a hundred milliseconds holds every call queued behind it. SearchPool keeps the same interface
(search_index.search.interface.SearchBackend) and splits the calls by what they cost (ROUTES):

- autocomplete, speaker resolution and /latest without a topic are answered here, on the
  quick lane of a local SearchService: they take well under a millisecond to a couple, less
  than the trip to a worker process would cost;
- every other call goes to one of `workers` worker processes (search_index.search.workers),
  each with its own read-only SearchService over the same index files (the OS's page cache
  holds them once for all). When all are busy, the next free one goes to the waiting call
  with the earliest deadline (search_index.search.scheduler): a search before a /whosaid
  that came shortly before it.

A worker that dies or hangs fails its call with SearchFailed (a one-line message) and is
replaced; the other calls go on.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import Any

from search_index.models import (
    Hit,
    IndexStats,
    SearchResult,
    SourceSummary,
    Speaker,
    WhoSaidResult,
)
from search_index.search.scheduler import Scheduler
from search_index.search.service import SearchService
from search_index.search.timeline import Timeline
from search_index.search.workers import REFRESH, Worker

DEFAULT_WORKERS = 2
CALL_TIMEOUT = 60.0  # seconds: past this a worker is presumed stuck and replaced

# How long each kind of call may wait for a worker before it is late (the scheduler's slack,
# seconds): about what the call itself costs, so a cheap call is never queued behind a dear
# one that arrived just before it. Calls not named here run in this process (LOCAL).
LOCAL = None
ROUTES: dict[str, float | None] = {
    "speakers": LOCAL,
    "resolve_speaker": LOCAL,
    "latest": 0.0,  # with a topic; without one it is LOCAL (see latest())
    "search": 0.0,
    "suggest": 0.0,
    "statement": 0.0,
    "outlets": 0.0,
    "related": 0.05,
    "timeline": 0.05,
    "whosaid": 0.1,
    "sources": 0.2,
    "stats": 0.2,
}


class SearchPool:
    """SearchBackend over index_dir, answered by `workers` processes (see the module
    docstring). close() stops them; they also stop when this process ends."""

    def __init__(self, index_dir: Path, workers: int = DEFAULT_WORKERS,
                 timeout: float = CALL_TIMEOUT) -> None:
        self.index_dir = Path(index_dir)
        self.timeout = timeout
        self._local = SearchService(self.index_dir)
        self._workers = [Worker(self.index_dir, number) for number in range(max(1, workers))]
        self._scheduler: Scheduler[Worker] = Scheduler(self._workers)
        self._closed = False

    # -- plumbing ------------------------------------------------------------------------------

    def _remote(self, name: str, *args: Any, **kwargs: Any) -> Any:
        slack = ROUTES[name]
        assert slack is not None, f"{name} is answered in this process"
        with self._scheduler.worker(slack) as worker:
            return worker.call(name, args, kwargs, self.timeout)

    @property
    def worker_pids(self) -> list[int | None]:
        return [worker.pid for worker in self._workers]

    def refresh(self) -> None:
        """Pick up a rebuilt index: here at once, and in each worker before its next call
        (a worker answering a call finishes it on the old index). Idle workers are refreshed
        in the background, behind any call that is waiting, so that a member's first call
        after a /reindex seldom pays for opening the index."""
        self._local.refresh()
        for worker in self._workers:
            worker.stale = True
        threading.Thread(target=self._refresh_idle, name="onrecord-refresh", daemon=True).start()

    def _refresh_idle(self) -> None:
        # Workers are lent in turn, so as many turns meet each one (a call may refresh one first)
        for _ in self._workers:
            if self._closed or not any(worker.stale for worker in self._workers):
                return
            with self._scheduler.worker(slack=1.0) as worker:
                if worker.stale and not self._closed:
                    with contextlib.suppress(Exception):  # its next call will say what is wrong
                        worker.call(REFRESH, (), {}, self.timeout)

    def close(self) -> None:
        self._closed = True
        for worker in self._workers:
            worker.stop()
        self._local.close()

    # -- the interface ---------------------------------------------------------------------------

    def search(
        self,
        query: str,
        speaker: str | None = None,
        since: date | None = None,
        until: date | None = None,
        outlet: str | None = None,
        kind: str | Collection[str] | None = None,
        page: int = 1,
        per_page: int = 5,
    ) -> SearchResult:
        return self._remote("search", query, speaker, since, until, outlet, kind, page, per_page)

    def latest(
        self, speaker: str, topic: str | None = None, limit: int = 5, page: int = 1
    ) -> SearchResult:
        if topic is None or not topic.strip():
            return self._local.latest(speaker, topic, limit, page)
        return self._remote("latest", speaker, topic, limit, page)

    def speakers(self, prefix_or_name: str = "", limit: int = 25) -> list[Speaker]:
        return self._local.speakers(prefix_or_name, limit)

    def resolve_speaker(self, name: str) -> Speaker | None:
        return self._local.resolve_speaker(name)

    def outlets(self, prefix: str = "", limit: int = 25) -> list[str]:
        return self._remote("outlets", prefix, limit)

    def suggest(self, query: str) -> str | None:
        return self._remote("suggest", query)

    def statement(self, statement_id: str) -> Hit | None:
        return self._remote("statement", statement_id)

    def related(self, statement_id: str, limit: int = 5) -> list[Hit]:
        return self._remote("related", statement_id, limit)

    def sources(self) -> list[SourceSummary]:
        return self._remote("sources")

    def stats(self) -> IndexStats:
        return self._remote("stats")

    def whosaid(self, phrase: str, limit: int = 10) -> WhoSaidResult:
        return self._remote("whosaid", phrase, limit)

    def timeline(
        self,
        speaker: str | None = None,
        topic: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Timeline[Hit]:
        return self._remote("timeline", speaker, topic, since, until)
