"""Fixes to Whoosh 2.7.5 applied when the index is imported.

Whoosh's per-document reader remembers the length column of a field it has opened, but not
that a field HAS no length column (IDs, keywords, numbers, the spelling field): it asks the
file system again for every posting of such a field, which made flushing a segment spend
most of its time in stat() calls. Segments never change once written, so a missing column
stays missing and the answer can be remembered.

It also reads a field's length for every posting it writes (for each block's shortest and
longest document), one small file read each: 13% of an ingest. A segment's lengths are one
byte a document, so they are read once, in one piece, and indexed in memory.
"""

from __future__ import annotations

from whoosh.codec import whoosh3
from whoosh.columns import NumericColumn
from whoosh.util.numeric import byte_to_length

_MISSING = object()


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
        column = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        found = lengths[fieldname] = None if column is None else length_bytes(
            column, self._doccount + 1
        )
        if column is not None and found is None:  # not the kind we can read in one piece
            return _original_doc_field_length(self, docnum, fieldname, default)
    if found is None:
        return default
    lbyte = found[docnum]
    # As Whoosh's own: a zero byte gives None (callers treat it as no length).
    return byte_to_length(lbyte) if lbyte else None


_original_doc_field_length = whoosh3.W3PerDocReader.doc_field_length


def apply() -> None:
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    whoosh3.W3PerDocReader.doc_field_length = _doc_field_length


apply()
