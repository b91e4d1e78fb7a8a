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

Matching and counting work on arrays of docnums (search_index.index.postings): each term's
postings are slices of the compact posting files, intersected by binary search (rarest word
first), so the total is exact and cheap, and each tier is scored from the same arrays with
Whoosh's BM25 computed for all its documents at once. Phrases check positions only on the
documents that hold all of their words and match the rest of the query.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from search_index.index.postings import Postings, intersect, isin_sorted, union
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


def as_docnums(docnums: Iterable[int] | np.ndarray | None) -> np.ndarray | None:
    """Docnums as an ascending int64 array (None stays None: no filter)."""
    if docnums is None:
        return None
    if isinstance(docnums, np.ndarray):
        return np.unique(docnums.astype(np.int64, copy=False))
    found = docnums if isinstance(docnums, (set, frozenset, list)) else list(docnums)
    return np.unique(np.fromiter(found, dtype=np.int64, count=len(found)))


class _Matches:
    """Per clause and field, the docnums where the clause is found (within `allowed`)."""

    def __init__(self, postings: Postings, clauses: list[Clause], allowed: np.ndarray | None,
                 conjunction: bool) -> None:
        self.postings = postings
        self.by_field: list[dict[str, np.ndarray]] = []
        words = [c for c in clauses if not c.is_phrase]
        phrases = [c for c in clauses if c.is_phrase]
        matched = allowed
        # Rarest words first (by the posting counts, before reading any postings): later
        # intersections start from small arrays, and a word found nowhere ends the work.
        words.sort(key=lambda c: sum(postings.count(f, c.stems[0]) for f in SEARCHED_FIELDS))
        for clause in words:
            if conjunction and matched is not None and not len(matched):
                break
            found = {f: postings.docs(f, clause.stems[0]) for f in SEARCHED_FIELDS}
            self.by_field.append(found)
            matched = self._combine(matched, found.values(), conjunction)
        for clause in phrases:
            if conjunction and matched is not None and not len(matched):
                break
            within = matched if conjunction else allowed
            found = {f: self._phrase_docs(f, clause.stems, within) for f in SEARCHED_FIELDS}
            self.by_field.append(found)
            matched = self._combine(matched, found.values(), conjunction)
        self.clauses = words + phrases
        self.matched: np.ndarray = matched if matched is not None else union([])
        if allowed is not None and not conjunction:
            self.matched = intersect(self.matched, allowed)

    @staticmethod
    def _combine(matched: np.ndarray | None, arrays: Iterable[np.ndarray],
                 conjunction: bool) -> np.ndarray:
        arrays = list(arrays)
        if matched is None:
            return union(arrays)
        if conjunction:  # keep what is found in any field: a binary search of each kept
            keep = np.zeros(len(matched), dtype=bool)
            for found in arrays:
                keep |= isin_sorted(matched, found)
            return matched[keep]
        return union([matched, *arrays])

    def _phrase_docs(self, name: str, stems: tuple[str, ...], within: np.ndarray | None
                     ) -> np.ndarray:
        """Documents whose field `name` holds the stems in a row: positions are read only for
        documents that hold every stem (and, given `within`, match the rest of the query)."""
        candidates = within
        for stem in sorted(set(stems), key=lambda s: self.postings.count(name, s)):
            docs = self.postings.docs(name, stem)
            candidates = docs if candidates is None else intersect(candidates, docs)
            if not len(candidates):
                return candidates
        if candidates is None:
            return union([])
        return self.postings.phrase_docs(name, stems, candidates)

    def in_fields(self, fields: tuple[str, ...], conjunction: bool) -> np.ndarray:
        """A mask over `matched`: the documents where every clause (or, without conjunction,
        some clause) is found in one of `fields`."""
        found: np.ndarray | None = None
        for arrays in self.by_field:
            here = np.zeros(len(self.matched), dtype=bool)
            for name in fields:
                here |= isin_sorted(self.matched, arrays[name])
            if found is not None:
                here = found & here if conjunction else found | here
            found = here
        return found if found is not None else np.zeros(len(self.matched), dtype=bool)

    def tier_sets(self, conjunction: bool) -> Iterator[np.ndarray]:
        """The matched docnums split into the tiers, best first (disjoint), each computed
        only when asked for (a page inside the first tier never splits the rest)."""
        taken = np.zeros(len(self.matched), dtype=bool)
        for fields in TIERS:
            if fields == SEARCHED_FIELDS:
                yield self.matched[~taken]
                return
            tier = self.in_fields(fields, conjunction) & ~taken
            taken |= tier
            yield self.matched[tier]


def rank(postings: Postings, parsed: ParsedQuery,
         allowed: Iterable[int] | np.ndarray | None, start: int, stop: int,
         conjunction: bool = True) -> Ranking:
    """Docnums ranked start..stop (0-based, stop excluded) and the exact number of matches."""
    clauses = clauses_of(parsed)
    if not clauses:
        return Ranking()
    matches = _Matches(postings, clauses, as_docnums(allowed), conjunction)
    ranking = Ranking(total=len(matches.matched))
    if not ranking.total or start >= ranking.total:
        return ranking
    offset = 0
    for fields, tier in zip(TIERS, matches.tier_sets(conjunction), strict=False):
        if len(tier) and offset + len(tier) > start:
            wanted = min(len(tier), stop - offset)
            ranked = _rank_tier(postings, matches, fields, tier, wanted)
            first = max(0, start - offset)
            ranking.hits.extend(ranked[first:wanted])
        offset += len(tier)
        if offset >= stop:
            break
    return ranking


def matching_docs(postings: Postings, parsed: ParsedQuery,
                  allowed: Iterable[int] | np.ndarray | None,
                  conjunction: bool = True) -> set[int]:
    """Every docnum the query matches (any tier)."""
    return set(matching_array(postings, parsed, allowed, conjunction).tolist())


def matching_array(postings: Postings, parsed: ParsedQuery,
                   allowed: Iterable[int] | np.ndarray | None,
                   conjunction: bool = True) -> np.ndarray:
    """Every docnum the query matches (any tier), ascending."""
    clauses = clauses_of(parsed)
    if not clauses:
        return union([])
    return _Matches(postings, clauses, as_docnums(allowed), conjunction).matched


def best(docnums: np.ndarray, scores: np.ndarray, wanted: int) -> list[tuple[int, float]]:
    """The `wanted` highest scores, best first; equal scores in docnum order."""
    if wanted <= 0 or not len(docnums):
        return []
    if wanted < len(scores):  # only what can reach the top: scores at or above the k-th
        threshold = np.partition(scores, len(scores) - wanted)[len(scores) - wanted]
        keep = scores >= threshold
        docnums, scores = docnums[keep], scores[keep]
    order = np.lexsort((docnums, -scores))[:wanted]
    return list(zip(docnums[order].tolist(), scores[order].tolist(), strict=True))


def _rank_tier(postings: Postings, matches: _Matches, fields: tuple[str, ...],
               tier: np.ndarray, wanted: int) -> list[tuple[int, float]]:
    """The best `wanted` docnums of one tier with their scores (weighted by kind), best first;
    equal scores in docnum order (the order statements were indexed)."""
    terms = [(name, stem, FIELD_WEIGHTS[name])
             for name in fields for clause in matches.clauses for stem in clause.stems]
    scores = kind_weighted(postings, tier, postings.scores(tier, terms))
    return best(tier, scores, wanted)


def kind_weighted(postings: Postings, docnums: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """The scores weighted by each statement's kind (KIND_WEIGHTS)."""
    paraphrases = postings.docs(KIND_FIELD, "indirect")
    if not len(paraphrases):
        return scores
    weighted = scores.copy()
    indirect = isin_sorted(docnums, paraphrases)
    weighted[indirect] = scores[indirect] * KIND_WEIGHTS["indirect"]
    return weighted


def whoosh_ranked(postings: Postings, parsed: ParsedQuery, limit: int,
                  conjunction: bool = True) -> list[tuple[int, float]]:
    """The `limit` best matches of the query in any searched field, ranked as Whoosh's own
    collector ranks `build_query(parsed, conjunction)` (BM25F with every field weighted 1: a
    clause adds, for each field it is found in, its stems' BM25 there; equal scores in docnum
    order), from the posting arrays instead of Whoosh's matchers, which walked every posting
    in Python (/whosaid: p50 190 ms at 100k statements)."""
    clauses = clauses_of(parsed)
    if not clauses:
        return []
    matches = _Matches(postings, clauses, None, conjunction)
    matched = matches.matched
    if not len(matched):
        return []
    totals = np.zeros(len(matched), dtype=np.float64)
    for clause, fields in zip(matches.clauses, matches.by_field, strict=False):
        for name in SEARCHED_FIELDS:
            found = isin_sorted(matched, fields[name])
            if not found.any():
                continue
            terms = [(name, stem, 1.0) for stem in clause.stems]
            totals[found] += postings.scores(matched[found], terms)
    return best(matched, totals, limit)
