"""The search service shared by the bot and the console.

Every call is answered from the current view of the index (search_index.search.searcher:
the open searcher, what is built once per searcher, and when to open a newer one); speaker
lookups and did-you-mean are search_index.search.suggestions'.

Whoosh readers are not safe for concurrent use, so calls on the main searcher are serialised
by one lock; autocomplete and /latest without a topic run on a second searcher under a lock of
their own (the quick lane), so a slow search never makes them wait. The bot runs every call in
a worker thread.

Why over 400 lines: this is the one facade whose public methods are the interface the bot sees
(search_index.search.interface); each is a short composition of querying, ranking, whosaid,
timeline and suggestions, kept together so the locking around every read is in one place.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

import numpy as np
from whoosh.query import Or, Term

from search_index.errors import IndexUnavailable
from search_index.index.opening import fold
from search_index.index.postings import live_postings
from search_index.index.records import ArticleRecord, QuoteDocument
from search_index.index.schema import (
    DOCTYPE_ARTICLE,
    DOCTYPE_META,
    outlet_term,
)
from search_index.index.statement_store import SaidFields, said_fields
from search_index.models import (
    Hit,
    IndexStats,
    SaidGroup,
    SearchResult,
    SourceSummary,
    Speaker,
    TextRun,
)
from search_index.search import whosaid as reverse_lookup
from search_index.search.querying import (
    SEARCH_FIELD,
    ParsedQuery,
    analyse,
    highlight,
    parse_query,
    word_query,
)
from search_index.search.ranking import matching_array, matching_docs, rank, whoosh_ranked
from search_index.search.searcher import Searchers, View
from search_index.search.suggestions import match_speakers, resolve, suggest
from search_index.search.timeline import Timeline, timeline_of_days

MAX_PER_PAGE = 50
WHOSAID_CANDIDATES = 200  # per kind of match: the best-scored statements examined

T = TypeVar("T")
# Made once: pydantic builds the parametrised class again when nothing holds it.
HitTimeline = Timeline[Hit]


# What a read raises when the index files change under an open searcher.
_READ_FAULTS = (OSError, EOFError, ValueError, KeyError)


@dataclass(frozen=True)
class _Candidate:
    """A /whosaid candidate before it is shown: its Hit is built only if its group is."""

    docnum: int
    score: float
    statement: SaidFields


def _group_key(candidate: _Candidate) -> tuple[str, bool]:
    return candidate.statement.normalised, candidate.statement.kind == "indirect"


class SearchService:
    """Search over the statement index in index_dir (see the module docstring)."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self._lock = threading.RLock()  # the main lane: searches, /whosaid, /timeline, ...
        self._quick_lock = threading.Lock()  # the quick lane: autocomplete, /latest
        self._searchers = Searchers(self.index_dir, self._quick_lock)

    # -- the searcher ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Pick up a rebuilt index now rather than at the next periodic check."""
        with self._lock:
            self._searchers.refresh()

    def close(self) -> None:
        with self._lock:
            self._searchers.drop()

    def clear_caches(self) -> None:
        """Forget what earlier queries left behind (posting lists, per-speaker lists), so a
        benchmark times each query as if it were the first of its words."""
        with self._lock:
            view = self._searchers.view
            if view is not None:
                view.postings.clear()

    def cache_counts(self) -> tuple[int, int]:
        """(hits, misses) of the open searcher's posting cache."""
        with self._lock:
            view = self._searchers.view
            return (0, 0) if view is None else (view.postings.hits, view.postings.misses)

    def _run(self, call: Callable[[View], T]) -> T:
        with self._lock:
            view = self._searchers.current()
            try:
                return call(view)
            except IndexUnavailable:
                raise
            except _READ_FAULTS as error:
                # Files vanished under an open searcher (a --rebuild): reopen next time.
                self._searchers.drop()
                raise self._changed_while_reading() from error

    def _changed_while_reading(self) -> IndexUnavailable:
        return IndexUnavailable(
            f"the index in {self.index_dir} changed while reading it; try again"
        )

    def _run_quick(self, call: Callable[[View, bool], T]) -> T:
        """Run a quick call (autocomplete, /latest without a topic) on the view's second
        searcher under the quick lane's own lock: a slow search holding the main lock never
        makes it wait. Only opening or refreshing the view takes the main lock, and only
        when it is free (a busy main lane leaves the check for its next call). `call` gets
        the view and whether it runs on the quick lane (else on the main one, under its lock)."""
        if self._lock.acquire(blocking=False):
            try:
                view = self._searchers.current()
            finally:
                self._lock.release()
        else:
            found = self._searchers.view
            if found is None:
                return self._run(lambda view: call(view, False))
            view = found
        with self._quick_lock:
            if not view.closed:
                try:
                    return call(view, True)
                except IndexUnavailable:
                    raise
                except _READ_FAULTS as error:
                    raise self._changed_while_reading() from error
        # The view was swapped out meanwhile: ask the new one.
        return self._run(lambda view: call(view, False))

    # -- hits --------------------------------------------------------------------------------

    @staticmethod
    def _hit(view: View, docnum: int, score: float, terms: set[str], context: bool = False,
             phrases: list[list[str]] | None = None, quick: bool = False) -> Hit:
        fields = (view.quick if quick else view.searcher).stored_fields(docnum)
        doc = QuoteDocument.model_validate_json(fields["payload"])
        statement = doc.representative()
        marked = (highlight(statement.text, terms, phrases) if terms or phrases
                  else [TextRun(text=statement.text)] if statement.text else [])
        return Hit(
            statement=statement,
            score=float(score),
            sources=doc.sources(),
            highlight=marked,  # nothing to mark (/latest): no need to read the words
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

        def run(view: View) -> SearchResult:
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
                result.suggestion = suggest(view, parsed)
            return result

        return self._run(run)

    def _ranked(
        self,
        view: View,
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
        self, view: View, result: SearchResult, docnums: Iterable[int], terms: set[str]
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
        view: View,
        speaker: str | None,
        since: date | None,
        until: date | None,
        outlet: str | None,
        kind: str | Collection[str] | None,
    ) -> set[int] | None:
        """The statement docnums the filters allow, or None when there are no filters."""
        sets: list[set[int]] = []
        if speaker is not None and speaker.strip():
            found = resolve(view, speaker)
            if found is None:
                return set()
            sets.append(set(view.speaker_docs(found.name)))
        if outlet is not None and outlet.strip():
            reader = view.searcher.reader()
            sets.append(set(live_postings(reader, "outlet", outlet_term(outlet)).tolist()))
        kinds = [kind] if isinstance(kind, str) else list(kind or ())
        kinds = [name.strip().lower() for name in kinds if name.strip()]
        if kinds:
            sets.append(set().union(*(view.postings.docs("kind", name).tolist() for name in kinds)))
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

        def newest(view: View, quick: bool) -> SearchResult:
            result = SearchResult(query=topic or "", per_page=limit, page=page)
            found = resolve(view, speaker)
            if found is None:
                return result
            docs = view.speaker_docs(found.name, view.quick if quick else None)
            result.total = len(docs)
            result.hits = [self._hit(view, d, 0.0, set(), quick=quick)
                           for d in docs[start:start + limit]]
            return result

        def on_topic(view: View) -> SearchResult:
            result = SearchResult(query=topic or "", per_page=limit, page=page)
            found = resolve(view, speaker)
            if found is None:
                return result
            docs = view.speaker_docs(found.name)
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
                result.suggestion = suggest(view, parsed)
            return result

        if parsed.empty:
            return self._run_quick(newest)
        return self._run(on_topic)

    # -- speakers and outlets ----------------------------------------------------------------

    def speakers(self, prefix_or_name: str = "", limit: int = 25) -> list[Speaker]:
        limit = max(1, min(int(limit), 100))
        return self._run_quick(lambda view, _: match_speakers(view, prefix_or_name, limit))

    def resolve_speaker(self, name: str) -> Speaker | None:
        return self._run_quick(lambda view, _: resolve(view, name))

    def outlets(self, prefix: str = "", limit: int = 25) -> list[str]:
        key = fold(prefix or "")

        def run(view: View) -> list[str]:
            shown = view.opening.outlets
            names = sorted(shown.get(term, term) for term in self._live_outlets(view))
            starting = [n for n in names if fold(n).startswith(key)]
            inside = [n for n in names if key in fold(n) and n not in starting]
            return (starting + inside)[: max(1, limit)]

        return self._run(run)

    @staticmethod
    def _live_outlets(view: View) -> list[str]:
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
        return self._run(lambda view: suggest(view, parsed))

    # -- single statements -------------------------------------------------------------------

    def statement(self, statement_id: str) -> Hit | None:
        def run(view: View) -> Hit | None:
            docnum = self._docnum(view, statement_id)
            return None if docnum is None else self._hit(view, docnum, 0.0, set(), context=True)

        return self._run(run)

    @staticmethod
    def _docnum(view: View, statement_id: str) -> int | None:
        if not statement_id or "," in statement_id:
            return None
        docs = list(view.searcher.docs_for_query(Term("member_ids", statement_id.strip())))
        return docs[0] if docs else None

    def related(self, statement_id: str, limit: int = 5) -> list[Hit]:
        """More like this: the statement's most telling words (by tf-idf), any of them."""
        limit = max(1, min(int(limit), MAX_PER_PAGE))

        def run(view: View) -> list[Hit]:
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
        def run(view: View) -> list[SourceSummary]:
            summaries = []
            for fields in view.searcher.documents(doctype=DOCTYPE_ARTICLE):
                summaries.append(ArticleRecord.model_validate_json(fields["record"]).summary())
            summaries.sort(key=lambda s: (s.article_date or date.min, s.file), reverse=True)
            return summaries

        return self._run(run)

    def stats(self) -> IndexStats:
        def run(view: View) -> IndexStats:
            searcher = view.searcher
            articles = len(live_postings(searcher.reader(), "doctype", DOCTYPE_ARTICLE))
            meta = len(live_postings(searcher.reader(), "doctype", DOCTYPE_META))
            return IndexStats(
                articles=articles,
                statements=searcher.doc_count() - articles - meta,
                speakers=len(view.directory),
                outlets=len(self._live_outlets(view)),
                first=view.opening.first,
                last=view.opening.last,
            )

        return self._run(run)


    # -- who said it ---------------------------------------------------------------------------

    def whosaid(self, phrase: str, limit: int = 10) -> reverse_lookup.WhoSaidResult:
        """Statements holding `phrase`: the exact words first, then every word in some form,
        then most of the words; the same words from several speakers grouped, earliest first
        (see search_index.search.whosaid)."""
        limit = max(1, min(int(limit), MAX_PER_PAGE))
        wanted = reverse_lookup.Phrase(phrase)

        def run(view: View) -> reverse_lookup.WhoSaidResult:
            if wanted.empty:
                return reverse_lookup.WhoSaidResult(phrase=wanted.text)
            every_word = ParsedQuery(words=list(wanted.distinct))
            plans = [(every_word, True)]
            if len(wanted.stems) >= 2:
                plans.insert(0, (ParsedQuery(phrases=[list(wanted.stems)]), True))
            if len(wanted.distinct) >= 3:  # "most of the words" needs three or more
                plans.append((every_word, False))
            found: list[tuple[_Candidate, reverse_lookup.WhoSaidMatch, int]] = []
            seen: set[int] = set()
            for parsed, conjunction in plans:
                ranked = whoosh_ranked(view.postings, parsed, WHOSAID_CANDIDATES, conjunction)
                for docnum, score in ranked:
                    if docnum in seen:
                        continue
                    seen.add(docnum)
                    said = self._said(view, docnum)
                    how = wanted.classify_words(said.normalised, said.stems)
                    if how is not None:
                        found.append((_Candidate(docnum, score, said), *how))
                # each query finds only looser matches than the one before: stop when full
                if reverse_lookup.group_count(found, _group_key) >= limit:
                    break
            groups = reverse_lookup.ordered_groups(found, _group_key)
            terms = set(wanted.distinct)
            result = reverse_lookup.WhoSaidResult(
                phrase=wanted.text,
                groups=[
                    SaidGroup(match=match, words_matched=matched, hits=[
                        self._hit(view, c.docnum, c.score, terms) for c in candidates])
                    for match, matched, candidates in groups[:limit]
                ],
                total=len(groups),
            )
            if not result.groups:
                result.suggestion = suggest(view, parse_query(wanted.text))
            return result

        return self._run(run)

    @staticmethod
    def _said(view: View, docnum: int) -> SaidFields:
        """A candidate's statement from the index's statement files (its stored payload
        is read only for a Hit shown), or from the payload where the files lack it."""
        return view.statements().fields(docnum) or SearchService._said_of_payload(view, docnum)

    @staticmethod
    def _said_of_payload(view: View, docnum: int) -> SaidFields:
        return said_fields(view.searcher.stored_fields(docnum)["payload"])

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

        def run(view: View) -> Timeline[Hit]:
            chosen: np.ndarray | None = None
            if speaker is not None and speaker.strip():
                found = resolve(view, speaker)
                if found is None:
                    return HitTimeline(since=since, until=until)
                chosen = np.sort(np.asarray(view.speaker_docs(found.name), dtype=np.int64))
            if not parsed.empty:
                chosen = matching_array(view.postings, parsed, chosen)
            if chosen is None:
                chosen = np.sort(view.order.statements_by_day)
            counted = timeline_of_days(chosen, view.order.day_array[chosen], since, until)
            terms = parsed.terms()
            first = None if counted.first is None else self._hit(view, counted.first, 0.0, terms)
            latest = (
                None if counted.latest is None else self._hit(view, counted.latest, 0.0, terms)
            )
            # The fields as they are: validating Bucket instances again is an isinstance check,
            # where model_dump() and back rebuilt every bucket.
            fields = {name: getattr(counted, name) for name in Timeline.model_fields}
            return HitTimeline(**{**fields, "first": first, "latest": latest})

        return self._run(run)
