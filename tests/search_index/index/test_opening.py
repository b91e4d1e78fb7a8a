"""The files a searcher reads when it opens: written by the ingest that commits, the same as
what the index itself says, and never trusted when they describe another state of the index."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from statement_factory import fake_extractor, fake_loader, write_article
from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from search_index.index import opening
from search_index.index.ingest import ingest
from search_index.index.postings import live_postings
from search_index.index.records import IndexMeta, representative_gist
from search_index.index.schema import DOCTYPE_STATEMENT, META_KEY
from search_index.search.service import SearchService

MILLER = "Matthew Miller"
STATEMENTS = [
    {"text": "The elections included undue restrictions.", "speaker": MILLER,
     "date": "2024-02-10", "role": "State Department Spokesperson"},
    {"text": "We urge calm.", "speaker": MILLER, "date": "2024-03-01"},
    {"text": "Undated words from Miller.", "speaker": MILLER},
    {"text": "Our ties rest on mutual respect.", "speaker": "Khawaja Asif",
     "date": "2024-11-06"},
    {"text": "Ties are strong.", "speaker": "Élise Çavuşoğlu", "date": "2023-01-05"},
]


def build(tmp_path: Path, statements: list[dict], name: str = "one.txt") -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    write_article(corpus, name, statements)
    ingest([corpus], tmp_path / "index", loader=fake_loader, extractor=fake_extractor)
    return tmp_path / "index"


def text(searcher: Searcher, docnum: int) -> str:
    return representative_gist(searcher.stored_fields(docnum)["payload"]).text


def files(index: Path) -> list[str]:
    return sorted(p.name for p in index.iterdir() if p.name.startswith("opening-"))


def test_an_ingest_writes_them_and_a_reader_takes_them_as_they_are(tmp_path: Path) -> None:
    index = build(tmp_path, STATEMENTS)
    ix = whoosh_index.open_dir(str(index))
    with ix.searcher() as searcher:
        generation = searcher.reader().generation()
        assert files(index) == [f"opening-{generation}.arrays.npy", f"opening-{generation}.json",
                                f"opening-{generation}.speakers.jsonl"]
        found = opening.read(index, searcher.reader())
        assert found is not None
        meta = IndexMeta.model_validate_json(searcher.document(meta_key=META_KEY)["meta"])
        assert dict(found.directory) == {speaker.name: speaker for speaker in meta.speakers}
        assert found.directory.statements(MILLER) == 3
        assert found.outlets == meta.outlets
        assert (found.first, found.last) == (
            min(s.first for s in meta.speakers if s.first),
            max(s.last for s in meta.speakers if s.last))


def test_what_they_hold_is_what_the_index_says(tmp_path: Path) -> None:
    index = build(tmp_path, STATEMENTS)
    ix = whoosh_index.open_dir(str(index))
    with ix.searcher() as searcher:
        found = opening.read(index, searcher.reader())
        assert found is not None
        reader = searcher.reader()
        statements = live_postings(reader, "doctype", DOCTYPE_STATEMENT)
        assert sorted(found.by_day.tolist()) == sorted(statements.tolist())
        assert list(found.days[found.by_day]) == sorted(found.days[statements])
        for name in found.directory:
            listed = found.newest(name) or []
            assert sorted(listed) == sorted(live_postings(reader, "speaker", name).tolist())
        newest = [text(searcher, d) for d in found.newest(MILLER) or []]
        assert newest == ["We urge calm.", "The elections included undue restrictions.",
                          "Undated words from Miller."]
        assert found.newest("Nobody Listed") is None
        keys = [key for key, _ in found.names]
        assert keys == sorted(keys)
        assert ("cavusoglu", "Élise Çavuşoğlu") in list(found.names)
        assert ("miller", MILLER) in list(found.names)


def test_a_later_ingest_replaces_them(tmp_path: Path) -> None:
    index = build(tmp_path, STATEMENTS)
    before = files(index)
    build(tmp_path, [{"text": "A ceasefire must hold.", "speaker": MILLER,
                      "date": "2024-04-02"}], "two.txt")
    after = files(index)
    assert before != after and len(after) == 3
    service = SearchService(index)
    assert service.latest("Miller").hits[0].statement.text == "A ceasefire must hold."
    assert service.latest("Miller").total == 4


@pytest.mark.parametrize("damage", ["missing", "truncated", "garbage", "other state"])
def test_missing_damaged_or_stale_files_are_rebuilt(tmp_path: Path, damage: str) -> None:
    index = build(tmp_path, STATEMENTS)
    expected = SearchService(index).latest("Miller")
    (head,) = index.glob("opening-*.json")
    (arrays,) = index.glob("opening-*.arrays.npy")
    if damage == "missing":
        for name in files(index):
            (index / name).unlink()
    elif damage == "truncated":
        arrays.write_bytes(arrays.read_bytes()[:-8])
    elif damage == "garbage":
        head.write_text("{not json", encoding="utf-8")
    else:
        head.write_text(head.read_text(encoding="utf-8").replace('"key": "', '"key": "9:'),
                        encoding="utf-8")
    ix = whoosh_index.open_dir(str(index))
    with ix.searcher() as searcher:
        assert opening.read(index, searcher.reader()) is None
    assert SearchService(index).latest("Miller") == expected
    with ix.searcher() as searcher:  # and written again for the next reader
        assert opening.read(index, searcher.reader()) is not None


def test_an_index_without_a_folder_builds_them_in_memory(tmp_path: Path) -> None:
    index = build(tmp_path, STATEMENTS)
    ix = whoosh_index.open_dir(str(index))
    with ix.searcher() as searcher:
        built = opening.load(None, searcher)
        read = opening.read(index, searcher.reader())
    assert read is not None
    assert dict(built.directory) == dict(read.directory)
    assert list(built.names) == list(read.names)
    for name in ("by_day", "days", "reports", "newest_docs"):
        assert np.array_equal(getattr(built, name), getattr(read, name))
