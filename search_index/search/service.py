"""The search service shared by the bot and the console.

One Whoosh searcher is opened lazily and reused; every call first checks (at most every
REFRESH_INTERVAL seconds, by reading the newest table-of-contents generation) whether an
ingest has committed since, and if so swaps in a fresh searcher. What a searcher needs
often is built once per searcher ("a view"): the speaker directory and autocomplete names
(from the meta document), each statement's sort day (a numeric column), and per-speaker
statements in date order, so latest() and date filters never sort the whole index.

Whoosh readers are not safe for concurrent use, so calls are serialised by one lock; each
takes milliseconds, and the bot runs them in worker threads.
"""

from __future__ import annotations

import bisect
import json
import os
import re
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from datetime import date
from pathlib import Path
from typing import TypeVar

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import Levenshtein
from whoosh import index as whoosh_index
from whoosh.query import Or, Term
from whoosh.searching import Searcher

from search_index.errors import IndexUnavailable
from search_index.index.postings import PostingCache
from search_index.index.records import ArticleRecord, IndexMeta, QuoteDocument
from search_index.index.schema import (
    DOCTYPE_ARTICLE,
    DOCTYPE_META,
    DOCTYPE_STATEMENT,
    META_KEY,
    NO_DAY,
    SEARCHED_FIELDS,
    VOCABULARY_KEY,
    day_from_number,
    day_number,
    outlet_term,
    schema_is_current,
)
from search_index.models import (
    Hit,
    IndexStats,
    SearchResult,
    SourceSummary,
    Speaker,
)
from search_index.search import whosaid as reverse_lookup
from search_index.search.querying import (
    SEARCH_FIELD,
    ParsedQuery,
    analyse,
    build_query,
    highlight,
    parse_query,
    word_query,
)
from search_index.search.ranking import matching_docs, rank
from search_index.search.timeline import Timeline, build_timeline

_TOC_NAME = re.compile(r"_MAIN_(\d+)\.toc")  # Whoosh's table of contents, one per commit
REFRESH_INTERVAL = 1.0  # seconds between checks for a newer index on disk
MAX_PER_PAGE = 50
WHOSAID_CANDIDATES = 200  # per kind of match: the best-scored statements examined
SPEAKER_MATCH_CUTOFF = 72  # rapidfuzz WRatio, 0-100: "miler" ~ "Miller" scores 91

T = TypeVar("T")


def _fold(text: str) -> str:
    """Lower case without accents, for matching names as people type them."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


class _View:
    """One open searcher and what is derived from it."""

    def __init__(self, ix: whoosh_index.Index) -> None:
        if not schema_is_current(ix.schema):
            raise IndexUnavailable(
                "the index was built by an older onrecord; run `onrecord index --rebuild`"
            )
        self.searcher: Searcher = ix.searcher()
        self.generation: int = self.searcher.reader().generation()
        self.postings = PostingCache(self.searcher)
        meta_fields = self.searcher.document(meta_key=META_KEY)
        self.meta = (
            IndexMeta.model_validate_json(meta_fields["meta"]) if meta_fields else IndexMeta()
        )
        self.directory: dict[str, Speaker] = {s.name: s for s in self.meta.speakers}
        # (folded name or alias, canonical) pairs, sorted for prefix lookups by bisection.
        names: list[tuple[str, str]] = []
        for speaker in self.meta.speakers:
            names.append((_fold(speaker.name), speaker.name))
            names.extend((_fold(alias), speaker.name) for alias in speaker.aliases)
            # Surnames and other name words, so "kirby" finds John Kirby by prefix.
            for part in speaker.name.split()[1:]:
                names.append((_fold(part), speaker.name))
        self.names = sorted(set(names))
        self.name_keys = [key for key, _ in self.names]
        self.choices = [key for key, _ in self.names]
        self._sort_days: list[int] | None = None
        self._report_days: list[int] | None = None
        self._by_day: tuple[list[int], list[int]] | None = None
        self._speaker_docs: dict[str, list[int]] = {}
        self._vocabulary: dict[str, int] | None = None
        self.vocabulary_words: list[str] = []

    def vocabulary(self) -> dict[str, int]:
        """Unstemmed words and their counts, loaded on the first did-you-mean."""
        if self._vocabulary is None:
            fields = self.searcher.document(meta_key=VOCABULARY_KEY)
            self._vocabulary = json.loads(fields["meta"]) if fields else {}
            self.vocabulary_words = list(self._vocabulary)
        return self._vocabulary

    def close(self) -> None:
        self.searcher.close()

    # per-document data, built on first use

    def sort_days(self) -> list[int]:
        if self._sort_days is None:
            column = self.searcher.reader().column_reader("sort_day")
            self._sort_days = list(column)
        return self._sort_days

    def report_days(self) -> list[int]:
        if self._report_days is None:
            column = self.searcher.reader().column_reader("report_day")
            self._report_days = list(column)
        return self._report_days

    def newest_key(self) -> Callable[[int], tuple[int, int, int]]:
        """A sort key, descending, for "newest first": dated statements by the day they were
        said, then the undated ones (sort day NO_DAY) by their article's date."""
        days, reports = self.sort_days(), self.report_days()
        return lambda d: (days[d], reports[d], d)

    def by_day(self) -> tuple[list[int], list[int]]:
        """Statement docnums in sort-day order, and their days, for date ranges by bisection."""
        if self._by_day is None:
            days = self.sort_days()
            reader = self.searcher.reader()
            statements = [
                docnum
                for docnum in self.searcher.docs_for_query(Term("doctype", DOCTYPE_STATEMENT))
                if not reader.is_deleted(docnum)
            ]
            statements.sort(key=days.__getitem__)
            self._by_day = ([days[d] for d in statements], statements)
        return self._by_day

    def speaker_docs(self, name: str) -> list[int]:
        """The speaker's statement docnums, newest first (see newest_key): the undated last."""
        docs = self._speaker_docs.get(name)
        if docs is None:
            docs = sorted(
                self.searcher.docs_for_query(Term("speaker", name)),
                key=self.newest_key(),
                reverse=True,
            )
            self._speaker_docs[name] = docs
        return docs

    def docs_between(self, since: date | None, until: date | None) -> set[int]:
        """Dated statements said between the two days: an undated one is in no date range."""
        days, docnums = self.by_day()
        low = bisect.bisect_left(days, day_number(since) if since else NO_DAY + 1)
        high = bisect.bisect_right(days, day_number(until)) if until else len(days)
        return set(docnums[low:high])


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


class SearchService:
    """Search over the statement index in index_dir (see the module docstring)."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self._lock = threading.RLock()
        self._ix: whoosh_index.Index | None = None
        self._view: _View | None = None
        self._checked = 0.0
        self._toc: tuple[int, int, int] | None = None  # the open view's toc_signature()

    # -- opening and refreshing --------------------------------------------------------------

    def _open(self) -> _View:
        """The current view, opening or refreshing it as needed. Caller holds the lock."""
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
            view = _View(self._ix)
            self._toc = toc
        except IndexUnavailable:
            self._drop()
            raise
        except Exception as error:
            self._drop()
            raise IndexUnavailable(
                f"the index in {self.index_dir} cannot be read ({type(error).__name__}); "
                "run `onrecord index --rebuild`"
            ) from error
        if self._view is not None:
            self._view.close()
        self._view = view
        return view

    def _drop(self) -> None:
        if self._view is not None:
            try:
                self._view.close()
            finally:
                self._view = None
        self._ix = None
        self._toc = None

    def refresh(self) -> None:
        """Pick up a rebuilt index now rather than at the next periodic check."""
        with self._lock:
            self._checked = 0.0
            self._drop()
            self._open()

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _run(self, call: Callable[[_View], T]) -> T:
        with self._lock:
            view = self._open()
            try:
                return call(view)
            except IndexUnavailable:
                raise
            except (OSError, EOFError, ValueError, KeyError) as error:
                # Files vanished under an open searcher (a --rebuild): reopen next time.
                self._drop()
                raise IndexUnavailable(
                    f"the index in {self.index_dir} changed while reading it; try again"
                ) from error

    # -- hits --------------------------------------------------------------------------------

    @staticmethod
    def _hit(view: _View, docnum: int, score: float, terms: set[str], context: bool = False,
             phrases: list[list[str]] | None = None) -> Hit:
        fields = view.searcher.stored_fields(docnum)
        doc = QuoteDocument.model_validate_json(fields["payload"])
        statement = doc.representative()
        return Hit(
            statement=statement,
            score=float(score),
            sources=doc.sources(),
            highlight=highlight(statement.text, terms, phrases),
            context=doc.context() if context else None,
        )

    # -- search ------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        speaker: str | None = None,
        since: date | None = None,
        until: date | None = None,
        outlet: str | None = None,
        kind: str | Collection[str] | None = None,
        page: int = 1,
        per_page: int = 5,
    ) -> SearchResult:
        """One page of statements matching `query`, best first (see _ranked); `kind` keeps
        only statements of that kind or kinds (("direct", "partial") for exact words)."""
        page = max(1, int(page))
        per_page = max(1, min(int(per_page), MAX_PER_PAGE))
        parsed = parse_query(query)

        def run(view: _View) -> SearchResult:
            result = SearchResult(query=query, page=page, per_page=per_page)
            allowed = self._allowed(view, speaker, since, until, outlet, kind)
            if allowed is not None and not allowed:
                return result
            if parsed.empty:
                if allowed is None:
                    return result  # nothing asked: no hits rather than the whole index
                return self._newest(view, result, sorted(allowed), set())
            hits, total = self._ranked(view, parsed, allowed, page, per_page)
            if total == 0 and len(parsed.words) + len(parsed.phrases) > 1:
                hits, total = self._ranked(view, parsed, allowed, page, per_page, False)
            result.hits, result.total = hits, total
            if total == 0:
                result.suggestion = self._suggest(view, parsed)
            return result

        return self._run(run)

    def _ranked(
        self,
        view: _View,
        parsed: ParsedQuery,
        allowed: set[int] | None,
        page: int,
        per_page: int,
        conjunction: bool = True,
    ) -> tuple[list[Hit], int]:
        """One page of hits in tiers (own words, then speaker, then titles: see
        search_index.search.ranking) and the exact number of matches."""
        start = (page - 1) * per_page
        ranking = rank(view.postings, parsed, allowed, start, start + per_page, conjunction)
        # A phrase is marked where the words stand in a row, not word by word wherever
        terms = set(parsed.words)
        hits = [self._hit(view, docnum, score, terms, phrases=parsed.phrases)
                for docnum, score in ranking.hits]
        return hits, ranking.total

    def _newest(
        self, view: _View, result: SearchResult, docnums: Iterable[int], terms: set[str]
    ) -> SearchResult:
        ordered = sorted(docnums, key=view.newest_key(), reverse=True)
        start = (result.page - 1) * result.per_page
        result.total = len(ordered)
        result.hits = [
            self._hit(view, d, 0.0, terms) for d in ordered[start : start + result.per_page]
        ]
        return result

    def _allowed(
        self,
        view: _View,
        speaker: str | None,
        since: date | None,
        until: date | None,
        outlet: str | None,
        kind: str | Collection[str] | None,
    ) -> set[int] | None:
        """The statement docnums the filters allow, or None when there are no filters."""
        sets: list[set[int]] = []
        if speaker is not None and speaker.strip():
            found = self._resolve(view, speaker)
            if found is None:
                return set()
            sets.append(set(view.speaker_docs(found.name)))
        if outlet is not None and outlet.strip():
            sets.append(set(view.searcher.docs_for_query(Term("outlet", outlet_term(outlet)))))
        kinds = [kind] if isinstance(kind, str) else list(kind or ())
        kinds = [name.strip().lower() for name in kinds if name.strip()]
        if kinds:
            sets.append(set().union(*(view.postings.docs("kind", name) for name in kinds)))
        if since is not None or until is not None:
            if since and until and since > until:
                return set()
            sets.append(view.docs_between(since, until))
        if not sets:
            return None
        sets.sort(key=len)
        allowed = sets[0]
        for other in sets[1:]:
            allowed = allowed & other
        return allowed

    # -- latest ------------------------------------------------------------------------------

    def latest(
        self, speaker: str, topic: str | None = None, limit: int = 5, page: int = 1
    ) -> SearchResult:
        """The speaker's statements (on `topic`, if given), `limit` a page: dated ones newest
        first, then the undated ones (by their article's date)."""
        limit = max(1, min(int(limit), MAX_PER_PAGE))
        page = max(1, int(page))
        start = (page - 1) * limit
        parsed = parse_query(topic or "")

        def run(view: _View) -> SearchResult:
            result = SearchResult(query=topic or "", per_page=limit, page=page)
            found = self._resolve(view, speaker)
            if found is None:
                return result
            docs = view.speaker_docs(found.name)
            if parsed.empty:
                result.total = len(docs)
                result.hits = [self._hit(view, d, 0.0, set()) for d in docs[start:start + limit]]
                return result
            allowed = set(docs)
            matching = matching_docs(view.postings, parsed, allowed)
            if not matching and len(parsed.words) + len(parsed.phrases) > 1:
                matching = matching_docs(view.postings, parsed, allowed, conjunction=False)
            chosen = [d for d in docs if d in matching]
            result.total = len(chosen)
            terms = set(parsed.words)
            result.hits = [self._hit(view, d, 0.0, terms, phrases=parsed.phrases)
                           for d in chosen[start:start + limit]]
            if not chosen:
                result.suggestion = self._suggest(view, parsed)
            return result

        return self._run(run)

    # -- speakers and outlets ----------------------------------------------------------------

    def _resolve(self, view: _View, name: str) -> Speaker | None:
        matches = self._match_speakers(view, name, 1)
        return matches[0] if matches else None

    @staticmethod
    def _match_speakers(view: _View, text: str, limit: int) -> list[Speaker]:
        """Exact name or alias, then names starting with the text, then fuzzy matches;
        within each, more statements first."""
        key = _fold(" ".join((text or "").split()))[:100]
        if not key:
            ranked = sorted(view.directory.values(), key=lambda s: (-s.statements, s.name))
            return ranked[:limit]
        chosen: dict[str, Speaker] = {}

        def take(names: Iterable[str]) -> None:
            for name in sorted(set(names), key=lambda n: (-view.directory[n].statements, n)):
                if len(chosen) >= limit:
                    return
                chosen.setdefault(name, view.directory[name])

        low = bisect.bisect_left(view.name_keys, key)
        exact: list[str] = []
        prefixed: list[str] = []
        for index in range(low, len(view.names)):
            folded, name = view.names[index]
            if not folded.startswith(key):
                break
            (exact if folded == key else prefixed).append(name)
        # a whole name typed in full ("Pakistan") before names that only hold it as a word
        # ("Embassy of Pakistan"), however many statements those have
        take(name for name in exact if _fold(name) == key)
        take(exact)
        take(prefixed)
        if len(chosen) < limit and len(key) >= 3:
            fuzzy = process.extract(
                key,
                view.choices,
                scorer=fuzz.WRatio,
                processor=utils.default_process,
                limit=limit * 4,
                score_cutoff=SPEAKER_MATCH_CUTOFF,
            )
            take(view.names[index][1] for _, _, index in fuzzy)
        return list(chosen.values())[:limit]

    def speakers(self, prefix_or_name: str = "", limit: int = 25) -> list[Speaker]:
        limit = max(1, min(int(limit), 100))
        return self._run(lambda view: self._match_speakers(view, prefix_or_name, limit))

    def resolve_speaker(self, name: str) -> Speaker | None:
        return self._run(lambda view: self._resolve(view, name))

    def outlets(self, prefix: str = "", limit: int = 25) -> list[str]:
        key = _fold(prefix or "")

        def run(view: _View) -> list[str]:
            names = sorted(view.meta.outlets.get(term, term) for term in self._live_outlets(view))
            starting = [n for n in names if _fold(n).startswith(key)]
            inside = [n for n in names if key in _fold(n) and n not in starting]
            return (starting + inside)[: max(1, limit)]

        return self._run(run)

    @staticmethod
    def _live_outlets(view: _View) -> list[str]:
        """Outlet terms with a statement still in the index (the lexicon keeps the terms
        of deleted documents until their segment is merged)."""
        live = []
        for raw in view.searcher.lexicon("outlet"):
            term = raw.decode("utf-8")
            if next(iter(view.searcher.docs_for_query(Term("outlet", term))), None) is not None:
                live.append(term)
        return live

    # -- did you mean ------------------------------------------------------------------------

    def suggest(self, query: str) -> str | None:
        parsed = parse_query(query)
        return self._run(lambda view: self._suggest(view, parsed))

    @staticmethod
    def _suggest(view: _View, parsed: ParsedQuery) -> str | None:
        """Each typed word the index does not hold, replaced by the closest indexed word
        (fewest edits, then the most used), or None when there is nothing to correct."""
        words = [w for w in parsed.raw_words if w.strip()][:16]
        if not words:
            return None
        vocabulary = view.vocabulary()
        if not vocabulary:
            return None
        reader = view.searcher.reader()
        changed = False
        out: list[str] = []
        for word in words:
            stems = analyse(word)
            folded = word.casefold()
            known = stems and any(reader.doc_frequency(f, stems[0]) for f in SEARCHED_FIELDS)
            if known or len(folded) < 3:
                out.append(word)
                continue
            maxdist = 1 if len(folded) <= 4 else 2
            candidates = process.extract(
                folded, view.vocabulary_words, scorer=Levenshtein.distance,
                score_cutoff=maxdist, limit=25,
            )
            if candidates:
                best = min(candidates, key=lambda c: (c[1], -vocabulary[c[0]], c[0]))
                out.append(best[0])
                changed = True
            else:
                out.append(word)
        return " ".join(out) if changed else None

    # -- single statements -------------------------------------------------------------------

    def statement(self, statement_id: str) -> Hit | None:
        def run(view: _View) -> Hit | None:
            docnum = self._docnum(view, statement_id)
            return None if docnum is None else self._hit(view, docnum, 0.0, set(), context=True)

        return self._run(run)

    @staticmethod
    def _docnum(view: _View, statement_id: str) -> int | None:
        if not statement_id or "," in statement_id:
            return None
        docs = list(view.searcher.docs_for_query(Term("member_ids", statement_id.strip())))
        return docs[0] if docs else None

    def related(self, statement_id: str, limit: int = 5) -> list[Hit]:
        """More like this: the statement's most telling words (by tf-idf), any of them."""
        limit = max(1, min(int(limit), MAX_PER_PAGE))

        def run(view: _View) -> list[Hit]:
            docnum = self._docnum(view, statement_id)
            if docnum is None:
                return []
            fields = view.searcher.stored_fields(docnum)
            text = QuoteDocument.model_validate_json(fields["payload"]).representative().text
            reader = view.searcher.reader()
            count = max(1, reader.doc_count())
            weights = Counter(analyse(text))
            scored = sorted(
                weights,
                key=lambda t: -weights[t] * (count / (1 + reader.doc_frequency(SEARCH_FIELD, t))),
            )[:10]
            if not scored:
                return []
            query = Or([word_query(stem) for stem in scored])
            results = view.searcher.search(query, limit=limit + 1)
            terms = set(scored)
            return [
                self._hit(view, d, score, terms) for d, score in results.items() if d != docnum
            ][:limit]

        return self._run(run)

    # -- the corpus ----------------------------------------------------------------------------

    def sources(self) -> list[SourceSummary]:
        def run(view: _View) -> list[SourceSummary]:
            summaries = []
            for fields in view.searcher.documents(doctype=DOCTYPE_ARTICLE):
                summaries.append(ArticleRecord.model_validate_json(fields["record"]).summary())
            summaries.sort(key=lambda s: (s.article_date or date.min, s.file), reverse=True)
            return summaries

        return self._run(run)

    def stats(self) -> IndexStats:
        def run(view: _View) -> IndexStats:
            searcher = view.searcher
            firsts = [s.first for s in view.meta.speakers if s.first]
            lasts = [s.last for s in view.meta.speakers if s.last]
            articles = sum(1 for _ in searcher.docs_for_query(Term("doctype", DOCTYPE_ARTICLE)))
            meta = sum(1 for _ in searcher.docs_for_query(Term("doctype", DOCTYPE_META)))
            return IndexStats(
                articles=articles,
                statements=searcher.doc_count() - articles - meta,
                speakers=len(view.directory),
                outlets=len(self._live_outlets(view)),
                first=min(firsts) if firsts else None,
                last=max(lasts) if lasts else None,
            )

        return self._run(run)


    # -- who said it ---------------------------------------------------------------------------

    def whosaid(self, phrase: str, limit: int = 10) -> reverse_lookup.WhoSaidResult:
        """Statements holding `phrase`: the exact words first, then every word in some form,
        then most of the words; the same words from several speakers grouped, earliest first
        (see search_index.search.whosaid)."""
        limit = max(1, min(int(limit), MAX_PER_PAGE))
        wanted = reverse_lookup.Phrase(phrase)

        def run(view: _View) -> reverse_lookup.WhoSaidResult:
            if wanted.empty:
                return reverse_lookup.WhoSaidResult(phrase=wanted.text)
            every_word = ParsedQuery(words=list(wanted.distinct))
            queries = [build_query(every_word)]
            if len(wanted.stems) >= 2:
                queries.insert(0, build_query(ParsedQuery(phrases=[list(wanted.stems)])))
            if len(wanted.distinct) >= 3:  # "most of the words" needs three or more
                queries.append(build_query(every_word, conjunction=False))
            matches: list[tuple[Hit, reverse_lookup.WhoSaidMatch, int]] = []
            seen: set[int] = set()
            terms = set(wanted.distinct)
            for query in queries:
                for docnum, score in view.searcher.search(query, limit=WHOSAID_CANDIDATES).items():
                    if docnum in seen:
                        continue
                    seen.add(docnum)
                    hit = self._hit(view, docnum, score, terms)
                    how = wanted.classify(hit.statement.text)
                    if how is not None:
                        matches.append((hit, *how))
                # each query finds only looser matches than the one before: stop when full
                if reverse_lookup.group_count(matches) >= limit:
                    break
            result = reverse_lookup.build_result(wanted, matches, limit)
            if not result.groups:
                result.suggestion = self._suggest(view, parse_query(wanted.text))
            return result

        return self._run(run)

    # -- over time -----------------------------------------------------------------------------

    def timeline(
        self,
        speaker: str | None = None,
        topic: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Timeline[Hit]:
        """Statements per month (or week) for a speaker (resolved as latest() does), a topic
        (every word), or both. A statement is placed on the day it was said; one with no date
        is counted as undated, never placed on its article's date."""
        parsed = parse_query(topic or "")

        def run(view: _View) -> Timeline[Hit]:
            chosen: set[int] | None = None
            if speaker is not None and speaker.strip():
                found = self._resolve(view, speaker)
                if found is None:
                    return Timeline[Hit](since=since, until=until)
                chosen = set(view.speaker_docs(found.name))
            if not parsed.empty:
                matching = set(view.searcher.docs_for_query(build_query(parsed)))
                chosen = matching if chosen is None else chosen & matching
            if chosen is None:
                chosen = set(view.by_day()[1])
            days = view.sort_days()
            counted = build_timeline(
                [(day_from_number(days[d]), d) for d in sorted(chosen)], since, until
            )
            terms = parsed.terms()
            first = None if counted.first is None else self._hit(view, counted.first, 0.0, terms)
            latest = (
                None if counted.latest is None else self._hit(view, counted.latest, 0.0, terms)
            )
            fields = counted.model_dump(exclude={"first", "latest"})
            return Timeline[Hit](**fields, first=first, latest=latest)

        return self._run(run)
