"""Ingest: article files -> statements -> the Whoosh index, incremental and crash-safe.

A run takes the index's lock, compares every file with what the index recorded of it (mtime
and size, then the content hash), extracts only new and changed files, and writes every
change in ONE Whoosh commit. Whoosh commits by writing a new table of contents, so a run
killed before its commit leaves the previous index whole; the next run cleans up the files
the killed one left behind. A second run waits a few seconds for the lock, then gives up
with IndexBusy.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec

from search_index.articles.corpus_meta import meta_fingerprint, sources_problems
from search_index.errors import ArticleError, IndexBusy, IndexUnavailable
from search_index.index.directory import Facts, speaker_entry
from search_index.index.records import ArticleRecord, IndexMeta, QuoteDocument, Report
from search_index.index.schema import (
    ABOUT_FIELD,
    DOCTYPE_ARTICLE,
    DOCTYPE_META,
    DOCTYPE_STATEMENT,
    META_KEY,
    TEXT_FIELD,
    TITLES_FIELD,
    VOCABULARY_KEY,
    build_schema,
    day_number,
    outlet_term,
    quote_key,
    schema_is_current,
    vocabulary_words,
)
from search_index.index.speaker_store import SpeakerStore
from search_index.index.whoosh_internals import apply as apply_whoosh_patches
from search_index.models import Article, Statement

apply_whoosh_patches()

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
Loader = Callable[[Path], Article]
Extractor = Callable[[Article, Any], list[Statement]]

LOCK_FILE = "ingest.lock"
# Above this many new documents on an empty index, build with two processes.
PARALLEL_BUILD_THRESHOLD = 20_000
# Posting blocks are written without zlib: searches read whole posting lists into sets
# (search_index.index.postings) ~30% faster, ingest skips compressing, the index is ~50% larger.
CODEC = W3Codec(compression=0)


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


# -- locking ---------------------------------------------------------------------------------


@contextlib.contextmanager
def ingest_lock(index_dir: Path, timeout: float = 5.0) -> Iterator[None]:
    """An exclusive fcntl lock on index_dir/ingest.lock. The kernel drops it when the holder
    dies, so a killed ingest never leaves a stale lock behind."""
    index_dir.mkdir(parents=True, exist_ok=True)
    handle = open(index_dir / LOCK_FILE, "a+")  # noqa: SIM115 - held for the whole block
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise IndexBusy(
                        f"another `onrecord index` is updating {index_dir}; "
                        "try again when it has finished"
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()


# -- opening ---------------------------------------------------------------------------------


def open_index(index_dir: Path, create: bool = False) -> whoosh_index.Index:
    """The index in index_dir; with create=True a missing one is made. Raises IndexUnavailable."""
    if whoosh_index.exists_in(str(index_dir)):
        try:
            ix = whoosh_index.open_dir(str(index_dir))
        except Exception as error:
            raise IndexUnavailable(
                f"the index in {index_dir} is damaged ({type(error).__name__}); "
                "run `onrecord index --rebuild`"
            ) from error
        if not schema_is_current(ix.schema):
            raise IndexUnavailable(
                f"the index in {index_dir} was built by an older onrecord; "
                "run `onrecord index --rebuild`"
            )
        return ix
    if not create:
        raise IndexUnavailable(f"no index in {index_dir} yet; run `onrecord index` to build it")
    index_dir.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(index_dir), build_schema())


# -- finding files ---------------------------------------------------------------------------


# What a folder's article files are called; a file named on the command line is always read.
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ""})
PAGE_SUFFIXES = frozenset({".html", ".htm"})


def _is_article_file(path: Path) -> bool:
    name = path.name
    if name.startswith(".") or name.endswith(".meta.json"):
        return False
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return False
    # `onrecord fetch` saves NAME.html beside NAME.txt: the text is the article, once.
    return not (path.suffix.lower() in PAGE_SUFFIXES and path.with_suffix(".txt").exists())


def collect_files(paths: Sequence[Path]) -> tuple[list[Path], list[Path], list[tuple[str, str]]]:
    """(files to ingest, the roots they came from, paths that do not exist)."""
    files: list[Path] = []
    roots: list[Path] = []
    missing: list[tuple[str, str]] = []
    for given in paths:
        path = Path(given).expanduser()
        if path.is_symlink() and not path.exists():
            missing.append((str(given), _dangling_link(path)))
            continue
        if path.is_dir():
            roots.append(path.resolve())
            for found in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in found.relative_to(path).parts):
                    continue
                if found.is_file() and _is_article_file(found):
                    files.append(found.resolve())
                elif found.is_symlink() and not found.exists() and _is_article_file(found):
                    missing.append((str(found), _dangling_link(found)))
        elif path.is_file():
            roots.append(path.resolve())
            files.append(path.resolve())
        else:
            # A file that was indexed and is now gone is removed, not reported as missing.
            roots.append(path.resolve())
            if not path.suffix:
                missing.append((str(given), "no such file or folder"))
    unique = list(dict.fromkeys(files))
    return unique, roots, missing


def _dangling_link(path: Path) -> str:
    """Why a symbolic link leads to no file, in words (rglob skips these silently)."""
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link loop, not a file"
        return "a symbolic link to a file that does not exist"
    return "a symbolic link that leads to no file"


def _within(path: str, roots: Sequence[Path]) -> bool:
    candidate = Path(path)
    return any(candidate == root or root in candidate.parents for root in roots)


# -- the update --------------------------------------------------------------------------------


def document_facts(doc: QuoteDocument) -> Facts:
    statement = doc.representative()
    # The statement's own date only: an undated statement counts toward no span or role dates.
    sort_day = day_number(statement.date)
    return Facts(statement.role, statement.organisation, sort_day, tuple(doc.aliases()))


def statement_fields(doc: QuoteDocument) -> dict[str, Any]:
    """The Whoosh fields of one statement document."""
    statement = doc.representative()
    facts = document_facts(doc)
    about = [statement.speaker, *facts.aliases, statement.role, statement.organisation]
    fields: dict[str, Any] = {
        "doctype": DOCTYPE_STATEMENT,
        "qkey": doc.qkey,
        "member_ids": ",".join(r.statement.id.replace(",", " ") for r in doc.reports),
        TEXT_FIELD: statement.text,
        ABOUT_FIELD: " ".join(part for part in about if part),
        TITLES_FIELD: " ".join(doc.titles()),
        "speaker": statement.speaker,
        "kind": statement.kind,
        "sort_day": facts.sort_day,
        "report_day": day_number(statement.published),
        "payload": doc.model_dump_json(),
        "facts": facts.to_json(),
    }
    outlets = [term for term in (outlet_term(o) for o in doc.outlets()) if term]
    if outlets:
        fields["outlet"] = ",".join(outlets)
    return fields


class IndexUpdate:
    """The changes of one ingest, gathered in memory and written in one commit."""

    def __init__(self, ix: whoosh_index.Index) -> None:
        self.ix = ix
        self.searcher = ix.searcher()
        self.was_empty = self.searcher.doc_count() == 0
        self.records: dict[str, ArticleRecord] = {}
        for fields in self.searcher.documents(doctype=DOCTYPE_ARTICLE):
            record = ArticleRecord.model_validate_json(fields["record"])
            self.records[record.path] = record
        meta_fields = self.searcher.document(meta_key=META_KEY)
        self.meta = (
            IndexMeta.model_validate_json(meta_fields["meta"]) if meta_fields else IndexMeta()
        )
        self.docs: dict[str, QuoteDocument | None] = {}  # qkey -> new state (None: deleted)
        self.original: dict[str, QuoteDocument] = {}  # qkey -> as stored before this run
        self.new_records: dict[str, ArticleRecord | None] = {}
        self.touched_speakers: set[str] = set()

    def close(self) -> None:
        self.searcher.close()

    # reading through the pending changes

    def record(self, path: str) -> ArticleRecord | None:
        if path in self.new_records:
            return self.new_records[path]
        return self.records.get(path)

    def document(self, qkey: str) -> QuoteDocument | None:
        if qkey in self.docs:
            return self.docs[qkey]
        if self.was_empty:
            return None
        if qkey in self.original:
            return self.original[qkey]
        fields = self.searcher.document(qkey=qkey)
        if not fields:
            return None
        doc = QuoteDocument.model_validate_json(fields["payload"])
        self.original[qkey] = doc
        return doc

    # changing

    def remove_article(self, path: str) -> None:
        record = self.record(path)
        if record is None:
            return
        for qkey in record.qkeys:
            doc = self.document(qkey)
            if doc is None:
                continue
            self.touched_speakers.add(doc.reports[0].statement.speaker)
            kept = [report for report in doc.reports if report.path != path]
            self.docs[qkey] = QuoteDocument(qkey=qkey, reports=kept) if kept else None
        self.new_records[path] = None

    def add_article(self, record: ArticleRecord, reports: Sequence[Report]) -> None:
        qkeys: list[str] = []
        for report in reports:
            statement = report.statement
            qkey = quote_key(statement.text, statement.speaker)
            if qkey in qkeys:  # a headline repeating a body quote: one report per article
                continue
            qkeys.append(qkey)
            doc = self.document(qkey)
            previous = [r for r in doc.reports if r.path != record.path] if doc else []
            self.docs[qkey] = QuoteDocument(qkey=qkey, reports=[*previous, report])
            self.touched_speakers.add(statement.speaker)
        record.qkeys = qkeys
        record.statements = len(qkeys)
        self.new_records[record.path] = record

    def touch_record(self, record: ArticleRecord) -> None:
        """Same content, new mtime: remember the new stat so the next run skips it quickly."""
        self.new_records[record.path] = record

    def rename_speakers(self, renames: dict[str, str]) -> int:
        """Re-file every statement of each old name under its new canonical name (the
        registry learned that "Miller" is Matthew Miller). Returns the statements moved."""
        moved = 0
        for old, new in renames.items():
            qkeys = {qkey for qkey, doc in self.docs.items() if doc and self._speaker(doc) == old}
            if not self.was_empty:
                for fields in self.searcher.documents(speaker=old):
                    qkeys.add(fields["qkey"])
            for qkey in qkeys:
                doc = self.document(qkey)
                if doc is None or self._speaker(doc) != old:
                    continue
                self.docs[qkey] = None
                for report in doc.reports:
                    statement = report.statement.model_copy(update={"speaker": new})
                    renamed = Report(path=report.path, statement=statement, context=report.context)
                    self._refile(qkey, renamed)
                moved += 1
            self.touched_speakers.update((old, new))
        return moved

    def _refile(self, old_qkey: str, report: Report) -> None:
        statement = report.statement
        qkey = quote_key(statement.text, statement.speaker)
        doc = self.document(qkey)
        previous = [r for r in doc.reports if r.path != report.path] if doc else []
        self.docs[qkey] = QuoteDocument(qkey=qkey, reports=[*previous, report])
        record = self.record(report.path)
        if record is not None:
            keys = [qkey if key == old_qkey else key for key in record.qkeys]
            updated = record.model_copy(update={"qkeys": list(dict.fromkeys(keys))})
            self.new_records[report.path] = updated

    @staticmethod
    def _speaker(doc: QuoteDocument) -> str:
        return doc.reports[0].statement.speaker

    def speaker_names(self) -> set[str]:
        names = {self._speaker(doc) for doc in self.docs.values() if doc}
        if not self.was_empty:
            names.update(
                term.decode("utf-8") for term in self.searcher.lexicon("speaker")
            )
        return names

    # writing

    def _pending_facts(self) -> dict[str, list[Facts]]:
        """The facts of every pending statement document, by speaker (computed once)."""
        grouped: dict[str, list[Facts]] = {}
        for doc in self.docs.values():
            if doc is not None:
                grouped.setdefault(self._speaker(doc), []).append(document_facts(doc))
        return grouped

    def _stored_facts(self, name: str) -> Iterator[Facts]:
        if self.was_empty:
            return
        for fields in self.searcher.documents(speaker=name):
            if fields["qkey"] not in self.docs:
                yield Facts.from_json(fields["facts"])

    def _new_meta(self, registry: Any = None) -> IndexMeta:
        directory = {speaker.name: speaker for speaker in self.meta.speakers}
        known = getattr(registry, "speakers", None) or {}
        pending = self._pending_facts()
        for name in self.touched_speakers:
            learned = known.get(name)
            # the registry admits only real forms of a name (its is_alias_form)
            aliases = list(learned.aliases) if learned is not None else []
            facts = [*self._stored_facts(name), *pending.get(name, ())]
            entry = speaker_entry(name, facts, aliases)
            if entry.statements:
                directory[name] = entry
            else:
                directory.pop(name, None)
        outlets = dict(self.meta.outlets)
        for doc in self.docs.values():
            for outlet in doc.outlets() if doc else ():
                outlets.setdefault(outlet_term(outlet), outlet)
        for record in self.new_records.values():
            if record is not None and record.outlet:
                outlets.setdefault(outlet_term(record.outlet), record.outlet)
        return IndexMeta(speakers=sorted(directory.values(), key=lambda s: s.name), outlets=outlets)

    def _new_vocabulary(self) -> dict[str, int]:
        """Word counts for did-you-mean, moved by exactly what this run changed."""
        counts: Counter[str] = Counter()
        if not self.was_empty:
            fields = self.searcher.document(meta_key=VOCABULARY_KEY)
            if fields:
                counts.update(json.loads(fields["meta"]))
        for qkey, doc in self.docs.items():
            before = self.document_before(qkey)
            if before is not None:
                counts.subtract(vocabulary_words(before.representative().text))
            if doc is not None:
                counts.update(vocabulary_words(doc.representative().text))
        return {word: count for word, count in counts.items() if count > 0}

    def document_before(self, qkey: str) -> QuoteDocument | None:
        """The document as stored before this run (read now if nothing read it yet)."""
        if self.was_empty:
            return None
        if qkey not in self.original:
            fields = self.searcher.document(qkey=qkey)
            if not fields:
                return None
            self.original[qkey] = QuoteDocument.model_validate_json(fields["payload"])
        return self.original[qkey]

    def commit(self, progress: Progress | None = None, registry: Any = None) -> None:
        if not self.docs and not self.new_records:
            return
        parallel = self.was_empty and len(self.docs) >= PARALLEL_BUILD_THRESHOLD
        # limitmb is per writer process: Whoosh spills its posting pool to disk past it and
        # merges the runs in Python at the end, which cost a 100,000-statement build (~45
        # postings a statement, ~170 bytes each, 256 MB) half its speed. 512 MB holds about
        # 130,000 statements across the two processes; bigger builds spill, as before.
        writer = (
            self.ix.writer(procs=2, multisegment=True, limitmb=512, batchsize=200, codec=CODEC)
            if parallel
            else self.ix.writer(limitmb=256, codec=CODEC)
        )
        try:
            total = len(self.docs)
            for done, (qkey, doc) in enumerate(self.docs.items(), start=1):
                if not self.was_empty:
                    writer.delete_by_term("qkey", qkey)
                if doc is not None:
                    writer.add_document(**statement_fields(doc))
                if progress and (done % 1000 == 0 or done == total):
                    progress(done, total, "writing statements")
            for path, record in self.new_records.items():
                if not self.was_empty:
                    writer.delete_by_term("path", path)
                if record is not None:
                    writer.add_document(
                        doctype=DOCTYPE_ARTICLE, path=path, record=record.model_dump_json()
                    )
            # Computed after the statements are queued: a parallel build's writer processes
            # index them meanwhile (this took ~6% of a 30,000-statement build, serially).
            meta = self._new_meta(registry)
            vocabulary = self._new_vocabulary()
            if not self.was_empty:
                writer.delete_by_term("meta_key", META_KEY)
                writer.delete_by_term("meta_key", VOCABULARY_KEY)
            writer.add_document(
                doctype=DOCTYPE_META, meta_key=META_KEY, meta=meta.model_dump_json()
            )
            writer.add_document(
                doctype=DOCTYPE_META, meta_key=VOCABULARY_KEY, meta=json.dumps(vocabulary)
            )
        except BaseException:
            writer.cancel()
            raise
        writer.commit()


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
    return ArticleRecord(
        meta_key=meta_key,
        path=str(path),
        article_id=article.id,
        mtime_ns=stat.st_mtime_ns,
        size=stat.st_size,
        file=article.file,
        title=article.title,
        outlet=article.outlet,
        via=article.via,
        url=article.url,
        published=article.published,
        published_basis=article.published_basis,
        opening=article.opening_words(),
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
            for gone in sorted(p for p in update.records if p not in seen and _within(p, roots)):
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
                record = ArticleRecord(
                    path=article.path,
                    article_id=article.id,
                    mtime_ns=0,
                    size=len(article.text),
                    file=article.file,
                    title=article.title,
                    outlet=article.outlet,
                    via=article.via,
                    url=article.url,
                    published=article.published,
                    published_basis=article.published_basis,
                    opening=article.opening_words(),
                )
                update.add_article(record, _reports(article, article.path, statements))
            written = sum(1 for doc in update.docs.values() if doc is not None)
            update.commit()
        finally:
            update.close()
    return written
