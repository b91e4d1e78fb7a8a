"""The compact posting files: written at commit, equal to Whoosh's own postings term by term,
and built again (never trusted) when missing, damaged or another segment's."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from realistic_index import build
from statement_factory import fake_extractor, fake_loader, write_article
from whoosh import index as whoosh_index

from search_index.index import posting_store
from search_index.index.ingest import ingest
from search_index.index.postings import Postings
from search_index.search.service import SearchService


@pytest.fixture(scope="module")
def realistic(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("realistic"))


def posting_files(index_dir: Path) -> list[Path]:
    return sorted(index_dir.glob(f"MAIN_*{posting_store.SUFFIX}"))


def test_ingest_writes_one_posting_file_per_segment(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a.txt", [{"text": "Tariffs will rise.", "speaker": "Lena Ortiz"}])
    ingest([corpus], tmp_path / "index", loader=fake_loader, extractor=fake_extractor)
    ix = whoosh_index.open_dir(str(tmp_path / "index"))
    segments = [segment.segment_id() for segment in ix._segments()]
    assert [path.stem for path in posting_files(tmp_path / "index")] == sorted(segments)


def test_every_term_reads_as_whoosh_reads_it(realistic):
    """Docnums, frequencies and positions of every term of every stored field, across
    segments and with deleted documents dropped, equal what Whoosh's postings give."""
    ix = whoosh_index.open_dir(str(realistic))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(reader.leaf_readers()) >= 2 and reader.has_deletions()
        stored = Postings(searcher)
        assert all(segment.stored is not None for segment in stored.segments)
        whoosh = Postings(searcher, use_files=False)
        checked = 0
        for name in posting_store.STORED_FIELDS:
            for raw in reader.lexicon(name):
                term = raw.decode("utf-8")
                ours, theirs = stored.read(name, term), whoosh.read(name, term)
                assert ours.docs.tolist() == theirs.docs.tolist(), (name, term)
                if name in posting_store.POSITION_FIELDS:
                    assert ours.freqs.tolist() == theirs.freqs.tolist(), (name, term)
                    a, b = stored.positions(name, term), whoosh.positions(name, term)
                    assert _by_doc(a) == _by_doc(b), (name, term)
                checked += 1
    assert checked > 800


def _by_doc(found) -> dict[int, list[int]]:
    return {int(doc): found.positions[start:start + count].tolist()
            for doc, start, count in zip(found.docs, found.starts, found.freqs, strict=True)}


def test_a_phrase_is_found_where_its_words_stand_in_a_row(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a.txt", [
        {"text": "The talks with the united states will continue.", "speaker": "Lena Ortiz"},
        {"text": "The states united against it; the talks failed.", "speaker": "Omar Haddad"},
        {"text": "United we stand, and the states agree.", "speaker": "Ines Varga"},
        {"text": "States, united states, united states again.", "speaker": "Maria Chen"},
    ])
    ingest([corpus], tmp_path / "index", loader=fake_loader, extractor=fake_extractor)
    ix = whoosh_index.open_dir(str(tmp_path / "index"))
    with ix.searcher() as searcher:
        postings = Postings(searcher)
        every = np.arange(searcher.doc_count_all(), dtype=np.int64)
        holding = every[np.isin(every, postings.docs("text", "unit"))
                        & np.isin(every, postings.docs("text", "state"))]
        found = postings.phrase_docs("text", ["unit", "state"], holding)
        texts = {searcher.stored_fields(int(d))["payload"].split('"text":"')[1][:12]
                 for d in found}
    assert texts == {"The talks wi", "States, unit"}


@pytest.mark.parametrize("damage", ["missing", "truncated", "garbage", "another segment's"])
def test_a_bad_posting_file_is_built_again_and_answers_stay_right(tmp_path, damage):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a.txt", [
        {"text": "Tariffs on steel will rise.", "speaker": "Lena Ortiz"},
        {"text": "Steel mills will close.", "speaker": "Omar Haddad"},
    ])
    other = tmp_path / "other"
    ingest([corpus], other / "index", loader=fake_loader, extractor=fake_extractor)
    write_article(corpus, "b.txt", [{"text": "No tariffs on steel.", "speaker": "Ines Varga"}])
    index_dir = tmp_path / "index"
    ingest([corpus], index_dir, loader=fake_loader, extractor=fake_extractor)
    before = [hit.statement.text for hit in SearchService(index_dir).search("steel").hits]
    [path] = posting_files(index_dir)
    if damage == "missing":
        path.unlink()
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:-40])
    elif damage == "garbage":
        path.write_bytes(b"ONRPOST1" + bytes(range(256)) * 4)
    else:
        [foreign] = posting_files(other / "index")
        shutil.copy(foreign, path)
    service = SearchService(index_dir)
    result = service.search("steel")
    assert [hit.statement.text for hit in result.hits] == before and result.total == 3
    # ... and the file was written again, whole, for the next searcher.
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.reader() as reader:
        [(leaf, _)] = reader.leaf_readers()
        again = posting_store._mapped(path, posting_store.segment_id(leaf), leaf.doc_count_all())
    assert again.count("text", "steel") == 3


def test_whoosh_deletes_the_file_with_its_segment(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a.txt", [{"text": "Tariffs will rise.", "speaker": "Lena Ortiz"}])
    ingest([corpus], tmp_path / "index", loader=fake_loader, extractor=fake_extractor)
    [first] = posting_files(tmp_path / "index")
    # A rebuild writes new segments (new ids); Whoosh's clean-up takes the old files.
    write_article(corpus, "b.txt", [{"text": "Steel will fall.", "speaker": "Omar Haddad"}])
    ingest([corpus], tmp_path / "index", loader=fake_loader, extractor=fake_extractor,
           rebuild=True)
    ix = whoosh_index.open_dir(str(tmp_path / "index"))
    segments = [segment.segment_id() for segment in ix._segments()]
    assert first.stem not in segments and not first.exists()
    assert [path.stem for path in posting_files(tmp_path / "index")] == sorted(segments)
