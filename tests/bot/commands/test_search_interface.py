"""The service's interface is written once (search_index/search/interface.py); the real
service and the bot tests' fake must both keep it to the letter: the same methods, parameter
names, kinds, defaults and types, so a command tested against the fake runs on the service."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from datetime import date

import pytest
from fake_search_service import FakeSearchService

from search_index.models import WhoSaidResult
from search_index.search.interface import SearchBackend
from search_index.search.pool import SearchPool
from search_index.search.service import SearchService
from search_index.search.timeline import Timeline

MEMBERS = sorted(
    name for name, value in vars(SearchBackend).items()
    if callable(value) and not name.startswith("_")
)


Shape = tuple[list[tuple[str, object, object, object]], object]


def _shape(function: Callable[..., object]) -> Shape:
    """Parameters (name, kind, default, resolved type) and the resolved return type."""
    hints = typing.get_type_hints(function)
    parameters = [
        (p.name, p.kind, p.default, hints.get(p.name))
        for p in inspect.signature(function).parameters.values()
        if p.name != "self"
    ]
    return parameters, hints.get("return")


def test_the_interface_names_what_the_commands_use() -> None:
    assert {"search", "latest", "whosaid", "timeline", "speakers", "refresh"} <= set(MEMBERS)


@pytest.mark.parametrize("implementation", [SearchService, SearchPool, FakeSearchService])
@pytest.mark.parametrize("member", MEMBERS)
def test_implementations_keep_the_interface(implementation: type, member: str) -> None:
    assert hasattr(implementation, member), f"{implementation.__name__} has no {member}()"
    assert _shape(getattr(implementation, member)) == _shape(getattr(SearchBackend, member))


def test_a_changed_signature_is_caught() -> None:
    class Drifted:
        def latest(self, speaker: str, topic: str | None = None, limit: int = 10) -> None: ...

    assert _shape(Drifted.latest) != _shape(SearchBackend.latest)


def test_the_fake_answers_whosaid_and_timeline_from_its_statements() -> None:
    fake = FakeSearchService()
    said = fake.whosaid("free and fair")
    assert isinstance(said, WhoSaidResult)
    assert [hit.statement.speaker for group in said.groups for hit in group.hits] == [
        "Matthew Miller"
    ]
    over_time = fake.timeline(speaker="Asif")
    assert isinstance(over_time, Timeline)
    assert over_time.dated == 2
    assert over_time.first_date == date(2017, 10, 4)
    assert fake.timeline(speaker="Nobody Known At All").dated == 0
