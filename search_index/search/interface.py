"""The search service's interface, in one place: the queries the bot may ask.

`service.SearchService` answers in the calling process; `pool.SearchPool` answers the same
calls in worker processes, so that a slow call never holds up a cheap one. Callers above the
library type against this protocol rather than a class, so they never import Whoosh and their
tests can pass a small fake; a test checks that both and the fake keep these exact signatures.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Protocol

from search_index.models import (
    Hit,
    IndexStats,
    SearchResult,
    SourceSummary,
    Speaker,
    WhoSaidResult,
)
from search_index.search.timeline import Timeline


class SearchBackend(Protocol):
    """What callers may ask of the search service (`service.SearchService`,
    `pool.SearchPool`); the bot's commands, autocomplete and console are typed against this, so
    a test can hand them a fake. tests/bot/commands/test_search_interface.py holds the
    implementations and the fake to it."""

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
    ) -> SearchResult: ...
    def latest(
        self, speaker: str, topic: str | None = None, limit: int = 5, page: int = 1
    ) -> SearchResult: ...
    def speakers(self, prefix_or_name: str = "", limit: int = 25) -> list[Speaker]: ...
    def resolve_speaker(self, name: str) -> Speaker | None: ...
    def outlets(self, prefix: str = "", limit: int = 25) -> list[str]: ...
    def suggest(self, query: str) -> str | None: ...
    def statement(self, statement_id: str) -> Hit | None: ...
    def related(self, statement_id: str, limit: int = 5) -> list[Hit]: ...
    def sources(self) -> list[SourceSummary]: ...
    def stats(self) -> IndexStats: ...
    def refresh(self) -> None: ...
    def whosaid(self, phrase: str, limit: int = 10) -> WhoSaidResult: ...
    def timeline(
        self,
        speaker: str | None = None,
        topic: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Timeline[Hit]: ...
