"""sources.csv: a corpus folder's table of links, outlets, dates and titles, checked cell by
cell; its date dates the statements as the page's own date would."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from search_index.articles.corpus_meta import (
    SOURCES_FILE,
    article_meta,
    meta_fingerprint,
    read_sources,
    sources_problems,
)
from search_index.articles.loading import load_article
from search_index.extraction.pipeline import extract_article
from search_index.index.ingest import IndexUpdate, ingest, open_index
from search_index.models import DateBasis
from search_index.search.service import SearchService

# No date anywhere in the text: only the table can say when it was published.
STORY = (
    "Minister promises more aid to flooded districts\n\n"
    "Agriculture Minister Nadia Rahim visited the flooded districts on Tuesday and promised "
    "more aid.\n\n"
    "“Every family that lost a home will be helped before winter,” Rahim told reporters on "
    "Tuesday.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "older").mkdir(parents=True)
    (folder / "aid.txt").write_text(STORY, encoding="utf-8")
    (folder / "plain.txt").write_text(STORY.replace("aid", "relief"), encoding="utf-8")
    (folder / "older" / "visit.txt").write_text(STORY.replace("Tuesday", "Monday"),
                                                encoding="utf-8")
    return folder


def write_table(folder: Path, *rows: str) -> Path:
    path = folder / SOURCES_FILE
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_row_gives_link_outlet_title_and_the_date_that_dates_the_statements(corpus):
    write_table(corpus, "file,url,outlet,published,title",
                "aid.txt,https://www.example-news.test/aid,Valley Times,2024-03-14,")
    article = load_article(corpus / "aid.txt")
    assert article.url == "https://www.example-news.test/aid"
    assert article.outlet == "Valley Times"
    assert article.title == "Minister promises more aid to flooded districts"  # left empty
    assert (article.published, article.published_basis) == (date(2024, 3, 14),
                                                             DateBasis.SIDECAR)
    [statement] = [s for s in extract_article(article) if s.kind == "direct"]
    # "on Tuesday" is the Tuesday on or before the table's Thursday 14 March 2024
    assert statement.date == date(2024, 3, 12)
    assert statement.url == "https://www.example-news.test/aid"
    unlisted = load_article(corpus / "plain.txt")
    assert unlisted.url is None and unlisted.published is None


def test_paths_are_relative_to_the_table_and_a_subfolder_table_is_nearer(corpus):
    write_table(corpus, "file,outlet", "older/visit.txt,Valley Times", "aid.txt,Valley Times")
    write_table(corpus / "older", "file,outlet", "visit.txt,Hill Post")
    assert load_article(corpus / "older" / "visit.txt").outlet == "Hill Post"
    assert load_article(corpus / "aid.txt").outlet == "Valley Times"
    assert sources_problems([corpus]) == []


def test_each_bad_cell_is_one_line_naming_table_row_and_column_and_loses_only_itself(corpus):
    table = write_table(
        corpus, "file,url,outlet,published,title,notes",
        "aid.txt,ftp://example.test/aid,Valley Times,2024-02-30,",
        "missing.txt,https://example.test/m,Valley Times,2024-03-01,",
        "aid.txt,https://example.test/again,Other,2024-03-02,",
        ",https://example.test/none,,,",
        "../outside.txt,,,,",
        "plain.txt,https://example.test/plain,Hill Post,2024-03-03,Relief arrives",
    )
    problems = sources_problems([corpus])
    where = str(table)
    assert problems == [
        f"{where} row 1, column 'notes': unknown column, ignored "
        "(known: file, url, outlet, published, title)",
        f"{where} row 2, column published: '2024-02-30' is not a date (YYYY-MM-DD); "
        "the article keeps the date its text gives",
        f"{where} row 2, column url: 'ftp://example.test/aid' is not an http(s) link; ignored",
        f"{where} row 3, column file: no file 'missing.txt' in {corpus}; the row is skipped",
        f"{where} row 4, column file: 'aid.txt' is already listed in row 2; "
        "this duplicate row is skipped",
        f"{where} row 5, column file: empty; the row is skipped",
        f"{where} row 6, column file: '../outside.txt' is outside {corpus}; the row is skipped",
    ]
    assert all("\n" not in problem for problem in problems)
    aid = load_article(corpus / "aid.txt")
    assert (aid.outlet, aid.url, aid.published) == ("Valley Times", None, None)
    plain = load_article(corpus / "plain.txt")
    assert (plain.title, plain.outlet, plain.published) == (
        "Relief arrives", "Hill Post", date(2024, 3, 3))


def test_a_table_without_a_file_column_or_in_another_encoding_is_one_problem(corpus):
    write_table(corpus, "name,url", "aid.txt,https://example.test/aid")
    [problem] = sources_problems([corpus])
    assert "row 1: no 'file' column" in problem
    (corpus / SOURCES_FILE).write_bytes("file,title\naid.txt,Caf\xe9\n".encode("cp1252"))
    [problem] = sources_problems([corpus])
    assert "not UTF-8 text" in problem
    assert load_article(corpus / "aid.txt").title == (
        "Minister promises more aid to flooded districts")


def test_the_per_file_sidecar_wins_over_the_table(corpus):
    write_table(corpus, "file,outlet,title", "aid.txt,Valley Times,From the table")
    (corpus / "aid.meta.json").write_text('{"outlet": "Hill Post"}', encoding="utf-8")
    meta = article_meta(corpus / "aid.txt")
    assert meta is not None
    assert (meta.outlet, meta.title) == ("Hill Post", "From the table")


def test_an_edited_table_is_read_again(corpus):
    write_table(corpus, "file,outlet", "aid.txt,Valley Times")
    first = meta_fingerprint(corpus / "aid.txt")
    assert read_sources(corpus / SOURCES_FILE) is not None
    table = write_table(corpus, "file,outlet", "aid.txt,Hill Post")
    os.utime(table, ns=(1, 1))  # a different mtime even on a coarse clock
    assert load_article(corpus / "aid.txt").outlet == "Hill Post"
    assert meta_fingerprint(corpus / "aid.txt") != first
    unlisted = meta_fingerprint(corpus / "plain.txt")
    assert unlisted == meta_fingerprint(corpus / "older" / "visit.txt") != first


def test_changing_the_table_re_ingests_only_the_articles_whose_rows_changed(corpus, tmp_path):
    index_dir = tmp_path / "index"
    write_table(corpus, "file,url,outlet,published",
                "aid.txt,https://example.test/aid,Valley Times,2024-03-14",
                "plain.txt,https://example.test/plain,Valley Times,2024-03-14")
    first = ingest([corpus], index_dir)
    assert len(first.added) == 3 and not first.metadata_problems
    table = write_table(corpus, "file,url,outlet,published",
                        "aid.txt,https://example.test/aid-moved,Hill Post,2024-03-21",
                        "plain.txt,https://example.test/plain,Valley Times,2024-03-14",
                        "gone.txt,,,")
    os.utime(table, ns=(2, 2))
    second = ingest([corpus], index_dir)
    assert [Path(p).name for p in second.updated] == ["aid.txt"]
    assert sorted(Path(p).name for p in second.unchanged) == ["plain.txt", "visit.txt"]
    [problem] = second.metadata_problems
    assert "row 4, column file" in problem
    service = SearchService(index_dir)
    try:
        [aid] = [source for source in service.sources() if source.file == "aid.txt"]
        assert (aid.url, aid.outlet, aid.published) == (
            "https://example.test/aid-moved", "Hill Post", date(2024, 3, 21))
        [hit] = service.search("family", per_page=10).hits  # one quote, three reports
        assert "https://example.test/aid-moved" in {source.url for source in hit.sources}
    finally:
        service.close()
    assert sorted(Path(p).name for p in ingest([corpus], index_dir).unchanged) == [
        "aid.txt", "plain.txt", "visit.txt"]


def test_an_index_built_before_source_fields_were_kept_re_reads_each_article_once(
        corpus, tmp_path):
    index_dir = tmp_path / "index"
    ingest([corpus], index_dir)
    # An older onrecord stored no meta_key: make the index look like one of its.
    update = IndexUpdate(open_index(index_dir))
    try:
        for record in list(update.records.values()):
            update.touch_record(record.model_copy(update={"meta_key": None}))
        update.commit()
    finally:
        update.close()
    again = ingest([corpus], index_dir)
    assert sorted(Path(p).name for p in again.updated) == ["aid.txt", "plain.txt", "visit.txt"]
    assert ingest([corpus], index_dir).updated == []


def test_a_table_added_after_an_ingest_is_found_by_the_next(corpus, tmp_path):
    index_dir = tmp_path / "index"
    assert len(ingest([corpus], index_dir).added) == 3
    write_table(corpus / "older", "file,url", "visit.txt,https://example.test/visit")
    again = ingest([corpus], index_dir)
    assert [Path(p).name for p in again.updated] == ["visit.txt"]
    service = SearchService(index_dir)
    try:
        [visit] = [source for source in service.sources() if source.file == "visit.txt"]
        assert visit.url == "https://example.test/visit"
    finally:
        service.close()
