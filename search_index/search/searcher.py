"""The open Whoosh searcher, what is derived from it, and when to open a newer one.

One searcher is opened lazily and reused; every call first checks (at most every
REFRESH_INTERVAL seconds, by reading the newest table-of-contents generation) whether an
ingest has committed since, and if so swaps in a fresh searcher. What a searcher needs
often is built once per searcher ("a view"): the speaker directory and autocomplete names
(from the meta document), each statement's sort day (a numeric column), and per-speaker
statements in date order, so latest() and date filters never sort the whole index.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from array import array
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from search_index.errors import IndexUnavailable
from search_index.index import opening
from search_index.index.postings import Postings
from search_index.index.schema import (
    NO_DAY,
    VOCABULARY_KEY,
    day_number,
    schema_is_current,
)
from search_index.index.statement_store import Statements

_TOC_NAME = re.compile(r"_MAIN_(\d+)\.toc")  # Whoosh's table of contents, one per commit
REFRESH_INTERVAL = 1.0  # seconds between checks for a newer index on disk


class View:
    """One open searcher and what is derived from it."""

    def __init__(self, ix: whoosh_index.Index) -> None:
        if not schema_is_current(ix.schema):
            raise IndexUnavailable(
                "the index was built by an older onrecord; run `onrecord index --rebuild`"
            )
        self.searcher: Searcher = ix.searcher()
        # A second searcher, with its own file handles, for the quick lane (autocomplete,
        # /latest): Whoosh readers are not safe to share between threads, and the quick lane
        # must not wait for the main searcher's lock while a slow search holds it.
        self.quick: Searcher = ix.searcher()
        self.closed = False
        self.generation: int = self.searcher.reader().generation()
        # Built from each segment's compact posting file (written when missing)
        self.postings = Postings(self.searcher)
        self.quick_postings = Postings(self.quick, files_of=self.postings)
        # The speaker directory, autocomplete's sorted names and each speaker's statements
        # newest first, read from files written with the index (search_index.index.opening).
        self.opening = opening.load(getattr(ix.storage, "folder", None), self.searcher)
        self.directory: opening.SpeakerDirectory = self.opening.directory
        self.names = self.opening.names
        self.name_keys = self.names.keys
        self.choices = self.name_keys
        self.order = DocumentOrder(self.opening)
        self._vocabulary: dict[str, int] | None = None
        self.vocabulary_words: list[str] = []
        self._statements: Statements | None = None

    def statements(self) -> Statements:
        """What /whosaid classifies candidates on, mapped on its first call (the files are
        written after each commit; a missing one is built here)."""
        if self._statements is None:
            self._statements = Statements(self.searcher.reader())
        return self._statements

    def vocabulary(self) -> dict[str, int]:
        """Unstemmed words and their counts, loaded on the first did-you-mean."""
        if self._vocabulary is None:
            fields = self.searcher.document(meta_key=VOCABULARY_KEY)
            self._vocabulary = json.loads(fields["meta"]) if fields else {}
            self.vocabulary_words = list(self._vocabulary)
        return self._vocabulary

    def close(self) -> None:
        self.closed = True
        self.searcher.close()
        self.quick.close()

    # per-document data, built when the view opens

    def sort_days(self) -> array[int]:
        """Every docnum's sort day (YYYYMMDD, NO_DAY for an undated statement)."""
        return self.order.days

    def report_days(self) -> array[int]:
        """Every docnum's article date (YYYYMMDD, NO_DAY when unknown)."""
        return self.order.reports

    def newest_key(self) -> Callable[[int], tuple[int, int, int]]:
        """A sort key, descending, for "newest first": dated statements by the day they were
        said, then the undated ones (sort day NO_DAY) by their article's date."""
        days, reports = self.order.days, self.order.reports
        return lambda d: (days[d], reports[d], d)

    def by_day(self) -> tuple[list[int], list[int]]:
        """Statement docnums in sort-day order, and their days, for date ranges by bisection."""
        return self.order.days_in_order.tolist(), self.order.statements_by_day.tolist()

    def statement_docs(self) -> list[int]:
        """Every live statement docnum, in sort-day order."""
        return self.order.statements_by_day.tolist()

    def speaker_docs(self, name: str, searcher: Searcher | None = None) -> list[int]:
        """The speaker's statement docnums, newest first (see newest_key: the undated last),
        read through `searcher` (the main one unless told)."""
        listed = self.opening.newest(name)  # sorted when the index was written
        if listed is not None:
            return listed
        postings = self.quick_postings if searcher is self.quick else self.postings
        return self.order.speaker_docs(name, postings)

    def docs_between(self, since: date | None, until: date | None) -> set[int]:
        return self.order.between(since, until)


class DocumentOrder:
    """Dates and orders read in bulk, as compact arrays (numpy, array) rather than lists of
    Python ints: each docnum's sort day and the live statements in date order, written with
    the index (search_index.index.opening) and read when a searcher opens; a speaker's
    statements newest first come from there too, or, for a name the files do not list, from
    the speaker's postings, sorted when asked."""

    def __init__(self, opened: opening.Opening) -> None:
        # Read from the files written with the index (search_index.index.opening).
        self._all_days = opened.days
        self._all_reports = opened.reports
        self.days = array("i", self._all_days.tobytes())
        self.reports = array("i", self._all_reports.tobytes())
        self.statements_by_day = opened.by_day
        self.days_in_order = self._all_days[self.statements_by_day]

    @property
    def day_array(self) -> np.ndarray:
        """Every docnum's sort day (YYYYMMDD, NO_DAY when undated) as an int64 array."""
        return self._all_days

    def speaker_docs(self, name: str, postings: Postings) -> list[int]:
        """Newest first: sort day, then article date, then docnum, descending (read afresh:
        the quick lane's calls share no cache with the main lane's)."""
        docnums = postings.read("speaker", name).docs
        order = np.lexsort((docnums, self._all_reports[docnums], self._all_days[docnums]))
        return docnums[order[::-1]].tolist()

    def between(self, since: date | None, until: date | None) -> set[int]:
        """Dated statements said between the two days: an undated one is in no date range."""
        days = self.days_in_order
        low = int(np.searchsorted(days, day_number(since) if since else NO_DAY + 1, "left"))
        high = int(np.searchsorted(days, day_number(until), "right")) if until else len(days)
        return set(self.statements_by_day[low:high].tolist())


def toc_signature(index_dir: Path) -> tuple[int, int, int] | None:
    """The newest table of contents in index_dir: its generation and its file's identity, or
    None when there is none. A folder deleted and built again starts over at the same
    generation, so the generation alone would keep serving the deleted files."""
    try:
        names = os.listdir(index_dir)
    except FileNotFoundError:
        return None
    generations = [int(found.group(1)) for found in map(_TOC_NAME.fullmatch, names) if found]
    if not generations:
        return None
    newest = max(generations)
    stat = os.stat(Path(index_dir) / f"_MAIN_{newest}.toc")
    return newest, stat.st_ino, stat.st_mtime_ns


class Searchers:
    """The view of the index in index_dir that calls are answered from, kept current."""

    def __init__(self, index_dir: Path, quick_lock: threading.Lock | None = None) -> None:
        self.index_dir = Path(index_dir)
        # Held by quick-lane calls while they read a view: a view is closed under it, so
        # never under one of them.
        self._quick_lock = quick_lock or threading.Lock()
        self._ix: whoosh_index.Index | None = None
        self._view: View | None = None
        self._checked = 0.0
        self._toc: tuple[int, int, int] | None = None  # the open view's toc_signature()

    @property
    def view(self) -> View | None:
        """The open view, if any, without checking the disk."""
        return self._view

    def current(self) -> View:
        """The current view, opening or refreshing it as needed. The caller serialises calls."""
        now = time.monotonic()
        if self._view is not None and now - self._checked < REFRESH_INTERVAL:
            return self._view
        self._checked = now
        try:
            toc = toc_signature(self.index_dir)
            if toc is None:
                raise IndexUnavailable(
                    f"no index in {self.index_dir} yet; run `onrecord index` to build it"
                )
            if self._view is not None and toc == self._toc:
                return self._view
            # A new commit, or a folder deleted and built again: open it afresh either way.
            self._ix = whoosh_index.open_dir(str(self.index_dir))
            view = View(self._ix)
            self._toc = toc
        except IndexUnavailable:
            self.drop()
            raise
        except Exception as error:
            self.drop()
            raise IndexUnavailable(
                f"the index in {self.index_dir} cannot be read ({type(error).__name__}); "
                "run `onrecord index --rebuild`"
            ) from error
        old, self._view = self._view, view
        if old is not None:
            with self._quick_lock:
                old.close()
        return view

    def drop(self) -> None:
        if self._view is not None:
            try:
                with self._quick_lock:
                    self._view.close()
            finally:
                self._view = None
        self._ix = None
        self._toc = None

    def refresh(self) -> None:
        """Open the index on disk now rather than at the next periodic check. The new view is
        built whole before it replaces the old one, which answers until then."""
        self._checked = 0.0
        self._toc = None  # open afresh even when the generation looks the same
        self.current()
