"""Term postings of one searcher as numpy arrays, read from the compact posting files.

Each segment's postings come from its posting file (search_index.index.posting_store): a
term's docnums, frequencies and positions are slices of mapped arrays, so reading a word in
30,000 statements costs a copy, not 250 unpicklings. Segments are joined in docnum order
(each one's docnums shifted by its offset) and deleted documents dropped, as Whoosh does.
A field the files do not hold, or a segment whose file cannot be built, is read through
Whoosh's own postings instead (slower, the same answer).

Matching and scoring then work on whole arrays: intersections by binary search of the smaller
list in the larger, BM25 computed for every candidate at once with the same operations, in
the same order, as Whoosh's BM25F (so the same floating-point scores), and phrases checked on
the positions of the documents that hold every word only.

A small cache keeps the arrays of recently asked terms (bounded by postings held); the honest
benchmark clears it before every query, so what it measures is the read from the files.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# np.unique imports numpy.ma the first time it runs (20-30 ms): importing it with this module
# moves that cost to start-up, out of the first query a member makes
import numpy.ma
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from search_index.index.posting_store import (
    POSITION_FIELDS,
    STORED_FIELDS,
    SegmentPostings,
    StoreError,
    TermSlice,
    load_or_build,
)
from search_index.index.whoosh_internals import segment_length_bytes, term_postings

log = logging.getLogger(__name__)

# Arrays cost 10 bytes a posting held (int64 docnum, uint16 frequency): 1,000,000 is ~10 MB.
CACHE_POSTINGS = 1_000_000
BM25_B = 0.75  # Whoosh's BM25F defaults, so scores match its own collector's
BM25_K1 = 1.2
# Whoosh's quantised length of each length byte, as scoring reads it (0 counts as 1).
_LENGTHS = np.array([byte_to_length(b) or 1 for b in range(256)], dtype=np.float64)
_EMPTY_DOCS = np.zeros(0, dtype=np.int64)
_EMPTY_FREQS = np.zeros(0, dtype=np.uint16)


@dataclass(frozen=True)
class TermPostings:
    """One term's live postings across the searcher, docnums ascending."""

    docs: np.ndarray  # int64
    freqs: np.ndarray  # uint16


@dataclass(frozen=True)
class TermPositions:
    docs: np.ndarray  # int64, ascending
    freqs: np.ndarray  # uint16
    starts: np.ndarray  # int64: where each posting's positions begin in `positions`
    positions: np.ndarray  # uint32


class WhooshSegment:
    """A segment read through Whoosh's postings (what the posting files replace)."""

    def __init__(self, leaf: IndexReader) -> None:
        self.leaf = leaf

    def count(self, name: str, term: str) -> int:
        return int(self.leaf.doc_frequency(name, term)) if name in self.leaf.schema else 0

    def term(self, name: str, term: str) -> TermSlice | None:
        if name not in self.leaf.schema:
            return None
        field = self.leaf.schema[name]
        with_positions = name in POSITION_FIELDS and field.format.supports("positions")
        docnums, weights, values, _ = term_postings(self.leaf, name, term, with_positions)
        if not docnums:
            return None
        freqs = np.asarray(weights, dtype=np.float64).astype(np.uint16)
        positions = None
        if with_positions:
            decode = field.format.decoder("positions")
            positions = np.asarray([p for value in values for p in decode(value)],
                                   dtype=np.uint32)
        return TermSlice(np.asarray(docnums, dtype=np.uint32), freqs, positions)


@dataclass(frozen=True)
class _Segment:
    stored: SegmentPostings | None
    whoosh: WhooshSegment
    offset: int
    deleted: np.ndarray | None  # bool by segment docnum, None without deletions

    def source(self, name: str) -> SegmentPostings | WhooshSegment:
        return self.stored if self.stored is not None and name in STORED_FIELDS else self.whoosh


def open_segments(reader: IndexReader, files: Sequence[SegmentPostings | None] | None = None,
                  use_files: bool = True) -> list[_Segment]:
    """Every segment of the reader with its posting file (built when missing; or `files`,
    one per segment, already open for another reader of the same commit). Without
    `use_files`, every segment is read through Whoosh's postings (the reference)."""
    segments = []
    for number, (leaf, offset) in enumerate(reader.leaf_readers()):
        stored: SegmentPostings | None = None
        if files is not None:
            stored = files[number]
        elif use_files:
            try:
                stored = load_or_build(leaf)
            except StoreError as error:
                log.warning("segment read through Whoosh's postings: %s", error)
        gone = leaf.deleted_docs_set if leaf.has_deletions() else ()
        deleted = None
        if gone:
            deleted = np.zeros(leaf.doc_count_all(), dtype=bool)
            deleted[np.fromiter(gone, dtype=np.int64, count=len(gone))] = True
        segments.append(_Segment(stored, WhooshSegment(leaf), offset, deleted))
    return segments


class Postings:
    """The postings of one open searcher (see the module docstring)."""

    def __init__(self, searcher: Searcher, budget: int = CACHE_POSTINGS,
                 files_of: Postings | None = None, use_files: bool = True) -> None:
        """`files_of`: another Postings of the same commit whose posting files to share (a
        second searcher's: Whoosh readers are not shared between threads, mapped arrays are).
        `use_files=False` reads every term through Whoosh, as before the posting files."""
        self.searcher = searcher
        self.reader = searcher.reader()
        files = None if files_of is None else [s.stored for s in files_of.segments]
        self.segments = open_segments(self.reader, files, use_files)
        self.budget = budget
        self.held = 0
        self._entries: OrderedDict[tuple[str, str], TermPostings] = OrderedDict()
        self._idf: dict[tuple[str, str], float] = {}
        self._average_length: dict[str, float] = {}
        self._lengths: dict[str, np.ndarray] = {}
        self.hits = 0  # term reads answered from the cache (the benchmark reports the rate)
        self.misses = 0

    def clear(self) -> None:
        """Forget every cached posting list (the benchmark times uncached queries)."""
        self._entries.clear()
        self.held = 0

    # -- one term --------------------------------------------------------------------------

    def count(self, name: str, stem: str) -> int:
        """The term's postings in the field, deleted documents included: cheap, for ordering."""
        return sum(segment.source(name).count(name, stem) for segment in self.segments)

    def postings(self, name: str, stem: str) -> TermPostings:
        key = (name, stem)
        found = self._entries.get(key)
        if found is not None:
            self.hits += 1
            self._entries.move_to_end(key)
            return found
        self.misses += 1
        found = self.read(name, stem)
        self._entries[key] = found
        self.held += len(found.docs)
        while self.held > self.budget and len(self._entries) > 1:
            _, dropped = self._entries.popitem(last=False)
            self.held -= len(dropped.docs)
        return found

    def docs(self, name: str, stem: str) -> np.ndarray:
        """The docnums (int64, ascending) of the live documents holding the term."""
        return self.postings(name, stem).docs

    def read(self, name: str, stem: str) -> TermPostings:
        """The term's live postings, read afresh (the cache left alone)."""
        docs, freqs = [], []
        for segment in self.segments:
            found = segment.source(name).term(name, stem)
            if found is None:
                continue
            local, counts = found.docs, found.freqs
            if segment.deleted is not None:
                live = ~segment.deleted[local]
                local, counts = local[live], counts[live]
            docs.append(local.astype(np.int64) + segment.offset)
            freqs.append(counts)
        if not docs:
            return TermPostings(_EMPTY_DOCS, _EMPTY_FREQS)
        if len(docs) == 1:
            return TermPostings(docs[0], freqs[0])
        return TermPostings(np.concatenate(docs), np.concatenate(freqs))

    def positions(self, name: str, stem: str) -> TermPositions:
        """The term's live postings with their positions (read afresh: only phrases ask)."""
        docs, freqs, starts, positions = [], [], [], []
        base = 0
        for segment in self.segments:
            found = segment.source(name).term(name, stem)
            if found is None or found.positions is None:
                continue
            first = np.zeros(len(found.freqs), dtype=np.int64)
            np.cumsum(found.freqs[:-1], out=first[1:])
            local, counts = found.docs, found.freqs
            if segment.deleted is not None:
                live = ~segment.deleted[local]
                local, counts, first = local[live], counts[live], first[live]
            docs.append(local.astype(np.int64) + segment.offset)
            freqs.append(counts)
            starts.append(first + base)
            positions.append(found.positions)
            base += len(found.positions)
        if not docs:
            return TermPositions(_EMPTY_DOCS, _EMPTY_FREQS, _EMPTY_DOCS,
                                 np.zeros(0, dtype=np.uint32))
        return TermPositions(*(np.concatenate(parts) if len(parts) > 1 else parts[0]
                               for parts in (docs, freqs, starts, positions)))

    def idf(self, name: str, stem: str) -> float:
        key = (name, stem)
        found = self._idf.get(key)
        if found is None:
            found = self._idf[key] = self.searcher.idf(name, stem)
        return found

    # -- per document ----------------------------------------------------------------------

    def lengths(self, name: str) -> np.ndarray:
        """Every document's field length as BM25 reads it (Whoosh's quantised length byte;
        0 counts as 1), by docnum."""
        found = self._lengths.get(name)
        if found is None:
            raw = b"".join(segment_length_bytes(segment.whoosh.leaf, name)
                           for segment in self.segments)
            found = self._lengths[name] = _LENGTHS[np.frombuffer(raw, dtype=np.uint8)]
        return found

    def length_bytes(self, name: str) -> bytes:
        return b"".join(segment_length_bytes(segment.whoosh.leaf, name)
                        for segment in self.segments)

    def scores(self, docnums: np.ndarray, terms: Sequence[tuple[str, str, float]]
               ) -> np.ndarray:
        """For each docnum, the sum over (field, stem, weight) of weight times the stem's
        BM25 in the field, computed as Whoosh's BM25F does: the same length bytes, the same
        operations in the same order (float64 throughout, as Python's floats)."""
        total = np.zeros(len(docnums), dtype=np.float64)
        for name, stem, weight in terms:
            entry = self.postings(name, stem)
            if not len(entry.docs):
                continue
            average = self._average_length.get(name)
            if average is None:
                average = self._average_length[name] = self.searcher.avg_field_length(name) or 1.0
            factor = weight * self.idf(name, stem) * (BM25_K1 + 1)
            fixed, per_length = BM25_K1 * (1 - BM25_B), BM25_K1 * BM25_B / average
            present, where = locate(docnums, entry.docs)
            frequency = entry.freqs[where[present]].astype(np.float64)
            length = self.lengths(name)[docnums[present]]
            total[present] += factor * frequency / (frequency + fixed + per_length * length)
        return total

    # -- phrases ---------------------------------------------------------------------------

    def phrase_docs(self, name: str, stems: Sequence[str], candidates: np.ndarray
                    ) -> np.ndarray:
        """The candidates (ascending docnums, each holding every stem) whose field holds the
        stems in a row: position p of the first, p+1 of the second, and so on."""
        if not len(candidates):
            return _EMPTY_DOCS
        keys: np.ndarray | None = None
        for offset, stem in enumerate(stems):
            found = self.positions(name, stem)
            present, where = locate(candidates, found.docs)
            if not present.all():  # a candidate without the stem cannot hold the phrase
                candidates, where = candidates[present], where[present]
            counts = found.freqs[where].astype(np.int64)
            starts = found.starts[where]
            # Every position of every candidate's posting, flattened: a run of counts[i]
            # indices from starts[i].
            first = np.repeat(starts - np.cumsum(counts) + counts, counts)
            flat = found.positions[first + np.arange(int(counts.sum()))].astype(np.int64)
            # One key per (document, where the phrase would start): comparable across stems.
            later = (np.repeat(candidates, counts) << 32) + flat - offset
            keys = later if keys is None else keys[isin_sorted(keys, later)]
            if not len(keys):
                return _EMPTY_DOCS
        return np.unique(keys >> 32) if keys is not None else _EMPTY_DOCS


def locate(wanted: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each of `wanted`, whether the ascending `docs` holds it, and where."""
    if not len(docs):
        return np.zeros(len(wanted), dtype=bool), np.zeros(len(wanted), dtype=np.int64)
    where = np.searchsorted(docs, wanted)
    np.minimum(where, len(docs) - 1, out=where)
    return docs[where] == wanted, where


def isin_sorted(values: np.ndarray, sorted_docs: np.ndarray) -> np.ndarray:
    """A mask of which `values` are in the ascending array (binary search of each)."""
    return locate(values, sorted_docs)[0]


def intersect(small: np.ndarray, large: np.ndarray) -> np.ndarray:
    """The docnums in both ascending arrays, walking the smaller one."""
    if len(small) > len(large):
        small, large = large, small
    return small[isin_sorted(small, large)]


def union(arrays: Sequence[np.ndarray]) -> np.ndarray:
    present = [found for found in arrays if len(found)]
    if not present:
        return _EMPTY_DOCS
    if len(present) == 1:
        return present[0]
    return np.unique(np.concatenate(present))


def live_postings(reader: IndexReader, name: str, term: str) -> np.ndarray:
    """The docnums (ascending, deleted ones left out) of every document holding the term,
    read through Whoosh (for a reader without a Postings)."""
    parts = []
    for leaf, offset in reader.leaf_readers():
        docnums, _, _, deleted = term_postings(leaf, name, term, with_weights=False)
        if deleted:
            docnums = [docnum for docnum in docnums if docnum not in deleted]
        parts.append(np.asarray(docnums, dtype=np.int64) + offset)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
