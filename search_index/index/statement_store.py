"""What /whosaid decides a match on, per statement, in a file beside each Whoosh segment.

/whosaid examines up to 600 candidate statements and shows a handful. Reading each one's
stored payload (JSON with every report) and running the analyzer on its words cost most of
its time, so each segment gets one file, MAIN_<segment id>.onrsaid, holding per docnum the
representative statement's fields that classifying and grouping read (records.
representative_gist): its words normalised (schema.normalise_quote), its distinct stems
(schema.stem_set, space-joined), its kind, id, speaker and date. They are one UTF-8 blob and
one offsets array (FIELDS strings per docnum), mapped, never read whole; a document with no
statement payload (an article, the meta documents) has empty strings and kind "".

The file follows the posting file's rules (search_index.index.posting_store): named after its
segment so Whoosh deletes it with the segment; written after every commit; and one that is
missing, truncated, of another version or of another segment is built again from the stored
payloads (`load_or_build`), so a bad file never gives a wrong answer.
"""

from __future__ import annotations

import logging
import mmap
import os
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from whoosh.reading import IndexReader

from search_index.index import segment_files
from search_index.index.records import representative_gist
from search_index.index.schema import normalise_quote, stem_set
from search_index.index.whoosh_internals import segment_id

log = logging.getLogger(__name__)

MAGIC = b"ONRSAID1"
VERSION = 1
SUFFIX = ".onrsaid"
# The strings kept per docnum, in this order.
FIELDS: tuple[str, ...] = ("normalised", "stems", "kind", "id", "speaker", "date")
_WIDTH = len(FIELDS)
_WHAT = "statement file"


class SidecarError(ValueError):
    """A statement file that cannot be used (it is built again)."""


@dataclass(frozen=True)
class SaidFields:
    """A statement as /whosaid classifies and groups it, without its payload."""

    id: str
    normalised: str  # normalise_quote of its words
    stems: frozenset[str]  # stem_set of its words
    kind: str
    speaker: str
    date: date | None

    @property
    def text(self) -> str:
        # grouping's protocol reads `text`; the normalised words group the same way
        return self.normalised


class SegmentStatements:
    """One segment's statement file: its offsets mapped, its strings read where they lie."""

    def __init__(self, offsets: np.ndarray, read: Callable[[int, int], bytes],
                 doc_count: int) -> None:
        self._offsets = offsets
        self._read = read  # (start, stop) in the blob -> its bytes
        self.doc_count = doc_count

    def fields(self, docnum: int) -> SaidFields | None:
        """The statement of a segment docnum; None for a document without one."""
        base = docnum * _WIDTH
        bounds = self._offsets[base:base + _WIDTH + 1].tolist()
        raw = self._read(bounds[0], bounds[-1])
        first = bounds[0]
        normalised, stems, kind, ident, speaker, said = (
            raw[bounds[i] - first:bounds[i + 1] - first].decode("utf-8")
            for i in range(_WIDTH))
        if not kind:
            return None
        return SaidFields(id=ident, normalised=normalised, stems=frozenset(stems.split()),
                          kind=kind, speaker=speaker,
                          date=date.fromisoformat(said) if said else None)


# -- building --------------------------------------------------------------------------------


def said_fields(payload: str) -> SaidFields:
    """A stored payload's representative statement, analysed (what the file keeps)."""
    gist = representative_gist(payload)
    return SaidFields(id=gist.id, normalised=normalise_quote(gist.text),
                      stems=frozenset(stem_set(gist.text)), kind=gist.kind,
                      speaker=gist.speaker, date=gist.date)


def entry(payload: str | None) -> tuple[str, ...]:
    """A document's strings: its representative statement's, or empty ones."""
    if not payload:
        return ("",) * _WIDTH
    said = said_fields(payload)
    return (said.normalised, " ".join(sorted(said.stems)), said.kind, said.id, said.speaker,
            said.date.isoformat() if said.date else "")


def build(leaf: IndexReader) -> tuple[np.ndarray, bytes]:
    """Every document's strings of one segment (deleted ones too: docnums stay in place)."""
    parts: list[bytes] = []
    lengths: list[int] = []
    for docnum in range(leaf.doc_count_all()):
        payload = leaf.stored_fields(docnum).get("payload")
        for text in entry(payload):
            encoded = text.encode("utf-8")
            parts.append(encoded)
            lengths.append(len(encoded))
    offsets = np.zeros(len(lengths) + 1, dtype=np.uint64)
    np.cumsum(lengths, out=offsets[1:])
    return offsets, b"".join(parts)


def encode(offsets: np.ndarray, blob: bytes, segment: str, doc_count: int) -> bytes:
    """Magic, header length, JSON header, the offsets (8-aligned), then the blob."""
    data = offsets.astype("<u8", copy=False).tobytes()
    return segment_files.frame(MAGIC, {"version": VERSION, "segment": segment,
                                       "doc_count": doc_count, "fields": list(FIELDS),
                                       "offsets": len(offsets), "blob": len(blob)},
                               data + blob)


def decode(buffer: mmap.mmap | bytes, segment: str, doc_count: int,
           pread: Callable[[int, int], bytes] | None = None) -> SegmentStatements:
    """The statements in a file's bytes; SidecarError unless it is whole, of this version
    and of this very segment. `pread(length, position)` reads the strings from the file
    instead of the mapping: pages read through the page cache are not the process's memory
    (mapped, the ~50 MB of strings at 100k statements would count in its RSS once touched)."""
    size = len(buffer)
    expected = {"version": VERSION, "segment": segment, "doc_count": doc_count,
                "fields": list(FIELDS), "offsets": doc_count * _WIDTH + 1}
    header, base = segment_files.read_header(buffer, MAGIC, expected, SidecarError, _WHAT)
    count, blob_size = header["offsets"], header.get("blob")
    blob_start = base + count * 8
    if not isinstance(blob_size, int) or blob_start + blob_size != size:
        raise SidecarError("a truncated statement file")
    offsets = np.frombuffer(buffer, dtype="<u8", count=count, offset=base)
    if int(offsets[0]) != 0 or int(offsets[-1]) != blob_size or (
            count > 1 and bool((np.diff(offsets.astype(np.int64)) < 0).any())):
        raise SidecarError("a statement file whose offsets disagree")
    if pread is not None:
        def read(start: int, stop: int) -> bytes:
            return pread(stop - start, blob_start + start)
    else:
        def read(start: int, stop: int) -> bytes:
            return buffer[blob_start + start:blob_start + stop]
    return SegmentStatements(offsets, read, doc_count)


def _build(leaf: IndexReader) -> bytes:
    return encode(*build(leaf), segment_id(leaf), leaf.doc_count_all())


def file_path(leaf: IndexReader) -> Path | None:
    return segment_files.file_path(leaf, SUFFIX)


def load_or_build(leaf: IndexReader) -> SegmentStatements:
    """The segment's statement file, built (and written, where the folder allows) when
    missing or unusable."""
    return segment_files.load_or_build(leaf, SUFFIX, _WHAT, SidecarError, _mapped, _build,
                                       decode)


def write_missing(reader: IndexReader) -> int:
    """Write the statement file of every segment of `reader` that lacks a usable one (after
    a commit, so that no searcher builds them); returns how many were written."""
    return segment_files.write_missing(reader, SUFFIX, SidecarError, _mapped, _build)


def _mapped(path: Path, segment: str, doc_count: int) -> SegmentStatements:
    # kept open for the reads (the reading function holds it): closed with the segment's
    handle = open(path, "rb")  # noqa: SIM115
    try:
        if os.fstat(handle.fileno()).st_size == 0:
            raise SidecarError("an empty statement file")
        buffer = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return decode(buffer, segment, doc_count, pread=lambda length, position: os.pread(
            handle.fileno(), length, position))
    except BaseException:
        handle.close()
        raise


class Statements:
    """The statement files of one searcher's segments, by searcher docnum."""

    def __init__(self, reader: IndexReader) -> None:
        self._segments: list[tuple[int, SegmentStatements | None]] = []
        for leaf, offset in reader.leaf_readers():
            try:
                self._segments.append((offset, load_or_build(leaf)))
            except (ValueError, KeyError, OSError) as error:
                # a payload the file cannot be built from: that segment's are read as before
                log.warning("statements read from their payloads: %s", error)
                self._segments.append((offset, None))
        self._starts = [offset for offset, _ in self._segments]

    def fields(self, docnum: int) -> SaidFields | None:
        """The statement of a searcher docnum; None when the files do not hold it."""
        offset, segment = self._segments[bisect_right(self._starts, docnum) - 1]
        return None if segment is None else segment.fields(docnum - offset)
