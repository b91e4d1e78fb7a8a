"""Autocomplete and /latest answer while a slow call holds the main lane, and give the same
answers as the main lane does."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from statement_factory import fake_extractor, fake_loader, write_article

from search_index.index.ingest import ingest
from search_index.search.service import SearchService

MILLER = "Matthew Miller"


@pytest.fixture
def service(tmp_path: Path) -> SearchService:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "one.txt", [
        {"text": "The elections included undue restrictions.", "speaker": MILLER,
         "date": "2024-02-10"},
        {"text": "We urge calm.", "speaker": MILLER, "date": "2024-03-01"},
        {"text": "Our ties rest on mutual respect.", "speaker": "Khawaja Asif",
         "date": "2024-11-06"},
    ])
    ingest([corpus], tmp_path / "index", loader=fake_loader, extractor=fake_extractor)
    return SearchService(tmp_path / "index")


def while_main_lane_is_held(service: SearchService, call, patience: float = 20.0):
    """Run `call` in a thread while another thread holds the main lane's lock; its result,
    or None when it could not finish before the lock was let go."""
    service.search("elections")  # open the view
    held = threading.Event()
    release = threading.Event()
    answers: list = []

    def slow_call() -> None:
        with service._lock:
            held.set()
            release.wait(30)

    def quick_call() -> None:
        answers.append(call())

    holder = threading.Thread(target=slow_call)
    holder.start()
    try:
        assert held.wait(10)
        asker = threading.Thread(target=quick_call)
        asker.start()
        asker.join(patience)  # a liveness bound, not a speed: it fails if the call waits
        finished = not asker.is_alive()
    finally:
        release.set()
        holder.join()
    asker.join()
    return answers[0] if finished else None


def test_autocomplete_does_not_wait_for_the_main_lane(service):
    found = while_main_lane_is_held(service, lambda: service.speakers("mil"))
    assert found is not None, "autocomplete waited for the main lane"
    assert [s.name for s in found] == [MILLER]


def test_latest_does_not_wait_for_the_main_lane_and_answers_the_same(service):
    quick = while_main_lane_is_held(service, lambda: service.latest("Miller"))
    assert quick is not None, "/latest waited for the main lane"
    assert [h.statement.text for h in quick.hits] == [
        "We urge calm.", "The elections included undue restrictions."]
    assert quick == service.latest("Miller")


def test_latest_with_a_topic_stays_on_the_main_lane(service):
    found = while_main_lane_is_held(service, lambda: service.latest("Miller", "calm"), 0.5)
    assert found is None
    assert [h.statement.text for h in service.latest("Miller", "calm").hits] == ["We urge calm."]


def test_a_refresh_swaps_the_quick_lane_too(service, tmp_path):
    before = service.latest("Asif")
    service.refresh()
    assert service.latest("Asif") == before
    assert service.speakers("khaw")[0].name == "Khawaja Asif"
