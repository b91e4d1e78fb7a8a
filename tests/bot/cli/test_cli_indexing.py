"""`onrecord index/search/latest/speakers/sources` on a temporary index."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from statement_factory import fake_extractor, fake_loader, write_article

from bot.cli import indexing, main
from bot.commands import quote
from bot.console.session import print_answer
from search_index.index.ingest import ingest, ingest_lock
from search_index.search.service import SearchService


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


def test_index_reports_each_sources_csv_problem_in_one_line_and_indexes_the_rest(
        corpus, tmp_path, capsys):
    (corpus / "empty.txt").unlink()
    (corpus / "sources.csv").write_text(
        "file,url,published\nvote.txt,https://ledger.example/vote,2024-02-31\n"
        "nowhere.txt,https://ledger.example/x,\n", encoding="utf-8")
    index_dir = tmp_path / "index"
    assert main(["index", str(corpus), "--index-dir", str(index_dir)]) == 0
    out = capsys.readouterr().out
    table = corpus / "sources.csv"
    assert (f"  sources.csv: {table} row 2, column published: '2024-02-31' is not a date "
            "(YYYY-MM-DD); the article keeps the date its text gives") in out.splitlines()
    assert f"{table} row 3, column file: no file 'nowhere.txt' in {corpus}" in out
    assert "3 added" in out
    service = SearchService(index_dir)
    try:
        [vote] = [source for source in service.sources() if source.file == "vote.txt"]
        assert vote.url == "https://ledger.example/vote"
    finally:
        service.close()


def test_search_human_and_json(indexed, capsys):
    assert main(["search", "elections", "--index-dir", str(indexed)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("On record: “elections”\n2 statements match “elections”.")
    miller = out.index("— Matthew Miller, State Department Spokesperson")
    assert "“Claims of fraud in the elections should be investigated.”" in out[:miller]
    assert "said 10 Feb 2024 · Daily Ledger · US urges probe" in out[miller:]
    assert "Khawaja Asif, Defence Minister" in out
    assert out.endswith("\n\n2 statements\n")  # one page: no "Page 1/1"
    assert main(["search", "elections", "--speaker", "miler", "--json",
                 "--index-dir", str(indexed)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["speaker"] for row in rows] == ["Matthew Miller"]
    assert rows[0]["date"] == "2024-02-10" and rows[0]["score"] > 0
    assert rows[0]["sources"][0]["outlet"] == "Daily Ledger"


def test_search_prints_what_the_console_prints(indexed, capsys):
    """`onrecord search` is /quote rendered as `onrecord ask` renders it, --limit its page."""
    argv = ["--index-dir", str(indexed)]
    assert main(["search", "elections", "--since", "2024-02", "--limit", "1", *argv]) == 0
    searched = capsys.readouterr().out
    service = SearchService(indexed)
    print_answer(quote(service, "elections", since="2024-02", per_page=1))
    assert searched == capsys.readouterr().out
    assert "from 2024-02-01" in searched and "Page 1/2 · 2 statements" in searched
    assert main(["search", "elections", "--limit", "1", "--page", "2", *argv]) == 0
    assert "2.  “" in capsys.readouterr().out


def test_search_with_no_hits_suggests(indexed, capsys):
    assert main(["search", "electons", "--index-dir", str(indexed)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Nothing on record for “electons”")
    assert "Did you mean “elections”?" in out


def test_latest_newest_first_and_undated_said_so(indexed, capsys):
    assert main(["latest", "Khawaja", "Asif", "--index-dir", str(indexed)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Latest from Khawaja Asif\n")
    newest = out.index("1.  “Talks with Washington on elections will continue.”")
    assert newest < out.index("said 6 Nov 2024 · Frontier Post · Minister speaks")
    assert newest < out.index("2.  “Trade talks were useful.”")
    assert "date not stated (in an article of 4 Oct 2017)" in out[out.index("2.  “Trade talks"):]


def test_unknown_speaker_is_the_commands_error_answer(indexed, capsys):
    assert main(["latest", "Nobody Atall", "--index-dir", str(indexed)]) == 1
    assert capsys.readouterr().out.startswith("! No one called “Nobody Atall” is in the index.")
    assert main(["latest", "Nobody Atall", "--json", "--index-dir", str(indexed)]) == 0
    assert capsys.readouterr().out == ""


def test_speakers_and_sources(indexed, capsys):
    assert main(["speakers", "asif", "--index-dir", str(indexed)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Speakers matching “asif”\n1 speaker.\n\nKhawaja Asif\n")
    assert "    Defence Minister: 6 Nov 2024\n" in out
    assert "2 statements, 6 Nov 2024" in out  # the undated statement places no date
    assert main(["sources", "--index-dir", str(indexed)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Sources on record\n3 articles, newest first; undated ones last.")
    assert out.index("Minister speaks") < out.index("US urges probe") < out.index(
        "Minister visits")
    assert "Frontier Post · 4 Oct 2017 · 1 statement\n" in out
    assert main(["sources", "--json", "--index-dir", str(indexed)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    counts = {row["file"]: row["statements"] for row in rows}
    assert counts == {"vote.txt": 1, "asif.txt": 1, "asif_2017.txt": 1}


@pytest.mark.parametrize(
    ("argv", "first_line"),
    [
        (["search", "x", "--since", "last tuesday"], "! since: “last tuesday” is not a date."),
        (["search", "x", "--since", "2024-03", "--until", "2024-01"],
         "! since (2024-03-01) is after until (2024-01-31)."),
    ],
)
def test_a_bad_date_is_the_commands_error_answer(indexed, capsys, argv, first_line):
    assert main([*argv, "--index-dir", str(indexed)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == first_line and captured.err == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search", "x", "--json", "--since", "last tuesday"],
         "--since needs a date like 2024-02-10"),
        (["search", "x", "--json", "--until", "2024-13-40"], "--until needs a date"),
        (["search", "x", "--limit", "0"], "--limit must be 1 or more"),
        (["search", "x", "--kind", "direct"], "--kind works with --json only"),
        (["speakers", "--page", "0"], "--page must be 1 or more"),
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
