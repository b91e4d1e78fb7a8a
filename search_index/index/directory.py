"""The speaker directory: each speaker's roles, aliases, statement count and date span."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from search_index.index.schema import day_from_number
from search_index.models import Speaker, SpeakerKind, SpeakerRole

# Who gets an entry in the directory (/speakers, autocomplete, speaker filters): one named
# person or organisation. "A senior official", "the report" or "protesters" name a different
# source in every article, so one entry for them would fold strangers together.
LISTED_KINDS: frozenset[str] = frozenset({"person", "organisation"})


@dataclass(frozen=True)
class Facts:
    """What one statement document says about its speaker (the `facts` stored field)."""

    role: str | None
    organisation: str | None
    sort_day: int
    aliases: tuple[str, ...]
    kind: SpeakerKind = "person"

    @property
    def listed(self) -> bool:
        return self.kind in LISTED_KINDS

    def to_json(self) -> str:
        return json.dumps(
            [self.role, self.organisation, self.sort_day, list(self.aliases), self.kind]
        )

    @classmethod
    def from_json(cls, raw: str) -> Facts:
        # Indexes written before sources had kinds hold four fields: all of them people.
        role, organisation, sort_day, aliases, *kind = json.loads(raw)
        return cls(role, organisation, int(sort_day), tuple(aliases), *kind)


def speaker_entry(name: str, facts: Iterable[Facts], extra_aliases: Iterable[str] = ()) -> Speaker:
    """Fold a speaker's statements into one directory entry. Spans (the speaker's and
    each role's) use dated statements only: an undated statement is counted, never placed
    under its article's date."""
    aliases: set[str] = set(extra_aliases)
    roles: dict[tuple[str, str | None], SpeakerRole] = {}
    count = 0
    first: date | None = None
    last: date | None = None
    for fact in facts:
        count += 1
        aliases.update(fact.aliases)
        day = day_from_number(fact.sort_day)
        if day is not None:
            first = day if first is None or day < first else first
            last = day if last is None or day > last else last
        if not fact.role:
            continue
        key = (fact.role, fact.organisation)
        role = roles.setdefault(key, SpeakerRole(role=fact.role, organisation=fact.organisation))
        if day is not None:
            role.first = day if role.first is None or day < role.first else role.first
            role.last = day if role.last is None or day > role.last else role.last
    aliases.discard(name)
    ordered_roles = sorted(roles.values(), key=lambda r: (r.first or date.max, r.role))
    return Speaker(
        name=name,
        aliases=sorted(aliases),
        roles=ordered_roles,
        statements=count,
        first=first,
        last=last,
    )
