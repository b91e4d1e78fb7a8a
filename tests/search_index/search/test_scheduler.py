"""Who gets a free search worker: the waiting call with the earliest deadline (arrival plus
its kind's slack), the first come among equals."""

from __future__ import annotations

import threading
import time

from search_index.search.scheduler import Scheduler


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def queue_up(scheduler: Scheduler[str], clock: Clock,
             calls: list[tuple[str, float, float]]) -> tuple[list[str], list[threading.Thread]]:
    """Each (name, arrival, slack) waits for a worker in its own thread, in arrival order;
    returns the order in which they are served and the threads."""
    served: list[str] = []

    def wait(name: str, slack: float) -> None:
        worker = scheduler.acquire(slack)
        served.append(name)
        scheduler.release(worker)

    threads = []
    for name, arrival, slack in calls:
        clock.now = arrival
        thread = threading.Thread(target=wait, args=(name, slack))
        thread.start()
        threads.append(thread)
        deadline = time.monotonic() + 10  # each must be queued before the next arrives
        while scheduler.waiting < len(threads) and time.monotonic() < deadline:
            time.sleep(0.001)
    return served, threads


def served_order(calls: list[tuple[str, float, float]]) -> list[str]:
    clock = Clock()
    scheduler: Scheduler[str] = Scheduler(["worker"], clock=clock)
    held = scheduler.acquire()
    served, threads = queue_up(scheduler, clock, calls)
    assert served == []  # nobody is served while the only worker is busy
    scheduler.release(held)
    for thread in threads:
        thread.join(10)
    return served


def test_a_free_worker_is_taken_at_once_and_in_turn() -> None:
    scheduler = Scheduler(["a", "b"])
    first = scheduler.acquire()
    scheduler.release(first)
    assert scheduler.acquire() == "b"  # the other worker next, so both stay warm
    assert scheduler.acquire() == "a"


def test_a_cheap_call_goes_before_a_dear_one_that_came_just_before() -> None:
    assert served_order([("whosaid", 0.0, 0.1), ("search", 0.01, 0.0)]) == ["search", "whosaid"]


def test_a_dear_call_that_waited_its_slack_is_not_passed_again() -> None:
    assert served_order([("whosaid", 0.0, 0.1), ("search", 0.2, 0.0)]) == ["whosaid", "search"]


def test_equal_deadlines_are_served_first_come_first_served() -> None:
    calls = [("one", 0.0, 0.0), ("two", 0.0, 0.0), ("three", 0.0, 0.0)]
    assert served_order(calls) == ["one", "two", "three"]
