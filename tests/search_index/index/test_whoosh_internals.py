"""What search_index.index.whoosh_internals assumes of Whoosh's private structure, pinned.

A Whoosh upgrade that changes any of these fails here, by name, rather than silently slowing
or mis-scoring searches."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import numpy as np
import pytest
import whoosh
from whoosh import index as whoosh_index
from whoosh.codec import whoosh3
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, TEXT, Schema
from whoosh.util.numeric import byte_to_length, length_to_byte

from search_index.index import whoosh_internals
from search_index.index.postings import Postings, live_postings
from search_index.index.update import CODEC


def build(path: Path, texts: list[str], delete: tuple[int, ...] = ()) -> whoosh_index.Index:
    """A one-segment index with one text field, written uncompressed as ours is."""
    path.mkdir()
    ix = whoosh_index.create_in(str(path), Schema(key=ID(stored=True, unique=True),
                                                  body=TEXT(phrase=True)))
    writer = ix.writer(codec=CODEC)
    for number, text in enumerate(texts):
        writer.add_document(key=str(number), body=text)
    writer.commit()
    if delete:
        writer = ix.writer(codec=CODEC)
        for number in delete:
            writer.delete_by_term("key", str(number))
        writer.commit(merge=False)
    return ix


def test_the_installed_whoosh_is_the_pinned_version():
    assert importlib.metadata.version("whoosh-reloaded") == "2.7.5"
    assert tuple(whoosh.__version__[:3]) == whoosh_internals.PINNED_VERSION
    assert whoosh_internals.PINNED


def test_the_fixes_are_installed_once():
    patched = whoosh3.W3PerDocReader.doc_field_length
    assert patched is whoosh_internals._doc_field_length
    assert whoosh3.W3PerDocReader._cached_reader is whoosh_internals._cached_reader
    assert whoosh_internals.apply() is True
    assert whoosh3.W3PerDocReader.doc_field_length is patched
    # The saved original is Whoosh's own, never one of our patches (a second application
    # that saved the patched method would recurse).
    assert whoosh_internals._original_doc_field_length is not patched
    assert whoosh_internals._original_doc_field_length.__module__ == "whoosh.codec.whoosh3"


def test_the_private_attributes_relied_on_exist(tmp_path):
    ix = build(tmp_path / "ix", ["alpha beta", "beta gamma"])
    with ix.searcher() as searcher:
        leaf = searcher.reader()
        perdoc = leaf._perdoc
        assert isinstance(perdoc, whoosh3.W3PerDocReader)
        assert isinstance(perdoc._readers, dict) and perdoc._doccount == 2
        column = perdoc._cached_reader(whoosh3._lenfield("body"), whoosh3.LENGTHS_COLUMN)
        assert isinstance(column, NumericColumn.Reader) and column._fixedlen == 1
        assert column._count == 2 and column._basepos >= 0
        matcher = leaf.postings("body", "beta")
        assert isinstance(matcher, whoosh3.W3LeafMatcher)
        assert matcher._byteids is None and matcher._i == 0 and matcher._ids is None
        assert matcher._data is None
        matcher._read_data()
        gaps, weights, values = matcher._data[:3]
        assert list(gaps) == [0, 1]  # docnums as gaps from 0 within the block
        assert weights is None  # every weight 1.0: Whoosh stores no list
        assert isinstance(values, list | tuple | bytes)


def test_block_reads_equal_the_public_walk_across_blocks(tmp_path):
    # 300 documents: three blocks of up to 128 postings; frequencies vary by document.
    texts = [" ".join(["common"] * (1 + n % 4) + [f"w{n}"]) for n in range(300)]
    ix = build(tmp_path / "ix", texts)
    with ix.searcher() as searcher:
        leaf = searcher.reader()
        fast = whoosh_internals.block_postings(leaf.postings("body", "common"), True)
        walked = leaf.postings("body", "common")
        public: tuple[list, list, list] = ([], [], [])
        while walked.is_active():
            public[0].append(walked.id())
            public[1].append(walked.weight())
            public[2].append(walked.value())
            walked.next()
    assert fast == public
    assert fast[0] == list(range(300))
    assert fast[1][:4] == [1.0, 2.0, 3.0, 4.0]


def test_a_matcher_already_moved_is_read_from_where_it_stands(tmp_path):
    ix = build(tmp_path / "ix", [f"common w{n}" for n in range(200)])
    with ix.searcher() as searcher:
        matcher = searcher.reader().postings("body", "common")
        matcher.skip_to(150)  # no longer fresh: block data no longer starts at its position
        docnums, _, _ = whoosh_internals.block_postings(matcher)
    assert docnums == list(range(150, 200))


def test_deleted_documents_are_reported_with_the_postings(tmp_path):
    ix = build(tmp_path / "ix", ["common one", "common two", "common three"], delete=(1,))
    with ix.searcher() as searcher:
        leaf = searcher.reader()
        docnums, _, _, deleted = whoosh_internals.term_postings(leaf, "body", "common")
        postings = Postings(searcher)
        assert postings.docs("body", "common").tolist() == [0, 2]
    assert docnums == [0, 1, 2] and deleted == {1}


@pytest.fixture
def two_byte_lengths(monkeypatch):
    """Length columns of another kind than Whoosh's one byte a document."""
    monkeypatch.setattr(whoosh3, "LENGTHS_COLUMN", NumericColumn("H", default=0))


def test_a_length_column_of_another_kind_answers_every_document(tmp_path, two_byte_lengths):
    """Whoosh's own code answers each call: not the first only, then the default (which
    scored every document after the first as length 0)."""
    texts = ["one", "one two three", "one two three four five six seven", "one two"]
    ix = build(tmp_path / "ix", texts)
    with ix.searcher() as searcher:
        leaf = searcher.reader()
        column = leaf._perdoc._cached_reader(whoosh3._lenfield("body"), whoosh3.LENGTHS_COLUMN)
        assert whoosh_internals.length_bytes(column, 4) is None  # not the one-byte kind
        expected = [byte_to_length(length_to_byte(len(t.split()))) for t in texts]
        assert [leaf.doc_field_length(d, "body") for d in range(4)] == expected
        assert [leaf.doc_field_length(d, "body") for d in range(4)] == expected  # again
        postings = Postings(searcher)
        assert list(postings.length_bytes("body")) == [length_to_byte(len(t.split()))
                                                        for t in texts]
        found = postings.scores(np.arange(4), [("body", "one", 1.0)])
        scores = dict(enumerate(found.tolist()))
    # BM25: the same frequency in a shorter document scores higher, for every document.
    assert scores[0] > scores[3] > scores[1] > scores[2]


def test_one_byte_lengths_are_read_in_one_piece(tmp_path):
    texts = ["one", "one two three", "one two"]
    ix = build(tmp_path / "ix", texts)
    with ix.searcher() as searcher:
        leaf = searcher.reader()
        assert whoosh_internals.segment_length_bytes(leaf, "body") == bytes(
            length_to_byte(len(t.split())) for t in texts
        )
        assert [leaf.doc_field_length(d, "body") for d in range(3)] == [1, 3, 2]
        assert leaf.doc_field_length(0, "key", 7) == 7  # an ID field has no length column


def test_a_numeric_column_is_read_whole_with_its_default_for_missing_values(tmp_path):
    path = tmp_path / "ix"
    path.mkdir()
    schema = Schema(key=ID(stored=True), day=COLUMN(NumericColumn("i", default=-1)))
    ix = whoosh_index.create_in(str(path), schema)
    writer = ix.writer(codec=CODEC)
    for number, day in enumerate([20240210, None, 19991231, None]):
        fields = {"key": str(number)}
        if day is not None:
            fields["day"] = day
        writer.add_document(**fields)
    writer.commit()
    with ix.searcher() as searcher:
        leaf = searcher.reader()
        read = whoosh_internals.numeric_column(leaf, "day").tolist()
        walked = list(leaf.column_reader("day"))
    assert read == walked == [20240210, -1, 19991231, -1]


def test_an_id_field_is_read_without_its_weights(tmp_path):
    ix = build(tmp_path / "ix", [f"common w{n}" for n in range(300)], delete=(5, 6))
    with ix.searcher() as searcher:
        leaf = searcher.reader()
        docnums, weights, _, deleted = whoosh_internals.term_postings(
            leaf, "body", "common", with_weights=False)
        assert live_postings(searcher.reader(), "body", "common").tolist() == [
            n for n in range(300) if n not in (5, 6)]
    assert docnums == list(range(300)) and weights == [] and deleted == {5, 6}
