"""What the index stores as JSON beside its searchable fields (see schema.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from search_index.extraction.speakers import is_alias_form
from search_index.models import Article, Source, SourceSummary, Speaker, Statement


class Report(BaseModel):
    """One article's report of a quote: the statement it yielded and the paragraph around it."""

    path: str  # the ingested file that contributed it (the article record's key)
    statement: Statement
    context: str | None = None


class QuoteDocument(BaseModel):
    """A quote said by one speaker, with every article that reported it."""

    qkey: str
    reports: list[Report]

    def representative(self) -> Statement:
        """The report that stands for the quote: a confident date first, then the earliest."""

        def rank(report: Report) -> tuple[int, date, date, str]:
            statement = report.statement
            return (
                0 if statement.date is not None else 1,
                statement.date or date.max,
                statement.published or date.max,
                statement.id,
            )

        return min(self.reports, key=rank).statement

    def context(self) -> str | None:
        chosen = self.representative()
        for report in self.reports:
            if report.statement.id == chosen.id:
                return report.context
        return None

    def sources(self) -> list[Source]:
        seen: dict[str, Source] = {}
        for report in self.reports:
            statement = report.statement
            if statement.article_id in seen:
                continue
            # A statement carries its article's source fields under the same names.
            seen[statement.article_id] = Source(
                **statement.model_dump(include=set(Source.model_fields))
            )
        return sorted(seen.values(), key=lambda s: (s.published or date.max, s.file))

    def outlets(self) -> list[str]:
        """Every outlet that carried the quote, wire services credited included, so that
        `/quote outlet:Pajhwok` finds the stories a site ran from that wire."""
        names = {r.statement.outlet for r in self.reports} | {r.statement.via for r in self.reports}
        return sorted(name for name in names if name)

    def titles(self) -> list[str]:
        return sorted({r.statement.title for r in self.reports if r.statement.title})

    def aliases(self) -> list[str]:
        """Mentions that are other forms of the speaker's name ("Miller"), by the registry's
        one rule: never "he", "the spokesperson" or "State Department Spokesperson X"."""
        speaker = self.reports[0].statement.speaker
        found = {
            r.statement.speaker_mention.strip()
            for r in self.reports
            if is_alias_form(r.statement.speaker_mention, speaker)
        }
        found.discard(speaker)
        return sorted(found)


class ArticleRecord(SourceSummary):
    """What one ingested file contributed, so that an update or removal is exact. Its
    article_id is the content hash of the decoded text."""

    path: str
    mtime_ns: int
    size: int
    # What sources.csv and NAME.meta.json said of the file when it was read (a hash): a
    # changed row re-reads the article though its own file is unchanged.
    meta_key: str | None = None
    qkeys: list[str] = Field(default_factory=list)

    @classmethod
    def of(
        cls, article: Article, *, path: str, mtime_ns: int, size: int, meta_key: str | None = None
    ) -> ArticleRecord:
        """The record of one article read from `path` (the file's stat, or stand-ins for
        articles that never were a file)."""
        return cls(
            meta_key=meta_key,
            path=path,
            article_id=article.id,
            mtime_ns=mtime_ns,
            size=size,
            file=article.file,
            title=article.title,
            outlet=article.outlet,
            via=article.via,
            url=article.url,
            published=article.published,
            published_basis=article.published_basis,
            opening=article.opening_words(),
        )

    def summary(self) -> SourceSummary:
        """The part users see, without the ingest bookkeeping."""
        return SourceSummary(**self.model_dump(include=set(SourceSummary.model_fields)))


class IndexMeta(BaseModel):
    """The speaker directory and outlet names, recomputed at every ingest."""

    speakers: list[Speaker] = Field(default_factory=list)
    outlets: dict[str, str] = Field(default_factory=dict)  # lower-case term -> display name


@dataclass(frozen=True)
class StatementGist:
    """The fields of a quote's representative statement that deciding a match needs."""

    id: str
    text: str
    kind: str
    speaker: str
    date: date | None


_LAST_DAY = date.max.isoformat()


def representative_gist(payload: str) -> StatementGist:
    """QuoteDocument.representative()'s fields, read from a stored payload with json instead
    of validating the whole document: /whosaid reads up to 600 candidates and builds a Hit
    only for the few it shows. The same choice as representative() (ISO dates compare as the
    dates do), tested against it."""
    reports = json.loads(payload)["reports"]

    def rank(report: dict[str, Any]) -> tuple[int, str, str, str]:
        statement = report["statement"]
        said = statement.get("date")
        return (0 if said is not None else 1, said or _LAST_DAY,
                statement.get("published") or _LAST_DAY, statement["id"])

    chosen = min(reports, key=rank)["statement"]
    said = chosen.get("date")
    return StatementGist(id=chosen["id"], text=chosen["text"], kind=chosen["kind"],
                         speaker=chosen["speaker"],
                         date=date.fromisoformat(said) if said else None)
