"""Compact posting arrays written beside each Whoosh segment, read with numpy.

Whoosh stores a term's postings in blocks of 128, each a pickled tuple holding the positions
too, so reading a frequent word's postings means unpickling all of them (the largest single
cost of an uncached query). Here each segment gets one file, MAIN_<segment id>.onrpost,
holding per (field, term) the docnums (uint32, ascending), the term frequencies (uint16) and,
for the searched text fields, every position (uint32; a posting's positions follow the one
before's, so their starts are the running sum of the frequencies). The file is mapped, never
read whole: a term is found by bisecting its sorted keys, and its postings are array slices.

The file is named like the segment's own files, so Whoosh deletes it with its segment (a merge
or a rebuild makes new segments with new ids; segment files never change in place). Deleted
documents are not in it: readers drop them with the segment's deletion set, as Whoosh does.
A file that is missing, truncated, of another version or of another segment is built again
from the segment (`load_or_build`), so an older index keeps working and a bad file never
gives a wrong answer; where it cannot be written (a read-only folder) the arrays built are
used from memory.
"""

from __future__ import annotations

import logging
import mmap
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.reading import IndexReader

from search_index.index import segment_files, statement_store
from search_index.index.schema import SEARCHED_FIELDS
from search_index.index.whoosh_internals import segment_id, term_postings

log = logging.getLogger(__name__)

MAGIC = b"ONRPOST1"
VERSION = 1
SUFFIX = ".onrpost"
# Fields stored with positions (phrases are matched in each), and fields stored as docnums
# only (filters and the date order read them; their frequency is always 1).
POSITION_FIELDS: tuple[str, ...] = SEARCHED_FIELDS
PRESENCE_FIELDS: tuple[str, ...] = ("doctype", "kind", "outlet", "speaker")
STORED_FIELDS = tuple(sorted(POSITION_FIELDS + PRESENCE_FIELDS))
MAX_FREQUENCY = 0xFFFF
_ALIGN = segment_files.ALIGN
_WHAT = "posting file"
# (section name, dtype): the order they are laid out in the file.
_SECTIONS: tuple[tuple[str, str], ...] = (
    ("key_offsets", "<u8"),  # n_terms + 1 offsets into keys
    ("term_starts", "<u8"),  # n_terms + 1 offsets into docs and freqs
    ("position_starts", "<u8"),  # n_terms + 1 offsets into positions
    ("docs", "<u4"),
    ("freqs", "<u2"),
    ("positions", "<u4"),
    ("keys", "u1"),  # field, NUL, term (UTF-8), sorted bytewise
)


class StoreError(ValueError):
    """A posting file that cannot be used (built again) or a segment that cannot be stored."""


@dataclass(frozen=True)
class TermSlice:
    """One term's postings in one segment: segment docnums, frequencies, and (for a
    position field) the positions of every posting one after another."""

    docs: np.ndarray  # uint32, ascending
    freqs: np.ndarray  # uint16
    positions: np.ndarray | None  # uint32, freqs[i] of them per posting i


class SegmentPostings:
    """The posting file of one segment, mapped."""

    def __init__(self, arrays: dict[str, np.ndarray], keys: bytes | mmap.mmap,
                 doc_count: int) -> None:
        self._arrays = arrays
        self._keys = keys
        self._key_offsets = arrays["key_offsets"].tolist()  # bisected in Python: a list
        self.doc_count = doc_count
        self.term_count = len(self._key_offsets) - 1

    def _key(self, index: int) -> bytes:
        return self._keys[self._key_offsets[index]:self._key_offsets[index + 1]]

    def _find(self, key: bytes) -> int | None:
        low, high = 0, self.term_count
        while low < high:
            middle = (low + high) // 2
            if self._key(middle) < key:
                low = middle + 1
            else:
                high = middle
        return low if low < self.term_count and self._key(low) == key else None

    def count(self, name: str, term: str) -> int:
        """How many postings the term has in the field (deleted documents included)."""
        found = self._find(_key(name, term))
        if found is None:
            return 0
        starts = self._arrays["term_starts"]
        return int(starts[found + 1] - starts[found])

    def term(self, name: str, term: str) -> TermSlice | None:
        found = self._find(_key(name, term))
        if found is None:
            return None
        a = self._arrays
        start, stop = int(a["term_starts"][found]), int(a["term_starts"][found + 1])
        low, high = int(a["position_starts"][found]), int(a["position_starts"][found + 1])
        positions = a["positions"][low:high] if name in POSITION_FIELDS else None
        return TermSlice(a["docs"][start:stop], a["freqs"][start:stop], positions)


def _key(name: str, term: str | bytes) -> bytes:
    raw = term if isinstance(term, bytes) else term.encode("utf-8")
    return name.encode("utf-8") + b"\x00" + raw


# -- building --------------------------------------------------------------------------------


def build_arrays(leaf: IndexReader) -> tuple[dict[str, np.ndarray], bytes]:
    """Every stored field's postings of one segment as arrays (deleted documents included)."""
    keys: list[bytes] = []
    docs: list[np.ndarray] = []
    freqs: list[np.ndarray] = []
    positions: list[np.ndarray] = []
    term_starts, position_starts = [0], [0]
    for name in STORED_FIELDS:
        if name not in leaf.schema:
            continue
        with_positions = name in POSITION_FIELDS
        decode = leaf.schema[name].format.decoder("positions") if with_positions else None
        for term in leaf.lexicon(name):
            # Deleted documents are kept: readers drop them with the segment's deletions.
            docnums, weights, values, _ = term_postings(
                leaf, name, term, with_values=with_positions, with_weights=with_positions)
            if not docnums:
                continue
            keys.append(_key(name, term))
            docs.append(np.asarray(docnums, dtype=np.uint32))
            flat: list[int] = []
            if decode is None:
                counts = np.ones(len(docnums), dtype=np.uint16)
            else:
                counts = _frequencies(weights)
                flat = [position for value in values for position in decode(value)]
                if len(flat) != int(counts.sum(dtype=np.int64)):
                    raise StoreError(f"{name}:{term!r}: positions do not match frequencies")
                positions.append(np.asarray(flat, dtype=np.uint32))
            freqs.append(counts)
            term_starts.append(term_starts[-1] + len(docnums))
            position_starts.append(position_starts[-1] + len(flat))
    if keys != sorted(keys):
        raise StoreError("the segment's terms are not in order")
    offsets = np.zeros(len(keys) + 1, dtype=np.uint64)
    np.cumsum([len(key) for key in keys], out=offsets[1:])
    arrays = {
        "key_offsets": offsets,
        "term_starts": np.asarray(term_starts, dtype=np.uint64),
        "position_starts": np.asarray(position_starts, dtype=np.uint64),
        "docs": _joined(docs, np.uint32),
        "freqs": _joined(freqs, np.uint16),
        "positions": _joined(positions, np.uint32),
    }
    return arrays, b"".join(keys)


def _frequencies(weights: Sequence[float]) -> np.ndarray:
    """Whoosh's weights as counts; a weight that is not a whole count (a field boost) cannot
    be stored as one."""
    found = np.asarray(weights, dtype=np.float64)
    counts = found.astype(np.uint16)
    if found.size and (found.max() > MAX_FREQUENCY or not np.array_equal(counts, found)):
        raise StoreError("a term weight is not a count")
    return counts


def _joined(parts: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)


def encode(arrays: dict[str, np.ndarray], keys: bytes, segment: str, doc_count: int) -> bytes:
    """The file's bytes: magic, header length, JSON header, then each section 8-aligned."""
    sections: dict[str, list[int]] = {}
    chunks: list[bytes] = []
    position = 0
    for name, dtype in _SECTIONS:
        data = keys if name == "keys" else arrays[name].astype(dtype, copy=False).tobytes()
        sections[name] = [position, len(data)]
        padding = -len(data) % _ALIGN
        chunks.append(data + bytes(padding))
        position += len(data) + padding
    return segment_files.frame(MAGIC, {"version": VERSION, "segment": segment,
                                       "doc_count": doc_count, "fields": list(STORED_FIELDS),
                                       "sections": sections}, b"".join(chunks))


def decode(buffer: mmap.mmap | bytes, segment: str, doc_count: int) -> SegmentPostings:
    """The postings in a file's bytes; StoreError unless it is whole, of this version and of
    this very segment."""
    size = len(buffer)
    expected = {"version": VERSION, "segment": segment, "doc_count": doc_count,
                "fields": list(STORED_FIELDS)}
    header, base = segment_files.read_header(buffer, MAGIC, expected, StoreError, _WHAT)
    arrays: dict[str, np.ndarray] = {}
    keys: bytes | mmap.mmap = b""
    for name, dtype in _SECTIONS:
        offset, nbytes = header["sections"][name]
        if base + offset + nbytes > size:
            raise StoreError("a truncated posting file")
        if name == "keys":
            keys = buffer[base + offset:base + offset + nbytes]
        else:
            count = nbytes // np.dtype(dtype).itemsize
            arrays[name] = np.frombuffer(buffer, dtype=dtype, count=count, offset=base + offset)
    postings = len(arrays["docs"])
    terms = len(arrays["key_offsets"]) - 1
    if (len(arrays["freqs"]) != postings or len(arrays["term_starts"]) != terms + 1
            or len(arrays["position_starts"]) != terms + 1
            or (terms >= 0 and int(arrays["key_offsets"][-1]) != len(keys))
            or int(arrays["term_starts"][-1]) != postings
            or int(arrays["position_starts"][-1]) != len(arrays["positions"])):
        raise StoreError("a posting file whose sections disagree")
    return SegmentPostings(arrays, keys, doc_count)


def _build(leaf: IndexReader) -> bytes:
    arrays, keys = build_arrays(leaf)
    return encode(arrays, keys, segment_id(leaf), leaf.doc_count_all())


def file_path(leaf: IndexReader) -> Path | None:
    """Where the segment's posting file lives; None for an index held in memory."""
    return segment_files.file_path(leaf, SUFFIX)


def load_or_build(leaf: IndexReader) -> SegmentPostings:
    """The segment's posting file, built (and written, where the folder allows) when missing
    or unusable. Raises StoreError when the segment cannot be stored this way."""
    return segment_files.load_or_build(leaf, SUFFIX, _WHAT, StoreError, _mapped, _build, decode)


def write_missing(reader: IndexReader) -> int:
    """Write the posting file of every segment of `reader` that lacks a usable one (called
    after a commit, so the next searcher finds them); returns how many were written."""
    return segment_files.write_missing(reader, SUFFIX, StoreError, _mapped, _build)


def write_after_commit(ix: whoosh_index.Index) -> None:
    """After a commit: write the new segments' posting files and statement files
    (search_index.index.statement_store), so that no searcher has to build them when it
    opens. A failure loses nothing (the commit stands, and a searcher builds what is
    missing), so it is logged, not raised."""
    try:
        with ix.reader() as reader:
            write_missing(reader)
    except (StoreError, OSError) as error:
        log.warning("posting files not written after the commit (%s): searchers will build "
                    "them", error)
    try:
        with ix.reader() as reader:
            statement_store.write_missing(reader)
    except (ValueError, KeyError, OSError) as error:
        log.warning("statement files not written after the commit (%s): searchers will "
                    "build them", error)


def _mapped(path: Path, segment: str, doc_count: int) -> SegmentPostings:
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size == 0:
            raise StoreError("an empty posting file")
        buffer = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    return decode(buffer, segment, doc_count)

