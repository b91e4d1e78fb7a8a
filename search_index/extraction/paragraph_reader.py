"""One paragraph's attributed statements, read as grammar.

For every quote the reporter's frame around it is read: a cue verb next to the quote
(`,” said Miller.`, `,” he added.`, `Kirby said: “`), a cue earlier in the sentence whose
clause holds the quote (`said the US had “shared interests…”`), or, for a quote that stands
as its own sentence with no cue, the speaker of the sentence or paragraph just before.
Sentences that report speech without quoting it are read here too. Mentions resolve through
the article's `Discourse`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from search_index.extraction.discourse import Discourse, Entity
from search_index.extraction.mentions import (
    Mention,
    organisation_of,
    parse_phrase,
    phrase_after,
    phrase_before,
)
from search_index.extraction.quotes import DOUBLE_MARKS, SINGLE_MARKS, QuoteSpan
from search_index.extraction.tokens import Token, sentences, tokenise
from search_index.models import Paragraph, StatementKind
from search_index.text.lexicon import (
    ADVERBS,
    AUXILIARIES,
    CUE_FORMS,
    INDIRECT_CUE_BASES,
    MONTHS,
    PRONOUNS,
    ROLE_WORDS,
    WEEKDAYS,
)

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
# `,” a spokeswoman for the Department for Health and Social Care said`: a subject this long
# may stand between a quote and its cue
_INVERTED_SUBJECT_WORDS = 15
_NEAR_CUE_WORDS = 8
_RELATIVE_WORDS = frozenset({"who", "whose", "whom", "which"})
# Words inside a title in quote marks ("Descent into Chaos", "Capital Talk", "Vision 2030").
_TITLE_SMALL_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "into",
                                "at", "by", "with", "from", "or"})
_MAX_TITLE_WORDS = 8
_NOUN_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "these",
                               "those", "such", "any", "whose", "my", "your"})
_PARTY_TAG = re.compile(r"^[DRI]-[A-Z][\w.]*$")
_PASSIVE_AUXILIARIES = frozenset({"was", "were", "been", "being", "be", "is", "are", "get",
                                  "got"})
_DETERMINERS_BEFORE = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this",
                                 "that", "these", "those", "of", "for", "with", "by"})


@dataclass(slots=True)
class Attributed:
    """A statement before dating: its span, its speaker and the sentence that reported it."""

    start: int
    end: int
    paragraph: int
    kind: StatementKind
    speaker: str
    mention: str
    speaker_kind: str
    role: str | None
    organisation: str | None
    cue: str | None
    sentence_start: int
    sentence_end: int
    past_perfect: bool = False
    carried: bool = False  # speaker taken from the sentence or paragraph before
    display: bool = False  # in a headline or bullet rather than the body
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Subject:
    mention: Mention
    past_perfect: bool = False


def _is_cue(token: Token) -> bool:
    # Reporting verbs are lower case: "the United States" holds no cue.
    return token.quote is None and token.text[:1].islower() and token.lower in CUE_FORMS


def _is_cue_at(tokens: Sequence[Token], c: int) -> bool:
    """A reporting verb at `c`, not the noun of the same spelling: "the claims", "his remarks",
    "a warning", "claims of interference" name something said; they do not report it."""
    if not _is_cue(tokens[c]):
        return False
    if c > 0 and tokens[c - 1].lower in _NOUN_DETERMINERS:
        return False
    if c > 0 and tokens[c - 1].lower in _PASSIVE_AUXILIARIES and tokens[c].lower.endswith(
            ("ed", "told")):
        return False  # "was accused of", "were told that": the subject heard, not said
    return not (c + 1 < len(tokens) and tokens[c + 1].lower == "of")


_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})


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


def _is_participle(token: Token) -> bool:
    return token.lower.endswith("ing")


def is_display(paragraph: Paragraph) -> bool:
    """A headline, sub-headline or bullet: no sentence punctuation at its end."""
    text = paragraph.text.strip()
    if text[:1] in "•·▪◦-*":
        return True
    tail = text.rstrip(DOUBLE_MARKS + SINGLE_MARKS + ")")
    return tail[-1:] not in ".!?:;…"


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
            if k < b and (tokens[k].lower in {"in", "on", "at", "after", "before", "during",
                                              "when", "while", "for", "however", "meanwhile",
                                              "last", "earlier", "later", "despite", "amid"}
                          or _is_participle(tokens[k])):
                comma = next((i for i in range(k, min(b, k + 25)) if tokens[i].text == ","), None)
                if comma is None:
                    break
                k = comma + 1
        return k

    def note_subject(self, a: int, b: int) -> None:
        """A sentence with no reporting verb still brings its subject forward for the
        pronouns that follow: "Foreign Minister X condemned the attack. “…,” he said."; "The
        UN envoy, Y, welcomed the move." Only people the article names in full count, never
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

    def subject_of(self, c: int, a: int, b: int, *, inverted: bool = True) -> _Subject | None:
        tokens = self.tokens
        word = tokens[c].lower
        source = self.discourse.source
        if word == "according":
            if c + 2 < b and tokens[c + 2].lower in {"him", "her"}:
                # "According to him, “…”": the person the article spoke of last
                pronoun = "he" if tokens[c + 2].lower == "him" else "she"
                return _Subject(Mention("pronoun", pronoun, tokens[c + 2].start,
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
            return _Subject(mention) if mention else None
        if word == "saying" and c > a and tokens[c - 1].lower == "as":
            quoted = next((i for i in range(c - 2, max(a, c - 12) - 1, -1)
                           if tokens[i].lower == "quoted"), None)
            if quoted is not None:
                mention = parse_phrase(tokens, quoted + 1, c - 1, source)
                return _Subject(mention) if mention else None
            return None
        if _is_participle(tokens[c]):
            for earlier in range(c - 1, a - 1, -1):
                if _is_cue(tokens[earlier]) and not _is_participle(tokens[earlier]):
                    return self.subject_of(earlier, a, b)
            mention = self.sentence_subject(a, c)
            return _Subject(mention) if mention else None
        j = c - 1
        past_perfect = False
        while j >= a:
            if tokens[j].lower in ADVERBS or tokens[j].lower in AUXILIARIES:
                past_perfect = past_perfect or tokens[j].lower == "had"
                j -= 1
                continue
            before_date = _date_adjunct_start(tokens, j, a)
            if before_date is None:
                break
            j = before_date - 1  # "NAME on Thursday said": the day is no part of the subject
        if j >= a and tokens[j].text == ",":
            previous = next((i for i in range(j - 1, max(a, j - 15) - 1, -1)
                             if tokens[i].text == "," or tokens[i].quote is not None
                             or _is_cue(tokens[i])), None)
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
                        and any(tokens[i].quote is not None or _is_cue(tokens[i])
                                for i in range(previous + 1, j)):
                    previous = None  # an appositive holds no reporting verb of its own
            if previous is not None and tokens[previous].text == ",":
                named = self._appositive_name(previous, j, a, past_perfect)
                if named is not None:
                    return named
                j = previous - 1
        if j - 1 > a and tokens[j].text == "." and _PARTY_TAG.match(tokens[j - 1].text):
            j -= 1  # "D-N.Y."
        if j - 1 > a and tokens[j - 1].text == "," and (
                tokens[j].text.isdigit() or _PARTY_TAG.match(tokens[j].text)):
            # "Siti Aminah, 62, said", "Sen. Grant Holloway, R-Idaho, who …, countered": an
            # age or a US party-and-state tag set off by commas after the name
            j -= 2
        if j >= a and tokens[j].lower in {"he", "she", "it", "they", "we", "i"}:
            return _Subject(parse_phrase(tokens, j, j + 1, source) or Mention(
                "pronoun", tokens[j].text, tokens[j].start, tokens[j].end), past_perfect)
        if j >= a and tokens[j].lower in {"and", "but"}:
            mention = self.sentence_subject(a, j)
            return _Subject(mention, past_perfect) if mention else None
        start, end = phrase_before(tokens, j + 1, a)
        mention = parse_phrase(tokens, start, end, source) if end > start else None
        if mention is None and inverted and c + 1 < b and tokens[c + 1].lower != "that":
            # `,” said Miller`; but "who confirmed that Cole …" names the clause's subject
            if tokens[c + 1].lower in {"he", "she", "it"}:
                mention = parse_phrase(tokens, c + 1, c + 2, source)
            else:
                start, end = phrase_after(tokens, c + 1, b)
                mention = parse_phrase(tokens, start, end, source) if end > start else None
        return _Subject(mention, past_perfect) if mention else None

    def _appositive_name(self, comma: int, j: int, a: int, past_perfect: bool
                         ) -> _Subject | None:
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
                and tokens[head_start - 1].quote is None and not _is_cue(tokens[head_start - 1]):
            head_start -= 1
        head = [t for t in tokens[head_start:comma]]
        head_mention = parse_phrase(tokens, head_start, comma, source) if head else None
        if head_mention is not None and head_mention.kind == "person":
            return None  # "Mumtaz Zahra Baloch, the spokesperson, said": the usual order
        while head and head[0].lower in _DETERMINERS_BEFORE:
            head = head[1:]
        role = source[head[0].start:head[-1].end] if head and any(
            t.lower.rstrip("'s’") in ROLE_WORDS for t in head) else None
        return _Subject(Mention("person", source[inner[0].start:inner[-1].end], inner[0].start,
                                inner[-1].end, name=named.name, role=role or named.role),
                        past_perfect)

    def _adjacent_after(self, t: int, b: int) -> tuple[int, _Subject] | None:
        """A cue right after the quote: `,” said Miller`, `,” he added`, `,” according to X`."""
        tokens = self.tokens
        k = t + 1
        if k < b and tokens[k].text in {",", "—", "–"}:
            k += 1
        if k >= b:
            return None
        if _is_cue_at(tokens, k) or (tokens[k].lower == "according" and k + 1 < b
                                  and tokens[k + 1].lower == "to"):
            subject = self.subject_of(k, k, b)
            return (k, subject) if subject else None
        phrase_end = phrase_after(tokens, k, b)[1]
        # `,” the Minister of Power, NAME, said.`: the cue right after a name set off by commas
        after_appositive = None
        if phrase_end < b and tokens[phrase_end].text == ",":
            close = next((i for i in range(phrase_end + 1, min(b, phrase_end + 7))
                          if tokens[i].text == ","), None)
            after_appositive = close + 1 if close is not None else None
        for c in range(k + 1, min(b, k + _INVERTED_SUBJECT_WORDS)):
            if tokens[c].quote is not None:
                return None
            if c - k >= _NEAR_CUE_WORDS and c not in (phrase_end, after_appositive):
                continue  # far from the quote, only a cue right after one noun phrase counts
            if _is_cue_at(tokens, c):
                subject = self.subject_of(c, k, b, inverted=False)
                return (c, subject) if subject else None
        return None

    def _before(self, t: int, a: int, b: int) -> tuple[int, _Subject] | None:
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
                if _is_cue_at(self.tokens, i) and self.tokens[i].lower != "according":
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
            if not self.display and not any(_is_cue_at(self.tokens, c) for c in range(a, b)):
                self.note_subject(a, b)
            for t in quote_positions:
                quote = self.quotes[self.tokens[t].quote or 0]
                if quote.paragraph != self.position:
                    continue  # the tail of a quote begun in an earlier paragraph
                hit = self._adjacent_after(t, b) or self._before(t, a, b)
                entity: Entity | None = None
                mention_text = ""
                cue: str | None = None
                past_perfect = carried = False
                if hit is not None:
                    c, subject = hit
                    entity = discourse.resolve(subject.mention, number)
                    mention_text = subject.mention.text
                    cue = self.tokens[c].text if self.tokens[c].lower != "according" \
                        else "according to"
                    past_perfect = subject.past_perfect
                    if subject.mention.kind == "statement" and entity is not None:
                        discourse.statement_source = entity
                if self._is_title(t, a):
                    continue  # programme "Capital Talk", the book "Descent into Chaos"
                # "…,” the official said: a subject, but nobody on the record: never carry
                # the previous speaker over it
                unnamed = hit is not None and entity is None
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
                discourse.spoke(entity, number)
            if not quote_positions:
                sentence_speaker = self._reported(a, b, found) or sentence_speaker
            else:
                self._learn_subjects(a, b)
            previous_speaker = sentence_speaker or previous_speaker
        return found

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
        return previous is not None and previous.is_word and not _is_cue(previous)

    def _learn_subjects(self, a: int, b: int) -> None:
        """Note the subjects of cues in a sentence (for later pronouns and statements)."""
        for c in range(a, b):
            if _is_cue_at(self.tokens, c):
                subject = self.subject_of(c, a, b)
                if subject is not None:
                    self.discourse.resolve(subject.mention, self.paragraph.index)
                    if self._in_a_statement(c, b) and subject.mention.kind == "institution":
                        self.discourse.statement_source = self.discourse.resolve(
                            subject.mention, self.paragraph.index)

    def _in_a_statement(self, c: int, b: int) -> bool:
        window = " ".join(t.lower for t in self.tokens[c + 1:min(b, c + 5)])
        return bool(re.match(r"(?:in|through)\s+(?:a|an|its|the)\s+(?:\w+\s+)?"
                             r"(?:statement|release|communique)", window))

    def _kind(self, t: int, a: int) -> StatementKind:
        tokens = self.tokens
        if t == a:
            return "direct"
        previous = tokens[t - 1]
        if previous.text == ":" or _is_cue_at(tokens, t - 1):
            return "direct"
        if previous.text == "," and t - 2 >= a and _is_cue_at(tokens, t - 2):
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

    def _reported(self, a: int, b: int, found: list[Attributed]
                  ) -> tuple[Entity, str, bool, str | None] | None:
        """Reported speech in a sentence without quotes: "X said (that) …", "…, X said."."""
        tokens = self.tokens
        number = self.paragraph.index
        result: tuple[Entity, str, bool, str | None] | None = None
        for c in range(a, b):
            token = tokens[c]
            if not (_is_cue_at(tokens, c) or (token.lower == "according" and c + 1 < b
                                       and tokens[c + 1].lower == "to")):
                continue
            subject = self.subject_of(c, a, b, inverted=False) if token.lower != "according" \
                else self.subject_of(c, a, b)
            if subject is None:
                continue
            entity = self.discourse.resolve(subject.mention, number)
            if entity is None:
                continue
            if self._in_a_statement(c, b) and entity.kind == "institution":
                self.discourse.statement_source = entity
            result = (entity, subject.mention.text, subject.past_perfect,
                      token.text if token.lower != "according" else "according to")
            self.discourse.spoke(entity, number)
            if self.display or entity.kind == "country" or (
                    _is_participle(token) and token.lower != "according"):
                continue
            span = self._clause_after(c, b) if token.lower != "according" else None
            if span is None:
                span = self._clause_before(c, a, b, subject.mention)
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
                past_perfect=subject.past_perfect, display=self.display))
            break
        return result

    def _clause_after(self, c: int, b: int) -> tuple[int, int] | None:
        tokens = self.tokens
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
        if not that and (tokens[k].lower in _ADJUNCT_STARTS or _is_participle(tokens[k])
                         or not tokens[k].is_word):
            return None
        if not that:
            finite = next((n for n, t in enumerate(tokens[k:last + 1], start=k)
                           if t.lower in _FINITE or (
                               t.lower.endswith("ed") and len(t.lower) > 4 and "-" not in t.text
                               and n > k and tokens[n - 1].lower not in _DETERMINERS_BEFORE)),
                          None)
            if finite is None or tokens[finite - 1].lower in {"and", "but", "or"}:
                # "admitted eight counts of fraud and was sentenced": the verb after "and" is
                # the subject's own second verb, not a reported clause
                return None
        return k, last

    def _clause_before(self, c: int, a: int, b: int, mention: Mention) -> tuple[int, int] | None:
        """ "<clause>, the ISPR said in a statement." and "<clause>, according to X." """
        tokens = self.tokens
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
        if last - a + 1 < _MIN_INDIRECT_WORDS or any(_is_cue(t) for t in tokens[a:last + 1]):
            return None
        return a, last
