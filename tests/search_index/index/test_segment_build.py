"""The segment builder writes the segment Whoosh's own writer writes, byte for byte."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index

from search_index.index.schema import build_schema, text_analyzer
from search_index.index.segment_build import SegmentBuilder, field_postings
from search_index.index.update import CODEC, COMPOUND
from search_index.index.whoosh_internals import commit_with_segments

_WORDS = ("the talks will continue with Washington and the elections are a matter of law "
          "we are not going to accept interference in our internal affairs us U.S. "
          "ceasefire partners' rights 3.5 percent e-mail Président Zürich naïve")
WORDS = _WORDS.split()
COMMON = "security"  # in every statement: a posting list of several blocks


def _text(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    words.insert(rng.randint(0, len(words)), COMMON)
    if rng.random() < 0.2:
        words.append(words[0])  # a repeated word: one posting, two positions
    return " ".join(words) + rng.choice([".", ",", "!", "...", ""])


def documents(count: int, seed: int = 3) -> list[dict[str, Any]]:
    """Statement, article and meta documents with every field the schema has."""
    rng = random.Random(seed)
    docs: list[dict[str, Any]] = []
    for number in range(count):
        docs.append({
            "doctype": "statement",
            "qkey": f"q{number:05d}",
            "member_ids": ",".join(f"id {number} {k}" for k in range(rng.randint(1, 3))),
            "text": _text(rng, 0, 40),
            "about": rng.choice(["Matthew Miller Miller Spokesperson State Department",
                                 "Khawaja Asif Defence Minister", "the report", ""]),
            "titles": _text(rng, 1, 8),
            "speaker": rng.choice(["Matthew Miller", "Khawaja Asif", "the report"]),
            "kind": rng.choice(["direct", "partial", "indirect"]),
            "sort_day": rng.choice([0, 20240210, 20231101]),
            "report_day": rng.choice([0, 20240211]),
            "payload": json.dumps({"n": number, "text": "é" * rng.randint(0, 5)}),
            "facts": json.dumps([None, None, 0, [], "person"]),
            **({"outlet": rng.choice(["dawn", "the news,ap"])} if rng.random() < 0.8 else {}),
        })
    for number in range(count // 7):
        docs.append({"doctype": "article", "path": f"/corpus/{number}.txt",
                     "record": json.dumps({"path": number})})
    docs.append({"doctype": "meta", "meta_key": "meta", "meta": "{}"})
    return docs


def segment_files(folder: Path) -> dict[str, bytes]:
    """The files of the index's one segment, by what follows the segment's name."""
    ix = whoosh_index.open_dir(str(folder))
    (segment,) = ix._segments()
    prefix = f"{segment.indexname}_{segment.segid}"
    found = {p.name[len(prefix):]: p.read_bytes() for p in folder.iterdir()
             if p.name.startswith(prefix)}
    assert found
    return found


def whoosh_built(folder: Path, docs: list[dict[str, Any]]) -> None:
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = ix.writer(codec=CODEC, compound=COMPOUND)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()


def builder_built(folder: Path, docs: list[dict[str, Any]]) -> None:
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = ix.writer(codec=CODEC, compound=COMPOUND)
    builder = SegmentBuilder(ix.schema, ix.storage, ix.indexname, CODEC)
    for doc in docs:
        builder.add(doc)
    commit_with_segments(writer, [builder.finish()])


@pytest.mark.parametrize("count", [1, 127, 128, 129, 400])
def test_the_segment_is_the_one_whoosh_writes(tmp_path: Path, count: int):
    docs = documents(count)
    (tmp_path / "whoosh").mkdir()
    (tmp_path / "ours").mkdir()
    whoosh_built(tmp_path / "whoosh", docs)
    builder_built(tmp_path / "ours", docs)
    theirs, ours = segment_files(tmp_path / "whoosh"), segment_files(tmp_path / "ours")
    assert sorted(ours) == sorted(theirs)
    for part in theirs:
        assert ours[part] == theirs[part], part
    a = whoosh_index.open_dir(str(tmp_path / "whoosh"))._segments()[0]
    b = whoosh_index.open_dir(str(tmp_path / "ours"))._segments()[0]
    assert (a.doc_count_all(), a._fieldlengths) == (b.doc_count_all(), b._fieldlengths)


def test_a_searcher_reads_what_the_builder_wrote(tmp_path: Path):
    docs = documents(300)
    (tmp_path / "ours").mkdir()
    builder_built(tmp_path / "ours", docs)
    with whoosh_index.open_dir(str(tmp_path / "ours")).searcher() as searcher:
        hits = searcher.document_numbers(text="secur")  # the stem of COMMON
        assert len(list(hits)) == 300
        assert searcher.document(qkey="q00042")["payload"] == docs[42]["payload"]


TEXTS = [
    "", "the", "The talks, the talks and THE talks.", "U.S. officials said 3.5 percent",
    "we are going to stay", "Président Zürich naïve e-mail partners' rights",
    "a b c the of and to", "ñ ß İstanbul ǅemal", "word " * 300,
]


@pytest.mark.parametrize("name", ["text", "about", "titles", "qkey", "member_ids", "outlet",
                                  "speaker", "doctype"])
@pytest.mark.parametrize("value", [*TEXTS, "id 1 2,id 3", "dawn,the news"])
def test_field_postings_are_whooshs(name: str, value: str):
    field = build_schema()[name]
    assert sorted(field_postings(field, value)) == sorted(field.index(value))


@pytest.mark.parametrize("value", TEXTS)
def test_term_positions_are_the_analyzers(value: str):
    expected: dict[str, list[int]] = {}
    for token in text_analyzer()(value, positions=True):
        expected.setdefault(token.text, []).append(token.pos)
    assert text_analyzer().term_positions(value) == expected
