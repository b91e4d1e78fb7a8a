"""User text -> Whoosh queries, built by hand so no input can be a syntax error.

A query is words and "exact phrases". Everything else a user may type (operators, field:,
wildcards, emoji, control characters, a 2,000-character paste) is cut into words by the same
analyzer that indexed the text, so it is searched literally or dropped, never parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh.analysis.tokenizers import default_pattern
from whoosh.query import And, NullQuery, Or, Phrase, Query, Term

from search_index.index.schema import (
    SEARCHED_FIELDS,
    STOPLIST,
    TEXT_FIELD,
    cached_stem,
    text_analyzer,
)
from search_index.models import TextRun

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 16  # words plus phrases; a paste longer than this is cut
MAX_PHRASE_WORDS = 12
SEARCH_FIELD = TEXT_FIELD  # the statement's own words (did-you-mean, related statements)

_ANALYZER = text_analyzer()
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_PHRASE = re.compile(r'"([^"]*)"')


def analyse(text: str) -> list[str]:
    """The index terms of text: lower-cased, stop words out, stemmed."""
    return [token.text for token in _ANALYZER(text)]


@dataclass
class ParsedQuery:
    words: list[str] = field(default_factory=list)  # stems
    phrases: list[list[str]] = field(default_factory=list)  # stems, each at least two
    raw_words: list[str] = field(default_factory=list)  # as typed (for did-you-mean)

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases

    def terms(self) -> set[str]:
        found = set(self.words)
        for phrase in self.phrases:
            found.update(phrase)
        return found


def parse_query(text: str) -> ParsedQuery:
    cleaned = _CONTROL.sub(" ", text or "")[:MAX_QUERY_CHARS].translate(_QUOTES)
    parsed = ParsedQuery()
    clauses = 0

    def add_words(chunk: str) -> None:
        nonlocal clauses
        for token in _ANALYZER(chunk, removestops=True):
            if clauses >= MAX_CLAUSES:
                return
            if token.text not in parsed.words:
                parsed.words.append(token.text)
                clauses += 1
        parsed.raw_words.extend(re.findall(r"\w+", chunk))

    position = 0
    for match in _PHRASE.finditer(cleaned):
        add_words(cleaned[position : match.start()])
        position = match.end()
        stems = analyse(match.group(1))[:MAX_PHRASE_WORDS]
        parsed.raw_words.extend(re.findall(r"\w+", match.group(1)))
        if len(stems) >= 2 and clauses < MAX_CLAUSES:
            parsed.phrases.append(stems)
            clauses += 1
        elif stems:
            add_words(match.group(1))
    # An unbalanced quote: the rest is plain words.
    add_words(cleaned[position:].replace('"', " "))
    return parsed


def word_query(stem: str, fields: tuple[str, ...] = (TEXT_FIELD,)) -> Query:
    terms = [Term(name, stem) for name in fields]
    return terms[0] if len(terms) == 1 else Or(terms)


def phrase_query(stems: list[str], fields: tuple[str, ...] = (TEXT_FIELD,)) -> Query:
    phrases = [Phrase(name, stems) for name in fields]
    return phrases[0] if len(phrases) == 1 else Or(phrases)


def build_query(
    parsed: ParsedQuery, conjunction: bool = True, fields: tuple[str, ...] = SEARCHED_FIELDS
) -> Query:
    """Every word and phrase (or any, without conjunction), each found in any of `fields`:
    by default the statement's words, its speaker and role, or its articles' titles.
    SearchService.search ranks through search_index.search.ranking instead, tier by tier."""
    clauses = [word_query(stem, fields) for stem in parsed.words]
    clauses.extend(phrase_query(stems, fields) for stems in parsed.phrases)
    if not clauses:
        return NullQuery
    if len(clauses) == 1:
        return clauses[0]
    return And(clauses) if conjunction else Or(clauses)


def highlight(text: str, terms: set[str], phrases: list[list[str]] | None = None
              ) -> list[TextRun]:
    """The whole text as runs, with the words whose stems are in `terms` marked, and each
    place the text holds a phrase (its stems in a row, stop words between them allowed, as the
    index matches it) marked whole, from its first word to its last."""
    if not text:
        return []
    # The analyzer's own steps (its tokenizer pattern, lower case, stop words kept unstemmed,
    # the same stemmer) without its generator pipeline: a fifth of the cost of each hit.
    tokens = [(token.start(), token.end(), _stem_or_stop(token.group().lower()))
              for token in default_pattern.finditer(text)]
    spans = [(start, end) for start, end, stem in tokens if stem in terms]
    spans.extend(_phrase_spans(tokens, phrases or []))
    runs: list[TextRun] = []
    position = 0
    for start, end in sorted(spans):
        if end <= position:
            continue
        start = max(start, position)
        if start > position:
            runs.append(TextRun(text=text[position:start]))
        runs.append(TextRun(text=text[start:end], match=True))
        position = end
    if position < len(text):
        runs.append(TextRun(text=text[position:]))
    return _merge(runs)


def _stem_or_stop(word: str) -> str | None:
    """A word's index term, or None for a stop word (the index skips those)."""
    return None if word in STOPLIST else cached_stem(word)


def _phrase_spans(tokens: list[tuple[int, int, str | None]], phrases: list[list[str]]
                  ) -> list[tuple[int, int]]:
    words = [(start, end, stem) for start, end, stem in tokens if stem is not None]
    stems = [stem for _, _, stem in words]
    spans = []
    for phrase in phrases:
        size = len(phrase)
        for first in range(len(stems) - size + 1):
            if stems[first:first + size] == phrase:
                spans.append((words[first][0], words[first + size - 1][1]))
    return spans


def _merge(runs: list[TextRun]) -> list[TextRun]:
    """Join neighbouring runs of the same kind."""
    merged: list[TextRun] = []
    for run in runs:
        if merged and merged[-1].match == run.match:
            merged[-1] = TextRun(text=merged[-1].text + run.text, match=run.match)
        else:
            merged.append(run)
    return merged
