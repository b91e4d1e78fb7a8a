"""One person (or institution) is one speaker, across every article of the corpus.

The registry keeps canonical names with their aliases (surnames, acronyms) and the roles each
speaker held, with the first and last dates of the statements made in each role, so a minister
who changed portfolio keeps both. It is a pydantic model: the index saves and reloads it.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache

from pydantic import BaseModel, Field, PrivateAttr
from rapidfuzz.distance import Levenshtein

from search_index.models import Speaker, SpeakerRole
from search_index.text.lexicon import (
    COUNTRIES,
    COUNTRY_ADJECTIVES,
    HONORIFICS,
    KNOWN_INSTITUTIONS,
    PRONOUNS,
    ROLE_WORDS,
)

_PUNCTUATION = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"\s+")


# Called for every known speaker on every lookup: a batch of a thousand articles asks the same
# few thousand names hundreds of thousands of times.
@lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """Lower case, punctuation and honorifics dropped: "Mr. Matthew Miller" -> "matthew miller"."""
    text = unicodedata.normalize("NFKC", name).replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    text = _SPACES.sub(" ", _PUNCTUATION.sub(" ", text)).strip().lower()
    words = text.split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
    return " ".join(words)


# One spelling for each romanisation of a common given name: "Mohammad Faisal", "Muhammad
# Faisal" and "Mohammed Faisal" are one man. Only given names whose variants no one tells
# apart; surnames differ too often between real people to be merged by spelling.
_SPELLINGS: dict[str, str] = {
    variant: key
    for key, variants in {
        "muhammad": ("mohammad", "mohammed", "muhammed", "mohamed", "mohamad", "muhamad",
                     "mohd", "md"),
        "ahmad": ("ahmed",),
        "syed": ("sayed", "sayyid", "sayyed", "seyed"),
        "hussain": ("hussein", "husain", "husein"),
        "abdul": ("abdel", "abdol"),
        "zabihullah": ("zabiullah", "zabehullah", "zabiyullah"),
        "rehman": ("rahman",),
        "usman": ("osman", "uthman"),
        "yusuf": ("yousuf", "yousaf", "yousef", "yusef"),
    }.items()
    for variant in (key, *variants)
}


def spelling_key(name: str) -> str:
    """`normalise_name` with each given name in one romanisation: the key that says two
    spellings name one person ("Muhammad Faisal" = "Mohammad Faisal")."""
    words = normalise_name(name).split()
    return " ".join([_SPELLINGS.get(w, w) for w in words[:-1]] + words[-1:])


def surname(name: str) -> str:
    words = normalise_name(name).split()
    return words[-1] if words else ""


def is_alias_form(alias: str, canonical: str, *, institution: bool = False) -> bool:
    """Is `alias` another written form of the name `canonical`? A surname, a fuller or shorter
    form, a one-letter typo, an acronym; never a pronoun ("he"), a role noun ("the
    spokesperson") or a country ("Pakistan")."""
    words = normalise_name(alias).split()
    if not words or not alias.strip()[:1].isupper():
        return False
    if any(w in PRONOUNS or w in ROLE_WORDS for w in words):
        return False
    if all(w in COUNTRIES or w in COUNTRY_ADJECTIVES for w in words):
        return False
    own = normalise_name(canonical).split()
    if institution:
        parts = [w for w in re.split(r"[\s-]+", " ".join(own)) if w]
        acronym = "".join(w[0] for w in parts if w not in {"of", "the", "and", "for"})
        return set(words) <= set(own) or (len(words) == 1 and words[0] == acronym)
    if set(words) <= set(own):
        return True
    return (len(words) == len(own) and words[-1] == own[-1]
            and Levenshtein.distance(" ".join(words), " ".join(own)) <= 2)


def _index_keys(alias: str) -> tuple[str, str]:
    """The keys a name is found under: its normal form and its spelling key. One function, so
    the index built at once and the index kept up to date by observe cannot drift apart."""
    return normalise_name(alias), spelling_key(alias)


class SpeakerRegistry(BaseModel):
    """Canonical speakers and the names that lead to them."""

    speakers: dict[str, Speaker] = Field(default_factory=dict)
    institutions: list[str] = Field(default_factory=list)  # canonical names that are not people
    _index: dict[str, set[str]] | None = PrivateAttr(default=None)
    # surname -> the people (not institutions) who carry it: resolve's fallbacks look only
    # there, instead of at every speaker of the batch for every mention
    _surnames: dict[str, set[str]] | None = PrivateAttr(default=None)

    # -- lookups -------------------------------------------------------------------------------
    def _alias_index(self) -> dict[str, set[str]]:
        if self._index is None:
            index: dict[str, set[str]] = {}
            for name, speaker in self.speakers.items():
                for alias in (name, *speaker.aliases):
                    for key in _index_keys(alias):
                        index.setdefault(key, set()).add(name)
            self._index = index
        return self._index

    def _people_by_surname(self) -> dict[str, set[str]]:
        if self._surnames is None:
            institutions = set(self.institutions)
            surnames: dict[str, set[str]] = {}
            for name in self.speakers:
                if name not in institutions:
                    surnames.setdefault(surname(name), set()).add(name)
            self._surnames = surnames
        return self._surnames

    def is_institution(self, name: str) -> bool:
        return name in self.institutions

    def resolve(self, mention: str) -> str | None:
        """The canonical name a mention stands for, or None when it is unknown or ambiguous.

        Exact names and aliases first; then a surname alone when exactly one person carries
        it; then a one-letter typo in a full name whose surname matches ("Micheal Kugelman")."""
        key = normalise_name(mention)
        if not key:
            return None
        known = KNOWN_INSTITUTIONS.get(key)
        if known and known in self.speakers:
            return known
        index = self._alias_index()
        found = index.get(key) or index.get(spelling_key(mention))
        if found and len(found) == 1:
            return next(iter(found))
        words = key.split()
        # every fallback below wants a person whose surname is the mention's last word
        people = self._people_by_surname().get(words[-1], set())
        if len(words) == 1:
            matches = {n for n in people if len(n.split()) > 1}
            return next(iter(matches)) if len(matches) == 1 else None
        close = {
            n for n in people
            if len(normalise_name(n).split()) == len(words)
            and Levenshtein.distance(normalise_name(n), key) <= 2
            and normalise_name(n)[0] == key[0]
        }
        if len(close) == 1:
            return next(iter(close))
        # "Mumtaz Baloch" for "Mumtaz Zahra Baloch": same first and last words, one left out.
        fuller = {n for n in people
                  if (w := normalise_name(n).split()) and len(w) > len(words)
                  and w[0] == words[0]}
        return next(iter(fuller)) if len(fuller) == 1 else None

    # -- learning ------------------------------------------------------------------------------
    def observe(self, name: str, role: str | None = None, organisation: str | None = None,
                date: datetime.date | None = None, *, institution: bool = False,
                alias: str | None = None, statement: bool = False) -> str:
        """Record a speaker (and a role held on `date`); returns the canonical name."""
        canonical = self.resolve(name) or name.strip()
        speaker = self.speakers.get(canonical)
        if speaker is None:
            speaker = Speaker(name=canonical)
            self.speakers[canonical] = speaker
            if institution:
                self.institutions.append(canonical)
            elif self._surnames is not None:
                self._surnames.setdefault(surname(canonical), set()).add(canonical)
        new_aliases = {a for a in (alias, name) if a and a != canonical
                       and is_alias_form(a, canonical, institution=institution)}
        if not institution and len(canonical.split()) > 1:
            new_aliases.add(canonical.split()[-1])
        for item in sorted(new_aliases):
            if item not in speaker.aliases:
                speaker.aliases.append(item)
        if role:
            self._add_role(speaker, role, organisation, date)
        if statement:
            speaker.statements += 1
        if date is not None:
            speaker.first = min(speaker.first or date, date)
            speaker.last = max(speaker.last or date, date)
        if self._index is not None:  # kept up to date rather than rebuilt on the next lookup
            for item in (canonical, *speaker.aliases):
                for key in _index_keys(item):
                    self._index.setdefault(key, set()).add(canonical)
        return canonical

    @staticmethod
    def _add_role(speaker: Speaker, role: str, organisation: str | None,
                  date: datetime.date | None) -> None:
        key = normalise_name(role)
        for held in speaker.roles:
            if normalise_name(held.role) == key:
                if organisation and not held.organisation:
                    held.organisation = organisation
                if date is not None:
                    held.first = min(held.first or date, date)
                    held.last = max(held.last or date, date)
                return
        speaker.roles.append(SpeakerRole(role=role, organisation=organisation, first=date,
                                         last=date))

    def role_on(self, name: str, date: datetime.date | None) -> SpeakerRole | None:
        """The role a speaker held on a date: the one whose dated span is nearest to it."""
        speaker = self.speakers.get(name)
        if speaker is None or not speaker.roles:
            return None
        if date is None:
            return speaker.roles[-1] if len(speaker.roles) == 1 else None

        def distance(held: SpeakerRole) -> int:
            if held.first is None or held.last is None:
                return 10**6
            if held.first <= date <= held.last:
                return 0
            return min(abs((date - held.first).days), abs((date - held.last).days))

        best = min(speaker.roles, key=distance)
        return best if distance(best) <= 365 else None
