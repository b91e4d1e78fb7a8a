"""The statement files /whosaid classifies on: written at commit, equal to what the stored
payloads give docnum by docnum, and built again (never trusted) when missing, damaged or
another segment's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from realistic_index import build
from statement_factory import fake_extractor, fake_loader, write_article
from whoosh import index as whoosh_index

from search_index.index import statement_store
from search_index.index.ingest import ingest
from search_index.index.records import QuoteDocument
from search_index.index.schema import normalise_quote, stem_set
from search_index.search.service import SearchService


@pytest.fixture(scope="module")
def realistic(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("said"))


def said_files(index_dir: Path) -> list[Path]:
    return sorted(index_dir.glob(f"MAIN_*{statement_store.SUFFIX}"))


def test_ingest_writes_one_statement_file_per_segment(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a.txt", [{"text": "Tariffs will rise.", "speaker": "Lena Ortiz"}])
    ingest([corpus], tmp_path / "index", loader=fake_loader, extractor=fake_extractor)
    ix = whoosh_index.open_dir(str(tmp_path / "index"))
    segments = [segment.segment_id() for segment in ix._segments()]
    assert [path.stem for path in said_files(tmp_path / "index")] == sorted(segments)


def test_every_statement_reads_as_its_payload_gives_it(realistic):
    ix = whoosh_index.open_dir(str(realistic))
    with ix.searcher() as searcher:
        statements = statement_store.Statements(searcher.reader())
        assert len(searcher.reader().leaf_readers()) >= 2
        compared = 0
        for docnum in range(searcher.doc_count_all()):
            payload = searcher.stored_fields(docnum).get("payload")
            found = statements.fields(docnum)
            if payload is None:
                assert found is None
                continue
            statement = QuoteDocument.model_validate_json(payload).representative()
            assert found is not None
            assert (found.id, found.kind, found.speaker, found.date) == (
                statement.id, statement.kind, statement.speaker, statement.date)
            assert found.normalised == normalise_quote(statement.text)
            assert found.stems == stem_set(statement.text)
            compared += 1
    assert compared > 300


def _steel_index(tmp_path: Path) -> tuple[Path, Path]:
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
    return index_dir, other / "index"


def _answer(service: SearchService, phrase: str) -> list[tuple[str, int, list[str]]]:
    result = service.whosaid(phrase)
    return [(group.match, group.words_matched, [hit.statement.text for hit in group.hits])
            for group in result.groups]


@pytest.mark.parametrize("damage", ["missing", "truncated", "garbage", "empty",
                                    "another segment's", "offsets out of order"])
def test_a_bad_statement_file_is_built_again_and_answers_stay_right(tmp_path, damage):
    index_dir, other = _steel_index(tmp_path)
    phrases = ["tariffs on steel", "steel will", "steel mills close"]
    before = [_answer(SearchService(index_dir), phrase) for phrase in phrases]
    assert before[0][0] == ("phrase", 2, ["Tariffs on steel will rise."])
    [path] = said_files(index_dir)
    data = path.read_bytes()
    if damage == "missing":
        path.unlink()
    elif damage == "truncated":
        path.write_bytes(data[:-7])
    elif damage == "garbage":
        path.write_bytes(statement_store.MAGIC + bytes(range(256)) * 4)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "another segment's":
        [foreign] = said_files(other)
        shutil.copy(foreign, path)
    else:
        # the same length, the offsets of two documents swapped
        header = 16 + int.from_bytes(data[8:16], "little")
        first, second = data[header + 8:header + 16], data[header + 16:header + 24]
        path.write_bytes(data[:header + 8] + second + first + data[header + 24:])
    assert [_answer(SearchService(index_dir), phrase) for phrase in phrases] == before
    # ... and the file was written again, whole, for the next searcher.
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.reader() as reader:
        [(leaf, _)] = reader.leaf_readers()
        count = leaf.doc_count_all()
        again = statement_store._mapped(path, statement_store.segment_id(leaf), count)
    texts = {found.normalised for docnum in range(count)
             if (found := again.fields(docnum)) is not None}
    assert "no tariffs on steel" in texts


def test_whoosh_deletes_the_file_with_its_segment(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a.txt", [{"text": "Tariffs will rise.", "speaker": "Lena Ortiz"}])
    ingest([corpus], tmp_path / "index", loader=fake_loader, extractor=fake_extractor)
    [first] = said_files(tmp_path / "index")
    write_article(corpus, "b.txt", [{"text": "Steel will fall.", "speaker": "Omar Haddad"}])
    ingest([corpus], tmp_path / "index", loader=fake_loader, extractor=fake_extractor,
           rebuild=True)
    ix = whoosh_index.open_dir(str(tmp_path / "index"))
    segments = [segment.segment_id() for segment in ix._segments()]
    assert not first.exists()
    assert [path.stem for path in said_files(tmp_path / "index")] == sorted(segments)
