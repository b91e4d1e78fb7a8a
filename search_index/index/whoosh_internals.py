"""The one place that reaches into Whoosh's private structure (Whoosh-Reloaded 2.7.5, pinned).

Everything else in the project uses Whoosh's public API. What is here, and why:

- Two fixes to the per-document reader, applied once when this module is first imported:
  - it remembers that a field HAS no length column (IDs, keywords, numbers, the spelling
    field) instead of asking the file system again for every posting of such a field, which
    made flushing a segment spend most of its time in stat() calls;
  - it reads a segment's one-byte length column in one piece, where the writer read it once
    per posting (13% of an ingest). A length column of any other kind is answered by
    Whoosh's own code on every call.
- Reading a term's postings a block (up to 128 postings) at a time from `W3LeafMatcher`'s
  block data (`_data[0]` holds the block's docnum gaps), with one unpickling a block for
  docnums, weights and values, where the public API costs three Python calls a posting.
- A segment's length bytes of a field, in one piece, for scoring BM25 in bulk, and a
  numeric column (the sort day) read in one piece into an array.
- A segment's id and folder, which name the compact posting file written beside it
  (search_index.index.posting_store).

tests/search_index/index/test_whoosh_internals.py pins each assumption, so a Whoosh upgrade
that changes any of them fails there, loudly. At run time, an installed Whoosh that is not
the pinned version gets no patches and the public per-posting path (slower, still right).
"""

from __future__ import annotations

import logging
import pickle
import zlib
from array import array
from collections.abc import Callable
from itertools import accumulate, pairwise
from typing import Any

import numpy as np
import whoosh
from whoosh.codec import whoosh3
from whoosh.columns import NumericColumn
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader, TermNotFound
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

log = logging.getLogger(__name__)

PINNED_VERSION = (2, 7, 5)
PINNED = tuple(whoosh.__version__[:3]) == PINNED_VERSION

_MISSING = object()
_NOT_ONE_BYTE = object()  # a length column of another kind: ask Whoosh's own code each time
_EMPTY: frozenset[int] = frozenset()

_original_doc_field_length: Callable[..., Any] = whoosh3.W3PerDocReader.doc_field_length


# -- the per-document reader's fixes ---------------------------------------------------------


def _cached_reader(self, fieldname, column):  # type: ignore[no-untyped-def]
    reader = self._readers.get(fieldname, _MISSING)
    if reader is _MISSING:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
    return reader


def length_bytes(column: object, doccount: int) -> bytes | None:
    """All of a one-byte length column, padded to doccount; None for any other column."""
    if not isinstance(column, NumericColumn.Reader) or column._fixedlen != 1:
        return None
    stored = bytes(column._dbfile.get(column._basepos, column._count))
    return stored + bytes(max(0, doccount - len(stored)))


def _doc_field_length(self, docnum, fieldname, default=0):  # type: ignore[no-untyped-def]
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    lengths = self.__dict__.setdefault("_length_bytes", {})
    found = lengths.get(fieldname, _MISSING)
    if found is _MISSING:
        column = self._cached_reader(
            whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN
        )
        if column is None:
            found = None
        else:
            found = length_bytes(column, self._doccount + 1)
            if found is None:
                found = _NOT_ONE_BYTE
        lengths[fieldname] = found
    if found is _NOT_ONE_BYTE:
        return _original_doc_field_length(self, docnum, fieldname, default)
    if found is None:
        return default
    lbyte = found[docnum]
    # As Whoosh's own: a zero byte gives None (callers treat it as no length).
    return byte_to_length(lbyte) if lbyte else None


def apply() -> bool:
    """Install the fixes (once: a second call changes nothing). False when the installed
    Whoosh is not the pinned version, which then runs unpatched."""
    if not PINNED:
        log.warning("Whoosh %s is not the pinned %s: running without the speed fixes",
                    whoosh.versionstring(), ".".join(map(str, PINNED_VERSION)))
        return False
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    whoosh3.W3PerDocReader.doc_field_length = _doc_field_length
    return True


# -- reading postings and lengths in bulk ----------------------------------------------------


def segment_length_bytes(leaf: IndexReader, name: str) -> bytes:
    """One segment's length bytes of a field (Whoosh's quantised lengths), by docnum: read in
    one piece from a one-byte length column, else one document at a time."""
    count = leaf.doc_count_all()
    perdoc = getattr(leaf, "_perdoc", None) if PINNED else None
    if perdoc is not None:
        column = perdoc._cached_reader(whoosh3._lenfield(name), whoosh3.LENGTHS_COLUMN)
        if column is None:
            return bytes(count)  # no document has this field in this segment
        found = length_bytes(column, count)
        if found is not None:
            return found[:count]
    return bytes(
        length_to_byte(leaf.doc_field_length(docnum, name, 0) or 0) for docnum in range(count)
    )


def numeric_column(leaf: IndexReader, name: str) -> np.ndarray:
    """One segment's numeric column as an int64 array by docnum (the column's default where a
    document has no value): read in one piece, else a value at a time."""
    count = leaf.doc_count_all()
    column = leaf.column_reader(name, translate=False)
    if PINNED and isinstance(column, NumericColumn.Reader) and column._typecode in "bBhHiIlLqQ":
        stored = min(column._count, count)
        raw = column._dbfile.get(column._basepos, stored * column._fixedlen)
        values = np.full(count, column._default, dtype=np.int64)
        values[:stored] = np.frombuffer(raw, dtype=">" + column._typecode)
        return values
    return np.fromiter((column[docnum] for docnum in range(count)), dtype=np.int64, count=count)


def segment_id(leaf: IndexReader) -> str:
    """The segment's name, as its own files begin ("MAIN_<random id>"): never reused, so a
    file named after it belongs to this segment's contents only."""
    return str(leaf.segment().segment_id())


def storage_folder(leaf: IndexReader) -> str | None:
    """The folder of the segment's files; None for an index held in memory."""
    folder = getattr(leaf.storage(), "folder", None)
    return str(folder) if folder else None


def term_postings(leaf: IndexReader, name: str, stem: str, with_values: bool = False,
                  with_weights: bool = True
                  ) -> tuple[list[int], list[float], list[bytes], frozenset[int]]:
    """One segment's postings of a term: docnums, weights (unless told not to), encoded values
    (when asked), and the segment's deleted docnums (which the caller drops). Empty when the
    segment lacks the term."""
    try:
        matcher = leaf.postings(name, stem)
    except TermNotFound:
        return [], [], [], _EMPTY
    deleted: frozenset[int] = _EMPTY
    if isinstance(matcher, FilterMatcher):  # a segment with deletions wraps its matcher
        deleted = frozenset(leaf.deleted_docs_set)
        matcher = matcher.child
    docnums, weights, values = block_postings(matcher, with_values, with_weights)
    return docnums, weights, values, deleted


def _is_fresh_block_matcher(matcher: Matcher) -> bool:
    """A W3LeafMatcher with integer docnums that has read nothing of its first block yet."""
    return (PINNED and isinstance(matcher, whoosh3.W3LeafMatcher) and not matcher._byteids
            and matcher._i == 0 and matcher._ids is None)


def block_postings(matcher: Matcher, with_values: bool = False, with_weights: bool = True
                   ) -> tuple[list[int], list[float], list[bytes]]:
    """The docnums of every posting from the matcher's position on, their weights (unless told
    not to: decoding them is most of the cost of an ID field's postings) and (when asked)
    their encoded values. A fresh W3LeafMatcher is read a block at a time from its
    block data; anything else through the public API, a posting at a time."""
    docnums: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    if not _is_fresh_block_matcher(matcher):
        while matcher.is_active():
            docnums.append(matcher.id())
            if with_weights:
                weights.append(matcher.weight())
            if with_values:
                values.append(matcher.value())
            matcher.next()
        return docnums, weights, values
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        # Docnums are stored as gaps; accumulate() adds them up in C (Whoosh's own
        # delta_decode is a Python generator).
        docnums.extend(accumulate(matcher._data[0]))
        if with_weights:
            matcher._read_weights()
            weights.extend(matcher._weights)
        if with_values:
            matcher._read_values()
            values.extend(matcher._values)
        matcher._next_block()
    return docnums, weights, values


apply()


# -- writing a segment's postings and committing it ------------------------------------------


def write_term_postings(fieldwriter: Any, tbytes: bytes, docnums: list[int],
                        weights: list[float], values: list[bytes],
                        lengths: list[int] | None) -> None:
    """One term's postings (docnums ascending; lengths: each posting's quantised field
    length, None for a field without lengths) written through a W3FieldWriter's files as
    `add_postings` writes them a posting at a time: the same blocks of up to 128 (each
    W3PostingsWriter._write_block's bytes), the same term statistics (W3TermInfo.add_block),
    in a few calls a block. A writer that inlines postings, or another Whoosh, gets the
    public per-posting calls."""
    writer = fieldwriter._postwriter
    if (not PINNED or not isinstance(writer, whoosh3.W3PostingsWriter) or writer._byteids
            or writer._inlinelimit > 1):
        fieldwriter.start_term(tbytes)
        for at, docnum in enumerate(docnums):
            fieldwriter.add(docnum, weights[at], values[at], lengths[at] if lengths else 0)
        fieldwriter.finish_term()
        return
    fixed = fieldwriter._format.fixed_value_size()
    postfile = writer._postfile
    limit = writer._blocklimit
    comp = writer._compression
    info = whoosh3.W3TermInfo()
    startoffset = postfile.tell()
    postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
    total = len(docnums)
    for start in range(0, total, limit):
        end = start + limit
        ids = docnums[start:end]
        plain = weights[start:end]
        block_weights = array("f", plain)
        maxweight = max(0, max(plain))
        minlength, maxlength = None, 0
        if lengths is not None:
            known = [length for length in lengths[start:end] if length]
            if known:
                minlength, maxlength = min(known), max(known)
        # as W3TermInfo.add_block
        info._weight += sum(block_weights)
        info._df += len(ids)
        info._minlength = (minlength if info._minlength is None
                           else min(info._minlength, minlength))
        info._maxlength = max(info._maxlength, maxlength)
        info._maxweight = max(info._maxweight, maxweight)
        if info._minid is None:
            info._minid = ids[0]
        info._maxid = ids[-1]
        # as W3PostingsWriter._mini_ids, _mini_weights and _mini_values
        gaps = (ids[0], *[b - a for a, b in pairwise(ids)])
        first = block_weights[0]
        if all(w == 1.0 for w in block_weights):
            mini_weights: Any = None
        elif all(w == first for w in block_weights):
            mini_weights = first
        else:
            mini_weights = tuple(block_weights)
        kept = [value for value in values[start:end] if value]
        if fixed is None or fixed < 0:
            mini_values: Any = tuple(kept)
        elif fixed == 0:
            mini_values = None
        else:
            mini_values = b"".join(kept)
        databytes = pickle.dumps((gaps, mini_weights, mini_values), 2)
        if comp:
            databytes = zlib.compress(databytes, comp)
        infobytes = pickle.dumps((len(ids), ids[-1], maxweight, comp, length_to_byte(minlength),
                                  length_to_byte(maxlength)), 2)
        size = len(infobytes) + len(databytes)
        postfile.write_int(-size if end >= total else size)  # the last block's is negative
        postfile.write(infobytes)
        postfile.write(databytes)
    info.set_extent(startoffset, postfile.tell() - startoffset)
    fieldwriter._tindex.add(pack_ushort(fieldwriter._fieldid) + tbytes, info.to_bytes())


def commit_with_segments(writer: Any, new_segments: list[Any]) -> None:
    """SegmentWriter.commit with more segments, written beside the writer (by
    segment_build), named in the same table of contents: the writer's deletions, its merges
    and its own documents, and the new segments, all in one commit."""
    writer._check_state()
    segments = writer._merge_segments(None, None, None)
    if writer._added:
        segments.append(writer._finalize_segment())
    else:
        writer._close_segment()
    segments.extend(new_segments)
    writer._commit_toc(segments)
    writer._finish()
