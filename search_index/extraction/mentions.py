"""Speaker mentions of one paragraph.

A mention is the noun phrase next to a reporting verb, parsed into a name, a role and what kind
of speaker it is. It is read on `tokens` (each quoted span one opaque QUOTE token), so the
reporter's frame ("…,” said Miller.") is read as grammar.

Over 400 lines because it is one small grammar of the speaker's noun phrase: where the phrase
starts and ends (`phrase_before`, `phrase_after`, `institution_chain`), how it parses into a
name, role and kind (`parse_phrase`), and the scan for named people (`people_in`) all rest on
the same word tests (`_is_name_word`, `_in_phrase`, `_titled`); split, each half would import
the other's private tests.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from search_index.extraction.sources import is_group_noun, is_source_noun
from search_index.extraction.tokens import ABBREVIATIONS, Token, tokenise
from search_index.text.lexicon import (
    ADVERBS,
    ANONYMOUS_NOUNS,
    AUXILIARIES,
    COUNTRIES,
    COUNTRY_ADJECTIVES,
    CUE_FORMS,
    FUNCTION_WORDS,
    HONORIFICS,
    KNOWN_INSTITUTIONS,
    MONTHS,
    NON_PERSON_NAME_WORDS,
    NON_SPEAKING_NOUNS,
    ORG_WORDS,
    PRONOUNS,
    ROLE_MODIFIERS,
    ROLE_ORGANISATIONS,
    ROLE_WORDS,
    SPEAKING_INSTITUTION_HEADS,
    WEEKDAYS,
)

_CONNECTORS = frozenset({"of", "for", "the", "in", "at", "to", "from", "on"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "its", "their"})
_NAME_JOINERS = frozenset({"of", "for", "and", "&", "the"})
_INSTITUTION_CHAIN = 8  # words of an institution's name scanned for its organisation word
# A one-word name right after one of these is a place: "Representative in Mozambique".
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to"})
_PARTICLES = frozenset({"bin", "bint", "al", "el", "de", "da", "van", "von", "der", "ul", "ud",
                        "du", "la", "le", "ibn", "abu"})
# Lower-case words a speaker's noun phrase may hold ("the Pakistan embassy", "the army chief").
_PHRASE_WORDS = (ROLE_WORDS | ORG_WORDS | NON_SPEAKING_NOUNS
                 | {"former", "senior", "prime", "vice", "military", "military's", "federal",
                    "interim", "national", "security", "information", "foreign", "defence",
                    "defense", "caretaker", "top", "spokesperson's", "outgoing", "incoming",
                    "ministry's", "media", "issued", "released", "joint", "official", "general",
                    "assistant", "principal", "acting", "retired", "retd", "public", "chief"})
_PERSONAL_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord",
                              "lady", "rev", "sheikh", "sen", "rep", "gen", "lt", "col", "maj",
                              "capt", "adm", "brig", "gov", "judge", "justice", "barrister"})
_SPOKES_HEADS = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople"})
_APPOSITIVE_REACH = 30  # tokens of "Name, a founder of … who has …, said" read for the cue
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-]{1,7}$")

MentionKind = Literal["person", "institution", "pronoun", "role", "statement", "country"]


@dataclass(slots=True)
class Mention:
    kind: MentionKind
    text: str  # as written
    start: int
    end: int
    name: str | None = None  # a person's or institution's name as written
    role: str | None = None
    source: Mention | None = None  # for a statement: whose statement
    gender: str | None = None
    extras: dict[str, str] = field(default_factory=dict)


def _joins_institution(tokens: list[Token], i: int, floor: int) -> bool:
    """ "and" inside an institution's name: "Department for Business and Trade", "Ministry of
    Housing and Urban Affairs": capitalised words on both sides and an organisation word among
    the capitalised words (and of/for) just before it. "Smith and Jones" joins nobody."""
    if tokens[i].lower not in {"and", "&"} or i + 1 >= len(tokens) or i - 1 < floor:
        return False
    if not (tokens[i + 1].capitalised and tokens[i - 1].capitalised):
        return False
    k = i - 1
    while k >= floor and i - k <= _INSTITUTION_CHAIN and (
            tokens[k].capitalised or tokens[k].lower in _NAME_JOINERS):
        if tokens[k].capitalised and _word(tokens[k]).lower() in ORG_WORDS:
            return True
        k -= 1
    return False


def institution_chain(tokens: Sequence[Token], end: int, floor: int = 0) -> int | None:
    """Where the institution name ending at token `end` (exclusive) begins, when the name is
    one whose last words a person's name could be mistaken for: "the Department of Homeland
    Security", "the Department for Business and Trade", "the Institute for Strategic Studies".
    None when the capitalised words before `end` hold no organisation word joined by
    of/for/and."""
    k = end - 1
    start: int | None = None
    joined = False
    while k >= floor and end - k <= _INSTITUTION_CHAIN and (
            tokens[k].capitalised or tokens[k].lower in _NAME_JOINERS):
        if tokens[k].lower in _NAME_JOINERS - {"the"}:
            joined = True
        elif tokens[k].capitalised and _word(tokens[k]).lower() in ORG_WORDS and joined:
            start = k
        k -= 1
    return start


def _in_phrase(token: Token) -> bool:
    if token.quote is not None:
        return False
    if token.capitalised:
        return token.lower not in {"he", "she", "they", "it", "we", "i", "but", "and", "when",
                                   "while", "as", "if", "after", "before", "during", "however"}
    return (token.lower in _CONNECTORS or token.lower in _PHRASE_WORDS or token.text in "-()"
            or _is_name_word(token)  # "al-Mansouri said"
            or is_source_noun(token.lower))  # "protesters chanted", "the audit says"


def _abbreviation_stop(tokens: Sequence[Token], i: int) -> bool:
    """The period of "Sen.", "Gov.", "Dr." or an initial ("S. Jaishankar"): inside a name."""
    if tokens[i].text != "." or i == 0:
        return False
    previous = tokens[i - 1]
    return previous.capitalised and (_word(previous).lower() in _PERSONAL_TITLES | ABBREVIATIONS
                                     or len(previous.text) == 1)


def _country_stop(tokens: Sequence[Token], i: int) -> bool:
    """The period of "U.S." before the lower-case rest of a phrase: "a former U.S. intelligence
    official" goes on past it."""
    return tokens[i - 1].lower in COUNTRY_ADJECTIVES and (
        tokens[i + 1].lower in _PHRASE_WORDS or _before_source_noun(tokens, i + 1, len(tokens)))


def phrase_before(tokens: list[Token], end: int, floor: int, limit: int = 14) -> tuple[int, int]:
    """The noun phrase ending just before token `end` (exclusive), as a token range."""
    i = end - 1
    while i >= floor and end - i <= limit and (_in_phrase(tokens[i])
                                               or _abbreviation_stop(tokens, i)
                                               or _joins_institution(tokens, i, floor)):
        i -= 1
    start = i + 1
    while start < end and tokens[start].lower in _CONNECTORS - {"the"}:
        start += 1
    if start > floor and tokens[start - 1].lower in _DETERMINERS:
        start -= 1
    return start, end


def _before_source_noun(tokens: list[Token], i: int, ceiling: int) -> bool:
    """A lower-case modifier or two before the noun of a source nobody names: "the second
    official", "a longtime adviser", "one former campaign staffer"."""
    # "one unaligned Florida Republican strategist": a state or a party among the modifiers
    # does not count towards the two
    lower_words = 0
    for k in range(i, min(ceiling, i + 5)):
        token = tokens[k]
        if not token.is_word or token.lower in CUE_FORMS or (
                token.capitalised and token.lower not in ROLE_MODIFIERS):
            return False
        lower_words += not token.capitalised
        if lower_words > 3:
            return False
        if is_source_noun(token.lower) or token.lower in ANONYMOUS_NOUNS:
            return k > i
    return False


def phrase_after(tokens: list[Token], start: int, ceiling: int, limit: int = 14) -> tuple[int, int]:
    """The noun phrase starting at token `start`."""
    i = start
    if i < ceiling and tokens[i].lower in _DETERMINERS:
        i += 1
    while i < ceiling and i - start <= limit and (_in_phrase(tokens[i])
                                                  or _before_source_noun(tokens, i, ceiling)
                                                  or (_abbreviation_stop(tokens, i)
                                                      and i + 1 < ceiling
                                                      and (tokens[i + 1].capitalised
                                                           or _country_stop(tokens, i)))
                                                  or _joins_institution(tokens, i, start)):
        i += 1
    end = i
    while end > start and tokens[end - 1].lower in _CONNECTORS:
        end -= 1
    return start, end


def _word(token: Token) -> str:
    return re.sub(r"['’]s$", "", token.text)


def _portfolio_length(tokens: Sequence[Token], start: int, end: int) -> int:
    """How many words of the capitalised run tokens[start:end] name a minister's portfolio:
    after "<role> of/for", a lone word ("Minister of Power") or the first of three or more
    ("Minister for Housing Declan Fahy")."""
    if start < 2 or tokens[start - 1].lower not in {"of", "for"}:
        return 0
    # the role word may sit a few words back: "Minister of State for Transport"
    k = start - 2
    while k > 0 and start - k <= 4 and _word(tokens[k]).lower() not in ROLE_WORDS and (
            tokens[k].capitalised or tokens[k].lower in {"of", "for"}):
        k -= 1
    if _word(tokens[k]).lower() not in ROLE_WORDS:
        return 0
    length = len([t for t in tokens[start:end] if t.text != "."])
    if length == 1:
        return 1
    return 1 if length >= 3 else 0


def _initial_stop(tokens: Sequence[Token], i: int) -> bool:
    """The period after an initial inside a name: "S. Jaishankar", "Anitha R. Kannan"."""
    return (tokens[i].text == "." and i > 0 and len(tokens[i - 1].text) == 1
            and tokens[i - 1].text.isupper() and i + 1 < len(tokens)
            and tokens[i + 1].capitalised)


def _name_of(run: Sequence[Token]) -> str:
    """A name as written, its possessive dropped: "K. Raman", "Ann Roe's" -> "Ann Roe"."""
    parts: list[str] = []
    for n, token in enumerate(run):
        text = _word(token) if n == len(run) - 1 else token.text
        if token.text == "." and parts:
            parts[-1] += "."
        else:
            parts.append(text)
    return " ".join(parts).replace("’", "'")


def _is_name_word(token: Token) -> bool:
    word = _word(token)
    low = word.lower()
    if not token.capitalised:
        # "al-Mansouri", "el-Sisi", "de-Vries": a particle joined to a capitalised name
        head, _, rest = word.partition("-")
        return low in _PARTICLES or (head.lower() in _PARTICLES and rest[:1].isupper())
    if len(word) == 1 or (len(word) == 2 and word.endswith(".")):
        return True  # an initial: "Antony J Blinken"
    if _ACRONYM.match(word):
        return False
    return not (low in FUNCTION_WORDS or low in ANONYMOUS_NOUNS or low in ROLE_WORDS
                or is_group_noun(low)
                or low in ORG_WORDS
                or low in COUNTRIES or low in COUNTRY_ADJECTIVES or low in MONTHS
                or low in WEEKDAYS or low in NON_SPEAKING_NOUNS)


def is_name_word(token: Token) -> bool:
    """Could this token be part of a person's name (not a role, place, month or org word)?"""
    return _is_name_word(token)


def _text(tokens: Sequence[Token], source: str) -> str:
    return source[tokens[0].start:tokens[-1].end] if tokens else ""


def canonical_institution(phrase: str) -> str:
    """ "the Pakistan embassy in Washington" -> "Embassy of Pakistan"; "the ISPR" -> its name."""
    text = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.I)
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text)
    low = text.lower()
    known = KNOWN_INSTITUTIONS.get(low)
    if known:
        return known
    embassy = re.match(r"^([\w.\-]+)\s+(embassy|high commission|consulate)\b", text, re.I)
    if embassy:
        place = embassy.group(1)
        country = COUNTRY_ADJECTIVES.get(place.lower(), place if place.lower() in COUNTRIES
                                         else None)
        if country:
            return f"{embassy.group(2).title()} of {country}"
    of_country = re.match(r"^(embassy|high commission|consulate) of (?:the )?([\w .\-]+?)"
                          r"(?: in [\w .\-]+)?$", text, re.I)
    if of_country:
        return f"{of_country.group(1).title()} of {of_country.group(2)}"
    return text


def parse_phrase(tokens: list[Token], start: int, end: int, source: str) -> Mention | None:
    """What a noun phrase next to a cue names: a person (with a role), an institution, a
    pronoun, a role noun ("the spokesperson"), a statement, or a country."""
    words = [t for t in tokens[start:end] if t.quote is None]
    if len(words) > 2 and words[-1].text == ")":
        # "said Sen. NAME (R-Fla.)": the party-and-state tag is no part of the name
        opening = next((n for n in range(len(words) - 2, max(0, len(words) - 7), -1)
                        if words[n].text == "("), None)
        if opening:
            words = words[:opening]
    if not words:
        return None
    text = _text(words, source)
    first, last = words[0].start, words[-1].end
    if len(words) == 1 and words[0].lower in PRONOUNS:
        return Mention("pronoun", text, first, last, gender=PRONOUNS[words[0].lower])
    lowers = [_word(t).lower() for t in words]
    for position, low in enumerate(lowers):
        if low in NON_SPEAKING_NOUNS:
            source_mention = None
            after = [t for t in words[position + 1:] if t.lower not in {"issued", "released"}]
            if after and after[0].lower in {"from", "by", "of"}:
                idx = tokens.index(after[0])
                source_mention = parse_phrase(tokens, idx + 1, end, source)
            elif position > 0:
                idx = tokens.index(words[position])
                source_mention = parse_phrase(tokens, start, idx, source)
                if source_mention is not None and source_mention.kind not in {"person",
                                                                                 "institution"}:
                    source_mention = None
            return Mention("statement", text, first, last, source=source_mention)
    # a person: the trailing run of name words, after any role words
    run_start = len(words)
    while run_start > 0 and (_is_name_word(words[run_start - 1])
                             or _initial_stop(words, run_start - 1)):
        run_start -= 1
    while run_start < len(words) and words[run_start].lower in _PARTICLES:
        run_start += 1
    # "Barrister Gohar Ali Khan", "Gen Asim Munir": the title is no part of the name
    while len(words) - run_start > 2 and _word(words[run_start]).lower().rstrip(".") in HONORIFICS:
        run_start += 1
    name_words = words[run_start:]
    if name_words and run_start > 0:
        joined = words[run_start - 1].lower in _NAME_JOINERS - {"the"}
        chain = institution_chain(words, len(words)) if joined else None
        if chain is not None:
            # "a spokesperson for the Department for Business and Trade": the department
            return Mention("institution", text, words[chain].start, last,
                           name=_text(words[chain:], source))
        if len(name_words) == 1 and words[run_start - 1].lower in _PLACE_PREPOSITIONS:
            name_words = []  # "UNICEF's Representative in Mozambique": a place, not a name
        if words[run_start - 1].lower in {"of", "from"} and len(name_words) <= 2:
            # "Sen. Rachel Ostrander of Michigan", "Dana Ruiz from Tucson": a person, then
            # where they are from
            person_end = run_start - 1
            person_start = person_end
            while person_start > 0 and (_is_name_word(words[person_start - 1])
                                        or _initial_stop(words, person_start - 1)):
                person_start -= 1
            if person_end - person_start >= 2 and all(
                    t.capitalised or t.text == "." for t in words[person_start:person_end]):
                words = words[:person_end]
                run_start, name_words = person_start, words[person_start:person_end]
                last = words[-1].end
        portfolio = _portfolio_length(words, run_start, len(words))
        if portfolio:
            # "the Minister of Power": a portfolio; "Minister for Housing Declan Fahy": the
            # portfolio, then the name
            run_start += portfolio
            name_words = words[run_start:]
    if name_words and any(len(_word(t)) > 2 for t in name_words) and len(
            [t for t in name_words if t.text != "."]) <= 5:
        name = _name_of(name_words)
        role_words = words[:run_start]
        while role_words and role_words[0].lower in _DETERMINERS | _CONNECTORS:
            role_words = role_words[1:]
        while role_words and role_words[-1].lower in _CONNECTORS:
            role_words = role_words[:-1]
        role = _text(role_words, source) if role_words else None
        if role and not any(_word(t).lower() in ROLE_WORDS for t in role_words):
            role = None
        return Mention("person", text, name_words[0].start, last, name=name, role=role)
    head = lowers[-1]
    core = [t for t in words if t.lower not in _DETERMINERS]
    if not core:
        return None
    core_text = _text(core, source)
    if head in ANONYMOUS_NOUNS:
        # "a senior official", "officials", "the official": nobody on the record
        return Mention("role", text, first, last, role=core_text, extras={"anonymous": "1"})
    if head in _SPOKES_HEADS and len(core) >= 2:
        # "a FEMA spokesperson", "a White House spokesman": the institution speaks through
        # them even when the person is not named
        organisation = core[:-1]
        if all(t.capitalised for t in organisation) and (
                any(_ACRONYM.match(t.text) for t in organisation)
                or any(_word(t).lower() in ORG_WORDS for t in organisation)
                or _text(organisation, source).lower() in KNOWN_INSTITUTIONS):
            # "the State Department spokesperson" may be the one the article names
            extras = {"spokesperson": "1"} if words[0].lower == "the" else {}
            return Mention("institution", text, organisation[0].start, organisation[-1].end,
                           name=_text(organisation, source), extras=extras)
    if head in ROLE_WORDS and not words[-1].capitalised and not any(
            t.capitalised and _is_name_word(t) and _word(t).lower() not in ROLE_MODIFIERS
            for t in core):
        # "the Vermont governor", "the independent Vermont senator": a state or a party
        # describes the role; the role still names nobody
        return Mention("role", text, first, last, role=core_text)
    if head in ROLE_WORDS and not any(t.capitalised and _is_name_word(t) for t in core):
        return Mention("role", text, first, last, role=core_text)
    if (core_text.lower() in KNOWN_INSTITUTIONS or head in SPEAKING_INSTITUTION_HEADS
            or any(lw in SPEAKING_INSTITUTION_HEADS for lw in lowers)
            or (len(core) == 1 and _ACRONYM.match(core[0].text))):
        # "a spokesperson for the Ministry of Defence": the ministry speaks through them
        at = next((n for n, t in enumerate(core[:-1]) if t.lower in {"for", "of", "at"}), None)
        if at is not None and at > 0 and all(_word(t).lower() in ROLE_WORDS
                                             for t in core[:at]):
            return Mention("institution", text, core[at + 1].start, last,
                           name=_text(core[at + 1:], source))
        return Mention("institution", text, first, last, name=core_text)
    if all(_word(t).lower() in COUNTRIES or t.lower in COUNTRY_ADJECTIVES for t in core):
        return Mention("country", text, first, last, name=core_text)
    # A capitalised head is a name ("the Company" may be one), except a group plural: a
    # sentence that opens "Protesters chanted" or "Senate Democrats said" names no person.
    if (len(core) <= _MAX_SOURCE_WORDS and is_source_noun(lowers[-1])
            and (not words[-1].capitalised or is_group_noun(lowers[-1]))):
        # "the indictment", "protesters", "the company": a source nobody names, kept as written
        return Mention("role", text, first, last, role=core_text, extras={"anonymous": "1"})
    return None


_MAX_SOURCE_WORDS = 6


def organisation_of(role: str | None) -> str | None:
    if not role:
        return None
    for pattern, organisation in ROLE_ORGANISATIONS:
        if pattern.search(role):
            return organisation
    return None


_RELATIVE_START = frozenset({"who", "which"})
_COPULAS = frozenset({"is", "was", "has", "had", "been", "also", "now", "then", "currently",
                      "serves", "served", "as", "a", "an", "the"})


def _appositive_role(words: Sequence[Token], source: str) -> str | None:
    """ "a fellow at the Brookings Institution in Washington" -> "fellow at the Brookings
    Institution"; "who is also the foreign minister" -> "foreign minister"."""
    kept = list(words)
    if kept and kept[0].lower in _RELATIVE_START:
        kept = kept[1:]
        while kept and kept[0].lower in _COPULAS:
            kept = kept[1:]
    while kept and kept[0].lower in _DETERMINERS:
        kept = kept[1:]
    # a place at the end is where the speaker sits, not part of the role
    if len(kept) > 2 and kept[-2].lower in {"in", "from"} and (
            _word(kept[-1]).lower() in COUNTRIES or _word(kept[-1]).lower() in COUNTRY_ADJECTIVES):
        kept = kept[:-2]
    if not kept or not _role_words_in(kept):
        return None
    return _text(kept, source)


def _role_words_in(tokens: Sequence[Token]) -> bool:
    return any(_word(t).lower() in ROLE_WORDS for t in tokens)


def _titled(tokens: Sequence[Token], i: int) -> bool:
    """ "Mr Hale", "Ms. Ndiaye", "Dr Imran Shah", or a run that starts with its title."""
    k = i - 1
    if k >= 0 and tokens[k].text == ".":
        k -= 1
    if k >= 0 and _word(tokens[k]).lower() in _PERSONAL_TITLES and tokens[k].capitalised:
        return True
    return _word(tokens[i]).lower() in _PERSONAL_TITLES


def _speaks(tokens: Sequence[Token], j: int) -> bool:
    """A reporting verb right after the name, or after an appositive set off by commas:
    "Reyes said", "Reyes also told", "Reyes, a founder of the group, wrote"."""
    k = j
    if k < len(tokens) and tokens[k].text == ",":
        k = next((n + 1 for n in range(k + 1, min(len(tokens), k + _APPOSITIVE_REACH))
                  if tokens[n].text == ","), len(tokens))
    while k < len(tokens) and (tokens[k].lower in ADVERBS or tokens[k].lower in AUXILIARIES):
        k += 1
    return k < len(tokens) and tokens[k].quote is None and tokens[k].text[:1].islower() and (
        tokens[k].lower in CUE_FORMS)


def people_in(source: str, start: int, end: int) -> list[Mention]:
    """Full names with the role written next to them, anywhere in a paragraph:
    "State Department Spokesperson Matthew Miller", "Matthew Miller, Department Spokesperson,".
    Used to learn who is who before the quotes are attributed."""
    tokens = tokenise(source[start:end], start, ())
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not (token.capitalised and _is_name_word(token) and len(_word(token)) > 1):
            i += 1
            continue
        j = i
        while j < len(tokens) and (_is_name_word(tokens[j]) or _initial_stop(tokens, j)) \
                and j - i < 8:
            j += 1
        portfolio = _portfolio_length(tokens, i, j)
        if portfolio and j - i > portfolio:
            i += portfolio  # "Minister for Housing Declan Fahy": the name after the portfolio
        run = tokens[i:j]
        if 2 <= len([t for t in run if t.text != "."]) <= 5:
            role: str | None = None
            p_start, _ = phrase_before(tokens, i, 0)
            before = [t for t in tokens[p_start:i] if t.lower not in _DETERMINERS]
            while before and before[-1].lower in _CONNECTORS:
                before.pop()
            # "a fellow at the Brookings Institution": a name after a preposition is a place
            # or an organisation the role belongs to, never the person holding the role
            k = i - 1
            while k >= 0 and tokens[k].lower in _DETERMINERS:
                k -= 1
            governed = k >= 0 and tokens[k].lower in _CONNECTORS and not portfolio
            person_like = False
            if before and _role_words_in(before):
                role = _text(before, source)
                person_like = not governed
            elif j < len(tokens) and tokens[j].text == ",":
                k = j + 1
                while k < len(tokens) and k - j <= 12 and tokens[k].text not in ",.;:" \
                        and tokens[k].quote is None:
                    k += 1
                appositive = [t for t in tokens[j + 1:k] if t.lower not in {"a", "an", "the"}]
                # "Name, a role," mid-sentence; "…, said Name, a role." or a header line
                # "Matthew Miller, Department Spokesperson" end the appositive too
                if ((k == len(tokens) or tokens[k].text in ",.;") and appositive
                        and _role_words_in(appositive)
                        and not any(_is_name_word(a) and _is_name_word(b) and a.capitalised
                                    for a, b in itertools.pairwise(appositive))):
                    role = _appositive_role(appositive, source)
                    person_like = role is not None
            # "National Security Advisor", "State Department Spokesperson": words of a title
            titled_role = j < len(tokens) and _word(tokens[j]).lower() in ROLE_WORDS
            person_like = (person_like or _titled(tokens, i) or _speaks(tokens, j)) and not (
                titled_role or any(_word(t).lower() in NON_PERSON_NAME_WORDS for t in run))
            name = _name_of(run)
            found.append(Mention("person", _text(run, source), run[0].start, run[-1].end,
                                 name=name, role=role,
                                 extras={"person": "1"} if person_like else {}))
        i = j
    return found
