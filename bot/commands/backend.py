"""What the commands need from the search service, written as protocols so tests can pass a
fake and the commands never import the service itself."""

from __future__ import annotations

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
    """The part of search_index.search.service.SearchService the commands use."""

    def search(
        self,
        query: str,
        speaker: str | None = None,
        since: date | None = None,
        until: date | None = None,
        outlet: str | None = None,
        kind: str | None = None,
        page: int = 1,
        per_page: int = 5,
    ) -> SearchResult: ...
    def latest(self, speaker: str, topic: str | None = None, limit: int = 5) -> SearchResult: ...
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
    ) -> Timeline: ...


class IngestOutcome(Protocol):
    """What search_index.index.ingest.ingest reports (its IngestReport)."""

    added: list[str]
    updated: list[str]
    removed: list[str]
    unchanged: list[str]
    skipped: list[tuple[str, str]]
    statements: int
