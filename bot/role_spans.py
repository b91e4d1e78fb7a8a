"""Each of a speaker's roles once, with the span of dated statements made in it.

The extractor writes a role as the article gives it, so one post comes back in several forms:
"State Department Spokesperson" beside "Department Spokesperson" (the same title cut short),
or the same title with and without its organisation. Two rules fold them:

1. the same title (ignoring case) is one role, whatever organisation is named with it;
2. a title whose words end exactly one longer title's words is that role cut short.

A short title that ends two longer ones ("Minister": "Defence Minister", "Foreign Minister")
is left as it is, since it cannot be told which it was.
"""

from __future__ import annotations

from datetime import date

from search_index.models import SpeakerRole


def _words(title: str) -> tuple[str, ...]:
    return tuple(title.casefold().split())


def _fold_into(kept: SpeakerRole, other: SpeakerRole) -> SpeakerRole:
    firsts = [day for day in (kept.first, other.first) if day is not None]
    lasts = [day for day in (kept.last, other.last) if day is not None]
    return SpeakerRole(
        role=kept.role,
        organisation=kept.organisation or other.organisation,
        first=min(firsts) if firsts else None,
        last=max(lasts) if lasts else None,
    )


def merged_roles(roles: list[SpeakerRole]) -> list[SpeakerRole]:
    """The roles with each post once (see the module docstring), earliest first; roles with
    no dated statement last."""
    by_title: dict[tuple[str, ...], SpeakerRole] = {}
    for role in roles:  # rule 1
        key = _words(role.role)
        if not key:
            continue
        found = by_title.get(key)
        by_title[key] = role.model_copy() if found is None else _fold_into(found, role)
    for short in sorted(by_title, key=len):  # rule 2, shortest titles first
        longer = [key for key in by_title
                  if len(key) > len(short) and key[len(key) - len(short):] == short]
        if len(longer) == 1:
            by_title[longer[0]] = _fold_into(by_title[longer[0]], by_title.pop(short))
    return sorted(by_title.values(), key=lambda r: (r.first or date.max, r.role))
