"""Tokens and sentences of one paragraph.

A paragraph is cut into word and punctuation tokens that keep their offsets in the source; each
quoted span becomes one opaque QUOTE token, so the grammar of a reporter's frame (mentions,
cues) is read on words and never on quoted text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from search_index.extraction.quotes import DOUBLE_MARKS, SINGLE_MARKS
from search_index.text.lexicon import CUE_FORMS

_MARKS = frozenset(DOUBLE_MARKS + SINGLE_MARKS)
_TOKEN = re.compile(r"[^\W_](?:[\w'’.\-]*[^\W_])?|[^\s\w]", re.UNICODE)
_BRACKETED_TAG = re.compile(r"^(?:[DRI]-[A-Z][\w.\-]*|[A-Z][a-z]{1,4})$")
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sen", "rep", "st",
                            "jr", "sr", "no", "u.s", "u.k", "u.n", "vs", "prof", "gov", "capt",
                            "maj", "brig", "adm", "sgt", "inc", "co", "corp", "ltd", "retd",
                            # AP style months: "as of Jan. 17"
                            "jan", "feb", "aug", "sept", "oct", "nov", "dec"})


class Token:
    """A word, a punctuation mark or a whole quote (`quote` set), with its article offsets.

    Immutable by convention. A plain slotted class rather than a dataclass: a batch makes
    hundreds of thousands of tokens, and the grammar reads `lower`, `is_word` and `capitalised`
    millions of times, so they are worked out once, here."""

    __slots__ = ("capitalised", "end", "is_word", "lower", "quote", "start", "text")

    def __init__(self, text: str, start: int, end: int, quote: int | None = None) -> None:
        self.text = text
        self.start = start  # offsets in the article text
        self.end = end
        self.quote = quote  # index into the paragraph's quotes for a QUOTE token
        self.lower = text.lower()
        self.is_word = quote is None and text[:1].isalnum()
        self.capitalised = self.is_word and text[:1].isupper()

    def _key(self) -> tuple[str, int, int, int | None]:
        return (self.text, self.start, self.end, self.quote)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Token(text={self.text!r}, start={self.start}, end={self.end}, quote={self.quote})"


def tokenise(text: str, offset: int, quotes: Sequence[tuple[int, int, int]]) -> list[Token]:
    """Tokens of `text` (which starts at `offset` in the article); each (start, end, index) in
    `quotes` (article offsets, quote marks included) becomes one token."""
    tokens: list[Token] = []
    cursor = 0
    end_of_text = offset + len(text)
    for q_start, q_end, index in sorted(quotes):
        local_start = max(q_start, offset) - offset
        local_end = min(q_end, end_of_text) - offset
        if local_start < cursor:
            continue
        _words(tokens, text, offset, cursor, local_start)
        tokens.append(Token(text[local_start:local_end], offset + local_start,
                            offset + local_end, quote=index))
        cursor = local_end
    _words(tokens, text, offset, cursor, len(text))
    return tokens


def _words(tokens: list[Token], text: str, offset: int, begin: int, end: int) -> None:
    """The word and punctuation tokens of text[begin:end], quote marks left out."""
    for m in _TOKEN.finditer(text, begin, end):
        word = m.group()
        if word not in _MARKS:
            at = offset + m.start()
            tokens.append(Token(word, at, at + len(word)))


def sentences(tokens: list[Token], quote_texts: Sequence[str]) -> list[tuple[int, int]]:
    """Sentence ranges [i, j) over the tokens. A quote ending in . ! ? ends its sentence when a
    capitalised word or another quote follows."""
    ranges: list[tuple[int, int]] = []
    begin = 0
    for i, token in enumerate(tokens):
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        ends = False
        if token.text in ".!?" and token.quote is None:
            previous = tokens[i - 1].lower if i > 0 else ""
            initial = i > 0 and len(tokens[i - 1].text) == 1 and tokens[i - 1].text.isupper()
            # "Sen. Ann Roe, D-Ore., who ...": a period before a comma or a lower-case word
            # ends an abbreviation, not a sentence
            continues = following is not None and following.quote is None and (
                following.text in ",;" or following.text[:1].islower()
                # "Sen. Ron Wyden (D-Ore.) said", "Sen. Bernie Sanders (Vt.)": the stop of a
                # bracketed party or state tag
                or (following.text == ")" and _BRACKETED_TAG.match(tokens[i - 1].text)
                    is not None))
            ends = previous not in ABBREVIATIONS and not initial and not continues
        elif token.quote is not None and following is not None:
            inner = quote_texts[token.quote].rstrip()
            ends = inner[-1:] in ".!?" and (following.capitalised or following.quote is not None)
            ends = ends and not _attribution_follows(tokens, i + 1)
        if ends:
            ranges.append((begin, i + 1))
            begin = i + 1
    if begin < len(tokens):
        ranges.append((begin, len(tokens)))
    return ranges


# words that open an adjunct after the verb ("said on Twitter", "told reporters later")
_ADJUNCT_STARTS = frozenset({"to", "on", "in", "at", "of", "about", "during", "after", "before",
                             "from", "with", "by", "via", "as", "when", "while", "yesterday",
                             "today", "tonight", "later", "earlier", "then", "also", "again"})
_NAME_TOKENS = 5  # "Sen. Ann Roe": a title, its stop and a name before the verb


def _attribution_follows(tokens: list[Token], k: int) -> bool:
    """`"… missing." Trump said.`, `"… our fix!" Clinton said to People`: a quote's own stop
    does not end the sentence when a name and a verb of speech follow it."""
    for i in range(k, min(len(tokens), k + _NAME_TOKENS + 1)):
        token = tokens[i]
        if token.quote is not None:
            return False
        if i > k and token.lower in CUE_FORMS and token.text[:1].islower():
            after = tokens[i + 1] if i + 1 < len(tokens) else None
            # `Greene added that the board …` reports a clause of its own: a new sentence
            return after is None or not after.is_word or after.capitalised \
                or after.lower in _ADJUNCT_STARTS or token.lower in {"told", "tells"}
        if not (token.capitalised or (token.text == "." and i > k
                                      and tokens[i - 1].lower in ABBREVIATIONS)):
            return False
    return False
