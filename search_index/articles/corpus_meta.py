"""What the operator knows about a corpus's articles: one `sources.csv` per folder, and the
NAME.meta.json beside one file.

sources.csv has a header row and the columns file,url,outlet,published,title; only `file` is
required, every other column and cell may be left out. `file` is a path relative to the
folder holding sources.csv, so one table can describe a folder and its subfolders; the
nearest sources.csv listing an article applies. `published` is YYYY-MM-DD and becomes the
article's own date (basis "sidecar") before its statements are dated, exactly as a date
printed on the page would.

A bad cell loses only itself: the row's other cells still apply, and every problem is one line
naming the table, the row (as a spreadsheet numbers it: the header is row 1) and the column.
Where NAME.meta.json and sources.csv both give a value, the per-file NAME.meta.json wins.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from search_index.articles.files import ArticleMeta, read_sidecar, sidecar_path

SOURCES_FILE = "sources.csv"
COLUMNS = ("file", "url", "outlet", "published", "title")
MAX_TABLE_BYTES = 20 * 1024 * 1024  # ~100,000 rows of links and titles; more is a wrong file


@dataclass
class SourcesTable:
    """One sources.csv, read and checked: the usable rows by relative path, and the problems."""

    path: Path
    rows: dict[str, ArticleMeta] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def row_for(self, article: Path | str) -> ArticleMeta | None:
        # String paths, not Path.resolve(): an ingest asks this for every file on every run
        # (pathlib's resolve made it ~150 us a file); ingest hands over resolved paths.
        relative = os.path.relpath(os.path.abspath(article), os.path.abspath(self.path.parent))
        if relative.startswith(os.pardir):
            return None
        return self.rows.get(relative.replace(os.sep, "/"))


# Tables are read once per change of the file: an ingest asks about every article.
_cache: dict[str, tuple[tuple[int, int], SourcesTable]] = {}


def read_sources(csv_path: Path | str) -> SourcesTable | None:
    """The table at csv_path, or None when there is none."""
    where = os.fspath(csv_path)
    try:
        stat = os.stat(where)
    except OSError:
        return None
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(where)
    if cached is not None and cached[0] == key:
        return cached[1]
    table = _read_table(Path(where))
    _cache[where] = (key, table)
    return table


def _read_table(csv_path: Path) -> SourcesTable:
    table = SourcesTable(path=csv_path)
    where = str(csv_path)
    try:
        if csv_path.stat().st_size > MAX_TABLE_BYTES:
            table.problems.append(f"{where}: larger than {MAX_TABLE_BYTES // 1_048_576} MB, "
                                  "not read")
            return table
        text = csv_path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        table.problems.append(f"{where}: not UTF-8 text; save it as CSV UTF-8")
        return table
    except OSError as error:
        table.problems.append(f"{where}: cannot be read ({error.strerror or error})")
        return table
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        table.problems.append(f"{where} row 1: not a CSV header ({error})")
        return table
    if header is None:
        return table  # an empty table describes nothing and is no error
    names = [cell.strip().lower() for cell in header]
    if "file" not in names:
        table.problems.append(
            f"{where} row 1: no 'file' column; the header must name file and any of "
            f"{', '.join(COLUMNS[1:])}"
        )
        return table
    for column in names:
        if column and column not in COLUMNS:
            table.problems.append(
                f"{where} row 1, column {column!r}: unknown column, ignored "
                f"(known: {', '.join(COLUMNS)})"
            )
    first_row: dict[str, int] = {}
    row_number = 1
    while True:
        row_number += 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            table.problems.append(f"{where} row {row_number}: not CSV ({error}); row skipped")
            continue
        if not any(cell.strip() for cell in cells):
            continue
        values = {name: cells[i].strip() for i, name in enumerate(names)
                  if name in COLUMNS and i < len(cells)}
        _add_row(table, where, row_number, values, first_row)
    return table


def _add_row(table: SourcesTable, where: str, row: int, values: dict[str, str],
             first_row: dict[str, int]) -> None:
    def problem(column: str, message: str) -> None:
        table.problems.append(f"{where} row {row}, column {column}: {message}")

    name = values.get("file", "")
    if not name:
        problem("file", "empty; the row is skipped")
        return
    key = posixpath.normpath(name.replace("\\", "/"))
    folder = table.path.parent
    if posixpath.isabs(key) or key == ".." or key.startswith("../"):
        problem("file", f"{name!r} is outside {folder}; the row is skipped")
        return
    if not (folder / key).is_file():
        problem("file", f"no file {name!r} in {folder}; the row is skipped")
        return
    if key in first_row:
        problem("file", f"{name!r} is already listed in row {first_row[key]}; "
                        "this duplicate row is skipped")
        return
    first_row[key] = row

    published: date | None = None
    if values.get("published"):
        try:
            published = date.fromisoformat(values["published"])
        except ValueError:
            problem("published", f"{values['published']!r} is not a date (YYYY-MM-DD); "
                                 "the article keeps the date its text gives")
    url = values.get("url") or None
    if url and not is_web_link(url):
        problem("url", f"{url!r} is not an http(s) link; ignored")
        url = None
    table.rows[key] = ArticleMeta(
        url=url, outlet=values.get("outlet") or None, published=published,
        title=values.get("title") or None,
    )


def is_web_link(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in url


def tables_for(article: Path) -> list[SourcesTable]:
    """The sources.csv tables that may list an article: its folder's, then each parent's."""
    tables = []
    for csv_path in _tables_above(os.path.dirname(os.path.abspath(article))):
        table = read_sources(csv_path)  # re-read when edited, None when since removed
        if table is not None:
            tables.append(table)
    return tables


# Which sources.csv files exist in a folder and above it, per folder: an ingest asks for every
# article, and walking up to the root each time cost ~60 us a file. `sources_problems`, which
# every ingest calls first, forgets this, so a table added since the last run is found.
_above: dict[str, list[str]] = {}


def _tables_above(folder: str) -> list[str]:
    found = _above.get(folder)
    if found is None:
        parent = os.path.dirname(folder)
        found = [] if parent == folder else list(_tables_above(parent))
        here = os.path.join(folder, SOURCES_FILE)
        if os.path.isfile(here):
            found.insert(0, here)
        _above[folder] = found
    return found


def article_meta(article: Path) -> ArticleMeta | None:
    """What the operator knows of one article: the nearest sources.csv row listing it, with
    its NAME.meta.json's values over it."""
    row = next((r for t in tables_for(article) if (r := t.row_for(article)) is not None), None)
    sidecar = read_sidecar(article)
    if row is None or sidecar is None:
        return sidecar or row
    given = sidecar.model_dump(exclude_none=True)
    return row.model_copy(update=given)


# Bumped when the article's source fields are read differently (2: outlet and wire credit
# apart, an untitled article's first words): an index built before re-reads each article
# once, so no answer keeps showing a wire credit as the outlet or a file's name.
SOURCE_FIELDS_VERSION = 2


def meta_fingerprint(article: Path) -> str:
    """A short hash of what the operator says about an article (and of how its source fields
    are read), so that an ingest notices a changed sources.csv row or NAME.meta.json even when
    the article's own file is unchanged."""
    row = next((r for t in tables_for(article) if (r := t.row_for(article)) is not None), None)
    parts: list[str] = [f"source fields {SOURCE_FIELDS_VERSION}"]
    if row is not None:
        parts.append(row.model_dump_json())
    side = sidecar_path(Path(article))
    with contextlib.suppress(OSError, UnicodeDecodeError):  # no sidecar, or read_sidecar's
        parts.append(side.read_text(encoding="utf-8-sig"))  # warning says it is broken
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()[:16]


def sources_problems(roots: list[Path]) -> list[str]:
    """Every problem in the sources.csv tables under these corpus folders (and the one a file
    given on its own would use), one line each."""
    _above.clear()
    seen: set[Path] = set()
    problems: list[str] = []
    for root in roots:
        found: list[Path] = []
        if root.is_dir():
            found = [p for p in sorted(root.rglob(SOURCES_FILE))
                     if not any(part.startswith(".") for part in p.relative_to(root).parts)]
        elif root.is_file():
            found = [t.path for t in tables_for(root)]
        for csv_path in found:
            if csv_path in seen:
                continue
            seen.add(csv_path)
            table = read_sources(csv_path)
            if table is not None:
                problems.extend(table.problems)
    return problems
