"""Which statements a query matches, how many, and in what order.

A statement matches when every word and "phrase" of the query (or, for the loose retry, any
of them) is found in its own words, about its speaker (name, aliases, role, organisation) or
in the title of an article that reported it. Matches come in tiers, and by BM25 within one:

1. every clause found in the statement's own words;
2. every clause found in its words or about its speaker ("Kirby military");
3. the rest: some clause only in an article's title.

So a word in a headline never lifts the statements that do not say it above those that do.
Within a tier a reporter's paraphrase (kind "indirect") scores 0.9 of its BM25 (KIND_WEIGHTS),
so at equal relevance the speaker's own words come first.

Matching and counting use sets of docnums, intersected in C: per term, the postings' docnums
and frequencies are read a block at a time, once per searcher, and kept in a cache bounded by
postings (search_index.index.postings). The total is therefore exact and cheap, and each tier is
scored from those frequencies (the same BM25 as Whoosh's, about a microsecond a document).
Whoosh's own top-N collector was slower even with its block-max skipping: on a word in 8,000
statements it skipped little and spent ~10 us a document (measured: 70 ms against 8 ms).
Phrases check positions only on the documents that hold all of their words and match the
rest of the query.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from search_index.index.postings import PostingCache
from search_index.index.schema import ABOUT_FIELD, SEARCHED_FIELDS, TEXT_FIELD, TITLES_FIELD
from search_index.search.querying import ParsedQuery

# How much a match in each field adds to a statement's score within its tier.
FIELD_WEIGHTS = {TEXT_FIELD: 1.0, ABOUT_FIELD: 0.5, TITLES_FIELD: 0.25}
# How much a statement's score counts by its kind: the reporter's paraphrase a little less than
# the speaker's own words, so at equal (or all but equal) relevance exact words come first.
KIND_WEIGHTS = {"direct": 1.0, "partial": 1.0, "indirect": 0.9}
KIND_FIELD = "kind"
# The fields each tier may match in, best tier first.
TIERS: tuple[tuple[str, ...], ...] = ((TEXT_FIELD,), (TEXT_FIELD, ABOUT_FIELD), SEARCHED_FIELDS)


@dataclass(frozen=True)
class Clause:
    """One query word (a single stem) or phrase (two or more stems, in order)."""

    stems: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.stems) > 1


@dataclass
class Ranking:
    """One page of ranked docnums with their scores, and how many statements matched."""

    hits: list[tuple[int, float]] = field(default_factory=list)
    total: int = 0


def clauses_of(parsed: ParsedQuery) -> list[Clause]:
    found = [Clause((stem,)) for stem in parsed.words]
    found.extend(Clause(tuple(stems)) for stems in parsed.phrases)
    return found


class _Matches:
    """Per clause and field, the docnums where the clause is found (within `candidates`)."""

    def __init__(self, cache: PostingCache, clauses: list[Clause], allowed: set[int] | None,
                 conjunction: bool) -> None:
        self.cache = cache
        self.clauses = clauses
        self.by_field: list[dict[str, frozenset[int] | set[int]]] = []
        words = [c for c in clauses if not c.is_phrase]
        phrases = [c for c in clauses if c.is_phrase]
        matched: set[int] | None = set(allowed) if allowed is not None else None
        # Rarest words first (by the term index's counts, before reading any postings): later
        # intersections start from small sets, and a word found nowhere ends the work.
        reader = cache.reader
        words.sort(key=lambda c: sum(reader.doc_frequency(f, c.stems[0]) for f in SEARCHED_FIELDS))
        for clause in words:
            if conjunction and matched is not None and not matched:
                break
            sets = {f: cache.docs(f, clause.stems[0]) for f in SEARCHED_FIELDS}
            self.by_field.append(sets)
            matched = self._combine(matched, sets.values(), conjunction)
        for clause in phrases:
            if conjunction and matched is not None and not matched:
                break
            within = matched if conjunction else allowed
            sets = {f: self._phrase_docs(f, clause.stems, within) for f in SEARCHED_FIELDS}
            self.by_field.append(sets)
            matched = self._combine(matched, sets.values(), conjunction)
        self.clauses = words + phrases
        self.matched: set[int] = matched or set()
        if allowed is not None and not conjunction:
            self.matched &= allowed

    @staticmethod
    def _combine(matched: set[int] | None, sets: Iterable[frozenset[int] | set[int]],
                 conjunction: bool) -> set[int]:
        if matched is None:
            return set().union(*sets)
        if conjunction:  # each & walks the smaller side: no union of long posting sets
            return set().union(*(matched & found for found in sets))
        return matched.union(*sets)

    def _phrase_docs(self, name: str, stems: tuple[str, ...], within: set[int] | None
                     ) -> set[int]:
        """Documents whose field `name` holds the stems in a row: positions are read only for
        documents that hold every stem (and, given `within`, match the rest of the query)."""
        if name == TEXT_FIELD:  # read with positions in one pass: they will be needed
            for stem in stems:
                self.cache.positions(name, stem)
        candidates = set(within) if within is not None else None
        for stem in sorted(set(stems), key=lambda s: len(self.cache.docs(name, s))):
            docs = self.cache.docs(name, stem)
            candidates = set(docs) if candidates is None else candidates & docs
            if not candidates:
                return set()
        return self.cache.phrase_docs(name, stems, sorted(candidates or ()))

    def tier_sets(self, conjunction: bool) -> Iterator[set[int]]:
        """The matched docnums split into the tiers, best first (disjoint), each computed
        only when asked for (a page inside the first tier never splits the rest)."""
        taken: set[int] = set()
        for fields in TIERS:
            if fields == SEARCHED_FIELDS:
                yield self.matched - taken
                return
            rest = self.matched - taken
            found: set[int] | None = None
            for sets in self.by_field:
                in_fields = set().union(*(rest & sets[f] for f in fields))
                if conjunction:
                    found = in_fields if found is None else found & in_fields
                else:
                    found = in_fields if found is None else found | in_fields
            tier = found or set()
            taken |= tier
            yield tier


def rank(cache: PostingCache, parsed: ParsedQuery, allowed: set[int] | None, start: int,
         stop: int, conjunction: bool = True) -> Ranking:
    """Docnums ranked start..stop (0-based, stop excluded) and the exact number of matches."""
    clauses = clauses_of(parsed)
    if not clauses:
        return Ranking()
    matches = _Matches(cache, clauses, allowed, conjunction)
    ranking = Ranking(total=len(matches.matched))
    if not matches.matched or start >= ranking.total:
        return ranking
    offset = 0
    for fields, tier in zip(TIERS, matches.tier_sets(conjunction), strict=False):
        if tier and offset + len(tier) > start:
            wanted = min(len(tier), stop - offset)
            ranked = _rank_tier(cache, matches, fields, tier, wanted)
            first = max(0, start - offset)
            ranking.hits.extend(ranked[first:wanted])
        offset += len(tier)
        if offset >= stop:
            break
    return ranking


def matching_docs(cache: PostingCache, parsed: ParsedQuery, allowed: set[int] | None,
                  conjunction: bool = True) -> set[int]:
    """Every docnum the query matches (any tier)."""
    clauses = clauses_of(parsed)
    if not clauses:
        return set()
    return _Matches(cache, clauses, allowed, conjunction).matched


def _rank_tier(cache: PostingCache, matches: _Matches, fields: tuple[str, ...],
               tier: set[int], wanted: int) -> list[tuple[int, float]]:
    """The best `wanted` docnums of one tier with their scores (weighted by kind), best first;
    equal scores in docnum order (the order statements were indexed)."""
    terms = [(name, stem, FIELD_WEIGHTS[name])
             for name in fields for clause in matches.clauses for stem in clause.stems]
    scored = kind_weighted(cache, cache.scores(tier, terms))
    best = heapq.nlargest(wanted, scored, key=lambda pair: (pair[0], -pair[1]))
    return [(docnum, score) for score, docnum in best]


def kind_weighted(cache: PostingCache, scored: list[tuple[float, int]]
                  ) -> list[tuple[float, int]]:
    """Each (score, docnum) with the score weighted by the statement's kind (KIND_WEIGHTS)."""
    weight = KIND_WEIGHTS["indirect"]
    paraphrases = cache.docs(KIND_FIELD, "indirect")
    if not paraphrases:
        return scored
    return [(score * weight if docnum in paraphrases else score, docnum)
            for score, docnum in scored]
