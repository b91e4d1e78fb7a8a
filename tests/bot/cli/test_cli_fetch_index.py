"""`onrecord fetch` through the real `onrecord` parser: what it fetches is indexed and found,
and the index reads saved pages but never the ledger, notes or images beside them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from html_page_builder import news_page
from local_site import FERRY_PARAGRAPHS, LocalSite, serve_site

from bot.cli import SUBCOMMAND_MODULES, fetching, main
from search_index.index.ingest import ingest
from search_index.search.service import SearchService


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with serve_site() as running:
        yield running


def test_fetch_is_an_onrecord_subcommand() -> None:
    assert fetching in SUBCOMMAND_MODULES


def test_fetched_articles_are_indexed_and_found(site: LocalSite, tmp_path: Path, capsys) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    code = main(["fetch", "--feed", site.url("/feed.atom"), "--corpus", str(corpus),
                 "--index-dir", str(index_dir), "--delay", "0"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"indexed in {index_dir}: 2 added, 0 updated" in out
    service = SearchService(index_dir)
    hits = service.search("served us well").hits
    assert hits, "the council leader's words from the fetched ferry page"
    statement = hits[0].statement
    assert statement.speaker == "Tomas Berg"
    assert statement.outlet == "The Harbour Gazette"
    assert statement.url == site.url("/news/ferry")
    assert statement.published.isoformat() == "2024-05-02"  # the page's metadata date
    # one article per page: NAME.txt is read, NAME.html beside it is not read again
    assert len(service.sources()) == 2
    assert {source.file.rsplit(".", 1)[1] for source in service.sources()} == {"txt"}

    # A second run fetches nothing and leaves the index as it is.
    assert main(["fetch", "--feed", site.url("/feed.atom"), "--corpus", str(corpus),
                 "--index-dir", str(index_dir), "--delay", "0"]) == 0
    again = capsys.readouterr().out
    assert "0 fetched, 2 already there" in again and "indexed" not in again


def test_no_index_only_downloads(site: LocalSite, tmp_path: Path, capsys) -> None:
    index_dir = tmp_path / "index"
    code = main(["fetch", site.url("/news/ferry"), "--corpus", str(tmp_path / "corpus"),
                 "--index-dir", str(index_dir), "--delay", "0", "--no-index"])
    assert code == 0
    assert "indexed" not in capsys.readouterr().out
    assert not index_dir.exists()


def test_an_index_that_cannot_be_written_is_one_line(site: LocalSite, tmp_path: Path,
                                                     capsys) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the index folder should be")
    code = main(["fetch", site.url("/news/ferry"), "--corpus", str(tmp_path / "corpus"),
                 "--index-dir", str(blocker / "index"), "--delay", "0"])
    out = capsys.readouterr().out
    assert code == 1
    assert "the articles are saved but not indexed" in out
    assert "Traceback" not in out
    assert list((tmp_path / "corpus").glob("*.txt")), "nothing fetched is lost"


def test_index_reads_saved_pages_but_not_the_ledger_notes_or_images(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # a page saved by hand: no text file beside it, so the page itself is the article
    (corpus / "ferry.html").write_text(
        news_page("Council votes to close ferry terminal", FERRY_PARAGRAPHS,
                  published="2024-05-02T07:15:00Z", canonical="https://gazette.example/ferry"),
        encoding="utf-8",
    )
    # what `onrecord fetch` and people leave beside articles
    (corpus / "fetched.json").write_text(json.dumps({"https://gazette.example/ferry": "ferry"}))
    (corpus / "ferry.meta.json").write_text(json.dumps({"outlet": "The Harbour Gazette"}))
    (corpus / "README.md").write_text("# Articles saved for the dam story\n\nSee the sidecars.\n")
    (corpus / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    (corpus / "notes.json").write_text("[]")
    report = ingest([corpus], tmp_path / "index")
    assert report.added == [str((corpus / "ferry.html").resolve())]
    assert report.skipped == []
    service = SearchService(tmp_path / "index")
    (hit,) = service.search("served us well").hits
    assert hit.statement.speaker == "Tomas Berg"
    assert hit.statement.url == "https://gazette.example/ferry"
    assert [source.file for source in service.sources()] == ["ferry.html"]
