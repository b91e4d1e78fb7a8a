"""Ingest: article files -> statements -> the Whoosh index, incremental and crash-safe.

A run takes the index's lock, compares every file with what the index recorded of it (mtime
and size, then the content hash), extracts only new and changed files, and writes every
change in ONE Whoosh commit. Whoosh commits by writing a new table of contents, so a run
killed before its commit leaves the previous index whole; the next run cleans up the files
the killed one left behind. A second run waits a few seconds for the lock
(search_index.index.lock), then gives up with IndexBusy. Which files a run reads is decided in
search_index.articles.discovery; what it writes, in search_index.index.update.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field
from whoosh import index as whoosh_index

from search_index.articles.corpus_meta import meta_fingerprint, sources_problems
from search_index.articles.discovery import collect_files, within
from search_index.errors import ArticleError
from search_index.index.lock import ingest_lock
from search_index.index.records import ArticleRecord, Report
from search_index.index.schema import build_schema
from search_index.index.speaker_store import SpeakerStore
from search_index.index.update import IndexUpdate, Progress, open_index
from search_index.models import Article, Statement

log = logging.getLogger(__name__)

Loader = Callable[[Path], Article]
Extractor = Callable[[Article, Any], list[Statement]]


class IngestReport(BaseModel):
    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    skipped: list[tuple[str, str]] = Field(default_factory=list)  # (file, reason)
    # sources.csv problems, one line each ("sources.csv row 3, column published: ..."); a bad
    # cell loses only itself, so these are reported while everything else is indexed.
    metadata_problems: list[str] = Field(default_factory=list)
    statements: int = 0  # statements extracted from added and updated files

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


# -- extraction ------------------------------------------------------------------------------


def _default_loader(path: Path) -> Article:
    from search_index.articles.loading import load_article

    return load_article(path)


def _default_extractor(article: Article, registry: Any) -> list[Statement]:
    from search_index.extraction.pipeline import extract_article

    return extract_article(article, registry=registry)


def _reports(article: Article, path: str, statements: Sequence[Statement]) -> list[Report]:
    paragraphs = {paragraph.index: paragraph.text for paragraph in article.paragraphs}
    return [
        Report(path=path, statement=statement, context=paragraphs.get(statement.paragraph))
        for statement in statements
    ]


def _record(path: Path, article: Article, meta_key: str | None = None) -> ArticleRecord:
    stat = path.stat()
    return ArticleRecord.of(
        article, path=str(path), mtime_ns=stat.st_mtime_ns, size=stat.st_size, meta_key=meta_key
    )


def ingest(
    paths: Sequence[Path],
    index_dir: Path,
    progress: Progress | None = None,
    *,
    lock_timeout: float = 5.0,
    rebuild: bool = False,
    loader: Loader | None = None,
    extractor: Extractor | None = None,
) -> IngestReport:
    """Bring the index in index_dir up to date with the article files under `paths`.

    Files indexed earlier from under `paths` that are gone are removed; files elsewhere are
    left alone. `loader` and `extractor` default to the project's article reader and
    statement extraction (tests pass their own).
    """
    load = loader or _default_loader
    extract = extractor or _default_extractor
    report = IngestReport()
    index_dir = Path(index_dir)
    with ingest_lock(index_dir, lock_timeout):
        if rebuild and whoosh_index.exists_in(str(index_dir)):
            whoosh_index.create_in(str(index_dir), build_schema())
            SpeakerStore(index_dir).clear()
        update = _open_update(index_dir)
        speakers = SpeakerStore(index_dir)
        registry = speakers.load()
        try:
            files, roots, missing = collect_files(paths)
            report.skipped.extend(missing)
            report.metadata_problems.extend(sources_problems(roots))
            seen = {str(path) for path in files}
            for gone in sorted(p for p in update.records if p not in seen and within(p, roots)):
                update.remove_article(gone)
                report.removed.append(gone)
            for done, path in enumerate(files, start=1):
                if progress:
                    progress(done - 1, len(files), path.name)
                _ingest_file(path, update, report, load, extract, registry)
            if progress and files:
                progress(len(files), len(files), "extracted")
            if registry is not None and update.docs:
                renames = speakers.renames(registry, update.speaker_names())
                if renames:
                    moved = update.rename_speakers(renames)
                    log.info("re-filed %d statements under full names: %s", moved, renames)
            update.commit(progress, registry)
        finally:
            update.close()
        if registry is not None and report.changed:
            speakers.save(registry)
    return report


def _open_update(index_dir: Path) -> IndexUpdate:
    """The index, ready to take this run's changes. A damaged one (a table of contents or a
    segment that cannot be read: a disk fault, a file overwritten by hand) is rebuilt from
    scratch: the article files are the source of truth, and refusing would leave the bot
    without an index until someone ran `--rebuild` by hand."""
    try:
        return IndexUpdate(open_index(index_dir, create=True))
    except Exception as error:
        log.warning(
            "the index in %s cannot be read (%s: %s); rebuilding it from the articles",
            index_dir, type(error).__name__, error,
        )
    whoosh_index.create_in(str(index_dir), build_schema())
    SpeakerStore(index_dir).clear()
    return IndexUpdate(open_index(index_dir))


def _ingest_file(
    path: Path,
    update: IndexUpdate,
    report: IngestReport,
    load: Loader,
    extract: Extractor,
    registry: Any,
) -> None:
    key = str(path)
    previous = update.record(key)
    try:
        stat = path.stat()
        meta_key = meta_fingerprint(path)
        same_meta = previous is not None and previous.meta_key == meta_key
        if (previous and same_meta and previous.mtime_ns == stat.st_mtime_ns
                and previous.size == stat.st_size):
            report.unchanged.append(key)
            return
        article = load(path)
        if previous and same_meta and previous.article_id == article.id:
            update.touch_record(_record(path, article, meta_key).model_copy(
                update={"qkeys": previous.qkeys, "statements": previous.statements}
            ))
            report.unchanged.append(key)
            return
        statements = extract(article, registry)
    except ArticleError as error:
        report.skipped.append((key, str(error)))
        return
    except OSError as error:
        report.skipped.append((key, f"cannot read: {error.strerror or error}"))
        return
    except Exception as error:  # one bad file must not stop the run
        log.exception("extraction failed on %s", key)
        report.skipped.append((key, f"extraction failed: {type(error).__name__}: {error}"))
        return
    if previous:
        update.remove_article(key)
        report.updated.append(key)
    else:
        report.added.append(key)
    update.add_article(_record(path, article, meta_key), _reports(article, key, statements))
    report.statements += len(statements)


def index_statements(
    articles: Sequence[tuple[Article, Sequence[Statement]]], index_dir: Path
) -> int:
    """Write already-extracted statements into the index (the benchmark's build path).
    Articles are keyed by Article.path; returns the number of statement documents written."""
    index_dir = Path(index_dir)
    with ingest_lock(index_dir):
        ix = open_index(index_dir, create=True)
        update = IndexUpdate(ix)
        try:
            for article, statements in articles:
                if update.record(article.path):
                    update.remove_article(article.path)
                record = ArticleRecord.of(
                    article, path=article.path, mtime_ns=0, size=len(article.text)
                )
                update.add_article(record, _reports(article, article.path, statements))
            written = sum(1 for doc in update.docs.values() if doc is not None)
            update.commit()
        finally:
            update.close()
    return written
