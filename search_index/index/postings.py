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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from search_index.index.whoosh_internals import segment_length_bytes, term_postings

# About 160 bytes a posting held (dict and set entries, or encoded positions; measured with
# benchmarks/memory_bench.py). 1,000,000 filled up in a few hundred queries and took a warm
# 100k-statement process from 73 to 234 MB; 300,000 keeps it near 120 MB. What the cache
# saves is repeats: every query is also answered from disk within its budget (the honest
# benchmark clears it before each one).
CACHE_POSTINGS = 300_000
BM25_B = 0.75  # Whoosh's BM25F defaults, so scores match its own collector's
BM25_K1 = 1.2


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
        self._positions: OrderedDict[tuple[str, str, str], dict[int, bytes]] = OrderedDict()
        self._average_length: dict[str, float] = {}
        self._length_bytes: dict[str, bytes] = {}
        self.hits = 0  # term reads answered from the cache (the benchmark reports the rate)
        self.misses = 0

    def clear(self) -> None:
        """Forget every cached posting list (the benchmark times uncached queries)."""
        self._entries.clear()
        self._positions.clear()
        self.held = 0

    def entry(self, name: str, stem: str) -> TermPostings:
        key = (name, stem)
        found = self._entries.get(key)
        if found is not None:
            self.hits += 1
            self._entries.move_to_end(key)
            return found
        self.misses += 1
        frequencies, _ = self._read(name, stem)
        return self._keep(name, stem, frequencies)

    def _keep(self, name: str, stem: str, frequencies: dict[int, float]) -> TermPostings:
        found = TermPostings(frequencies, frozenset(frequencies), self.searcher.idf(name, stem))
        self._entries[(name, stem)] = found
        self.held += len(frequencies)
        self._trim()
        return found

    def _trim(self) -> None:
        """Drop the least recently used terms (positions first) while over budget."""
        while self.held > self.budget and self._positions:
            _, dropped = self._positions.popitem(last=False)
            self.held -= len(dropped)
        while self.held > self.budget and len(self._entries) > 1:
            _, entry = self._entries.popitem(last=False)
            self.held -= len(entry.frequencies)

    def docs(self, name: str, stem: str) -> frozenset[int]:
        return self.entry(name, stem).docs

    def frequencies(self, name: str, stem: str) -> dict[int, float]:
        return self.entry(name, stem).frequencies

    def scores(self, docnums: Iterable[int], terms: Sequence[tuple[str, str, float]]
               ) -> list[tuple[float, int]]:
        """(score, docnum) for each docnum: the sum over (field, stem, weight) of weight times
        the stem's BM25 in the field, computed as Whoosh's BM25F does (same length bytes)."""
        prepared = []
        for name, stem, weight in terms:
            entry = self.entry(name, stem)
            if not entry.frequencies:
                continue
            average = self._average_length.get(name)
            if average is None:
                average = self._average_length[name] = self.searcher.avg_field_length(name) or 1.0
            prepared.append((
                entry.frequencies, weight * entry.idf * (BM25_K1 + 1), self.length_bytes(name),
                BM25_K1 * (1 - BM25_B), BM25_K1 * BM25_B / average,
            ))
        scored = []
        for docnum in docnums:
            total = 0.0
            for frequencies, factor, lengths, fixed, per_length in prepared:
                frequency = frequencies.get(docnum)
                if frequency:
                    length = byte_to_length(lengths[docnum]) or 1
                    total += factor * frequency / (frequency + fixed + per_length * length)
            scored.append((total, docnum))
        return scored

    def length_bytes(self, name: str) -> bytes:
        """Every document's field length byte (Whoosh's own quantised length), by docnum."""
        found = self._length_bytes.get(name)
        if found is None:
            parts = [segment_length_bytes(leaf, name) for leaf, _ in self.reader.leaf_readers()]
            found = self._length_bytes[name] = b"".join(parts)
        return found

    def phrase_docs(self, name: str, stems: Sequence[str], candidates: Iterable[int]
                    ) -> set[int]:
        """The candidates whose field holds the stems in a row. Positions are read per term
        once per searcher (like frequencies) and decoded only for the candidates."""
        decode = self.searcher.schema[name].format.decoder("positions")
        encoded = [self.positions(name, stem) for stem in stems]
        return {
            docnum for docnum in candidates
            if all(docnum in positions for positions in encoded)
            and _in_a_row([decode(positions[docnum]) for positions in encoded])
        }

    def positions(self, name: str, stem: str) -> dict[int, bytes]:
        """docnum -> the term's encoded positions in the field (decoded by the caller)."""
        key = (name, stem, "positions")
        found = self._positions.get(key)
        if found is not None:
            self.hits += 1
            self._positions.move_to_end(key)
            return found
        self.misses += 1
        # One pass gives both: a phrase's words need their frequencies too (to score).
        frequencies, found = self._read(name, stem, with_positions=True)
        self._positions[key] = found
        self.held += len(found)
        if (name, stem) not in self._entries:
            self._keep(name, stem, frequencies)
        self._trim()
        return found

    def _read(self, name: str, stem: str, with_positions: bool = False
              ) -> tuple[dict[int, float], dict[int, bytes]]:
        """docnum -> frequency, and (when asked) docnum -> encoded positions, of every live
        posting of the term."""
        frequencies: dict[int, float] = {}
        positions: dict[int, bytes] = {}
        for leaf, offset in self.reader.leaf_readers():
            docnums, weights, values, deleted = term_postings(leaf, name, stem, with_positions)
            if offset:
                docnums = [docnum + offset for docnum in docnums]
            frequencies.update(zip(docnums, weights, strict=True))
            if with_positions:
                positions.update(zip(docnums, values, strict=True))
            for docnum in deleted:
                frequencies.pop(docnum + offset, None)
                positions.pop(docnum + offset, None)
        return frequencies, positions


def live_postings(reader: IndexReader, name: str, term: str) -> np.ndarray:
    """The docnums (ascending, deleted ones left out) of every document holding the term."""
    parts = []
    for leaf, offset in reader.leaf_readers():
        docnums, _, _, deleted = term_postings(leaf, name, term, with_weights=False)
        if deleted:
            docnums = [docnum for docnum in docnums if docnum not in deleted]
        parts.append(np.asarray(docnums, dtype=np.int64) + offset)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _in_a_row(positions: list[list[int]]) -> bool:
    """True when some position p of the first stem has p+1 for the second, p+2 for the
    third, and so on."""
    later = [set(found) for found in positions[1:]]
    return any(all(start + i in found for i, found in enumerate(later, start=1))
               for start in positions[0])
