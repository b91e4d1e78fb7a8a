"""Which people of an article are women and which are men, so "she said" finds her.

Read from what the article writes beside each name, strongest first: an honorific ("Mr Hale",
"Ms. Ndiaye", "Dame Sarah"), a gendered role noun ("spokeswoman Jo Reyes", "Jo Reyes, the
chairman,"), then the first he/she/his/her/himself/herself that follows the name in its
sentence before anybody else is named ("Reyes praised her side", "Reyes said he had ...").
A short list of common first names is the last resort, used only when the article says
nothing. Evidence is keyed by surname, the form pronoun resolution compares.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from search_index.extraction.mentions import is_name_word
from search_index.extraction.speakers import normalise_name
from search_index.extraction.tokens import Token, tokenise
from search_index.models import Paragraph
from search_index.text.lexicon import ANONYMOUS_NOUNS, ROLE_WORDS

Gender = str  # "m" or "f"

_HONORIFIC_GENDER: dict[str, Gender] = {
    "mr": "m", "sir": "m", "lord": "m", "mister": "m",
    "ms": "f", "mrs": "f", "miss": "f", "dame": "f", "lady": "f", "madam": "f", "madame": "f",
}
_ROLE_GENDER: dict[str, Gender] = {
    "spokesman": "m", "chairman": "m", "congressman": "m", "businessman": "m",
    "councilman": "m", "policeman": "m", "statesman": "m", "king": "m", "prince": "m",
    "duke": "m", "father": "m", "husband": "m", "son": "m", "brother": "m", "grandfather": "m",
    "uncle": "m", "nephew": "m", "boy": "m", "man": "m", "widower": "m", "sultan": "m",
    "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "businesswoman": "f",
    "councilwoman": "f", "policewoman": "f", "stateswoman": "f", "queen": "f", "princess": "f",
    "duchess": "f", "mother": "f", "wife": "f", "daughter": "f", "sister": "f",
    "grandmother": "f", "aunt": "f", "niece": "f", "girl": "f", "woman": "f", "widow": "f",
    "actress": "f", "baroness": "f", "countess": "f",
}
# Pronouns that, following a name in its own sentence, usually refer back to it. "him" is
# left out: an object pronoun mostly names someone else ("Reyes thanked him").
_PRONOUN_GENDER: dict[str, Gender] = {
    "he": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
_STRONG = 3  # an honorific or a role noun outweighs a few pronouns
_PRONOUN_REACH = 12  # tokens after a name within which a pronoun is taken to refer to it
_ROLE_REACH = 6  # tokens of an appositive after "Name," read for a gendered role noun
_SENTENCE_END = frozenset({".", "!", "?", ";"})

# Fallback only, for an article that never says: a few very common first names whose gender
# is not in doubt. Kept short on purpose; anything else stays unknown.
COMMON_FIRST_NAMES: dict[str, Gender] = {
    **dict.fromkeys((
        "john", "robert", "michael", "william", "richard", "joseph", "charles",
        "christopher", "matthew", "anthony", "steven", "andrew", "george", "edward", "brian",
        "kevin", "jason", "stephen", "peter", "mark", "henry", "patrick", "simon", "jonathan",
        "muhammad", "mohammad", "mohammed", "ahmad", "hassan", "hussain", "abdullah", "ibrahim",
        "omar", "tariq", "vladimir", "sergei", "dmitry", "jean-pierre", "pierre", "hans",
        "giuseppe", "carlos", "jose", "rajesh", "sanjay",
    ), "m"),
    **dict.fromkeys((
        "mary", "elizabeth", "jennifer", "linda", "susan", "jessica", "margaret", "lisa",
        "nancy", "sandra", "ashley", "emily", "michelle", "melissa", "amanda", "stephanie",
        "rebecca", "catherine", "katherine", "anna", "emma", "olivia", "sophie", "julia",
        "fatima", "ayesha", "aisha", "zainab", "maryam", "sana", "natalia", "olga", "tatiana",
        "ingrid", "giulia", "francesca", "ana", "lucia", "sunita", "anjali", "hillary",
        "angela", "ursula", "kamala", "nicola",
    ), "f"),
}


def learn_genders(source: str, paragraphs: Sequence[Paragraph],
                  quotes: Iterable[tuple[int, int]] = ()) -> dict[str, Gender]:
    """Surname (normalised) -> "m" or "f", for the people the article says enough about.
    `quotes` are quoted spans (article offsets): words inside them are someone's speech, not
    the reporter's, and are skipped."""
    spans = sorted(quotes)
    votes: dict[str, Counter[Gender]] = {}
    for paragraph in paragraphs:
        inside = [(max(s, paragraph.start), min(e, paragraph.end), n)
                  for n, (s, e) in enumerate(spans) if s < paragraph.end and e > paragraph.start]
        tokens = tokenise(paragraph.text, paragraph.start, inside)
        for start, end in _name_runs(tokens):
            key = normalise_name(tokens[end - 1].text)
            if not key:
                continue
            for gender, weight in _evidence(tokens, start, end):
                votes.setdefault(key, Counter())[gender] += weight
    genders: dict[str, Gender] = {}
    for key, counted in votes.items():
        ranked = counted.most_common()
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            genders[key] = ranked[0][0]
    return genders


def first_name_gender(name: str) -> Gender | None:
    """The fallback: the gender of a very common first name, when the name has two words."""
    words = normalise_name(name).split()
    return COMMON_FIRST_NAMES.get(words[0]) if len(words) > 1 else None


def _name_runs(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not (tokens[i].capitalised and is_name_word(tokens[i]) and len(tokens[i].text) > 1):
            i += 1
            continue
        j = i
        while j < len(tokens) and is_name_word(tokens[j]) and j - i < 5:
            j += 1
        if tokens[i].lower in _HONORIFIC_GENDER and j - i > 1:
            i += 1  # "Dame Rhoda Quill": the title is read as evidence, not as the name
        runs.append((i, j))
        i = j
    return runs


def _evidence(tokens: Sequence[Token], start: int, end: int) -> list[tuple[Gender, int]]:
    found: list[tuple[Gender, int]] = []
    before = start - 1
    if before >= 0 and tokens[before].text == "." and before > 0:
        before -= 1  # "Ms. Ndiaye"
    if before >= 0:
        word = tokens[before].lower
        if word in _HONORIFIC_GENDER:
            found.append((_HONORIFIC_GENDER[word], _STRONG))
        elif word in _ROLE_GENDER:
            found.append((_ROLE_GENDER[word], _STRONG))  # "spokeswoman Jo Reyes"
    if end < len(tokens) and tokens[end].text == ",":
        # "Jo Reyes, a spokeswoman for the council," / "Jo Reyes, the chairman,"
        for token in tokens[end + 1:end + 1 + _ROLE_REACH]:
            if token.text in {",", "."} or token.quote is not None:
                break
            if token.lower in _ROLE_GENDER:
                found.append((_ROLE_GENDER[token.lower], _STRONG))
                break
    pronoun = _following_pronoun(tokens, end)
    if pronoun is not None:
        found.append((pronoun, 1))
    return found


def _following_pronoun(tokens: Sequence[Token], end: int) -> Gender | None:
    """The first gendered pronoun after a name in its sentence, unless somebody else (another
    name, a role or an anonymous source) is mentioned first."""
    for token in tokens[end:end + _PRONOUN_REACH]:
        if token.quote is not None or token.text in _SENTENCE_END:
            return None
        if token.lower in _PRONOUN_GENDER:
            return _PRONOUN_GENDER[token.lower]
        if (token.capitalised and is_name_word(token)) or token.lower in ROLE_WORDS or (
                token.lower in ANONYMOUS_NOUNS):
            return None
    return None


__all__ = ["COMMON_FIRST_NAMES", "first_name_gender", "learn_genders"]
