"""Parliamentary records printed as Hansard prints them: a line naming the member, the words
below it, no quote marks.

    Sarah Whitfield (North Devon) (LD)              a member: name, seat, party
    The Minister for Transport (Graham Pickering)   a minister: office, then the name
    Graham Pickering                                the same member again, the name alone
    Mr Speaker / Hon. Members                       the chair and the benches: no statement

Each member's contribution is a statement of that member; the page's own text between turns
(column numbers, "Download text") ends a contribution.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from search_index.models import Paragraph

_NAME = r"(?:[A-Z][\w'’\-]+\s){1,3}[A-Z][\w'’\-]+"
# "Sarah Whitfield (North Devon) (LD)": a seat and a party, both in brackets
_MEMBER = re.compile(rf"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\s)?(?P<name>{_NAME})\s"
                     r"\((?P<seat>[^()]{2,60})\)\s\((?P<party>[^()]{1,20})\)$")
# "The Minister for Local Transport (Graham Pickering)", "The Secretary of State for Health (…)"
_OFFICE = re.compile(rf"^The\s(?P<role>[A-Z][^()]{{3,90}}?)\s\((?P<name>{_NAME})\)$")
_CHAIR = re.compile(r"^(?:(?:Mr|Madam)\s(?:Deputy\s)?Speaker|Hon\.?\sMembers|(?:The\s)?"
                    r"(?:Chair|Chairman|Chairwoman|Deputy\sSpeaker|Speaker)|"
                    r"(?:The\s)?(?:Lord\s)?Speaker)$")
_MIN_MEMBERS = 2  # labelled members before a page counts as a record


@dataclass(frozen=True, slots=True)
class Contribution:
    start: int  # offsets in the article text
    end: int
    paragraph: int  # position of its first paragraph
    name: str
    role: str | None


def contributions(source: str, paragraphs: Sequence[Paragraph]) -> list[Contribution]:
    """The members' contributions, or none when the page is not such a record."""
    lines = list(re.finditer(r"[^\n]+", source))
    if sum(1 for m in lines if _MEMBER.match(m.group().strip())
           or _OFFICE.match(m.group().strip())) < _MIN_MEMBERS:
        return []
    roles: dict[str, str | None] = {}
    found: list[Contribution] = []
    speaker: str | None = None  # whose words the lines now belong to
    current: list[int] | None = None  # start, end, paragraph of the open contribution

    def close() -> None:
        nonlocal current
        if current is not None and speaker is not None:
            found.append(Contribution(current[0], current[1], current[2], speaker,
                                      roles.get(speaker)))
        current = None

    for line in lines:
        text = line.group().strip()
        if not text:
            continue
        member = _MEMBER.match(text) or _OFFICE.match(text)
        if member is not None or text in roles or _CHAIR.match(text):
            close()
            speaker = None
            if member is not None:
                speaker = " ".join(member.group("name").split())
                role = member.groupdict().get("role")
                roles[speaker] = role or roles.get(speaker)
            elif text in roles:
                speaker = text
            continue
        position = _paragraph_at(paragraphs, line.start())
        if position is None or speaker is None:
            close()
            speaker = None
            continue
        if current is None:
            current = [paragraphs[position].start, paragraphs[position].end, position]
        else:
            current[1] = paragraphs[position].end
    close()
    return found


def _paragraph_at(paragraphs: Sequence[Paragraph], offset: int) -> int | None:
    for n, paragraph in enumerate(paragraphs):
        if paragraph.start <= offset < paragraph.end:
            return n
    return None
