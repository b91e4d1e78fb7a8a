"""Reported speech: sentences that say what someone said without quoting it.

"X said (that) …", "…, the ISPR said in a statement.", "…, according to X." The paragraph
reader hands over each sentence with no quote in it; this module decides whether a verb of
speech there has a speaker and a content clause, and where that clause begins and ends.
Speakers resolve through the same subject finder and `Discourse` as quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from search_index.extraction.attributed import Attributed, Subject
from search_index.extraction.cues import (
    DETERMINERS_BEFORE,
    in_a_statement,
    is_cue,
    is_cue_at,
    is_participle,
)
from search_index.extraction.discourse import Discourse, Entity
from search_index.extraction.mentions import Mention, organisation_of
from search_index.extraction.tokens import Token
from search_index.models import Paragraph
from search_index.text.lexicon import ADVERBS, CUE_FORMS, INDIRECT_CUE_BASES

_FINITE = frozenset({"is", "are", "was", "were", "will", "would", "has", "have", "had", "can",
                     "could", "should", "must", "may", "might", "did", "does", "do", "remains",
                     "remained", "needs", "wants", "shall", "won't", "didn't", "doesn't",
                     "isn't", "wasn't", "aren't", "cannot"})
_ADJUNCT_STARTS = frozenset({"in", "on", "at", "to", "during", "after", "before", "with", "about",
                             "of", "for", "by", "it", "this", "so", "as", "from", "through",
                             "via", "while", "when", "later", "earlier", "yesterday", "today",
                             "tuesday", "monday", "wednesday", "thursday", "friday", "saturday",
                             "sunday", "last", "no", "nothing", "something", "goodbye"})
_TOLD_OBJECTS = frozenset({"reporters", "journalists", "the", "a", "media", "press", "news",
                           "conference", "lawmakers", "parliament", "parliamentarians", "an",
                           "interviewer", "audience", "crowd", "supporters", "him", "her",
                           "them", "us", "me", "correspondents", "newsmen"})
_MIN_INDIRECT_WORDS = 4

Speaker = tuple[Entity, str, bool, str | None]


class SentenceReader(Protocol):
    """The part of the paragraph reader reported speech needs: its tokens and subject finder."""

    tokens: list[Token]
    discourse: Discourse
    paragraph: Paragraph
    display: bool

    def subject_of(self, c: int, a: int, b: int, *, inverted: bool = True
                   ) -> Subject | None: ...


def read_reported(reader: SentenceReader, a: int, b: int, found: list[Attributed]
                  ) -> Speaker | None:
    """Reported speech in a sentence without quotes: "X said (that) …", "…, X said."."""
    tokens = reader.tokens
    number = reader.paragraph.index
    result: Speaker | None = None
    for c in range(a, b):
        token = tokens[c]
        if not (is_cue_at(tokens, c) or (token.lower == "according" and c + 1 < b
                                         and tokens[c + 1].lower == "to")):
            continue
        subject = reader.subject_of(c, a, b, inverted=False) if token.lower != "according" \
            else reader.subject_of(c, a, b)
        if subject is None:
            continue
        entity = reader.discourse.resolve(subject.mention, number)
        if entity is None:
            continue
        if in_a_statement(tokens, c, b) and entity.kind == "institution":
            reader.discourse.statement_source = entity
        result = (entity, subject.mention.text, subject.past_perfect,
                  token.text if token.lower != "according" else "according to")
        reader.discourse.spoke(entity, number)
        if reader.display or entity.kind == "country" or (
                is_participle(token) and token.lower != "according"):
            continue
        span = clause_after(tokens, c, b) if token.lower != "according" else None
        if span is None:
            span = clause_before(tokens, c, a, b, subject.mention)
        if span is None:
            continue
        first, last = span
        text_start, text_end = tokens[first].start, tokens[last].end
        found.append(Attributed(
            start=text_start, end=text_end, paragraph=number, kind="indirect",
            speaker=entity.name, mention=subject.mention.text, speaker_kind=entity.kind,
            role=entity.role if entity.kind == "person" else None,
            organisation=organisation_of(entity.role) or (
                entity.name if entity.kind == "institution" else None),
            cue=result[3], sentence_start=tokens[a].start, sentence_end=tokens[b - 1].end,
            past_perfect=subject.past_perfect, display=reader.display))
        break
    return result


def clause_after(tokens: Sequence[Token], c: int, b: int) -> tuple[int, int] | None:
    if CUE_FORMS.get(tokens[c].lower) not in INDIRECT_CUE_BASES:
        return None
    k = c + 1
    while k < b and tokens[k].lower in ADVERBS:
        k += 1
    if tokens[c].lower in {"told", "tells", "tell"}:
        skipped = 0
        while k < b and skipped < 5 and tokens[k].lower != "that" and (
                tokens[k].lower in _TOLD_OBJECTS - {"the", "a", "an"} or tokens[k].capitalised
                or (tokens[k].lower in {"the", "a", "an"} and k + 1 < b
                    and tokens[k + 1].lower in _TOLD_OBJECTS)):
            k += 1
            skipped += 1
    if k < b and tokens[k].lower in {"on", "in", "at", "during", "to", "late", "early",
                                     "yesterday", "today", "earlier", "later"}:
        # "said on Tuesday that …", "said in a statement that …"
        that_at = next((i for i in range(k, min(b, k + 8)) if tokens[i].lower == "that"
                        or tokens[i].text in ",;:" or tokens[i].quote is not None), None)
        if that_at is not None and tokens[that_at].lower == "that":
            k = that_at
    that = k < b and tokens[k].lower == "that"
    if that:
        k += 1
    if k < b and tokens[k].text == ",":
        return None
    last = b - 1
    while last > k and not tokens[last].is_word:
        last -= 1
    if k >= b or last - k + 1 < _MIN_INDIRECT_WORDS:
        return None
    if not that and (tokens[k].lower in _ADJUNCT_STARTS or is_participle(tokens[k])
                     or not tokens[k].is_word):
        return None
    if not that:
        finite = next((n for n, t in enumerate(tokens[k:last + 1], start=k)
                       if t.lower in _FINITE or (
                           t.lower.endswith("ed") and len(t.lower) > 4 and "-" not in t.text
                           and n > k and tokens[n - 1].lower not in DETERMINERS_BEFORE)),
                      None)
        if finite is None or tokens[finite - 1].lower in {"and", "but", "or"}:
            # "admitted eight counts of fraud and was sentenced": the verb after "and" is
            # the subject's own second verb, not a reported clause
            return None
    return k, last


def clause_before(tokens: Sequence[Token], c: int, a: int, b: int, mention: Mention
                  ) -> tuple[int, int] | None:
    """ "<clause>, the ISPR said in a statement." and "<clause>, according to X." """
    subject_start = next((i for i in range(a, b) if tokens[i].start >= mention.start), None)
    if tokens[c].lower == "according":
        subject_start = c
    if subject_start is None or subject_start - 1 <= a:
        return None
    if tokens[subject_start - 1].text != ",":
        return None
    tail = [t.lower for t in tokens[c + 1:b] if t.is_word]
    if tokens[c].lower != "according" and tail and tail[0] not in {"in", "on", "to",
                                                                   "during", "at",
                                                                   "yesterday", "today"}:
        return None
    last = subject_start - 2
    if last - a + 1 < _MIN_INDIRECT_WORDS or any(is_cue(t) for t in tokens[a:last + 1]):
        return None
    return a, last
