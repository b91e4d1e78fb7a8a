"""What one article has said so far: the people, institutions and countries it mentioned,
who spoke last, and how a pronoun, a surname or a role noun ("the spokesperson") resolves to
one of them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from search_index.extraction.gender import first_name_gender
from search_index.extraction.mentions import (
    Mention,
    canonical_institution,
    people_in,
)
from search_index.extraction.notables import resolve_notable
from search_index.extraction.speakers import SpeakerRegistry, normalise_name, surname
from search_index.models import Paragraph
from search_index.text.lexicon import (
    ANONYMOUS_NOUNS,
    GENERIC_INSTITUTION_HEADS,
    ROLE_WORDS,
)

SPOKESPERSON_ROLE = re.compile(r"spokes(?:person|man|woman)|spox", re.I)
# A spokesperson's role with nothing but these beside it names no organisation of its own
_IT_SPEAKER_REACH = 6  # paragraphs back an "it said" may reach for the institution that spoke
_DIRECTOR_GENERAL = re.compile(r"\b(?:DG|Director[\s-]+General)\b", re.I)
_BARE_ROLE_MODIFIERS = frozenset({"the", "a", "deputy", "chief", "official", "principal",
                                  "senior", "acting", "assistant"})
_ACRONYM_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’\-]*\s+(?:of\s+|for\s+|and\s+)?){1,6}[A-Z][\w'’\-]*)\s+\(([A-Z][A-Z\-&]{1,7})\)"
)


@dataclass(slots=True)
class Entity:
    name: str  # canonical
    kind: str  # person, institution, country
    role: str | None = None
    gender: str | None = None
    paragraph: int = -1
    order: int = 0


def _personal_byline(byline: str) -> bool:
    """ "Jane Roe" names a writer; "Web Desk", "Staff Reporter" or an agency do not."""
    words = byline.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not any(
        w.lower() in ROLE_WORDS or w.lower() in {"desk", "staff", "news", "wire", "agency",
                                                  "reuters", "ap", "afp", "editorial", "board"}
        for w in words)


@dataclass(slots=True)
class DiscourseState:
    counter: int
    entities: list[tuple[Entity, int, int, str | None, str | None]]
    statement_source: Entity | None
    last_speaker: tuple[Entity, int] | None


class Discourse:
    """What one article has said so far: who was mentioned, who spoke, whose statement."""

    def __init__(self, source: str, paragraphs: Sequence[Paragraph],
                 registry: SpeakerRegistry | None, when: datetime.date | None = None,
                 genders: dict[str, str] | None = None, author: str | None = None) -> None:
        self.source = source
        # "I said", "I asked" outside quotes: the writer of a first-person piece, named by the
        # byline when it gives a person's name, else a source nobody names
        self.narrator = Entity(author, "person") if author and _personal_byline(author) \
            else Entity("the author", "unnamed")
        self.genders = genders or {}  # surname -> "m"/"f", from what the article says
        self.when = when  # the article's date when it is trusted: picks among office holders
        self.registry = registry
        self.entities: list[Entity] = []
        self.counter = 0
        self.statement_source: Entity | None = None
        self.last_speaker: tuple[Entity, int] | None = None
        self.people: dict[str, list[tuple[int, str | None]]] = {}  # full name -> [(para, role)]
        self.acronyms: dict[str, str] = {}
        for paragraph in paragraphs:
            for person in people_in(source, paragraph.start, paragraph.end):
                assert person.name is not None
                self.people.setdefault(person.name, []).append((paragraph.index, person.role))
            for match in _ACRONYM_DEFINITION.finditer(paragraph.text):
                self.acronyms[match.group(2)] = canonical_institution(match.group(1))

    # -- names ---------------------------------------------------------------------------------
    def role_of(self, name: str, paragraph: int) -> str | None:
        roles = [(p, r) for p, r in self.people.get(name, []) if r]
        before = [r for p, r in roles if p <= paragraph]
        if before:
            return before[-1]
        return roles[0][1] if roles else None

    def person_name(self, written: str) -> str:
        words = written.split()
        if len(words) == 1:
            key = normalise_name(written)
            local = [n for n in self.people if len(n.split()) > 1 and surname(n) == key]
            local += [e.name for e in self.entities
                      if e.kind == "person" and len(e.name.split()) > 1 and surname(e.name) == key]
            if len(set(local)) == 1:
                return local[0]
            # "Bilawal" for "Bilawal Bhutto Zardari": a first name the article has spelled out
            given = {n for n in [*self.people, *(e.name for e in self.entities
                                                 if e.kind == "person")]
                     if len(n.split()) > 1 and normalise_name(n).split()[0] == key}
            if len(given) == 1 and not (self.registry and self.registry.resolve(written)):
                return next(iter(given))
        if self.registry is not None:
            known = self.registry.resolve(written)
            if known:
                return known
        if len(words) == 1:
            return resolve_notable(written, self.when) or written
        return written

    def gender_of(self, name: str) -> str | None:
        """What the article says of this person's gender, else a common first name's."""
        return self.genders.get(surname(name)) or first_name_gender(name)

    # -- entities ------------------------------------------------------------------------------
    def note(self, entity: Entity, paragraph: int) -> Entity:
        self.counter += 1
        for known in self.entities:
            if known.name == entity.name:
                known.paragraph, known.order = paragraph, self.counter
                known.role = entity.role or known.role
                known.gender = known.gender or entity.gender
                return known
        entity.paragraph, entity.order = paragraph, self.counter
        if entity.kind == "person":
            entity.gender = entity.gender or self.gender_of(entity.name)
        self.entities.append(entity)
        return entity

    def checkpoint(self) -> DiscourseState:
        """What the article has said so far, to return to after a reading that must leave no
        trace (reported speech read beside a sentence's quotes)."""
        return DiscourseState(
            counter=self.counter,
            entities=[(e, e.paragraph, e.order, e.role, e.gender) for e in self.entities],
            statement_source=self.statement_source, last_speaker=self.last_speaker)

    def restore(self, state: DiscourseState) -> None:
        self.counter = state.counter
        self.entities = [saved[0] for saved in state.entities]
        for entity, paragraph, order, role, gender in state.entities:
            entity.paragraph, entity.order, entity.role, entity.gender = (paragraph, order,
                                                                           role, gender)
        self.statement_source, self.last_speaker = state.statement_source, state.last_speaker

    def spoke(self, entity: Entity, paragraph: int) -> None:
        self.last_speaker = (entity, paragraph)

    def _recent(self, kinds: set[str]) -> list[Entity]:
        return sorted((e for e in self.entities if e.kind in kinds), key=lambda e: -e.order)

    def resolve(self, mention: Mention, paragraph: int) -> Entity | None:
        if mention.kind == "person" and mention.name:
            name = self.person_name(mention.name)
            role = mention.role or self.role_of(name, paragraph)
            if role is None:
                local = self.role_of(mention.name, paragraph)
                role = local
            return self.note(Entity(name, "person", role), paragraph)
        if mention.kind == "pronoun":
            return self._pronoun(mention, paragraph)
        if mention.kind == "role" and mention.extras.get("anonymous"):
            return None  # "a senior official said": nobody on the record
        if mention.kind == "role" and mention.role:
            if re.match(r"(?:a|an)\s", mention.text, re.I):
                return None  # "a spokesman for the ministry": someone not named
            return self._role_noun(mention.role, paragraph)
        if mention.kind == "statement":
            if mention.source is not None:
                entity = self.resolve(mention.source, paragraph)
                if entity is not None:
                    self.statement_source = entity
                return entity
            return self.statement_source
        if mention.kind == "institution" and mention.name:
            if mention.extras.get("spokesperson"):
                named = self._spokesperson_of(mention.name, paragraph)
                if named is not None:
                    return self.note(named, paragraph)
            if _DIRECTOR_GENERAL.match(mention.name):
                # "the DG-ISPR said" after "DG ISPR Major General NAME": the person, not the
                # organisation they head
                head = self._holder(_DIRECTOR_GENERAL, paragraph)
                if head is not None:
                    return self.note(head, paragraph)
            earlier = self._institution_named(mention.name)
            if earlier is not None:
                return self.note(earlier, paragraph)
            if mention.name.lower() in GENERIC_INSTITUTION_HEADS and re.match(
                    r"(?:a|an)\s", mention.text, re.I):
                return None  # "a spokesman for the ministry", no ministry named: nobody known
            name = self.acronyms.get(mention.name.strip(), None) or canonical_institution(
                mention.name)
            if self.registry is not None:
                name = self.registry.resolve(name) or name
            return self.note(Entity(name, "institution"), paragraph)
        if mention.kind == "country" and mention.name:
            return self.note(Entity(mention.name, "country"), paragraph)
        return None

    def _institution_named(self, written: str) -> Entity | None:
        """ "the ministry" after "Pakistan's foreign ministry said …": the one named before."""
        words = re.findall(r"[\w\-]+", written.lower())
        if len(words) != 1 or words[0] not in GENERIC_INSTITUTION_HEADS:
            return None
        for entity in self._recent({"institution"}):
            own = re.findall(r"[\w\-]+", entity.name.lower())
            if len(own) > 1 and own[-1] == words[0]:
                return entity
        return None

    def _holder(self, role: re.Pattern[str], paragraph: int) -> Entity | None:
        """The person the article last named with a role matching `role`."""
        for entity in self._recent({"person"}):
            if entity.role and role.search(entity.role):
                return entity
        for name, seen in self.people.items():
            if any(p <= paragraph and r and role.search(r) for p, r in seen):
                return Entity(self.person_name(name), "person", self.role_of(name, paragraph))
        return None

    def _spokesperson_of(self, organisation: str, paragraph: int) -> Entity | None:
        """ "The State Department spokesperson said" after "Spokesperson Heather Nauert": the
        spokesperson the article has named, whose role names this organisation or no other."""
        head = re.findall(r"[\w\-]+", organisation.lower())[-1:]

        def fits(held: str | None) -> bool:
            if not held or not SPOKESPERSON_ROLE.search(held):
                return False
            held_words = set(re.findall(r"[\w\-]+", held.lower()))
            other = {w for w in held_words if not SPOKESPERSON_ROLE.fullmatch(w)
                     and w not in _BARE_ROLE_MODIFIERS}
            return not other or bool(set(head) & held_words)

        for entity in self._recent({"person"}):
            if fits(entity.role):
                return entity
        for name, seen in self.people.items():
            if any(p <= paragraph and fits(r) for p, r in seen):
                return Entity(self.person_name(name), "person", self.role_of(name, paragraph))
        return None

    def _pronoun(self, mention: Mention, paragraph: int) -> Entity | None:
        word = mention.text.lower()
        if word == "i":
            return self.narrator
        if word == "it":
            recent = self._recent({"institution"})
            if recent and recent[0].paragraph >= paragraph - 2:
                return recent[0]
            if self.last_speaker is not None and self.last_speaker[0].kind == "institution" \
                    and self.last_speaker[1] >= paragraph - _IT_SPEAKER_REACH:
                # "The White House said on Saturday …" and, after paragraphs of background
                # that name no one else who speaks, "…,” it said": the institution that spoke
                return self.last_speaker[0]
            return None
        if word not in {"he", "she"}:
            return None
        # The most recent person who may be a "she" (a woman, or nobody knows): never one
        # the article has shown to be a man, however recent.
        gender = mention.gender
        people = [e for e in self._recent({"person"}) if e.paragraph >= paragraph - 6]
        fitting = [e for e in people if e.gender in (gender, None)]
        if not fitting:
            return None
        chosen = fitting[0]
        chosen.gender = chosen.gender or gender
        return chosen

    def _role_noun(self, role: str, paragraph: int) -> Entity | None:
        words = {w.lower() for w in re.findall(r"[\w\-]+", role)} - {"the", "a", "an", "this"}
        if words & ANONYMOUS_NOUNS:
            return None
        heads = {w for w in words if w in ROLE_WORDS}
        if not heads:
            return None

        def fits(held: str | None) -> bool:
            if not held:
                return False
            held_words = {w.lower() for w in re.findall(r"[\w\-]+", held)}
            if SPOKESPERSON_ROLE.search(" ".join(heads)):
                return bool(SPOKESPERSON_ROLE.search(held)) and (words - heads) <= held_words
            return words <= held_words

        for entity in self._recent({"person"}):
            if fits(entity.role):
                return entity
        for name, seen in self.people.items():
            if any(p <= paragraph and fits(r) for p, r in seen):
                return self.note(Entity(self.person_name(name), "person",
                                        self.role_of(name, paragraph)), paragraph)
        return None
