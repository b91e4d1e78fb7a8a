"""Sources that are not a named person, kept as the article writes them.

"a senior official told reporters", "the report says", "protesters chanted": the words are
on record even though nobody is named, so the statement keeps its source as written and says
what kind of source it is. The kind is read from the head noun through one table; an unnamed
source is never turned into a named person here (the discourse does that only when the
article itself names them).
"""

from __future__ import annotations

import re

from search_index.models import SpeakerKind

_DOCUMENT_NOUNS = frozenset({
    "report", "reports", "statement", "indictment", "letter", "memo", "memorandum", "filing",
    "complaint", "ad", "advert", "advertisement", "petition", "release", "lawsuit", "suit",
    "book", "editorial", "poll", "study", "survey", "email", "e-mail", "tweet", "post",
    "website", "site", "document", "documents", "transcript", "video", "ruling", "order",
    "bill", "motion", "brief", "message", "note", "sign", "signs", "banner", "placard",
    "headline", "article", "column", "op-ed", "platform", "manifesto", "resolution", "audit",
    "assessment", "analysis", "review", "warrant", "affidavit", "decision", "opinion",
    "communique", "communiqué", "guidance", "notice", "caption", "slogan", "commercial",
    "spot", "mailer", "flyer", "leaflet", "page", "account", "summary", "findings",
})
_GROUP_NOUNS = frozenset({
    "protesters", "protestors", "demonstrators", "supporters", "critics", "officials",
    "aides", "advisers", "advisors", "voters", "crowd", "audience", "people", "residents",
    "members", "democrats", "republicans", "lawmakers", "legislators", "sources", "analysts",
    "experts", "activists", "students", "workers", "parents", "fans", "attendees", "donors",
    "delegates", "leaders", "conservatives", "liberals", "progressives", "staffers",
    "organizers", "organisers", "observers", "witnesses", "investigators", "prosecutors",
    "economists", "strategists", "operatives", "insiders", "allies", "opponents", "rivals",
    "others", "some", "many", "several", "both", "chants", "participants", "families",
    "veterans", "scientists", "researchers", "doctors", "police", "soldiers", "troops",
    "employees",
})
# One person nobody names: "the man shouted", "a voter said", "the narrator says".
_PERSON_NOUNS = frozenset({
    "man", "woman", "person", "voter", "resident", "supporter", "protester", "protestor",
    "demonstrator", "worker", "student", "mother", "father", "nurse", "teacher", "veteran",
    "attendee", "voice", "narrator", "caller", "commenter", "host", "moderator", "source",
    "aide", "adviser", "advisor", "staffer", "strategist", "operative", "insider", "lawyer",
    "attorney", "analyst", "expert", "organizer", "organiser", "delegate", "donor", "friend",
    "neighbor", "neighbour", "owner", "customer", "participant", "observer", "witness",
    "officer", "agent", "investigator", "prosecutor", "economist", "historian", "professor",
    "pollster", "consultant", "activist", "critic", "fan", "user", "reader", "viewer",
    "listener", "guest", "speaker", "questioner", "interviewer", "reporter", "journalist",
    "author", "writer", "columnist", "editor", "candidate", "challenger", "opponent", "rival",
    "investor", "businessman", "businesswoman", "billionaire", "entrepreneur", "executive",
    "developer", "farmer", "driver", "shopkeeper", "fisherman", "pastor", "priest", "rabbi",
    "employee",
})
_ORGANISATION_NOUNS = frozenset({
    "company", "firm", "campaign", "committee", "department", "ministry", "agency", "office",
    "government", "administration", "party", "group", "organization", "organisation",
    "association", "union", "council", "commission", "board", "court", "embassy", "network",
    "newspaper", "paper", "daily", "magazine", "channel", "station", "outlet", "bank",
    "university", "school", "institute", "foundation", "center", "centre", "coalition",
    "team", "club", "church", "hospital", "police", "army", "military", "navy", "senate",
    "house", "congress", "parliament", "assembly", "cabinet", "bureau", "service", "fund",
    "pac", "super-pac", "corporation", "inc", "co", "group's", "spokesperson's",
})
# Sources nobody names, as entity kinds: on record as written, never the antecedent of "he".
# An "organisation" here is one written generically ("the company"); a named one is an
# "institution" of the discourse.
UNNAMED_KINDS = frozenset({"unnamed", "document", "group", "organisation"})
_SINGULAR_DETERMINERS = frozenset({"a", "an", "one", "another"})


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’\-]+", text.lower().replace("’", "'"))


def source_kind(written: str, *, capitalised_head: bool = False) -> SpeakerKind:
    """What kind of source a phrase names: "the indictment" a document, "protesters" a group,
    "the company" an organisation, "a senior official" an unnamed person."""
    words = _words(written)
    if not words:
        return "unnamed"
    head = words[-1]
    if head in _DOCUMENT_NOUNS:
        return "document"
    if head in _ORGANISATION_NOUNS or capitalised_head:
        return "organisation"
    if head in _GROUP_NOUNS and words[0] not in _SINGULAR_DETERMINERS:
        return "group"
    return "unnamed"


def source_name(written: str) -> str:
    """The source as the article writes it, without the punctuation around it."""
    return re.sub(r"\s+", " ", written).strip(" ,;:—–-\"“”'‘’")


def is_group_noun(word: str) -> bool:
    """A plural that names a group of people ("protesters", "Democrats")."""
    return word in _GROUP_NOUNS


def is_source_noun(word: str) -> bool:
    """A noun that can head a source nobody names: a document, a group, an organisation."""
    return (word in _DOCUMENT_NOUNS or word in _GROUP_NOUNS or word in _ORGANISATION_NOUNS
            or word in _PERSON_NOUNS)
