"""Who published an article, and which wire service it credits.

A page names its outlet in a few general ways: the site's name after the headline in a
browser-tab title ("Headline | Reuters"), a copyright line ("© 2024 Dawn"), "Published in
Dawn, ...", "Source: Al Jazeera", a desk byline ("Dawn Report"), its HTML metadata
(og:site_name) or its URL. A wire credit ("(AP)", "... carried out. (Pahwok)", "— Reuters")
says where the copy came from, not who published it: it is kept apart as `via`, so an answer
never names a wire service as the outlet of a newspaper's page.

The tables below are one cue among these: they spell well-known names in full and tell wire
services from publishers. A name that is in no table is kept as the page writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum, auto
from urllib.parse import urlsplit

# Wire services and news agencies, as credits print them -> the name readers know.
WIRES: dict[str, str] = {
    "ap": "Associated Press", "the associated press": "Associated Press",
    "associated press": "Associated Press", "reuters": "Reuters", "thomson reuters": "Reuters",
    "afp": "Agence France-Presse", "agence france-presse": "Agence France-Presse",
    "agence france presse": "Agence France-Presse", "app": "Associated Press of Pakistan",
    "associated press of pakistan": "Associated Press of Pakistan", "pti": "Press Trust of India",
    "press trust of india": "Press Trust of India", "ians": "Indo-Asian News Service",
    "ani": "Asian News International", "uni": "United News of India",
    "dpa": "Deutsche Presse-Agentur", "xinhua": "Xinhua", "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency", "aa": "Anadolu Agency", "pajhwok": "Pajhwok Afghan News",
    "pajhwok afghan news": "Pajhwok Afghan News", "yonhap": "Yonhap", "kyodo": "Kyodo News",
    "kyodo news": "Kyodo News", "bernama": "Bernama", "efe": "EFE", "ansa": "ANSA",
    "tass": "TASS", "irna": "IRNA", "wam": "WAM", "spa": "Saudi Press Agency",
    "nni": "News Network International", "ppi": "Pakistan Press International",
    "inp": "Independent News Pakistan", "bloomberg": "Bloomberg",
}

# Publishers: site names and domains as pages print them -> the name readers know.
SITES: dict[str, str] = {
    "dawn": "Dawn", "dawn.com": "Dawn", "geo.tv": "Geo News", "geo news": "Geo News",
    "thenews.com.pk": "The News", "the news": "The News", "tribune.com.pk": "The Express Tribune",
    "express tribune": "The Express Tribune", "the express tribune": "The Express Tribune",
    "reuters.com": "Reuters", "apnews.com": "Associated Press", "ap news": "Associated Press",
    "afp.com": "Agence France-Presse",
    "aljazeera.com": "Al Jazeera", "bbc.com": "BBC", "bbc.co.uk": "BBC", "bbc news": "BBC",
    "nytimes.com": "The New York Times", "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian", "cnn.com": "CNN", "voanews.com": "Voice of America",
    "voa": "Voice of America", "arabnews.com": "Arab News", "thehindu.com": "The Hindu",
    "hindustantimes.com": "Hindustan Times", "ndtv.com": "NDTV", "france24.com": "France 24",
    "app.com.pk": "Associated Press of Pakistan", "pajhwok.com": "Pajhwok Afghan News",
    "tolonews.com": "TOLOnews", "state.gov": "US Department of State",
    "defense.gov": "US Department of Defense", "whitehouse.gov": "The White House",
    "mofa.gov.pk": "Ministry of Foreign Affairs of Pakistan", "xinhuanet": "Xinhua",
    "xinhuanet.com": "Xinhua",
}

# A credit this close to a known wire's name is a misspelling of it ("Pahwok" for Pajhwok);
# short credits ("AP", "AFP") must match exactly, one letter changes them into other names.
_FUZZY_MIN_LENGTH = 6
_FUZZY_DISTANCE = 1
_SITE_SUFFIX_WORDS = 5  # "Headline | The Express Tribune": a site's name is a few words
_TITLE_MIN_WORDS = 3
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.", "edition.")
# A desk byline: "Dawn Report", "Reuters Staff", "Geo News Desk". The words before the desk
# name the outlet unless they are a generic desk ("Web Desk", "News Desk", "Our Correspondent").
_DESK = re.compile(
    r"^(?:by\s+)?(?P<name>.+?)\s+(?:report|staff|(?:news\s+|web\s+)?desk)$",
    re.IGNORECASE,
)
_GENERIC_DESKS = frozenset({
    "web", "news", "our", "staff", "monitoring", "special", "online", "sports", "business",
    "digital", "political", "foreign", "city", "national", "international", "world", "a",
    "the", "own", "diplomatic", "legal", "economic", "tech", "metro",
    "entertainment", "desk", "newsroom", "agency", "agencies", "wire", "wires",
})
_TITLE_SUFFIX = re.compile(r"^(?P<head>.+?)\s+(?P<sep>[|]|[-–—])\s+(?P<site>[^|–—]+?)\s*$")
_CONNECTORS = frozenset({"of", "the", "and", "for", "&", "de", "du", "la", "al", "el"})


class Cue(Enum):
    """Where a name came from, which decides whether it can be the outlet."""

    SITE = auto()  # the page names itself: title suffix, og:site_name, URL
    PUBLISHER = auto()  # a line that names the publisher: ©, "Published in", "Source:", desk
    DESK = auto()  # a desk byline ("Dawn Report", "BR Web Desk"): often an abbreviation
    CREDIT = auto()  # a credit of origin: "(AP)" in the dateline, "(Pahwok)" after the text


# Which outlet wins when a page names several: the page's own name, then a line naming the
# publisher in full, then a desk byline, whatever their order on the page.
_STRENGTH = {Cue.SITE: 0, Cue.PUBLISHER: 1, Cue.DESK: 2}


@dataclass
class Provenance:
    """The names a page gives, collected in reading order, then settled into outlet and via."""

    outlets: list[tuple[int, str]] = field(default_factory=list)  # (strength, name)
    wires: list[str] = field(default_factory=list)

    def offer(self, name: str | None, cue: Cue) -> None:
        text = _clean(name)
        if not text:
            return
        wire = wire_name(text)
        if cue is Cue.SITE:
            self.outlets.append((_STRENGTH[cue], site_name(text) or wire or text))
        elif wire is not None:
            self.wires.append(wire)  # "© 2024 AFP" under a newspaper's story: AFP's copy
        elif cue in _STRENGTH:
            self.outlets.append((_STRENGTH[cue], site_name(text) or text))
        else:
            self.wires.append(text)  # a credit in no table is kept as the page prints it

    def offer_url(self, url: str | None) -> None:
        name = outlet_from_url(url)
        if name:
            self.outlets.append((_STRENGTH[Cue.SITE], name))

    def settle(self) -> tuple[str | None, str | None]:
        """(outlet, via): the first outlet named, the first wire credited unless it is the
        outlet itself (a Reuters page crediting Reuters)."""
        outlet = min(self.outlets, key=lambda found: found[0])[1] if self.outlets else None
        via = next((w for w in self.wires if w != outlet), None)
        return outlet, via


def _clean(name: str | None) -> str | None:
    if not name:
        return None
    text = re.sub(r"\s+", " ", name).strip(" ()[]—–-.,|:")
    return text or None


def wire_name(credit: str) -> str | None:
    """ "AP" -> "Associated Press", "Pahwok" -> "Pajhwok Afghan News"; None if not a wire."""
    key = (_clean(credit) or "").lower()
    if key in WIRES:
        return WIRES[key]
    if len(key) >= _FUZZY_MIN_LENGTH:
        for known, name in WIRES.items():
            if len(known) >= _FUZZY_MIN_LENGTH and _within_one_edit(key, known):
                return name
    return None


def site_name(name: str) -> str | None:
    key = (_clean(name) or "").lower()
    return SITES.get(key) or SITES.get(_host(key))


def outlet_name(name: str | None) -> str | None:
    """A name as readers know it: tables first ("AP" -> "Associated Press"), else as written."""
    text = _clean(name)
    if not text:
        return None
    return site_name(text) or wire_name(text) or text


def outlet_from_url(url: str | None) -> str | None:
    """The publisher a link names: a known site's name, else its host ("gazette.example")."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    host = _host(host.lower())
    if "." not in host:
        return None
    parts = host.split(".")
    # news.example.com and example.com are one publisher; look the longer names up first
    for start in range(len(parts) - 1):
        known = SITES.get(".".join(parts[start:]))
        if known:
            return known
    return host


def _host(host: str) -> str:
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def split_title_site(title: str) -> tuple[str, str | None]:
    """ "Pakistan to press ahead with pipeline | Reuters" -> (headline, "Reuters").

    A browser tab's title ends in the site's name after " | "; after a dash only a name the
    tables know is taken, since "Kirby - a profile" is a headline with a dash in it."""
    m = _TITLE_SUFFIX.match(title)
    if not m or len(m.group("head").split()) < _TITLE_MIN_WORDS:
        return title, None
    site = m.group("site").strip()
    known = site_name(site) or wire_name(site)
    if m.group("sep") == "|":
        if known or _looks_like_name(site):
            return m.group("head").strip(), site
        return title, None
    return (m.group("head").strip(), site) if known else (title, None)


def _looks_like_name(text: str) -> bool:
    """ "The Express Tribune", "Al Jazeera", "DAWN.COM": capitalised words, no sentence."""
    words = text.split()
    if not 1 <= len(words) <= _SITE_SUFFIX_WORDS or text[-1:] in ".!?,;:":
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _CONNECTORS for w in words)


def desk_outlet(byline: str | None) -> str | None:
    """ "Dawn Report" -> "Dawn"; "Web Desk", "Our Correspondent" and names -> None."""
    if not byline:
        return None
    if wire_name(byline):
        return byline  # "By APP": the agency's copy
    m = _DESK.match(byline.strip())
    if not m:
        return None
    name = m.group("name").strip()
    if any(word in _GENERIC_DESKS for word in name.lower().split()) or not _looks_like_name(name):
        return None
    return name


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > _FUZZY_DISTANCE:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= _FUZZY_DISTANCE
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:cut] + long[cut + 1:] == short for cut in range(len(long)))
