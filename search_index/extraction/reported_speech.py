"""Reported speech: sentences that say what someone said without quoting it.

"X said (that) …", "…, the ISPR said in a statement.", "…, according to X", "X stressed
strengthening …", "…, saying …", "Both sides, X said, reiterated …". For each sentence the
paragraph reader hands over, this module finds the verbs of speech (`content_clauses`), who
spoke (the same subject finder and `Discourse` as quotes, to the innermost speaker of a nested
report), and records the paraphrase. Only the verbs the quote reader knows tell the discourse
who spoke, as they always have, so reading more frames never moves a quote's attribution.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from search_index.extraction.attributed import Attributed, Subject
from search_index.extraction.content_clauses import (
    Cue,
    after_dateline,
    clause_before,
    content_after,
    cue_at,
    is_narration,
    own_words,
    parenthetical,
)
from search_index.extraction.cues import in_a_statement, is_cue_at
from search_index.extraction.discourse import Discourse, Entity
from search_index.extraction.mentions import Mention, organisation_of
from search_index.extraction.tokens import Token
from search_index.models import Paragraph
from search_index.text.lexicon import CUE_FORMS, INDIRECT_CUE_BASES

# A paragraph that lacks its full stop but runs this long is body text, not a headline or a
# bullet: "The spokesperson said the US was engaged … on February 8 next year" (no full stop).
_DISPLAY_MAX_WORDS = 25
# Words of a clause outside its quote marks: fewer, and the clause is the quote itself
# (`He said “many of the same issues …”`), which stays a direct or partial record.
_MIN_OWN_WORDS = 2

Speaker = tuple[Entity, str, bool, str | None]


class SentenceReader(Protocol):
    """The part of the paragraph reader reported speech needs: its tokens and subject finder."""

    tokens: list[Token]
    discourse: Discourse
    paragraph: Paragraph
    display: bool

    def subject_of(self, c: int, a: int, b: int, *, inverted: bool = True
                   ) -> Subject | None: ...

    def sentence_subject(self, a: int, b: int) -> Mention | None: ...


def _nested(reader: SentenceReader, span: tuple[int, int], b: int
            ) -> tuple[Mention, Cue, tuple[int, int]] | None:
    """ "A statement … said the foreign minister pointed out that Islamabad was winning …":
    the report inside a report belongs to the innermost speaker."""
    tokens = reader.tokens
    k, last = span
    for i in range(k + 1, min(last, k + 12)):
        if tokens[i].quote is not None or tokens[i].text in ",;:":
            return None
        cue = cue_at(tokens, i, k, b)
        if cue is None or cue.participle or cue.according:
            continue
        subject = reader.subject_of(i, k, b, inverted=False)
        if subject is None or subject.mention.start < tokens[k].start:
            return None
        inner = content_after(tokens, cue, last + 1)
        if inner is None:
            return None
        return subject.mention, cue, inner
    return None


def read_reported(reader: SentenceReader, a: int, b: int, found: list[Attributed],
                  *, quoted: bool = False) -> Speaker | None:
    """Reported speech in one sentence: "X said (that) …", "…, X said.", "…, according to X",
    "X stressed strengthening …", "…, saying …", "Both sides, X said, reiterated …".

    In a sentence with quotes (`quoted`) only clauses with words of the reporter's own around
    the quote are read, and who spoke last is left to the quote reader."""
    tokens = reader.tokens
    number = reader.paragraph.index
    discourse = reader.discourse
    before = discourse.checkpoint() if quoted else None
    display = reader.display and sum(t.is_word for t in tokens) <= _DISPLAY_MAX_WORDS
    result: Speaker | None = None
    main: tuple[Entity, Subject] | None = None  # the sentence's speaker, for its participles
    told = False  # the discourse has heard this sentence's report: no later cue speaks
    c = a
    while c < b:
        if not quoted and not told and (is_cue_at(tokens, c) or (
                tokens[c].lower == "according" and c + 1 < b and tokens[c + 1].lower == "to")):
            # Only the verbs the quote reader knows tell the discourse who spoke, with the
            # subject it finds, up to the sentence's report, as they always have: every quote
            # is attributed as it was before reported speech was read in all its frames.
            heard = _tell_discourse(reader, c, a, b)
            result = result or heard
        cue = cue_at(tokens, c, a, b)
        if cue is None:
            c += 1
            continue
        inverted = False
        if cue.according:
            subject = reader.subject_of(c, a, b)
        elif cue.participle and main is not None:
            subject = main[1]
        else:
            subject = reader.subject_of(c, a, b, inverted=False)
            if subject is None and c > a and tokens[c - 1].text == ",":
                # "<clause>, said police officer NAME.": only the clause before it is the
                # content (never "said the envoy met …", whose "the envoy" is no subject)
                after = reader.subject_of(c, a, b)
                if after is not None and after.mention.start >= tokens[c].end:
                    subject, inverted = after, True
        if subject is not None and not cue.participle:
            opening = after_dateline(tokens, a, c - 1)
            if opening > a and subject.mention.start < tokens[opening].start:
                # "KABUL (AFP) - The Taliban government said": the dateline is no part of
                # the subject
                mention = reader.sentence_subject(a, c)
                subject = Subject(mention, subject.past_perfect) if mention else None
        if subject is None:
            c += 1
            continue
        if cue.participle and main is not None:
            entity: Entity | None = main[0]
        else:
            state = discourse.checkpoint()
            entity = discourse.resolve(subject.mention, number)
            discourse.restore(state)
        if entity is None and cue.participle and main is None and quoted:
            # "This statement came after Pakistan's reaction, terming the move “contrary …”":
            # nobody named, but the quoted fragment in the clause has a speaker, which the
            # article-level repair gives the paraphrase (or drops it if there is none)
            entity = Entity("", "none")
        if entity is None or (cue.participle and main is None and entity.kind == "country"):
            # "German carmaker Volta cut its forecast, saying …": a nationality read as the
            # subject is nobody who spoke
            c += 1
            continue
        cue_word = "according to" if cue.according else tokens[c].text
        if main is None:
            main = (entity, subject)
        if display:
            c += 1
            continue
        span = None if cue.according or inverted else parenthetical(tokens, cue, a, b,
                                                                      subject.mention)
        if span is None and not cue.according and not inverted:
            span = content_after(tokens, cue, b)
        if span is None and not cue.participle:
            span = clause_before(tokens, c, a, b, subject.mention)
            if span is not None and quoted and tokens[span[0]].quote is not None:
                span = None  # `“…,” the minister, NAME, said`: a direct quote, no paraphrase
        if span is None or (quoted and own_words(tokens, *span) < _MIN_OWN_WORDS):
            c += 1
            continue
        if is_narration(tokens, *span):
            if not quoted:
                found.append(_record(reader, a, b, span[0], span[1], entity.name,
                                     subject.mention.text, entity.kind, None, None, cue_word,
                                     subject.past_perfect, dates_only=True))
                told = told or _reports_as_before(tokens, cue)
            c = max(c, span[1]) + 1
            continue
        speaker_entity, speaker_subject = entity, subject
        nested = _nested(reader, span, b) if span[0] > c else None
        if nested is not None:
            inner_mention, _inner_cue, inner_span = nested
            state = discourse.checkpoint()
            inner_entity = discourse.resolve(inner_mention, number)
            discourse.restore(state)
            if inner_entity is not None and inner_entity.kind == "person":
                speaker_entity = inner_entity
                speaker_subject = Subject(inner_mention, subject.past_perfect)
                span = inner_span
        first, last = span
        told = told or _reports_as_before(tokens, cue)
        found.append(_record(
            reader, a, b, first, last, speaker_entity.name, speaker_subject.mention.text,
            speaker_entity.kind, speaker_entity.role if speaker_entity.kind == "person" else None,
            organisation_of(speaker_entity.role) or (
                speaker_entity.name if speaker_entity.kind == "institution" else None),
            cue_word, speaker_subject.past_perfect))
        c = max(c, last) + 1
    if before is not None:
        discourse.restore(before)
    return result


def _tell_discourse(reader: SentenceReader, c: int, a: int, b: int) -> Speaker | None:
    """The subject of a verb of speech the quote reader knows becomes who spoke last."""
    tokens, discourse = reader.tokens, reader.discourse
    according = tokens[c].lower == "according"
    subject = reader.subject_of(c, a, b) if according else \
        reader.subject_of(c, a, b, inverted=False)
    if subject is None and not according and c > a and tokens[c - 1].text == ",":
        # "<clause>, said police officer NAME.": the next "he said" is theirs
        subject = reader.subject_of(c, a, b)
        if subject is not None and subject.mention.start < tokens[c].end:
            subject = None
    if subject is None:
        return None
    entity = discourse.resolve(subject.mention, reader.paragraph.index)
    if entity is None:
        return None
    if in_a_statement(tokens, c, b) and entity.kind == "institution":
        discourse.statement_source = entity
    discourse.spoke(entity, reader.paragraph.index)
    return entity, subject.mention.text, subject.past_perfect, (
        "according to" if according else tokens[c].text)


def _reports_as_before(tokens: Sequence[Token], cue: Cue) -> bool:
    """A report the quote reader has always heard end a sentence's speakers: "X said (that)
    …" or "…, X said", from a verb it knows, not a participle."""
    return cue.according or (is_cue_at(tokens, cue.at) and not cue.participle
                             and CUE_FORMS.get(tokens[cue.at].lower) in INDIRECT_CUE_BASES)


def _record(reader: SentenceReader, a: int, b: int, first: int, last: int, speaker: str,
            mention: str, speaker_kind: str, role: str | None, organisation: str | None,
            cue: str, past_perfect: bool, *, dates_only: bool = False) -> Attributed:
    tokens = reader.tokens
    return Attributed(
        start=tokens[first].start, end=tokens[last].end, paragraph=reader.paragraph.index,
        kind="indirect", speaker=speaker, mention=mention, speaker_kind=speaker_kind,
        role=role, organisation=organisation, cue=cue, sentence_start=tokens[a].start,
        sentence_end=tokens[b - 1].end, past_perfect=past_perfect, display=False,
        dates_only=dates_only)
