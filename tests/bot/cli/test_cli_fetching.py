"""`onrecord fetch`: arguments, the printed report and exit codes, against a local site."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_site import LocalSite, serve_site

from bot.cli import fetching


def _run(argv: list[str]) -> int:
    # Only the fetch subcommand (tests/bot/test_cli_fetch_index.py runs it through `onrecord`).
    parser = argparse.ArgumentParser(prog="onrecord")
    fetching.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.handler(args)


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with serve_site() as running:
        yield running


def test_fetch_urls_prints_the_report_and_saves_the_files(site, tmp_path, capsys) -> None:
    corpus = tmp_path / "corpus"
    code = _run(["fetch", site.url("/news/ferry"), "--corpus", str(corpus), "--delay", "0",
                 "--no-index"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0].startswith(f"fetched {site.url('/news/ferry')} -> council-votes-to-close")
    assert out[-2:] == ["1 fetched, 0 already there, 0 failed", f"saved in {corpus}"]
    (sidecar,) = corpus.glob("*.meta.json")
    assert json.loads(sidecar.read_text())["published"] == "2024-05-02"


def test_fetch_feed_reports_the_disallowed_entry_and_fails(site, tmp_path, capsys) -> None:
    code = _run(["fetch", "--feed", site.url("/feed.rss"), "--corpus", str(tmp_path),
                 "--delay", "0", "--no-index"])
    out = capsys.readouterr().out
    assert code == 1  # one entry failed: the exit code says so
    assert f"failed {site.url('/private/leak')}: disallowed by robots.txt" in out
    assert "2 fetched, 0 already there, 1 failed" in out
    assert len(list(tmp_path.glob("*.txt"))) == 2


def test_second_fetch_says_already_there(site, tmp_path, capsys) -> None:
    argv = ["fetch", site.url("/news/port-deal"), "--corpus", str(tmp_path), "--delay", "0",
            "--no-index"]
    assert _run(argv) == 0
    capsys.readouterr()
    assert _run(argv) == 0
    assert f"already fetched {site.url('/news/port-deal')}" in capsys.readouterr().out


def test_default_corpus_is_the_first_configured_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ONRECORD_CORPUS", f"{tmp_path / 'a'}:{tmp_path / 'b'}")
    assert fetching.default_corpus() == tmp_path / "a"


def test_default_corpus_is_never_the_seeds(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("ONRECORD_CORPUS", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    assert fetching.default_corpus().parts[-2:] == ("var", "fetched")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["fetch"], "give at least one URL, or --feed FEED_URL"),
        (["fetch", "http://127.0.0.1:9/a", "--timeout", "0"], "--timeout and --max-bytes above 0"),
    ],
)
def test_bad_arguments_get_one_line(argv: list[str], message: str, capsys) -> None:
    assert _run(argv) == 2
    out = capsys.readouterr().out
    assert message in out and out.count("\n") == 1


def test_unreadable_ledger_is_one_line_not_a_traceback(tmp_path: Path, capsys) -> None:
    (tmp_path / "fetched.json").write_text("{not json", encoding="utf-8")
    code = _run(["fetch", "http://127.0.0.1:9/a", "--corpus", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith("onrecord fetch: ") and "fetch ledger cannot be read" in out
    assert out.count("\n") == 1
