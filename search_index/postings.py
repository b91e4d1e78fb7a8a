"""Term postings read once per searcher and kept as Python sets and dicts.

Whoosh walks posting lists one document at a time in Python, which made counting the matches
of a query (and intersecting two words) cost more than ranking them. Here a term's postings
are read a block at a time into {docnum: frequency} and a frozenset of docnums, so that
matching, counting and filtering are set operations done in C. Entries are kept in an LRU
cache bounded by the number of postings it holds; a searcher's cache dies with it (segments
never change, so nothing in it can go stale).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.scoring import bm25
from whoosh.searching import Searcher

# About 100 bytes a posting in the dict and the set: ~200 MB at most, far less in practice
# (the bot's queries repeat the same few thousand words).
CACHE_POSTINGS = 2_000_000
BM25_B = 0.75  # Whoosh's BM25F defaults, so scores match its own collector's
BM25_K1 = 1.2

_EMPTY: frozenset[int] = frozenset()


@dataclass(frozen=True)
class TermPostings:
    frequencies: dict[int, float]  # docnum -> occurrences in the field
    docs: frozenset[int]
    idf: float


class PostingCache:
    def __init__(self, searcher: Searcher, budget: int = CACHE_POSTINGS) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.budget = budget
        self.held = 0
        self._entries: OrderedDict[tuple[str, str], TermPostings] = OrderedDict()
        self._average_length: dict[str, float] = {}
        self._lengths: dict[str, dict[int, int]] = {}

    def entry(self, name: str, stem: str) -> TermPostings:
        key = (name, stem)
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
            return found
        frequencies = self._read(name, stem)
        found = TermPostings(
            frequencies, frozenset(frequencies), self.searcher.idf(name, stem)
        )
        self._entries[key] = found
        self.held += len(frequencies)
        while self.held > self.budget and len(self._entries) > 1:
            _, dropped = self._entries.popitem(last=False)
            self.held -= len(dropped.frequencies)
        return found

    def docs(self, name: str, stem: str) -> frozenset[int]:
        return self.entry(name, stem).docs

    def frequencies(self, name: str, stem: str) -> dict[int, float]:
        return self.entry(name, stem).frequencies

    def bm25(self, name: str, stem: str, frequency: float, docnum: int) -> float:
        average = self._average_length.get(name)
        if average is None:
            average = self.searcher.avg_field_length(name) or 1.0
            self._average_length[name] = average
        lengths = self._lengths.setdefault(name, {})
        length = lengths.get(docnum)
        if length is None:
            length = lengths[docnum] = self.reader.doc_field_length(docnum, name, 1)
        return bm25(self.entry(name, stem).idf, frequency, length, average, BM25_B, BM25_K1)

    def phrase_docs(self, name: str, stems: Sequence[str], candidates: Sequence[int]
                    ) -> set[int]:
        """The candidates (ascending docnums) whose field holds the stems in a row."""
        if not candidates:
            return set()
        matchers = []
        for stem in stems:
            try:
                matchers.append(self.reader.postings(name, stem))
            except TermNotFound:
                return set()
        found: set[int] = set()
        for docnum in candidates:
            positions: list[set[int]] = []
            for matcher in matchers:
                if not matcher.is_active():
                    return found
                matcher.skip_to(docnum)
                if not matcher.is_active() or matcher.id() != docnum:
                    break
                positions.append(set(matcher.value_as("positions")))
            else:
                if any(all(p + i in positions[i] for i in range(1, len(stems)))
                       for p in positions[0]):
                    found.add(docnum)
        return found

    def _read(self, name: str, stem: str) -> dict[int, float]:
        frequencies: dict[int, float] = {}
        for leaf, offset in self.reader.leaf_readers():
            try:
                matcher = leaf.postings(name, stem)
            except TermNotFound:
                continue
            deleted: frozenset[int] = _EMPTY
            if isinstance(matcher, FilterMatcher):  # a segment with deletions
                deleted = leaf.deleted_docs_set
                matcher = matcher.child
            for docnum, frequency in _postings(matcher):
                if docnum not in deleted:
                    frequencies[docnum + offset] = frequency
        return frequencies


def _postings(matcher: Matcher) -> list[tuple[int, float]]:
    """(docnum, weight) of every posting. Whoosh's own block matcher is read a block (up to
    128 postings) at a time through its private block readers (Whoosh 2.7.5 is pinned):
    one zip per block instead of three Python calls per posting."""
    if not isinstance(matcher, W3LeafMatcher):
        found = []
        while matcher.is_active():
            found.append((matcher.id(), matcher.weight()))
            matcher.next()
        return found
    pairs: list[tuple[int, float]] = []
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        pairs.extend(zip(matcher._ids, matcher._weights, strict=False))
        matcher._next_block()
    return pairs
