"""One paragraph's attributed statements, read as grammar.

For every quote the reporter's frame around it is read: a cue verb next to the quote
(`,” said Miller.`, `,” he added.`, `Kirby said: “`), a cue earlier in the sentence whose
clause holds the quote (`said the US had “shared interests…”`), or, for a quote that stands
as its own sentence with no cue, the speaker of the sentence or paragraph just before.
Sentences with no quote go to `reported_speech`, which decides whether they report speech.
Mentions resolve through the article's `Discourse`.

Over 400 lines because the subject finder and the reading of a quote's frame share one
sentence's token tables and cue tables; apart, each would rebuild or pass them around.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from search_index.extraction.attributed import Attributed, Subject
from search_index.extraction.cues import (
    DETERMINERS_BEFORE,
    in_a_statement,
    is_cue,
    is_cue_at,
    is_participle,
)
from search_index.extraction.discourse import Discourse, Entity
from search_index.extraction.mentions import (
    Mention,
    organisation_of,
    parse_phrase,
    phrase_after,
    phrase_before,
)
from search_index.extraction.quotes import DOUBLE_MARKS, SINGLE_MARKS, QuoteSpan
from search_index.extraction.reported_speech import read_reported
from search_index.extraction.sources import UNNAMED_KINDS, source_kind, source_name
from search_index.extraction.tokens import Token, sentences, tokenise
from search_index.models import Paragraph, StatementKind
from search_index.text.lexicon import (
    ADVERBS,
    AUXILIARIES,
    COUNTRIES,
    DESCRIPTION_NOUNS,
    MONTHS,
    PRONOUNS,
    ROLE_WORDS,
    US_STATES,
    WEEKDAYS,
)

# `,” a spokeswoman for the Department for Health and Social Care said`: a subject this long
# may stand between a quote and its cue
_INVERTED_SUBJECT_WORDS = 15
_NEAR_CUE_WORDS = 8
_APPOSITIVE_WORDS = 16  # tokens of a description set off by commas after a name
# Cues whose object is the one spoken to, never an inverted subject: in `,” NAME III tells
# the Daily Ledger` the paper heard the words, it did not say them
_ADDRESSEE_CUES = frozenset({"tell", "tells", "told", "telling"})
_RELATIVE_WORDS = frozenset({"who", "whose", "whom", "which"})
# Words inside a title in quote marks ("Descent into Chaos", "Capital Talk", "Vision 2030").
_TITLE_SMALL_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "into",
                                "at", "by", "with", "from", "or"})
_MAX_TITLE_WORDS = 8
_PARTY_TAG = re.compile(r"^[DRI]-[A-Z][\w.]*$")
# "NAME, during his visit said": the adjuncts that may stand unclosed before a verb of speech
_UNCLOSED_ADJUNCT_STARTS = frozenset({"during", "while", "speaking", "talking", "addressing",
                                      "responding", "replying", "in", "at", "after"})
_UNCLOSED_ADJUNCT_REACH = 12
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})


def _description(mention: Mention) -> bool:
    """ "the billionaire business mogul", "the Republican nominee": a definite description of
    someone, never "a candidate" (someone else) or "the candidates" (a group)."""
    words = mention.text.lower().split()
    return bool(words) and words[0] not in {"a", "an", "one", "another", "some"} \
        and words[-1] in DESCRIPTION_NOUNS


def _possessor(tokens: Sequence[Token], end: int, b: int) -> bool:
    """The phrase ending before `end` is a possessive with its noun after it ("Trump's
    remarks"): it names whose thing, not who spoke."""
    last = tokens[end - 1].lower if end > 0 else ""
    return (last.endswith(("'s", "’s")) or (end < b and tokens[end].text in {"'", "’"})) \
        and end < b and tokens[end].is_word and not tokens[end].capitalised


def _party_tag_inside(inner: Sequence[Token]) -> bool:
    """The words between brackets after a lawmaker's name: "R-Ky.", "D-N.Y.", "R", "D"."""
    words = [t.text for t in inner if t.text != "."]
    return len(words) == 1 and (_PARTY_TAG.match(words[0]) is not None
                                or words[0] in {"D", "R", "I"})


def _date_adjunct_start(tokens: Sequence[Token], j: int, a: int) -> int | None:
    """Where a time adjunct ending at token `j` begins: "on Thursday", "on Thursday evening",
    "on March 14", "yesterday", "last night", "last week"; None when `j` ends none."""
    k = j
    if tokens[k].lower in _DAY_PARTS and k > a and tokens[k - 1].lower in WEEKDAYS:
        k -= 1
    word = tokens[k].lower
    if word in {"yesterday", "today", "tonight"}:
        return k
    if word in {"night", "week", "month"} and k > a and tokens[k - 1].lower == "last":
        return k - 1
    if word.isdigit() and k > a and tokens[k - 1].lower.rstrip(".") in MONTHS:
        k -= 1
        word = tokens[k].lower.rstrip(".")
    if word in WEEKDAYS or word in MONTHS:
        if k > a and tokens[k - 1].lower == "on":
            return k - 1
        return k if word in WEEKDAYS and tokens[k].capitalised else None
    return None


_PARENTHETICAL_TOKENS = 6


def _parenthetical_start(tokens: Sequence[Token], j: int, a: int) -> int | None:
    """Where a short parenthetical ending at token `j` (or at the comma after it) opens: a
    party-and-state tag or an acronym between a subject and its verb ("(R-Fla.)", "(ISIS)")
    belongs to neither. None when `j` ends none."""
    if tokens[j].text == "," and j > a and tokens[j - 1].text == ")":
        j -= 1
    if tokens[j].text != ")":
        return None
    for i in range(j - 1, max(a, j - _PARENTHETICAL_TOKENS) - 1, -1):
        if tokens[i].quote is not None or tokens[i].text == ")":
            return None
        if tokens[i].text == "(":
            return i if i > a and j - i > 1 else None
    return None


def is_display(paragraph: Paragraph) -> bool:
    """A headline, sub-headline or bullet: no sentence punctuation at its end, or every word
    capitalised ("Weiner Reportedly Caught In Yet Another Sext Scandal.")."""
    text = paragraph.text.strip()
    if text[:1] in "•·▪◦-*":
        return True
    tail = text.rstrip(DOUBLE_MARKS + SINGLE_MARKS + ")")
    return tail[-1:] not in ".!?:;…" or _title_case(text)


_HEADLINE_MIN_WORDS = 4


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text)
             if w.lower() not in _TITLE_SMALL_WORDS]
    return len(words) >= _HEADLINE_MIN_WORDS and all(w[:1].isupper() for w in words)


def _unnamed(mention: Mention) -> Entity | None:
    """The entity for a source the discourse cannot name ("a senior official", "the report",
    "protesters"); None for a pronoun with nobody before it: a guess is worse than nothing."""
    if mention.kind == "pronoun":
        return None
    words = mention.text.split()
    if not words or words[0].lower() in _NOT_A_SOURCE_START:
        return None  # "in a statement": where something was said, not who said it
    return Entity(source_name(mention.text), source_kind(mention.text))


_NOT_A_SOURCE_START = frozenset({"in", "on", "at", "with", "by", "from", "to", "for", "of",
                                 "into", "during", "after", "before", "through", "via"})


# Words that open an adjunct before a sentence's subject, up to its comma: "In a post on
# Sunday, ...", "First, Trump ...", "Moreover, as part of ..., Gowdy ...", "Given Sanders'
# success, ...", "Like Corker, Menendez ...".
_ADJUNCT_OPENERS = frozenset({
    "in", "on", "at", "after", "before", "during", "when", "while", "for", "however",
    "meanwhile", "last", "earlier", "later", "despite", "amid", "first", "second", "third",
    "finally", "moreover", "likewise", "similarly", "furthermore", "additionally", "instead",
    "still", "yet", "also", "besides", "otherwise", "nonetheless", "nevertheless", "given",
    "like", "unlike", "as", "with", "without", "under", "since", "although", "though",
    "because", "if", "once", "among", "following", "by", "from", "until", "unless",
    "whereas", "regardless", "then", "now", "today", "yesterday", "tonight", "again",
})
# "Hours later, ...", "Two days earlier, ...", "Moments ago, ...": a time before the subject.
_TIME_ADJUNCT_ENDS = frozenset({"later", "earlier", "ago", "afterward", "afterwards"})


def _time_adjunct(tokens: Sequence[Token], k: int, b: int) -> bool:
    """Up to three words and a time word, then a comma, open the sentence."""
    for n in range(k + 1, min(b - 1, k + 4)):
        if tokens[n].lower in _TIME_ADJUNCT_ENDS:
            return tokens[n + 1].text == ","
        if not tokens[n].is_word:
            return False
    return False


# Capitalised sentence openers that are no names: "Plus", "Even", "Part", "Generous".
_OPENERS = frozenset({"plus", "even", "already", "still", "also", "part", "generous", "meanwhile",
                      "instead", "indeed", "yet", "so", "then", "now", "here", "there", "thus",
                      "but", "and", "or", "nor", "perhaps", "maybe", "only", "just", "again",
                      "once", "twice", "both", "each", "every", "some", "many", "most", "few",
                      "several", "all", "another", "other", "such", "those", "these", "this",
                      "that", "what", "which", "while", "though", "although", "unlike", "like",
                      "among", "amid", "despite", "since", "until", "without", "with", "via",
                      "you", "between", "because", "if", "when", "where", "why", "how", "after",
                      "before", "during", "for", "from", "in", "on", "at", "as", "by", "to",
                      "not", "no", "yes", "thanks", "according"})


def _opener_as_name(entity: Entity, mention: Mention) -> bool:
    """A one-word "person" that is a capitalised opener, not a name the article gives."""
    words = mention.text.split()
    return (entity.kind == "person" and len(entity.name.split()) < 2 and bool(words)
            and _is_opener(words[0]))


def _is_opener(word: str) -> bool:
    low = word.lower()
    return low in _OPENERS or low.endswith(("ly", "ing", "ed"))


_PASSIVE_BEFORE_QUOTE = frozenset({"was", "were", "been", "being", "is", "are", "be", "get",
                                   "got"})
# Subjects whose sentence's quoted words are theirs even without a verb of speech.
_SPEAKING_SUBJECTS = frozenset({"person", "pronoun", "institution"})


class ParagraphReader:
    """Attribution inside one paragraph, with the article's discourse."""

    def __init__(self, discourse: Discourse, paragraph: Paragraph, position: int,
                 quotes: Sequence[QuoteSpan]) -> None:
        self.discourse = discourse
        self.paragraph = paragraph
        self.position = position  # in the paragraph list; QuoteSpan.paragraph counts the same
        self.quotes = list(quotes)
        source = discourse.source
        extents = []
        for index, quote in enumerate(self.quotes):
            start = max(quote.start, paragraph.start)
            end = min(quote.end, paragraph.end)
            while start > paragraph.start and source[start - 1] in DOUBLE_MARKS + SINGLE_MARKS:
                start -= 1
            while end < paragraph.end and source[end] in DOUBLE_MARKS + SINGLE_MARKS:
                end += 1
            extents.append((start, end, index))
        self.tokens = tokenise(paragraph.text, paragraph.start, extents)
        self.quote_texts = [source[q.start:q.end] for q in self.quotes]
        self.sentences = sentences(self.tokens, self.quote_texts)
        self.display = is_display(paragraph)
        self._cue_table_for: tuple[int, int] | None = None
        self._cue_table: list[int | None] = []
        self._according_table_for: tuple[int, int] | None = None
        self._according_table: list[int | None] = []

    # -- grammar -------------------------------------------------------------------------------
    def sentence_subject(self, a: int, b: int) -> Mention | None:
        tokens = self.tokens
        k = self._subject_start(a, b)
        if k >= b:
            return None
        if tokens[k].lower in {"he", "she", "it"}:
            return parse_phrase(tokens, k, k + 1, self.discourse.source)
        start, end = phrase_after(tokens, k, b)
        # "Sen. Rand Paul (R-Ky.) said …, and called him “…”": the name ends at its bracket
        end = next((i for i in range(start + 1, end) if tokens[i].text == "("), end)
        return parse_phrase(tokens, start, end, self.discourse.source)

    def _subject_start(self, a: int, b: int) -> int:
        """Where a sentence's subject begins, after a dateline and leading adjuncts ("In a
        post on Sunday, ...", "Asked about the race, ...")."""
        tokens = self.tokens
        k = a
        if k + 1 < b and tokens[k].text.isupper() and tokens[k + 1].text in {":", "-", "—", "–"}:
            k += 2  # dateline: "KABUL -", "WASHINGTON:"
        elif tokens[k].text.isupper() and tokens[k].is_word:
            # "KABUL (AFP) -", "WASHINGTON, Sept 5 (Reuters) -"
            dash = next((i for i in range(k + 1, min(b, k + 9)) if tokens[i].text in
                         {"-", "—", "–", ":"}), None)
            if dash is not None and any(t.text == ")" for t in tokens[k + 1:dash]):
                k = dash + 1
        for _ in range(2):
            if k < b and (tokens[k].lower in _ADJUNCT_OPENERS or is_participle(tokens[k])
                          or _time_adjunct(tokens, k, b)):
                comma = next((i for i in range(k, min(b, k + 25)) if tokens[i].text == ","), None)
                if comma is None:
                    break
                k = comma + 1
        return k

    def note_subject(self, a: int, b: int) -> None:
        """Every sentence brings its subject forward for the pronouns that follow, with a
        reporting verb or without ("Front-runner X stretched the truth when she claimed …"):
        "Foreign Minister X condemned the attack. “…,” he said."; "The UN envoy, Y, welcomed
        the move." Only people the article names in full count, never
        someone named inside a clause ("who confirmed that Cole …")."""
        tokens, source = self.tokens, self.discourse.source
        k = self._subject_start(a, b)
        if k >= b or not tokens[k].is_word:
            return
        start, end = phrase_after(tokens, k, b)
        mention = parse_phrase(tokens, start, end, source) if end > start else None
        if mention is None or mention.kind != "person":
            # "The United Nations’ special envoy for Sudan, NAME, welcomed …": a role phrase,
            # then the name between commas
            comma = next((i for i in range(k, min(b, k + 12))
                          if tokens[i].text == "," or tokens[i].quote is not None), None)
            if comma is not None and tokens[comma].text == ",":
                last = next((i for i in range(comma + 1, min(b, comma + 7))
                             if not tokens[i].capitalised and tokens[i].lower not in
                             {"al", "ul", "bin", "de", "van", "von"}), b)
                if last < b and tokens[last].text == "," and 2 <= last - comma - 1 <= 5:
                    mention = parse_phrase(tokens, comma + 1, last, source)
        if mention is None or mention.kind != "person" or not mention.name:
            return
        name = self.discourse.person_name(mention.name)
        if len(name.split()) < 2:
            return  # "Ashford are second": a single word the article never spelled out
        self.discourse.resolve(mention, self.paragraph.index)

    def subject_of(self, c: int, a: int, b: int, *, inverted: bool = True) -> Subject | None:
        tokens = self.tokens
        word = tokens[c].lower
        source = self.discourse.source
        if word == "according":
            if c + 2 < b and tokens[c + 2].lower in {"him", "her"}:
                # "According to him, “…”": the person the article spoke of last
                pronoun = "he" if tokens[c + 2].lower == "him" else "she"
                return Subject(Mention("pronoun", pronoun, tokens[c + 2].start,
                                        tokens[c + 2].end, gender=PRONOUNS[pronoun]))
            start, end = phrase_after(tokens, c + 2, b)
            mention = parse_phrase(tokens, start, end, source)
            opening = next((i for i in range(c + 2, min(b, c + 14))
                            if tokens[i].text == "," or tokens[i].quote is not None), None)
            if opening is not None and tokens[opening].text == "," and (
                    mention is None or mention.kind != "person"):
                # "According to Ukraine's ambassador to the EU, NAME, Kyiv needs …"
                close = next((i for i in range(opening + 1, min(b, opening + 7))
                              if tokens[i].text == ","), None)
                named = self._appositive_name(opening, close, c + 2, False) if close else None
                if named is not None:
                    return named
            return Subject(mention) if mention else None
        if word == "saying" and c > a and tokens[c - 1].lower == "as":
            quoted = next((i for i in range(c - 2, max(a, c - 12) - 1, -1)
                           if tokens[i].lower == "quoted"), None)
            if quoted is not None:
                mention = parse_phrase(tokens, quoted + 1, c - 1, source)
                return Subject(mention) if mention else None
            return None
        if is_participle(tokens[c]):
            for earlier in range(c - 1, a - 1, -1):
                if is_cue(tokens[earlier]) and not is_participle(tokens[earlier]):
                    return self.subject_of(earlier, a, b)
            mention = self.sentence_subject(a, c)
            return Subject(mention) if mention else None
        j = c - 1
        past_perfect = False
        while j >= a:
            if tokens[j].lower in ADVERBS or tokens[j].lower in AUXILIARIES:
                past_perfect = past_perfect or tokens[j].lower == "had"
                j -= 1
                continue
            opening = _parenthetical_start(tokens, j, a)
            if opening is not None:
                j = opening - 1  # "Sen. NAME (R-Fla.) said", "NAME (D-Ore.), said"
                continue
            before_date = _date_adjunct_start(tokens, j, a)
            if before_date is None:
                break
            j = before_date - 1  # "NAME on Thursday said": the day is no part of the subject
        if j >= a and tokens[j].text == ",":
            previous = self._comma_before(j, a)
            if previous is None or tokens[previous].text != ",":
                # "Price, who was asked whether … to ease its terms, said", "Brennan, a
                # founder of the group who has swum … for six years, wrote": a long relative
                # clause or appositive between the subject and its verb
                previous = next((i for i in range(j - 1, max(a, j - 45) - 1, -1)
                                 if tokens[i].text == "," and i + 1 < j and (
                                     tokens[i + 1].lower in _RELATIVE_WORDS
                                     or (tokens[i + 1].lower in {"a", "an", "the"} and i > a
                                         and tokens[i - 1].capitalised))), None)
                if previous is not None and tokens[previous + 1].lower not in _RELATIVE_WORDS \
                        and any(tokens[i].quote is not None or is_cue(tokens[i])
                                for i in range(previous + 1, j)):
                    previous = None  # an appositive holds no reporting verb of its own
            if previous is not None and tokens[previous].text == ",":
                named = self._appositive_name(previous, j, a, past_perfect)
                if named is not None:
                    return named
                j = previous - 1
        if j - 2 > a and tokens[j].text == ")":
            opening = next((i for i in range(j - 1, max(a, j - 6) - 1, -1)
                            if tokens[i].text == "("), None)
            if opening is not None and opening > a and _party_tag_inside(tokens[opening + 1:j]):
                j = opening - 1  # "Sen. Rand Paul (R-Ky.) said", "Rep. Jane Roe (D) said"
        if j - 1 > a and tokens[j].text == "." and _PARTY_TAG.match(tokens[j - 1].text):
            j -= 1  # "D-N.Y."
        if j - 1 > a and tokens[j - 1].text == "," and (
                tokens[j].text.isdigit() or _PARTY_TAG.match(tokens[j].text)):
            # "Siti Aminah, 62, said", "Sen. Grant Holloway, R-Idaho, who …, countered": an
            # age or a US party-and-state tag set off by commas after the name
            j -= 2
        if j >= a and tokens[j].lower in {"he", "she", "it", "they", "we", "i"}:
            return Subject(parse_phrase(tokens, j, j + 1, source) or Mention(
                "pronoun", tokens[j].text, tokens[j].start, tokens[j].end), past_perfect)
        if j >= a and tokens[j].lower in {"and", "but"}:
            mention = self.sentence_subject(a, j)
            return Subject(mention, past_perfect) if mention else None
        # "Baloch, during her weekly briefing said": an adjunct whose closing comma the
        # reporter left out stands between the subject and its verb
        mention = self._before_unclosed_adjunct(j, a)
        if mention is None:
            start, end = phrase_before(tokens, j + 1, a)
            mention = parse_phrase(tokens, start, end, source) if end > start else None
        if mention is None and inverted and c + 1 < b and tokens[c + 1].lower != "that" \
                and tokens[c].lower not in _ADDRESSEE_CUES:
            # `,” said Miller`; but "who confirmed that Cole …" names the clause's subject
            if tokens[c + 1].lower in {"he", "she", "it"}:
                mention = parse_phrase(tokens, c + 1, c + 2, source)
            else:
                start, end = phrase_after(tokens, c + 1, b)
                mention = parse_phrase(tokens, start, end, source) if end > start else None
                if mention is not None and mention.kind == "statement" and \
                        mention.source is None and end < b and tokens[end].lower in {"by", "from",
                                                                                     "of"}:
                    # `,” said a statement by the ISPR, the military's media wing`: whose
                    _, further = phrase_after(tokens, end + 1, b)
                    whose = parse_phrase(tokens, start, further, source)
                    mention = whose if whose is not None and whose.source is not None \
                        else mention
                elif mention is not None and _possessor(tokens, end, b):
                    # `said Ohio's remaining period "is …"`, `said Rubio's tax plan would …`:
                    # the start of what was said, whose subject is the possessor's thing
                    mention = None
        return Subject(mention, past_perfect) if mention else None

    def _before_unclosed_adjunct(self, j: int, a: int) -> Mention | None:
        tokens = self.tokens
        comma = next((i for i in range(j, max(a, j - _UNCLOSED_ADJUNCT_REACH) - 1, -1)
                      if tokens[i].text in ",;:" or tokens[i].quote is not None
                      or is_cue(tokens[i])), None)
        if comma is None or tokens[comma].text != "," or comma == j \
                or tokens[comma + 1].lower not in _UNCLOSED_ADJUNCT_STARTS:
            return None
        start, end = phrase_before(tokens, comma, a)
        mention = parse_phrase(tokens, start, end, self.discourse.source) if end > start \
            else None
        return mention if mention is not None and mention.kind in {"person", "institution"} \
            else None

    def _comma_before(self, j: int, a: int) -> int | None:
        """The comma (or quote, or cue) before the comma at `j`; a state or country set off
        by commas after a city is one place with it: "Clinton, during a town hall in
        Columbus, Ohio, said" reaches back past "Ohio" to the adjunct's comma."""
        tokens = self.tokens
        end = j
        while True:
            previous = next((i for i in range(end - 1, max(a, end - 15) - 1, -1)
                             if tokens[i].text == "," or tokens[i].quote is not None
                             or is_cue(tokens[i])), None)
            inner = tokens[previous + 1:end] if previous is not None else []
            if previous is None or tokens[previous].text != "," or not inner or not all(
                    t.capitalised and (t.lower in US_STATES or t.lower in COUNTRIES)
                    for t in inner):
                return previous
            end = previous

    def _appositive_name(self, comma: int, j: int, a: int, past_perfect: bool
                         ) -> Subject | None:
        """ "A spokesman for Pakistan's Foreign Ministry, Mumtaz Zahra Baloch, told …": a role
        phrase, then the name between commas. The speaker is the name; the phrase its role."""
        tokens, source = self.tokens, self.discourse.source
        inner = [t for t in tokens[comma + 1:j]]
        if not 2 <= len(inner) <= 5 or not all(t.capitalised or t.lower in {"al", "ul", "bin"}
                                                 for t in inner):
            return None
        named = parse_phrase(tokens, comma + 1, j, source)
        if named is None or named.kind != "person" or not named.name \
                or len(named.name.split()) < 2:
            return None
        head_start = comma - 1
        while head_start > a and tokens[head_start - 1].text != "," \
                and tokens[head_start - 1].quote is None and not is_cue(tokens[head_start - 1]):
            head_start -= 1
        head = [t for t in tokens[head_start:comma]]
        head_mention = parse_phrase(tokens, head_start, comma, source) if head else None
        if head_mention is not None and head_mention.kind == "person":
            return None  # "Mumtaz Zahra Baloch, the spokesperson, said": the usual order
        while head and head[0].lower in DETERMINERS_BEFORE:
            head = head[1:]
        role = source[head[0].start:head[-1].end] if head and any(
            t.lower.rstrip("'s’") in ROLE_WORDS for t in head) else None
        return Subject(Mention("person", source[inner[0].start:inner[-1].end], inner[0].start,
                                inner[-1].end, name=named.name, role=role or named.role),
                        past_perfect)

    def _adjacent_after(self, t: int, b: int) -> tuple[int, Subject] | None:
        """A cue right after the quote: `,” said Miller`, `,” he added`, `,” according to X`."""
        tokens = self.tokens
        k = t + 1
        if k < b and tokens[k].text in {",", "—", "–"}:
            k += 1
        if k >= b:
            return None
        if is_cue_at(tokens, k) or (tokens[k].lower == "according" and k + 1 < b
                                  and tokens[k + 1].lower == "to"):
            subject = self.subject_of(k, k, b)
            return (k, subject) if subject else None
        phrase_end = phrase_after(tokens, k, b)[1]
        # `,” the Minister of Power, NAME, said.`: the cue right after a name set off by commas
        # `,” NAME, a political scientist at Texas Tech University, told …`: a longer
        # appositive too, so long as it holds no quote and no verb of speech of its own
        after_appositive = None
        if phrase_end < b and tokens[phrase_end].text == ",":
            close = next((i for i in range(phrase_end + 1, min(b, phrase_end + _APPOSITIVE_WORDS))
                          if tokens[i].text == "," or tokens[i].quote is not None
                          or is_cue(tokens[i])), None)
            if close is not None and tokens[close].text == "," and close + 1 < b:
                after_appositive = close + 1
        last = max(k + _INVERTED_SUBJECT_WORDS, (after_appositive or 0) + 1)
        for c in range(k + 1, min(b, last)):
            if tokens[c].quote is not None:
                return None
            # words, not tokens: the stops of "George W. Bush" add no distance
            near = sum(1 for i in range(k, c) if tokens[i].is_word) < _NEAR_CUE_WORDS
            if not near and c not in (phrase_end, after_appositive):
                continue  # far from the quote, only a cue right after one noun phrase counts
            if is_cue_at(tokens, c):
                # `,” the official said`; else `” for Clinton, said Kunin`: the subject after
                subject = self.subject_of(c, k, b, inverted=False) or (
                    self.subject_of(c, c, b) if tokens[c - 1].text == "," else None)
                return (c, subject) if subject else None
        return None

    def _before(self, t: int, a: int, b: int) -> tuple[int, Subject] | None:
        c = self._nearest_cue_before(a, b)[t - a]
        according = self._nearest_according_before(a, b)[t - a]
        if according is not None and (c is None or c < according):
            # "According to him, “…”", "According to NAME, Kyiv needs “…”": the sentence is
            # theirs when no other verb of speech comes between
            subject = self.subject_of(according, a, b)
            if subject is not None:
                return according, subject
        table = self._nearest_cue_before(a, b)
        while c is not None:
            subject = self.subject_of(c, a, b)
            if subject is not None:
                return c, subject
            # a cue with no subject is a noun spelled like one ("approved claims"): the cue
            # before it may still report the quote
            c = table[c - a]
        return None

    def _nearest_according_before(self, a: int, b: int) -> list[int | None]:
        """For each token of the sentence, the closest "according to" ending before it (one
        pass a sentence, like the cue table)."""
        if self._according_table_for != (a, b):
            table: list[int | None] = []
            nearest: int | None = None
            for i in range(a, b):
                table.append(nearest)
                if self.tokens[i].lower == "to" and i > a and self.tokens[i - 1].lower \
                        == "according":
                    nearest = i - 1
            self._according_table_for, self._according_table = (a, b), table
        return self._according_table

    def _nearest_cue_before(self, a: int, b: int) -> list[int | None]:
        """For each token of the sentence, the closest cue before it. Computed once a sentence:
        scanning back from every quote made a sentence of n quote marks cost n^2."""
        if self._cue_table_for != (a, b):
            table: list[int | None] = []
            nearest: int | None = None
            for i in range(a, b):
                table.append(nearest)
                if is_cue_at(self.tokens, i) and self.tokens[i].lower != "according":
                    nearest = i
            self._cue_table_for, self._cue_table = (a, b), table
        return self._cue_table

    # -- statements ----------------------------------------------------------------------------
    def read(self) -> list[Attributed]:
        found: list[Attributed] = []
        previous_speaker: tuple[Entity, str, bool, str | None] | None = None
        number = self.paragraph.index
        discourse = self.discourse
        for a, b in self.sentences:
            sentence_speaker: tuple[Entity, str, bool, str | None] | None = None
            quote_positions = [i for i in range(a, b) if self.tokens[i].quote is not None]
            if not self.display:  # the cue's own subject, read after, is the more recent
                self.note_subject(a, b)
            for t in quote_positions:
                quote = self.quotes[self.tokens[t].quote or 0]
                if quote.paragraph != self.position:
                    continue  # the tail of a quote begun in an earlier paragraph
                hit = self._adjacent_after(t, b) or self._before(t, a, b) or (
                    self._subject_before(t, a))
                entity: Entity | None = None
                mention_text = ""
                cue: str | None = None
                past_perfect = carried = False
                if hit is not None:
                    c, subject = hit
                    entity = discourse.resolve(subject.mention, number) or _unnamed(
                        subject.mention)
                    if entity is not None and _opener_as_name(entity, subject.mention):
                        entity = None  # "Between …", "You …": a sentence opener, nobody
                    if (entity is None or entity.kind in UNNAMED_KINDS) and _description(
                            subject.mention):
                        # "the gambling tycoon told Reuters": the person speaking just then,
                        # with the words the story used for them
                        speaking = self._speaking_now(sentence_speaker, previous_speaker)
                        entity = speaking or entity
                    mention_text = subject.mention.text
                    cue = None if c == t else self.tokens[c].text \
                        if self.tokens[c].lower != "according" else "according to"
                    past_perfect = subject.past_perfect
                    if subject.mention.kind == "statement" and entity is not None and (
                            entity.kind not in UNNAMED_KINDS):
                        discourse.statement_source = entity
                if self._is_title(t, a):
                    continue  # programme "Capital Talk", the book "Descent into Chaos"
                # "…,” the official said: a subject, but nobody on the record: never carry
                # the previous speaker over it
                unnamed = hit is not None and (entity is None or entity.kind in UNNAMED_KINDS)
                if entity is None and t == a and not unnamed:
                    carried_from = sentence_speaker or previous_speaker
                    if carried_from is None and discourse.last_speaker is not None:
                        last, seen = discourse.last_speaker
                        if seen >= number - 1:
                            carried_from = (last, last.name, False, None)
                    if carried_from is not None:
                        entity, mention_text, past_perfect, cue = carried_from
                        carried = True
                kind = self._kind(t, a)
                if entity is None:
                    if kind == "partial":  # may echo a full quote later on: settled below
                        found.append(self._statement(quote, number, kind, Entity("", "none"),
                                                     "", None, a, b, False, True))
                    continue  # no speaker: scare quotes, a title, a slogan
                found.append(self._statement(quote, number, kind, entity, mention_text, cue, a,
                                             b, past_perfect, carried))
                sentence_speaker = (entity, mention_text, past_perfect, cue)
                if entity.kind not in UNNAMED_KINDS:  # "he" never stands for "a spokesman"
                    discourse.spoke(entity, number)
            if not quote_positions:
                sentence_speaker = read_reported(self, a, b, found) or sentence_speaker
            else:
                self._learn_subjects(a, b)
                read_reported(self, a, b, found, quoted=True)
            previous_speaker = sentence_speaker or previous_speaker
        return found

    def _speaking_now(self, sentence_speaker: tuple[Entity, str, bool, str | None] | None,
                      previous_speaker: tuple[Entity, str, bool, str | None] | None
                      ) -> Entity | None:
        """Who spoke last in this sentence, paragraph or the one before: a named person."""
        carried = sentence_speaker or previous_speaker
        if carried is not None:
            return carried[0] if carried[0].kind == "person" else None
        last = self.discourse.last_speaker
        if last is not None and last[1] >= self.paragraph.index - 1 and last[0].kind == "person":
            return last[0]
        return None

    def _subject_before(self, t: int, a: int) -> tuple[int, Subject] | None:
        """A quote inside a sentence with no verb of speech is its subject's words when the
        subject is someone who can speak: `He went on to call Cruz "the worst politician"`,
        `Name: "…"`. The quote's own token stands as the cue (there is none)."""
        if self.display or t <= a:
            return None
        tokens = self.tokens
        if any(tokens[i].lower in _PASSIVE_BEFORE_QUOTE and tokens[i + 1].lower.endswith(
                ("ed", "en")) for i in range(a, t - 1)):
            return None  # "Hale was accused of ‘gross negligence’": the subject heard them
        mention = self.sentence_subject(a, t)
        if mention is None or mention.kind not in _SPEAKING_SUBJECTS:
            return None
        first = (mention.name or "").split()[:1]
        if mention.kind == "person" and (not first or _is_opener(first[0])) and len(
                self.discourse.person_name(mention.name or "").split()) < 2:
            # "Citing …", "Immediately …", "Plus Democrats …": a capitalised opener is no
            # name; only someone the article names in full speaks without a verb of speech
            return None
        return t, Subject(mention)

    def _is_title(self, t: int, a: int) -> bool:
        """A title in quote marks: a few capitalised words, no sentence punctuation, right
        after a noun ("programme “Capital Talk”") rather than a cue or a colon."""
        text = self.quote_texts[self.tokens[t].quote or 0].strip()
        words = re.findall(r"[\w'’\-]+", text)
        if not words or len(words) > _MAX_TITLE_WORDS or re.search(r"[.!?,;:]", text):
            return False
        if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS
                   for w in words):
            return False
        if not words[0][:1].isupper() and not words[0][:1].isdigit():
            return False
        previous = self.tokens[t - 1] if t > a else None
        return previous is not None and previous.is_word and not is_cue(previous)

    def _learn_subjects(self, a: int, b: int) -> None:
        """Note the subjects of cues in a sentence (for later pronouns and statements)."""
        for c in range(a, b):
            if is_cue_at(self.tokens, c):
                subject = self.subject_of(c, a, b)
                if subject is not None:
                    self.discourse.resolve(subject.mention, self.paragraph.index)
                    if in_a_statement(self.tokens, c, b) and subject.mention.kind == "institution":
                        self.discourse.statement_source = self.discourse.resolve(
                            subject.mention, self.paragraph.index)

    def _kind(self, t: int, a: int) -> StatementKind:
        tokens = self.tokens
        if t == a:
            return "direct"
        previous = tokens[t - 1]
        if previous.text == ":" or is_cue_at(tokens, t - 1):
            return "direct"
        if previous.text == "," and t - 2 >= a and is_cue_at(tokens, t - 2):
            return "direct"
        if previous.text == "," and tokens[a].lower == "according" and t - a <= 8 \
                and self.quote_texts[tokens[t].quote or 0][:1].isupper():
            return "direct"  # "According to him, “We have …”": a sentence of theirs
        return "partial"

    def _statement(self, quote: QuoteSpan, number: int, kind: StatementKind, entity: Entity,
                   mention: str, cue: str | None, a: int, b: int, past_perfect: bool,
                   carried: bool) -> Attributed:
        role = entity.role if entity.kind == "person" else None
        return Attributed(
            start=quote.start, end=quote.end, paragraph=number, kind=kind, speaker=entity.name,
            mention=mention, speaker_kind=entity.kind, role=role,
            organisation=organisation_of(role) or (entity.name if entity.kind == "institution"
                                                   else None),
            cue=cue, sentence_start=self.tokens[a].start, sentence_end=self.tokens[b - 1].end,
            past_perfect=past_perfect, carried=carried, display=self.display)
