"""A fix to Whoosh 2.7.5 applied when the index is imported.

Whoosh's per-document reader remembers the length column of a field it has opened, but not
that a field HAS no length column (IDs, keywords, numbers, the spelling field): it asks the
file system again for every posting of such a field, which made flushing a segment spend
most of its time in stat() calls. Segments never change once written, so a missing column
stays missing and the answer can be remembered.
"""

from __future__ import annotations

from whoosh.codec import whoosh3

_MISSING = object()


def _cached_reader(self, fieldname, column):  # type: ignore[no-untyped-def]
    reader = self._readers.get(fieldname, _MISSING)
    if reader is _MISSING:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
    return reader


def apply() -> None:
    whoosh3.W3PerDocReader._cached_reader = _cached_reader


apply()
