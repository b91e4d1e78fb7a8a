"""One ingest's changes to the Whoosh index, gathered in memory and written in one commit.

`IndexUpdate` reads what the index holds (article records, the speaker directory, the
did-you-mean vocabulary), takes the run's additions, removals and renames, and writes them with
one writer: Whoosh commits by writing a new table of contents, so a run killed before its
commit leaves the previous index whole.
"""

from __future__ import annotations

import json
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec

from search_index.errors import IndexUnavailable
from search_index.index.directory import Facts, speaker_entry
from search_index.index.opening import write as write_opening
from search_index.index.posting_store import write_after_commit
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
from search_index.index.segment_build import SegmentBuilder
from search_index.index.whoosh_internals import commit_with_segments

Progress = Callable[[int, int, str], None]

# A batch of this many statement documents or more is written by two processes (on a
# two-core machine, about half the time); below it, starting one costs more than it saves.
PARALLEL_DOCUMENTS = 20_000

# A new segment holds its postings in memory until it is written (about 3 KB a statement):
# a bigger batch is written as several segments, in the same commit.
SEGMENT_DOCUMENTS = 250_000
# Posting blocks are written without zlib: searches read whole posting lists into sets
# (search_index.index.postings) ~30% faster, ingest skips compressing, the index is ~50% larger.
CODEC = W3Codec(compression=0)
# One file per part of a segment, not Whoosh's compound file: a searcher opening a compound
# file copies every part of it into memory (BytesIO over the mapped file: 182 of the 421 MB a
# 100k-statement searcher held after opening), where separate files are read through the OS's
# page cache, shared by every process. Writing them also skips copying the parts into one file.
COMPOUND = False


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


# -- the update --------------------------------------------------------------------------------


def document_facts(doc: QuoteDocument) -> Facts:
    statement = doc.representative()
    # The statement's own date only: an undated statement counts toward no span or role dates.
    sort_day = day_number(statement.date)
    return Facts(
        statement.role, statement.organisation, sort_day, tuple(doc.aliases()),
        statement.speaker_kind,
    )


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
            if entry.statements and any(fact.listed for fact in facts):
                directory[name] = entry
            else:
                directory.pop(name, None)
        outlets = dict(self.meta.outlets)
        for doc in self.docs.values():
            for outlet in doc.outlets() if doc else ():
                outlets.setdefault(outlet_term(outlet), outlet)
        for record in self.new_records.values():
            for name in (record.outlet, record.via) if record is not None else ():
                if name:
                    outlets.setdefault(outlet_term(name), name)
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
        # The writer deletes what this run replaces and merges small segments; every new
        # document goes into segments of their own (segment_build), named in the same commit.
        writer = self.ix.writer(limitmb=256, codec=CODEC, compound=COMPOUND)
        child: Future[list[Any]] | None = None
        try:
            if not self.was_empty:
                for qkey in self.docs:
                    writer.delete_by_term("qkey", qkey)
                for path in self.new_records:
                    writer.delete_by_term("path", path)
                writer.delete_by_term("meta_key", META_KEY)
                writer.delete_by_term("meta_key", VOCABULARY_KEY)
            docs = [doc for doc in self.docs.values() if doc is not None]
            total = len(docs)
            if total >= PARALLEL_DOCUMENTS:
                # A second process writes the first half, this one the rest: the segments
                # are named in document order, so the index's documents are in the order a
                # single process writes them.
                half = total // 2
                child = _start_child(self, docs[:half])
                docs = docs[half:]
            segments: list[Any] = []
            builder = self._builder()
            for done, doc in enumerate(docs, start=1):
                builder.add(statement_fields(doc))
                if builder.docnum >= SEGMENT_DOCUMENTS:
                    segments.append(builder.finish())
                    builder = self._builder()
                if progress and (done % 1000 == 0 or done == len(docs)):
                    # a child writes as many at about the same pace: count both halves
                    shown = done if child is None else min(total, done * total // len(docs))
                    progress(shown, total, "writing statements")
            for path, record in self.new_records.items():
                if record is not None:
                    builder.add({"doctype": DOCTYPE_ARTICLE, "path": path,
                                 "record": record.model_dump_json()})
            meta = self._new_meta(registry)
            vocabulary = self._new_vocabulary()
            builder.add({"doctype": DOCTYPE_META, "meta_key": META_KEY,
                         "meta": meta.model_dump_json()})
            builder.add({"doctype": DOCTYPE_META, "meta_key": VOCABULARY_KEY,
                         "meta": json.dumps(vocabulary)})
            segments.append(builder.finish())
            if child is not None:
                segments = child.result() + segments
        except BaseException:
            writer.cancel()
            raise
        finally:
            _end_child()
        commit_with_segments(writer, segments)
        write_after_commit(self.ix)
        with self.ix.searcher() as committed:  # so that the first search after is quick
            write_opening(Path(self.ix.storage.folder), committed)

    def build_segments(self, docs: Sequence[QuoteDocument]) -> list[Any]:
        """Statement documents written as segments of their own (a child's half)."""
        segments: list[Any] = []
        builder = self._builder()
        for doc in docs:
            builder.add(statement_fields(doc))
            if builder.docnum >= SEGMENT_DOCUMENTS:
                segments.append(builder.finish())
                builder = self._builder()
        if builder.docnum:
            segments.append(builder.finish())
        return segments

    def _builder(self) -> SegmentBuilder:
        return SegmentBuilder(self.ix.schema, self.ix.storage, self.ix.indexname, CODEC)


# -- the second process --------------------------------------------------------------------
# Forked, so it inherits the update and its documents rather than receiving them pickled; it
# returns only the segments it wrote (a few hundred bytes each).

_child_work: tuple[IndexUpdate, Sequence[QuoteDocument]] | None = None
_child_pool: ProcessPoolExecutor | None = None


def _child_build() -> list[Any]:
    assert _child_work is not None
    update, docs = _child_work
    return update.build_segments(docs)


def _start_child(update: IndexUpdate, docs: Sequence[QuoteDocument]) -> Future[list[Any]]:
    global _child_work, _child_pool
    _child_work = (update, docs)
    _child_pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    return _child_pool.submit(_child_build)


def _end_child() -> None:
    global _child_work, _child_pool
    if _child_pool is not None:
        _child_pool.shutdown(wait=True, cancel_futures=True)
    _child_work = _child_pool = None
