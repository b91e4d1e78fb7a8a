"""Tokens and sentences of one paragraph.

A paragraph is cut into word and punctuation tokens that keep their offsets in the source; each
quoted span becomes one opaque QUOTE token, so the grammar of a reporter's frame (mentions,
cues) is read on words and never on quoted text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from search_index.extraction.quotes import DOUBLE_MARKS, SINGLE_MARKS

_TOKEN = re.compile(r"[^\W_](?:[\w'’.\-]*[^\W_])?|[^\s\w]", re.UNICODE)
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sen", "rep", "st",
                            "jr", "sr", "no", "u.s", "u.k", "u.n", "vs", "prof", "gov", "capt",
                            "maj", "brig", "adm", "sgt", "inc", "co", "corp", "ltd", "retd",
                            # AP style months: "as of Jan. 17"
                            "jan", "feb", "aug", "sept", "oct", "nov", "dec"})


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int  # offsets in the article text
    end: int
    quote: int | None = None  # index into the paragraph's quotes for a QUOTE token

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.quote is None and self.text[:1].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.is_word and self.text[:1].isupper()


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
        tokens.extend(Token(m.group(), offset + m.start(), offset + m.end())
                      for m in _TOKEN.finditer(text, cursor, local_start)
                      if m.group() not in DOUBLE_MARKS + SINGLE_MARKS)
        tokens.append(Token(text[local_start:local_end], offset + local_start,
                            offset + local_end, quote=index))
        cursor = local_end
    tokens.extend(Token(m.group(), offset + m.start(), offset + m.end())
                  for m in _TOKEN.finditer(text, cursor)
                  if m.group() not in DOUBLE_MARKS + SINGLE_MARKS)
    return tokens


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
                following.text in ",;" or following.text[:1].islower())
            ends = previous not in ABBREVIATIONS and not initial and not continues
        elif token.quote is not None and following is not None:
            inner = quote_texts[token.quote].rstrip()
            ends = inner[-1:] in ".!?" and (following.capitalised or following.quote is not None)
        if ends:
            ranges.append((begin, i + 1))
            begin = i + 1
    if begin < len(tokens):
        ranges.append((begin, len(tokens)))
    return ranges
