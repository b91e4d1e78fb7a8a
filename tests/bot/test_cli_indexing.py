"""`onrecord index/search/latest/speakers/sources` on a temporary index."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from statement_factory import fake_extractor, fake_loader, write_article

from bot.cli import indexing, main
from search_index.index import ingest, ingest_lock


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_article(
        folder, "vote.txt",
        [{"text": "Claims of fraud in the elections should be investigated.",
          "speaker": "Matthew Miller", "date": "2024-02-10",
          "role": "State Department Spokesperson"}],
        title="US urges probe", outlet="Daily Ledger", published="2024-02-11",
    )
    write_article(
        folder, "asif.txt",
        [{"text": "Talks with Washington on elections will continue.", "speaker": "Khawaja Asif",
          "date": "2024-11-06", "role": "Defence Minister"}],
        title="Minister speaks", outlet="Frontier Post", published="2024-11-07",
    )
    write_article(
        folder, "asif_2017.txt", [{"text": "Trade talks were useful.", "speaker": "Khawaja Asif"}],
        title="Minister visits", outlet="Frontier Post", published="2017-10-04",
    )
    (folder / "empty.txt").write_bytes(b"")
    return folder


@pytest.fixture
def indexed(corpus: Path, tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr(
        indexing, "ingest", functools.partial(ingest, loader=fake_loader, extractor=fake_extractor)
    )
    index_dir = tmp_path / "index"
    assert main(["index", str(corpus), "--index-dir", str(index_dir)]) == 0
    return index_dir


def test_index_prints_a_summary(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(
        indexing, "ingest", functools.partial(ingest, loader=fake_loader, extractor=fake_extractor)
    )
    indexed = tmp_path / "index"
    assert main(["index", str(corpus), "--index-dir", str(indexed)]) == 0
    out = capsys.readouterr().out
    assert "3 added, 0 updated, 0 removed, 0 unchanged, 1 skipped; 3 statements" in out
    assert "skipped:" in out and "empty.txt" in out
    assert "The index holds 3 statements by 2 speakers from 3 articles" in out
    assert main(["index", str(corpus), "--index-dir", str(indexed), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["added"] == [] and len(report["unchanged"]) == 3


def test_search_human_and_json(indexed, capsys):
    assert main(["search", "elections", "--index-dir", str(indexed)]) == 0
    out = capsys.readouterr().out
    assert out.startswith('2 statements match "elections"')
    assert "Matthew Miller, State Department Spokesperson · 10 Feb 2024" in out
    assert "Source: Daily Ledger, “US urges probe”, 2024-02-11" in out
    assert main(["search", "elections", "--speaker", "miler", "--json",
                 "--index-dir", str(indexed)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["speaker"] for row in rows] == ["Matthew Miller"]
    assert rows[0]["date"] == "2024-02-10" and rows[0]["score"] > 0
    assert rows[0]["sources"][0]["outlet"] == "Daily Ledger"


def test_search_with_no_hits_suggests(indexed, capsys):
    assert main(["search", "electons", "--index-dir", str(indexed)]) == 0
    assert "Did you mean: elections?" in capsys.readouterr().out


def test_latest_newest_first_and_undated_said_so(indexed, capsys):
    assert main(["latest", "Khawaja", "Asif", "--index-dir", str(indexed)]) == 0
    out = capsys.readouterr().out
    assert out.index("6 Nov 2024") < out.index("undated; article of 4 Oct 2017")
    assert main(["latest", "Nobody Atall", "--index-dir", str(indexed)]) == 0
    assert "No speaker called" in capsys.readouterr().out


def test_speakers_and_sources(indexed, capsys):
    assert main(["speakers", "asif", "--index-dir", str(indexed)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Khawaja Asif: 2 statements")
    assert "Defence Minister: 2024-11-06" in out
    assert main(["sources", "--json", "--index-dir", str(indexed)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    counts = {row["file"]: row["statements"] for row in rows}
    assert counts == {"vote.txt": 1, "asif.txt": 1, "asif_2017.txt": 1}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search", "x", "--since", "last tuesday"], "--since needs a date like 2024-02-10"),
        (["search", "x", "--until", "2024-13-40"], "--until needs a date"),
        (["search", "x", "--limit", "0"], "--limit must be 1 or more"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_1(indexed, capsys, argv, message):
    assert main([*argv, "--index-dir", str(indexed)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_missing_index_is_one_line(tmp_path, capsys):
    assert main(["search", "elections", "--index-dir", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("onrecord search: no index in") and err.count("\n") == 1


def test_busy_index_is_one_line(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(
        indexing, "ingest",
        functools.partial(ingest, loader=fake_loader, extractor=fake_extractor, lock_timeout=0.1),
    )
    index_dir = tmp_path / "index"
    with ingest_lock(index_dir):
        assert main(["index", str(corpus), "--index-dir", str(index_dir)]) == 1
    assert "another `onrecord index` is updating" in capsys.readouterr().err
