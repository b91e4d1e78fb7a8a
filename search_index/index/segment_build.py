"""A batch of new documents written as one Whoosh segment, in the format Whoosh writes.

Whoosh's own writer turns each document into postings through a chain of generators (the
analyzer, the field's format, the writer's pool), sorts every posting as a Python tuple, and
then writes them one call a posting, reading each posting's field length back from disk: 80%
of an ingest that writes already-extracted statements. Here each searched text is analysed
once into its terms' positions, a field's postings are gathered by term as the documents
arrive (already in docnum order, so nothing is sorted but the terms), and each term's postings
are written a block at a time (`whoosh_internals.write_term_postings`). The stored fields and
columns go through Whoosh's own per-document writer, so the segment's files are those Whoosh
would have written (tests/search_index/index/test_segment_build.py compares them byte for
byte) and every reader, Whoosh's and ours, reads them unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pickle import dumps
from typing import Any

from whoosh import formats
from whoosh.analysis.tokenizers import IDTokenizer
from whoosh.codec.base import Codec
from whoosh.fields import FieldType, Schema
from whoosh.filedb.filestore import Storage
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte

from search_index.index.schema import NewsAnalyzer
from search_index.index.whoosh_internals import write_term_postings

# (encoded term, frequency, weight, encoded value): what Whoosh's FieldType.index yields.
Posting = tuple[bytes, int, float, bytes]


def _positions_value(positions: list[int]) -> bytes:
    """formats.Positions.encode: the count, then the pickled gaps between positions. (Not
    shared between postings: pickle would write a repeated object in a block as a reference,
    which reads the same but is not the file Whoosh writes.)"""
    deltas = []
    base = 0
    for pos in positions:
        deltas.append(pos - base)
        base = pos
    return pack_uint(len(deltas)) + dumps(deltas, 2)


def field_postings(field: FieldType, value: Any) -> Iterable[Posting]:
    """The postings of one field value, as `field.index(value)` yields them (in another
    order): a searched text analysed in one pass, an ID as itself, anything else by
    Whoosh's own field."""
    analyzer, fmt = field.analyzer, field.format
    if (isinstance(analyzer, NewsAnalyzer) and type(fmt) is formats.Positions
            and isinstance(value, str)):
        boost = fmt.field_boost
        return [
            (term.encode("utf-8"), len(found), len(found) * boost, _positions_value(found))
            for term, found in analyzer.term_positions(value).items()
        ]
    if type(analyzer) is IDTokenizer and type(fmt) is formats.Existence and isinstance(value, str):
        return [(value.encode("utf-8"), 1, fmt.field_boost, b"")]
    return field.index(value)


class _TermPostings:
    """One term's postings in one field, in docnum order."""

    __slots__ = ("docnums", "values", "weights")

    def __init__(self) -> None:
        self.docnums: list[int] = []
        self.weights: list[float] = []
        self.values: list[bytes] = []


class SegmentBuilder:
    """Documents added one by one, written as a new segment by `finish`. Until then nothing
    names the segment: a run that stops early leaves files that the index's next commit
    deletes as belonging to no segment."""

    def __init__(self, schema: Schema, storage: Storage, indexname: str, codec: Codec) -> None:
        self.schema = schema
        self.storage = storage
        self.codec = codec
        self.segment = codec.new_segment(storage, indexname)
        self.perdoc = codec.per_document_writer(storage, self.segment)
        self.docnum = 0
        self.postings: dict[str, dict[bytes, _TermPostings]] = {}
        # The field lengths a posting's block records, by field, then docnum, quantised as
        # Whoosh's length column stores them (0: none).
        self.lengths: dict[str, list[int]] = {}

    def add(self, fields: Mapping[str, Any]) -> None:
        """One document, as the keyword arguments of Whoosh's `add_document`."""
        docnum = self.docnum
        perdoc = self.perdoc
        schema = self.schema
        perdoc.start_doc(docnum)
        try:
            for name in sorted(fields):
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    terms = self.postings.setdefault(name, {})
                    for tbytes, freq, weight, vbytes in field_postings(field, value):
                        found = terms.get(tbytes)
                        if found is None:
                            found = terms[tbytes] = _TermPostings()
                        found.docnums.append(docnum)
                        found.weights.append(weight)
                        found.values.append(vbytes)
                        length += freq
                    if field.scorable and length:
                        lengths = self.lengths.setdefault(name, [])
                        lengths.extend([0] * (docnum + 1 - len(lengths)))
                        lengths[docnum] = byte_to_length(length_to_byte(length))
                    elif not field.scorable:
                        length = 0
                perdoc.add_field(name, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdoc.add_column_value(name, column, field.to_column_value(value))
        except BaseException:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self.docnum += 1

    def finish(self) -> Any:
        """Write the postings and close the segment's files; returns the segment, for the
        commit that names it. The caller deletes nothing if this raises: the files belong to
        no segment until a table of contents names it."""
        self.perdoc.close()
        fieldwriter = self.codec.field_writer(self.storage, self.segment)
        try:
            for name in sorted(self.postings):
                field = self.schema[name]
                terms = self.postings[name]
                if not terms:  # only empty values: Whoosh names no such field either
                    continue
                lengths = self.lengths.get(name)
                fieldwriter.start_field(name, field)
                for tbytes in sorted(terms):
                    found = terms[tbytes]
                    if lengths is None:
                        term_lengths = None
                    else:
                        size = len(lengths)
                        term_lengths = [lengths[d] if d < size else 0 for d in found.docnums]
                    write_term_postings(fieldwriter, tbytes, found.docnums, found.weights,
                                        found.values, term_lengths)
                fieldwriter.finish_field()
        finally:
            fieldwriter.close()
        self.segment.set_doc_count(self.docnum)
        self.postings.clear()
        return self.segment
