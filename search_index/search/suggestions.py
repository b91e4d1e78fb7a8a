"""Forgiving lookups: speakers as people type them, and did-you-mean for words not indexed.

Speakers match by exact name or alias, then by prefix (bisection over the view's sorted folded
names), then fuzzily (rapidfuzz WRatio); unknown words are replaced by the closest indexed word
(fewest edits, then the most used).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import Levenshtein

from search_index.index.opening import fold
from search_index.index.schema import SEARCHED_FIELDS
from search_index.models import Speaker
from search_index.search.querying import ParsedQuery, analyse
from search_index.search.searcher import View

SPEAKER_MATCH_CUTOFF = 72  # rapidfuzz WRatio, 0-100: "miler" ~ "Miller" scores 91


def resolve(view: View, name: str) -> Speaker | None:
    matches = match_speakers(view, name, 1)
    return matches[0] if matches else None

def match_speakers(view: View, text: str, limit: int) -> list[Speaker]:
    """Exact name or alias, then names starting with the text, then fuzzy matches;
    within each, more statements first."""
    key = fold(" ".join((text or "").split()))[:100]
    # ranked by the directory's counts: a Speaker is built only for the names returned
    statements = view.directory.statements
    if not key:
        ranked = sorted(view.directory, key=lambda n: (-statements(n), n))
        return [view.directory[name] for name in ranked[:limit]]
    chosen: dict[str, Speaker] = {}

    def take(names: Iterable[str]) -> None:
        for name in sorted(set(names), key=lambda n: (-statements(n), n)):
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
    take(name for name in exact if fold(name) == key)
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


def suggest(view: View, parsed: ParsedQuery) -> str | None:
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
