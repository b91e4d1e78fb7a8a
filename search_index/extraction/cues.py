"""Verbs of speech as the reporter's grammar uses them, shared by the readers of quotes and of
reported speech: is this token a reporting verb, and does its sentence name a statement."""

from __future__ import annotations

import re
from collections.abc import Sequence

from search_index.extraction.tokens import Token
from search_index.text.lexicon import CUE_FORMS

NOUN_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "these",
                              "those", "such", "any", "whose", "my", "your"})
PASSIVE_AUXILIARIES = frozenset({"was", "were", "been", "being", "be", "is", "are", "get",
                                 "got"})
DETERMINERS_BEFORE = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this",
                                "that", "these", "those", "of", "for", "with", "by"})


def is_cue(token: Token) -> bool:
    # Reporting verbs are lower case: "the United States" holds no cue.
    return token.quote is None and token.text[:1].islower() and token.lower in CUE_FORMS


def is_cue_at(tokens: Sequence[Token], c: int) -> bool:
    """A reporting verb at `c`, not the noun of the same spelling: "the claims", "his remarks",
    "a warning", "claims of interference" name something said; they do not report it."""
    if not is_cue(tokens[c]):
        return False
    if c > 0 and tokens[c - 1].lower in NOUN_DETERMINERS:
        return False
    if c > 0 and tokens[c - 1].lower in PASSIVE_AUXILIARIES and tokens[c].lower.endswith(
            ("ed", "told")):
        return False  # "was accused of", "were told that": the subject heard, not said
    # "claims of interference", "warning of a strike" name something said; a past form
    # never is a noun: "said of the council", "warned of delays"
    return not (c + 1 < len(tokens) and tokens[c + 1].lower == "of"
                and not _past_form(tokens[c].lower))


_IRREGULAR_PASTS = frozenset({"said", "told", "wrote", "spoke", "thought"})


def _past_form(word: str) -> bool:
    return word.endswith("ed") or word in _IRREGULAR_PASTS


def is_participle(token: Token) -> bool:
    return token.lower.endswith("ing")


def in_a_statement(tokens: Sequence[Token], c: int, b: int) -> bool:
    """The cue at `c` reports through a written statement: "said in a statement", "through its
    release"."""
    window = " ".join(t.lower for t in tokens[c + 1:min(b, c + 5)])
    return bool(re.match(r"(?:in|through)\s+(?:a|an|its|the)\s+(?:\w+\s+)?"
                         r"(?:statement|release|communique)", window))
