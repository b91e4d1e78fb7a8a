"""Which waiting call gets the next free search worker: the most urgent, not the first come.

Every call carries a slack, the time it can wait without its answer being late for its kind:
none for a cheap call a member is waiting on (a search of a few milliseconds), more for a call
that costs a hundred milliseconds anyway (/whosaid). A freed worker goes to the call with the
earliest deadline (arrival + slack), so a cheap call that arrives while a slow one waits is
served first, and a slow call is never starved: once it has waited its slack it is ahead of
every call that arrives after it.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

W = TypeVar("W")


class _Ticket(Generic[W]):
    """One waiting call: the event it sleeps on and the worker it is handed."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.worker: W | None = None


class Scheduler(Generic[W]):
    """Hands out a fixed set of workers, one call at a time each, earliest deadline first."""

    def __init__(self, workers: Iterable[W], clock: Callable[[], float] = time.monotonic) -> None:
        self._free: deque[W] = deque(workers)  # taken in turn, so every worker stays warm
        self._clock = clock
        self._lock = threading.Lock()
        self._waiting: list[tuple[float, int, _Ticket[W]]] = []  # a heap by deadline
        self._arrivals = itertools.count()  # ties go to the first come

    @property
    def waiting(self) -> int:
        with self._lock:
            return len(self._waiting)

    def acquire(self, slack: float = 0.0) -> W:
        """A free worker, waiting for one if every worker is busy."""
        with self._lock:
            if self._free:
                return self._free.popleft()
            ticket: _Ticket[W] = _Ticket()
            deadline = self._clock() + slack
            heapq.heappush(self._waiting, (deadline, next(self._arrivals), ticket))
        ticket.ready.wait()
        assert ticket.worker is not None
        return ticket.worker

    def release(self, worker: W) -> None:
        """Give `worker` to the most urgent waiting call, or back to the free ones."""
        with self._lock:
            if not self._waiting:
                self._free.append(worker)
                return
            _, _, ticket = heapq.heappop(self._waiting)
        ticket.worker = worker
        ticket.ready.set()

    @contextmanager
    def worker(self, slack: float = 0.0) -> Iterator[W]:
        taken = self.acquire(slack)
        try:
            yield taken
        finally:
            self.release(taken)
