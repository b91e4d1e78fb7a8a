"""Reported speech: sentences that say what someone said without quoting it.

"X said (that) …", "…, the ISPR said in a statement.", "…, according to X." The paragraph
reader hands over each sentence with no quote in it; this module decides whether a verb of
speech there has a speaker and a content clause, and where that clause begins and ends.
Speakers resolve through the same subject finder and `Discourse` as quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from search_index.extraction.attributed import Attributed, Subject
from search_index.extraction.cues import (
    DETERMINERS_BEFORE,
    NOUN_DETERMINERS,
    in_a_statement,
    is_cue,
    is_cue_at,
    is_participle,
)
from search_index.extraction.discourse import Discourse, Entity
from search_index.extraction.mentions import Mention, organisation_of
from search_index.extraction.tokens import Token
from search_index.models import Paragraph
from search_index.text.lexicon import ADVERBS, CUE_FORMS, INDIRECT_CUE_BASES, WEEKDAYS

_FINITE = frozenset({"is", "are", "was", "were", "will", "would", "has", "have", "had", "can",
                     "could", "should", "must", "may", "might", "did", "does", "do", "remains",
                     "remained", "needs", "wants", "shall", "won't", "didn't", "doesn't",
                     "isn't", "wasn't", "aren't", "cannot"})
# Past tenses that do not end in -ed: "said the army chief met …", "said they held talks".
_IRREGULAR_PAST = frozenset({
    "met", "made", "took", "gave", "went", "came", "saw", "told", "held", "felt", "kept",
    "left", "led", "paid", "sent", "spent", "sought", "thought", "brought", "bought", "won",
    "lost", "began", "became", "ran", "stood", "understood", "knew", "grew", "drew", "fell",
    "rose", "wrote", "spoke", "chose", "broke", "got", "built", "meant", "found", "heard",
    "sold", "struck", "fought", "caught", "taught", "dealt", "shook", "withdrew", "overtook",
    "underwent", "forgot", "hid", "slept", "swore", "wore", "tore", "froze", "drove", "rode",
})
# A present-tense verb in -s is read as one when a possessive, determiner or quote follows it:
# "said the US values its …", "said Pakistan wants a …".
_AFTER_S_VERB = frozenset({"its", "their", "his", "her", "our", "the", "a", "an", "this",
                           "that", "these", "those", "no", "to", "all", "every", "any"})
_ADJUNCT_STARTS = frozenset({"in", "on", "at", "to", "during", "after", "before", "with", "about",
                             "of", "for", "by", "this", "so", "as", "from", "through",
                             "via", "while", "when", "later", "earlier", "yesterday", "today",
                             "tuesday", "monday", "wednesday", "thursday", "friday", "saturday",
                             "sunday", "last", "no", "nothing", "something", "goodbye"})
_TOLD_OBJECTS = frozenset({"reporters", "journalists", "the", "a", "media", "press", "news",
                           "conference", "lawmakers", "parliament", "parliamentarians", "an",
                           "interviewer", "audience", "crowd", "supporters", "him", "her",
                           "them", "us", "me", "correspondents", "newsmen"})
_MIN_INDIRECT_WORDS = 4
# A paragraph that lacks its full stop but runs this long is body text, not a headline or a
# bullet: "The spokesperson said the US was engaged … on February 8 next year" (no full stop).
_DISPLAY_MAX_WORDS = 25
# Words of a clause outside its quote marks: fewer, and the clause is the quote itself
# (`He said “many of the same issues …”`), which stays a direct or partial record.
_MIN_OWN_WORDS = 2
# A clause about the speech act itself is narration, not what was said: "The statement was
# issued following the meeting, the ISPR said."
_SPEECH_EVENT_NOUNS = frozenset({"statement", "remarks", "comments", "announcement", "release",
                                 "communique", "letter", "post", "tweet", "message", "briefing"})
_EVENT_VERBS = frozenset({"was", "were", "is", "are", "came", "comes", "has", "had"})

# How a verb of speech takes its content, beyond "X said (that) <finite clause>":
# a gerund ("stressed strengthening ties"), an object and an infinitive ("urged Biden to
# use"), or a small clause ("described the meeting an opportunity", "terming the move …").
_GERUND_BASES = frozenset({"stress", "emphasise", "underline", "underscore", "suggest",
                           "recommend", "propose", "deny", "admit", "reiterate", "urge"})
_OBJECT_INFINITIVE_BASES = frozenset({"urge", "ask", "tell", "warn", "call", "invite",
                                      "encourage", "press"})
_OBJECT_PRONOUNS = frozenset({"him", "them", "me", "us", "whom"})
_TIME_WORDS = frozenset({"a", "day", "days", "week", "weeks", "month", "months", "year",
                         "earlier", "later", "last", "this", "next", "ago", "previously",
                         "two", "three", "few", "several", "morning", "evening", "night",
                         "afternoon", "also", "again", "repeatedly"})
_OBJECT_BREAKS = frozenset({"on", "in", "at", "during", "after", "before", "with", "by",
                            "from", "for", "while", "when", "through"})
_SMALL_CLAUSE_BASES = frozenset({"describe", "term", "call", "label", "dub", "brand"})
# Verbs that report a finite clause but do not introduce quotes in the quote reader's list,
# so that list (and every quote's attribution) is left as it is.
_CLAUSE_ONLY_FORMS: dict[str, str] = {
    form: base for base, forms in {
        "agree": ("agrees", "agreed"),
        "promise": ("promises", "promised"),
        "threaten": ("threatens", "threatened"),
        "assure": ("assures", "assured"),
        "hint": ("hints", "hinted"),
        "reveal": ("reveals", "revealed"),
        "point": ("points", "pointed"),  # "pointed out that"
        "make": ("makes", "made"),  # "made clear (that)"
        "label": ("labels", "labelled", "labeled", "labelling", "labeling"),
        "dub": ("dubs", "dubbed", "dubbing"),
        "brand": ("brands", "branded", "branding"),
        "ask": ("asks", "asked"),
        "encourage": ("encourages", "encouraged"),
        "invite": ("invites", "invited"),
        "recommend": ("recommends", "recommended", "recommending"),
        "propose": ("proposes", "proposed", "proposing"),
    }.items() for form in forms
}
# The particle a phrasal cue needs, and verbs that need one to report anything.
_PARTICLES = {"point": "out", "make": "clear"}
# Participles that continue a sentence's report in the same speaker's words: ", saying …",
# ", adding that …", ", concluding that …", ", terming the move …".
_REPORT_PARTICIPLES = frozenset({"say", "add", "note", "stress", "conclude", "explain",
                                 "insist", "warn", "argue", "claim", "emphasise", "underline",
                                 "underscore", "term", "describe", "call", "urge", "reiterate",
                                 "assert", "maintain", "acknowledge", "confirm", "announce",
                                 "label", "dub", "brand", "suggest", "deny", "admit",
                                 "predict", "recommend", "propose", "complain", "affirm",
                                 "reaffirm"})
_CLAUSE_BASES = INDIRECT_CUE_BASES | {"agree", "promise", "threaten", "assure", "hint",
                                      "reveal", "point", "make", "urge", "recommend",
                                      "propose", "suggest"}

Speaker = tuple[Entity, str, bool, str | None]


@dataclass(frozen=True, slots=True)
class _Cue:
    at: int  # the verb's token
    base: str
    content: int  # first token after the verb and its particle
    participle: bool  # ", saying …": continues the subject of the sentence's main verb
    according: bool = False


class SentenceReader(Protocol):
    """The part of the paragraph reader reported speech needs: its tokens and subject finder."""

    tokens: list[Token]
    discourse: Discourse
    paragraph: Paragraph
    display: bool

    def subject_of(self, c: int, a: int, b: int, *, inverted: bool = True
                   ) -> Subject | None: ...

    def sentence_subject(self, a: int, b: int) -> Mention | None: ...


def _cue_at(tokens: Sequence[Token], c: int, a: int, b: int) -> _Cue | None:
    """A verb of speech at `c` that can report content, with where that content begins."""
    token = tokens[c]
    word = token.lower
    if word == "according":
        if c + 1 < b and tokens[c + 1].lower == "to":
            return _Cue(c, "according", c + 2, False, according=True)
        return None
    base = CUE_FORMS.get(word) if is_cue_at(tokens, c) else None
    if base is None and token.quote is None and token.text[:1].islower() and not (
            c > a and tokens[c - 1].lower in NOUN_DETERMINERS):
        base = _CLAUSE_ONLY_FORMS.get(word)
    if base is None:
        return None
    content = c + 1
    particle = _PARTICLES.get(base)
    if particle is not None:
        if content >= b or tokens[content].lower != particle:
            return None
        content += 1
    quoted_as = word == "saying" and c > a and tokens[c - 1].lower == "as"
    participle = is_participle(token) and not quoted_as
    if participle and (c == a or tokens[c - 1].text != "," or base not in _REPORT_PARTICIPLES):
        # "Responding to a question, …": a participle that opens the sentence reports nothing
        return None
    return _Cue(c, base, content, participle)


def _clause_end(tokens: Sequence[Token], k: int, b: int) -> int:
    """The last token of a content clause starting at `k`: the sentence's last word or quote,
    or the word before ", adding …" where a participle starts the next report."""
    last = b - 1
    for i in range(k + 1, b - 1):
        if tokens[i].text == "," and i + 1 < b:
            following = tokens[i + 1]
            if is_participle(following) and CUE_FORMS.get(following.lower) in \
                    _REPORT_PARTICIPLES:
                last = i - 1
                break
            if following.lower == "and" and i + 2 < b and is_cue(tokens[i + 2]):
                last = i - 1  # "…, and warned Islamabad of …": the subject's next verb
                break
            if tokens[i - 1].quote is not None and following.quote is None:
                # `stressed ties on the basis of “mutual respect”, a day after the vote`: the
                # quoted fragment closes the clause; what follows is the reporter's
                last = i - 1
                break
    while last > k and not (tokens[last].is_word or tokens[last].quote is not None):
        last -= 1
    return last


def _own_words(tokens: Sequence[Token], k: int, last: int) -> int:
    return sum(1 for t in tokens[k:last + 1] if t.is_word and t.lower != "that")


def _is_narration(tokens: Sequence[Token], k: int, last: int) -> bool:
    """ "The statement was issued following …": a clause about the speech act itself."""
    i = k
    if i <= last and tokens[i].lower in {"the", "this", "that", "a", "an", "its", "his", "her",
                                         "their"}:
        i += 1
    return (i < last and tokens[i].lower in _SPEECH_EVENT_NOUNS
            and tokens[i + 1].lower in _EVENT_VERBS)


def _is_verb_like(tokens: Sequence[Token], n: int, k: int) -> bool:
    t = tokens[n]
    word = t.lower
    if word in _FINITE or word in _IRREGULAR_PAST:
        return n > k or word in _FINITE
    if n == k or tokens[n - 1].lower in DETERMINERS_BEFORE:
        return False
    if word.endswith("ed") and len(word) > 4 and "-" not in t.text:
        return True
    following = tokens[n + 1] if n + 1 < len(tokens) else None
    return (word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))
            and len(word) > 3 and t.text[:1].islower() and following is not None
            and (following.quote is not None or following.lower in _AFTER_S_VERB))


def _finite_clause(tokens: Sequence[Token], c: int, k: int, b: int
                   ) -> tuple[int, int] | None:
    """ "said (on Tuesday) (that) <clause>", "told reporters (that) <clause>"."""
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
    if k < b and (tokens[k].lower in {"on", "in", "at", "during", "to", "late", "early",
                                      "yesterday", "today", "earlier", "later"}
                  or tokens[c].lower in {"told", "tells", "tell"}):
        # "said on Tuesday that …", "said in a statement that …", "told the Commons on
        # Tuesday that …"
        that_at = next((i for i in range(k, min(b, k + 8)) if tokens[i].lower == "that"
                        or tokens[i].text in ",;:" or tokens[i].quote is not None), None)
        if that_at is not None and tokens[that_at].lower == "that":
            k = that_at
    if k < b and tokens[k].lower != "that":
        # "said a day earlier that …", "said last week that …": a time phrase before "that"
        that_at = next((i for i in range(k, min(b, k + 5)) if tokens[i].lower == "that"), None)
        if that_at is not None and all(t.lower in _TIME_WORDS or t.lower in WEEKDAYS
                                       or t.text.isdigit() for t in tokens[k:that_at]):
            k = that_at
    that = k < b and tokens[k].lower == "that"
    if that:
        k += 1
    if k >= b or tokens[k].text == "," or tokens[k].text == ":":
        return None
    last = _clause_end(tokens, k, b)
    if last - k + 1 < _MIN_INDIRECT_WORDS:
        return None
    if not that and (tokens[k].lower in _ADJUNCT_STARTS or is_participle(tokens[k])
                     or not tokens[k].is_word):
        return None
    first = tokens[k].lower
    if first in _OBJECT_PRONOUNS or (first == "her" and tokens[k + 1].lower == "to") or (
            not that and (first in _FINITE or first in _IRREGULAR_PAST
                          or (first.endswith("ed") and not tokens[k].capitalised))):
        # "says him to condemn …", "writes began in the 1970s": a clause has a subject first
        return None
    if not that:
        finite = next((n for n in range(k, last + 1) if _is_verb_like(tokens, n, k)), None)
        if finite is None or tokens[finite - 1].lower in {"and", "but", "or"}:
            # "admitted eight counts of fraud and was sentenced": the verb after "and" is
            # the subject's own second verb, not a reported clause
            return None
    return k, last


def _gerund_clause(tokens: Sequence[Token], k: int, b: int) -> tuple[int, int] | None:
    """ "stressed strengthening bilateral ties …"."""
    if k >= b or not tokens[k].is_word or not is_participle(tokens[k]) or len(tokens[k].lower) < 6:
        return None
    last = _clause_end(tokens, k, b)
    return (k, last) if last - k + 1 >= _MIN_INDIRECT_WORDS else None


def _object_infinitive(tokens: Sequence[Token], k: int, b: int) -> tuple[int, int] | None:
    """ "urged President Biden to use …", "asked the government to reconsider …"."""
    to = next((i for i in range(k + 1, min(b - 1, k + 8)) if tokens[i].lower == "to"), None)
    if to is None or k >= b or not (tokens[k].capitalised or tokens[k].lower in
                                    {"the", "a", "an", "his", "her", "its", "their", "him",
                                     "them", "us", "all", "both"}):
        return None
    if any(not t.is_word or t.lower in _OBJECT_BREAKS for t in tokens[k:to]) \
            or not tokens[to + 1].is_word or tokens[to + 1].capitalised \
            or tokens[to + 1].lower in NOUN_DETERMINERS | {"this", "that"}:
        # "called on Washington to", "told AFP on Monday during a visit to a farm": the
        # infinitive follows a plain object, and "to the …" is a preposition, not one
        return None
    last = _clause_end(tokens, k, b)
    return (k, last) if last - k + 1 >= _MIN_INDIRECT_WORDS else None


def _small_clause(tokens: Sequence[Token], k: int, b: int) -> tuple[int, int] | None:
    """ "described the meeting an opportunity to …", "terming the move “contrary to …”"."""
    if k >= b or not (tokens[k].lower in {"the", "this", "that", "it", "its", "his", "her",
                                          "their", "a", "an", "them", "him"}
                      or tokens[k].capitalised):
        return None
    last = _clause_end(tokens, k, b)
    if last - k + 1 < 3 or (last - k + 1 < _MIN_INDIRECT_WORDS
                            and tokens[last].quote is None):
        return None
    return k, last


def content_after(tokens: Sequence[Token], cue: _Cue, b: int) -> tuple[int, int] | None:
    """The content a verb of speech takes after it, by the frames its verb allows."""
    base, k = cue.base, cue.content
    span = None
    if base in _CLAUSE_BASES:
        span = _finite_clause(tokens, cue.at, k, b)
    if span is None and base in _GERUND_BASES:
        span = _gerund_clause(tokens, k, b)
    if span is None and base in _OBJECT_INFINITIVE_BASES:
        span = _object_infinitive(tokens, k, b)
    if span is None and base in _SMALL_CLAUSE_BASES:
        span = _small_clause(tokens, k, b)
    return span


def _parenthetical(tokens: Sequence[Token], cue: _Cue, a: int, b: int, mention: Mention
                   ) -> tuple[int, int] | None:
    """ "Both sides, the ISPR said, reiterated …": the clause's subject, the cue set off by
    commas, then the rest of the clause, which is what the notes keep."""
    c = cue.at
    # the cue may carry its own adjunct: ", the ISPR said in a statement, reiterated …"
    comma = next((i for i in range(c + 1, min(b, c + 7)) if tokens[i].text == ","
                  or not tokens[i].is_word), None)
    if comma is None or tokens[comma].text != "," or comma + 1 >= b or (
            comma > c + 1 and tokens[c + 1].lower not in {"in", "on", "at", "during",
                                                          "through", "yesterday", "today"}):
        return None
    subject_start = next((i for i in range(a, b) if tokens[i].start >= mention.start), None)
    if subject_start is None or subject_start - 1 <= a or tokens[subject_start - 1].text != ",":
        return None
    head = tokens[a:subject_start - 1]
    if any(is_cue(t) or t.quote is not None or t.text in ",;:" for t in head) or len(head) > 8:
        return None
    k = comma + 1
    if not tokens[k].is_word or tokens[k].capitalised or tokens[k].lower in _ADJUNCT_STARTS:
        return None
    last = _clause_end(tokens, k, b)
    return (k, last) if last - k + 1 >= _MIN_INDIRECT_WORDS else None


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
    if any(t.quote is not None or t.text == ":" for t in tokens[c + 1:b]):
        return None  # `…, the chair replied: “…”`: the cue introduces a quote instead
    tail = [t.lower for t in tokens[c + 1:b] if t.is_word]
    if tokens[c].lower != "according" and tail and tail[0] not in {"in", "on", "to",
                                                                   "during", "at",
                                                                   "yesterday", "today",
                                                                   "by"}:
        return None
    last = subject_start - 2
    first = _after_dateline(tokens, a, last)
    if last - first + 1 < _MIN_INDIRECT_WORDS or any(is_cue(t) for t in tokens[first:last + 1]):
        return None
    return first, last


def _after_dateline(tokens: Sequence[Token], a: int, last: int) -> int:
    """Where a sentence starts after its dateline: "ISLAMABAD (Reuters) - …", "KABUL: …"."""
    if a + 1 <= last and tokens[a].text.isupper() and tokens[a].is_word:
        dash = next((i for i in range(a + 1, min(last, a + 10)) if tokens[i].text in
                     {"-", "—", "–", ":"}), None)
        if dash is not None and (dash == a + 1 or any(t.text == ")" for t in
                                                        tokens[a + 1:dash])):
            return dash + 1
    return a


def _nested(reader: SentenceReader, span: tuple[int, int], b: int
            ) -> tuple[Mention, _Cue, tuple[int, int]] | None:
    """ "A statement … said the foreign minister pointed out that Islamabad was winning …":
    the report inside a report belongs to the innermost speaker."""
    tokens = reader.tokens
    k, last = span
    for i in range(k + 1, min(last, k + 12)):
        if tokens[i].quote is not None or tokens[i].text in ",;:":
            return None
        cue = _cue_at(tokens, i, k, b)
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
        cue = _cue_at(tokens, c, a, b)
        if cue is None:
            c += 1
            continue
        if cue.according:
            subject = reader.subject_of(c, a, b)
        elif cue.participle and main is not None:
            subject = main[1]
        else:
            subject = reader.subject_of(c, a, b, inverted=False)
        if subject is not None and not cue.participle:
            opening = _after_dateline(tokens, a, c - 1)
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
        span = None if cue.according else _parenthetical(tokens, cue, a, b, subject.mention)
        if span is None and not cue.according:
            span = content_after(tokens, cue, b)
        if span is None and not cue.participle:
            span = clause_before(tokens, c, a, b, subject.mention)
            if span is not None and quoted and tokens[span[0]].quote is not None:
                span = None  # `“…,” the minister, NAME, said`: a direct quote, no paraphrase
        if span is None or (quoted and _own_words(tokens, *span) < _MIN_OWN_WORDS):
            c += 1
            continue
        if _is_narration(tokens, *span):
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


def _reports_as_before(tokens: Sequence[Token], cue: _Cue) -> bool:
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
