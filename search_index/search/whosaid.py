"""Reverse lookup: which statements hold a phrase someone half-remembers, and who said them.

A statement matches in one of three ways, best first: it holds the exact words (compared
without case or punctuation: "major non-NATO ally" finds "a major non-NATO ally,"); it holds
every word in some form ("allies", "majors"); or it holds most of the words. The index finds
candidates; this module decides how each one matches, reading the statement's own words only
(the index's search field also holds speaker names and article titles, which must not count).

Statements with the same words are one group, however many people said them: the group lists
each speaker (one Hit each, with every article that reported it), earliest first. Quotes and
a reporter's paraphrase are never one group: which one a group is decides how it is named.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from datetime import date
from typing import Protocol, TypeVar

from search_index.index.schema import normalise_quote, stem_set
from search_index.models import Hit, SaidGroup, WhoSaidMatch, WhoSaidResult
from search_index.search.querying import MAX_PHRASE_WORDS, analyse

MATCH_ORDER: dict[WhoSaidMatch, int] = {"phrase": 0, "all-words": 1, "most-words": 2}
_QUOTE_MARKS = re.compile(r"[\"“”„«»]")


class Phrase:
    """A phrase as typed, ready to compare with statements."""

    def __init__(self, text: str) -> None:
        self.text = " ".join(_QUOTE_MARKS.sub(" ", text or "").split())
        self.normalised = normalise_quote(self.text)
        self.stems = analyse(self.text)[:MAX_PHRASE_WORDS]  # in order, for a phrase query
        self.distinct = list(dict.fromkeys(self.stems))  # what "every word" counts

    @property
    def empty(self) -> bool:
        return not self.distinct

    @property
    def most(self) -> int:
        """How many distinct words "most of the words" takes: more than half."""
        return len(self.distinct) // 2 + 1

    def classify(self, statement_text: str) -> tuple[WhoSaidMatch, int] | None:
        """How the statement's words match the phrase, and how many of its words they hold;
        None when they hold too few."""
        if not self.distinct:
            return None
        return self.classify_words(normalise_quote(statement_text), stem_set(statement_text))

    def classify_words(self, normalised: str, held: Collection[str]
                       ) -> tuple[WhoSaidMatch, int] | None:
        """classify() of a statement already analysed: its normalise_quote and its stem_set
        (what the index's statement files hold)."""
        if not self.distinct:
            return None
        if self.normalised and f" {self.normalised} " in f" {normalised} ":
            return "phrase", len(self.distinct)
        matched = sum(1 for stem in self.distinct if stem in held)
        if matched == len(self.distinct):
            return "all-words", matched
        if matched >= self.most:
            return "most-words", matched
        return None


def said_on(hit: Found) -> date | None:
    """When the words were said: None for an undated statement, which sorts after the dated
    ones rather than under its article's date."""
    return hit.statement.date


class Said(Protocol):
    """What grouping reads of a statement: a Statement, or the few fields of one."""

    id: str
    text: str
    kind: str
    speaker: str
    date: date | None


class Found(Protocol):
    """A candidate: a Hit, or a stand-in holding its statement's fields."""

    @property
    def statement(self) -> Said: ...


F = TypeVar("F", bound=Found)


def ordered_groups(matches: Sequence[tuple[F, WhoSaidMatch, int]],
                   key_of: Callable[[F], tuple[str, bool]] | None = None,
                   ) -> list[tuple[WhoSaidMatch, int, list[F]]]:
    """Statements with the same words grouped; best match first, then the earliest said.
    Each group is (how it matches, words matched, its statements earliest first).

    `matches` come in the index's ranking, which breaks the remaining ties. `key_of` is
    group_key, or the same key read from words already normalised.
    """
    key_of = key_of or group_key
    groups: dict[tuple[str, bool], tuple[WhoSaidMatch, int, list[F]]] = {}
    rank: dict[tuple[str, bool], int] = {}
    for position, (hit, match, matched) in enumerate(matches):
        key = key_of(hit)
        group = groups.get(key)
        if group is None:
            groups[key] = (match, matched, [hit])
            rank[key] = position
        elif all(h.statement.id != hit.statement.id for h in group[2]):
            group[2].append(hit)
    for _, _, hits in groups.values():
        hits.sort(key=lambda h: (said_on(h) or date.max, h.statement.speaker))

    def order(key: tuple[str, bool]) -> tuple[int, int, bool, date, int]:
        match, matched, hits = groups[key]
        first = said_on(hits[0]) or date.max
        # the speakers' own words before the reporters' paraphrase of the same words
        return MATCH_ORDER[match], -matched, key[1], first, rank[key]

    return [groups[key] for key in sorted(groups, key=order)]


def group_hits(matches: Sequence[tuple[Hit, WhoSaidMatch, int]]) -> list[SaidGroup]:
    """Group statements with the same words; best match first, then the earliest said.

    `matches` come in the index's ranking, which breaks the remaining ties.
    """
    return [SaidGroup(match=match, words_matched=matched, hits=hits)
            for match, matched, hits in ordered_groups(matches)]


def build_result(
    phrase: Phrase, matches: Sequence[tuple[Hit, WhoSaidMatch, int]], limit: int
) -> WhoSaidResult:
    groups = group_hits(matches)
    return WhoSaidResult(phrase=phrase.text, groups=groups[:limit], total=len(groups))


def group_key(hit: Found) -> tuple[str, bool]:
    """Statements are one group when they have the same words and are all quotes or all the
    reporters' paraphrase, so a group is either words someone said or words written of them."""
    return normalise_quote(hit.statement.text), hit.statement.kind == "indirect"


def group_count(matches: Sequence[tuple[F, WhoSaidMatch, int]],
                key_of: Callable[[F], tuple[str, bool]] | None = None) -> int:
    key_of = key_of or group_key
    return len({key_of(hit) for hit, _, _ in matches})
