"""The content a verb of speech reports, read as grammar: which words are a reporting verb
(`cue_at`), and where its content clause begins and ends in each frame news prose uses.

Frames: a finite clause with or without "that" ("said (that) the envoy met …"), a gerund
("stressed strengthening ties"), an object and an infinitive ("urged Biden to use …"), a small
clause ("described the meeting an opportunity", "terming the move “…”"), the clause before a
cue ("…, the ISPR said", "…, according to X") and a clause split by a parenthetical cue ("Both
sides, the ISPR said, reiterated …"). Who spoke is `reported_speech`'s business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from search_index.extraction.cues import (
    DETERMINERS_BEFORE,
    NOUN_DETERMINERS,
    is_cue,
    is_cue_at,
    is_participle,
)
from search_index.extraction.mentions import Mention
from search_index.extraction.tokens import Token
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
# What a speaker goes on to do after ", and": a verb the quote reader does not list as a cue
_NEXT_ACT_VERBS = frozenset({"demanded", "sought", "rejected", "dismissed", "condemned",
                             "criticised", "criticized", "welcomed", "expressed", "vowed",
                             "pledged", "appealed", "demands", "rejects", "condemns", "welcomes"})
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
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
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
        "clarify": ("clarifies", "clarified"),
        "elaborate": ("elaborates", "elaborated"),
        "indicate": ("indicates", "indicated"),
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
                                      "propose", "suggest", "clarify", "observe", "remark",
                                      "elaborate", "indicate",
                                      "reply", "respond"}


@dataclass(frozen=True, slots=True)
class Cue:
    at: int  # the verb's token
    base: str
    content: int  # first token after the verb and its particle
    participle: bool  # ", saying …": continues the subject of the sentence's main verb
    according: bool = False


def cue_at(tokens: Sequence[Token], c: int, a: int, b: int) -> Cue | None:
    """A verb of speech at `c` that can report content, with where that content begins."""
    token = tokens[c]
    word = token.lower
    if word == "according":
        if c + 1 < b and tokens[c + 1].lower == "to":
            return Cue(c, "according", c + 2, False, according=True)
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
    return Cue(c, base, content, participle)


def clause_end(tokens: Sequence[Token], k: int, b: int) -> int:
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
            if following.lower == "and" and i + 2 < b and (
                    is_cue(tokens[i + 2]) or tokens[i + 2].lower in _NEXT_ACT_VERBS):
                # "…, and warned Islamabad of …", "…, and demanded the elimination of …": the
                # subject's next verb
                last = i - 1
                break
            if tokens[i - 1].quote is not None and following.quote is None:
                # `stressed ties on the basis of “mutual respect”, a day after the vote`: the
                # quoted fragment closes the clause; what follows is the reporter's
                last = i - 1
                break
    while last > k and not (tokens[last].is_word or tokens[last].quote is not None):
        last -= 1
    return last


def own_words(tokens: Sequence[Token], k: int, last: int) -> int:
    return sum(1 for t in tokens[k:last + 1] if t.is_word and t.lower != "that")


def is_narration(tokens: Sequence[Token], k: int, last: int) -> bool:
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
    # "said Pakistan stands ready …": after a name that opens the clause, an -s word is its verb
    after_name = n == k + 1 and tokens[k].capitalised and following is not None \
        and following.is_word
    return (word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))
            and len(word) > 3 and t.text[:1].islower() and following is not None
            and (after_name or following.quote is not None or following.lower in _AFTER_S_VERB))


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
    last = clause_end(tokens, k, b)
    if last - k + 1 < _MIN_INDIRECT_WORDS:
        return None
    if not that and (tokens[k].lower in _ADJUNCT_STARTS or is_participle(tokens[k])
                     or not tokens[k].is_word):
        return None
    first = tokens[k].lower
    # "US" is no "us": an object pronoun is written in lower case
    pronoun = first in _OBJECT_PRONOUNS and not tokens[k].text.isupper()
    if pronoun or (first == "her" and tokens[k + 1].lower == "to") or (
            not that and (first in _FINITE or first in _IRREGULAR_PAST
                          or (first.endswith("ed") and not tokens[k].capitalised))):
        # "says him to condemn …", "writes began in the 1970s": a clause has a subject first
        return None
    if not that and first not in _SUBJECT_PRONOUNS:
        # "said they stand by …": a subject pronoun opens a clause whatever its verb's form
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
    last = clause_end(tokens, k, b)
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
    last = clause_end(tokens, k, b)
    return (k, last) if last - k + 1 >= _MIN_INDIRECT_WORDS else None


def _small_clause(tokens: Sequence[Token], k: int, b: int) -> tuple[int, int] | None:
    """ "described the meeting an opportunity to …", "terming the move “contrary to …”"."""
    if k >= b or not (tokens[k].lower in {"the", "this", "that", "it", "its", "his", "her",
                                          "their", "a", "an", "them", "him"}
                      or tokens[k].capitalised):
        return None
    last = clause_end(tokens, k, b)
    if last - k + 1 < 3 or (last - k + 1 < _MIN_INDIRECT_WORDS
                            and tokens[last].quote is None):
        return None
    return k, last


def content_after(tokens: Sequence[Token], cue: Cue, b: int) -> tuple[int, int] | None:
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


def parenthetical(tokens: Sequence[Token], cue: Cue, a: int, b: int, mention: Mention
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
    last = clause_end(tokens, k, b)
    return (k, last) if last - k + 1 >= _MIN_INDIRECT_WORDS else None


def clause_before(tokens: Sequence[Token], c: int, a: int, b: int, mention: Mention
                  ) -> tuple[int, int] | None:
    """ "<clause>, the ISPR said in a statement." and "<clause>, according to X." """
    subject_start = next((i for i in range(a, b) if tokens[i].start >= mention.start), None)
    tail_from = c + 1
    if tokens[c].lower == "according":
        subject_start = c
    elif subject_start is not None and subject_start > c:
        # "<clause>, said police officer NAME(, a …)": the subject after its cue
        subject_start = c
        tail_from = next((i for i in range(c + 1, b) if tokens[i].start >= mention.end), b)
        if tail_from < b and tokens[tail_from].text == ",":
            tail_from = b  # an appositive: "…, said NAME, a local official in …"
    if subject_start is None or subject_start - 1 <= a:
        return None
    back = subject_start
    while back - 1 > a and subject_start - back < 6 and tokens[back - 1].capitalised:
        back -= 1  # "…, Foreign Office Spokesperson Dr NAME said": the title before the name
    if tokens[back - 1].text == ",":
        subject_start = back
    if tokens[subject_start - 1].text != ",":
        return None
    if any(t.quote is not None or t.text == ":" for t in tokens[c + 1:b]):
        return None  # `…, the chair replied: “…”`: the cue introduces a quote instead
    tail = [t.lower for t in tokens[tail_from:b] if t.is_word]
    if tokens[c].lower != "according" and tail and tail[0] not in {"in", "on", "to",
                                                                   "during", "at",
                                                                   "yesterday", "today",
                                                                   "by"}:
        return None
    last = subject_start - 2
    first = after_dateline(tokens, a, last)
    if last - first + 1 < _MIN_INDIRECT_WORDS or any(is_cue(t) for t in tokens[first:last + 1]):
        return None
    return first, last


def after_dateline(tokens: Sequence[Token], a: int, last: int) -> int:
    """Where a sentence starts after its dateline: "ISLAMABAD (Reuters) - …", "KABUL: …"."""
    if a + 1 <= last and tokens[a].text.isupper() and tokens[a].is_word:
        dash = next((i for i in range(a + 1, min(last, a + 10)) if tokens[i].text in
                     {"-", "—", "–", ":"}), None)
        if dash is not None and (dash == a + 1 or any(t.text == ")" for t in
                                                        tokens[a + 1:dash])):
            return dash + 1
    return a
