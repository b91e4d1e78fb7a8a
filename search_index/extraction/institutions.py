"""Whose institution a speaker is, when the article makes it clear.

"The Foreign Office said" in a story datelined Islamabad is Pakistan's Foreign Office, and
"the embassy" in that story, which is about the United States, is the US embassy in Islamabad.
Without the owner, one speaker name would stand for every country's foreign office at once.
A speaker is also always a name: a country written as "US" is the United States.

The rules are tables: the story's home country comes from its dateline's place, the foreign
country of an unowned embassy from the country the article names most after its home.
"""

from __future__ import annotations

import re
from collections import Counter

from search_index.extraction.attributed import Attributed
from search_index.extraction.speakers import normalise_name
from search_index.models import Article

# Dateline places -> their country. Only places whose country no reader would doubt.
HOME_BY_PLACE: dict[str, str] = {
    "islamabad": "Pakistan", "karachi": "Pakistan", "lahore": "Pakistan", "peshawar": "Pakistan",
    "quetta": "Pakistan", "rawalpindi": "Pakistan", "multan": "Pakistan",
    "kabul": "Afghanistan", "kandahar": "Afghanistan", "herat": "Afghanistan",
    "jalalabad": "Afghanistan", "mazar-i-sharif": "Afghanistan",
    "new delhi": "India", "delhi": "India", "mumbai": "India", "kolkata": "India",
    "chennai": "India", "srinagar": "India", "bengaluru": "India",
    "washington": "United States", "new york": "United States",
    "london": "United Kingdom", "beijing": "China", "tehran": "Iran", "dhaka": "Bangladesh",
}
CAPITALS: dict[str, str] = {
    "Pakistan": "Islamabad", "Afghanistan": "Kabul", "India": "New Delhi",
    "United States": "Washington", "United Kingdom": "London", "China": "Beijing",
    "Iran": "Tehran", "Bangladesh": "Dhaka",
}
# How a country is written in front of its institution: "US State Department".
_PREFIX = {"United States": "US", "United Kingdom": "UK"}
# Institutions every country has, which the story names without saying whose.
NATIONAL_INSTITUTIONS = frozenset({
    "foreign office", "foreign ministry", "ministry of foreign affairs", "interior ministry",
    "ministry of interior", "defence ministry", "defense ministry", "ministry of defence",
    "finance ministry", "ministry of finance", "information ministry", "government",
    "prime minister's office", "prime minister office", "army", "military", "cabinet",
})
# Countries as a story writes them -> their names, and the words that count a mention.
_COUNTRY_FORMS: dict[str, str] = {
    "us": "United States", "u.s": "United States", "u.s.": "United States",
    "usa": "United States", "america": "United States", "united states": "United States",
    "washington": "United States", "american": "United States",
    "uk": "United Kingdom", "u.k": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "british": "United Kingdom",
    "pakistan": "Pakistan", "pakistani": "Pakistan", "islamabad": "Pakistan",
    "afghanistan": "Afghanistan", "afghan": "Afghanistan", "kabul": "Afghanistan",
    "india": "India", "indian": "India", "new delhi": "India",
    "china": "China", "chinese": "China", "beijing": "China",
    "iran": "Iran", "iranian": "Iran", "tehran": "Iran",
}
_COUNTRY_WORD = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in sorted(_COUNTRY_FORMS, key=len, reverse=True))
    + r")(?![\w.])", re.IGNORECASE)
_EMBASSY = re.compile(r"^(?:the\s+)?embassy$", re.IGNORECASE)
# Pieces of the sentence that a speaker's name must not carry: "Foreign Office (FO) on
# Friday" is the Foreign Office.
_TRAILING_PIECES = re.compile(
    r"(?:\s*\([A-Z][A-Za-z.&\-]{1,9}\))?(?:\s+(?:on|late|early|last|this)?\s*"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today))?\s*$")


def home_country(article: Article) -> str | None:
    """The country a story is told from: its dateline's ("ISLAMABAD:" -> Pakistan)."""
    if not article.dateline:
        return None
    return HOME_BY_PLACE.get(article.dateline.strip().lower())


def _most_named_abroad(text: str, home: str) -> str | None:
    """The country the article names most, its home apart; None on a tie."""
    counts = Counter(_COUNTRY_FORMS[m.group(0).lower()] for m in _COUNTRY_WORD.finditer(text))
    counts.pop(home, None)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def owned_name(speaker: str, home: str | None, text: str) -> str:
    """The speaker's name with its owner where the article makes it clear; else as it was."""
    country = _COUNTRY_FORMS.get(speaker.strip().lower())
    if country and speaker.strip().lower() in ("us", "u.s", "u.s.", "usa", "uk", "u.k", "u.k."):
        return country  # "US said": the United States, never the pronoun-like "US"
    if home is None:
        return speaker
    if normalise_name(speaker) in NATIONAL_INSTITUTIONS:
        return f"{_PREFIX.get(home, home)} {speaker.strip()[:1].upper()}{speaker.strip()[1:]}"
    if _EMBASSY.match(speaker.strip()):
        abroad = _most_named_abroad(text, home)
        if abroad is not None and home in CAPITALS:
            return f"{_PREFIX.get(abroad, abroad)} Embassy in {CAPITALS[home]}"
    return speaker


def without_pieces(speaker: str) -> str:
    """The name without an acronym in brackets or a day after it."""
    trimmed = _TRAILING_PIECES.sub("", speaker).strip()
    return trimmed or speaker


def name_owners(found: list[Attributed], article: Article) -> None:
    """Give each institution speaker of the article its owner, in place, and keep every
    speaker's name free of the sentence around it."""
    home = home_country(article)
    for item in found:
        item.speaker = without_pieces(item.speaker)
        if item.speaker_kind == "person" and not _COUNTRY_FORMS.get(item.speaker.lower()):
            continue
        item.speaker = owned_name(item.speaker, home, article.text)
