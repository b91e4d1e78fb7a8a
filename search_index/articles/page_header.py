"""The article's header: where the body starts, and the title, byline, the names of its outlet
and wire service (see `outlets`) and masthead date read from the classified lines above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from search_index.articles.furniture import (
    AGENCY_LINE,
    BYLINE_PATTERN,
    COPYRIGHT,
    PUBLISHED_IN,
    PUBLISHED_WORD,
    SOURCE_LINE,
    SPEAKER_LABEL_HEAD,
    SPEAKER_LABEL_LINE,
    TERMINAL,
    Kind,
    Line,
    byline_before_date,
    continues,
    full_dates,
    is_date_then_section,
    is_headline,
    is_name,
    is_prose,
    is_question_headline,
    stated_dates,
    without_dates,
    word_count,
)
from search_index.articles.outlets import (
    Cue,
    Provenance,
    desk_outlet,
    split_title_site,
)
from search_index.articles.publication import (
    BRIEFING_DATE_CONFIDENCE,
    BRIEFING_TITLE,
    CONFIDENCE,
    Dating,
    briefing_confidence,
    is_briefing_title,
    published_date,
)
from search_index.models import DateBasis


@dataclass
class _Header:
    title: str | None = None
    byline: str | None = None
    provenance: Provenance = field(default_factory=Provenance)
    masthead: date | None = None
    captions: list[str] = field(default_factory=list)
    texts: set[str] = field(default_factory=set)


_HEADER_MARKERS = (Kind.BYLINE, Kind.PUBLISHED, Kind.DATE)
_MARKER_LOOKAHEAD = 3  # a standfirst sentence still sits above the byline and date lines
_HEADER_SCAN_LINES = 15
_MENU_LABEL_WORDS = 3
_MENU_ENTRY_WORDS = 6  # a banner or menu entry is short; a real headline may sit above a menu
_MENU_LOOKAHEAD = 3
_MENU_LABELS_AROUND = 2  # of the next three lines, this many menu labels make a menu run


def body_start(lines: list[Line]) -> int | None:
    seen_headline = False
    content_seen = 0  # lines above that are not navigation: menus can run to dozens of lines
    for i, line in enumerate(lines):
        if i > 0 and lines[i - 1].kind not in (Kind.UI, Kind.SEPARATOR) and (
                word_count(lines[i - 1].text) >= 3):
            content_seen += 1  # one- and two-word section names are the menu
        head = SPEAKER_LABEL_HEAD.match(line.text)
        if (head and line.kind in (Kind.TEXT, Kind.BULLET) and head.end() < len(line.text)
                and is_prose(line.text[head.end():])):
            return i  # a transcript that opens with a turn: "*** MR. RHODES: *** Good …"
        if line.kind is not Kind.TEXT:
            continue
        if not seen_headline and i + 1 < len(lines) and is_question_headline(line.text):
            seen_headline = True  # "Will talks resume next month?" above the story
            continue
        seen_headline = seen_headline or is_headline(line.text)
        nxt_line = lines[i + 1] if i + 1 < len(lines) else None
        if (SPEAKER_LABEL_LINE.match(line.text) and nxt_line is not None
                and nxt_line.kind is Kind.TEXT and is_prose(nxt_line.text)):
            return i  # a transcript's first turn: "MR. RHODES:" over the words
        if not is_prose(line.text):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            wrapped_head = (
                nxt is not None and nxt.kind is Kind.TEXT and continues(line, nxt)
                and (not is_headline(line.text) or nxt.text[0].islower())
            )
            if not wrapped_head:
                continue
        if content_seen < _HEADER_SCAN_LINES and _marker_follows(lines, i):
            continue
        return i
    return None


def _marker_follows(lines: list[Line], i: int) -> bool:
    """A byline or date line a few lines below, with no paragraph of prose between: line `i`
    is a standfirst above the header's markers. A release's own date at its foot, under
    paragraphs of prose, makes none of them a standfirst."""
    for later in lines[i + 1: i + 1 + _MARKER_LOOKAHEAD]:
        if later.kind in _HEADER_MARKERS:
            return True
        if later.kind is Kind.TEXT and is_prose(later.text):
            return False
    return False


def read_header(lines: list[Line], dating: Dating) -> _Header:
    head = _Header()
    seen_byline = False
    for i, line in enumerate(lines):
        t = line.text
        head.texts.add(t)
        kind = line.kind
        before_title = head.title is None and not seen_byline
        if kind is Kind.UI:
            if before_title and head.masthead is None:
                found = full_dates(t)  # "Editor in Chief: ... Tuesday, April 23rd, 2024"
                head.masthead = found[0].date if found else None
        elif kind is Kind.BYLINE:
            seen_byline = True
            m = BYLINE_PATTERN.match(t)
            if m and head.byline is None:
                head.byline = _clean_name(m.group("name"))
        elif kind is Kind.CREDIT:
            head.provenance.offer(*credit_cue(t))
        elif kind is Kind.PUBLISHED:
            dating.offer(published_date(t), DateBasis.PUBLISHED_LINE,
                         CONFIDENCE[DateBasis.PUBLISHED_LINE])
            # "Baqir Sajjad Syed Published November 8, 2024": a byline before the word
            label = PUBLISHED_WORD.search(t)
            name = t[: label.start()].strip(" |,·•—–-") if label else (
                byline_before_date(t) or "")
            if head.byline is None and name and is_name(name) and head.title is not None:
                head.byline = _clean_name(name.removeprefix("By ").removeprefix("by "))
        elif kind is Kind.CAPTION:
            head.captions.append(t)
        elif kind is Kind.DATE or (kind is Kind.TEXT and word_count(t) <= 12 and stated_dates(t)
                                   and word_count(without_dates(t, stated_dates(t))) < 3):
            found = stated_dates(t)
            value = found[0].date if found else None
            if before_title and not is_date_then_section(t):
                # the page's date above the headline; "4 May 2023 Humanitarian Aid" is the
                # story's own date and section even on a page whose headline was not copied
                head.masthead = head.masthead or value
            else:
                dating.offer(value, DateBasis.PUBLISHED_LINE, CONFIDENCE[DateBasis.PUBLISHED_LINE])
        elif kind is Kind.TEXT:
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if (head.byline is None and seen_byline and word_count(t) <= 6
                    and not TERMINAL.search(t)):
                head.byline = _clean_name(t)  # the name on the line after a lone "By"
                seen_byline = True
            elif (head.title is None and is_headline(t) and not _in_menu_run(lines, i)
                  and not _is_site_banner(lines, i)):
                head.title, site = split_title_site(t)
                head.provenance.offer(site, Cue.SITE)
                found = full_dates(t)
                if found:  # "Press Briefing – December 18, 2023": the day of the event
                    dating.offer(found[0].date, found[0].basis, briefing_confidence(t))
            elif is_briefing_title(t) and full_dates(t):
                # a masthead ("Ministry of Foreign Affairs") took the title's place above it
                if head.title is None or not BRIEFING_TITLE.search(head.title):
                    head.title = t
                dating.offer(full_dates(t)[0].date, DateBasis.STATED, BRIEFING_DATE_CONFIDENCE)
            elif (head.title is not None and head.byline is None and is_name(t)
                  and nxt is not None and nxt.kind in (Kind.DATE, Kind.PUBLISHED)):
                head.byline = _clean_name(t)  # "Mariana Baabar" over "November 8, 2024"
    head.provenance.offer(desk_outlet(head.byline), Cue.DESK)  # "By Dawn Report"
    return head


def _is_menu_label(line: Line) -> bool:
    """ "News", "Climate crisis", "Sign in": a short label of a site's menu."""
    return (line.kind in (Kind.TEXT, Kind.UI) and word_count(line.text) <= _MENU_LABEL_WORDS
            and not TERMINAL.search(line.text) and line.text[:1].isupper())


def _in_menu_run(lines: list[Line], i: int) -> bool:
    """A short headline-like line inside a run of menu labels ("U.S. Department of Defense",
    "Send a Release", "Global perspective Human stories" between "Home", "News", ...) is the
    site's banner or a menu entry: the story's headline comes after the menu, never inside."""
    if i == 0 or word_count(lines[i].text) > _MENU_ENTRY_WORDS or not (
            _is_menu_label(lines[i - 1]) or lines[i - 1].kind is Kind.UI):
        return False
    following = lines[i + 1:i + 1 + _MENU_LOOKAHEAD]
    return sum(_is_menu_label(line) for line in following) >= _MENU_LABELS_AROUND


# "Home / National", "Home › World": the trail from the site's home page to the story's section
_HOME_CRUMB = re.compile(r"^home\s*[/>›»|]\s*\S", re.IGNORECASE)
# A banner tops the page (under a skip link at most) and is a name or a tagline; a page's own
# headline copied from the browser tab ("Press Briefing by ... and ... John Kirby") is longer.
_BANNER_TOP_LINES = 2
_BANNER_WORDS = 10


def _is_site_banner(lines: list[Line], i: int) -> bool:
    """The site's name or tagline on top of its navigation, not the story's headline: "Premier of
    Tasmania" over "Media centre", "Transcripts"; "Exclusive news, data and analytics for
    financial market professionals" over "Reuters home", "World", "Business"; "Associated Press
    Of Pakistan" over "Home / National". The menu or the trail to the section follows a banner;
    the headline comes after that chrome."""
    if i >= _BANNER_TOP_LINES or word_count(lines[i].text) > _BANNER_WORDS or any(
            line.kind is not Kind.UI for line in lines[:i]):
        return False
    following = lines[i + 1:i + 1 + _MENU_LOOKAHEAD]
    if following and _HOME_CRUMB.match(following[0].text):
        return True
    return sum(_is_menu_label(line) for line in following) >= _MENU_LABELS_AROUND


def _clean_name(name: str) -> str:
    return re.sub(r"[\s\xa0]+", " ", name).strip(" ,|")


def credit_cue(text: str) -> tuple[str | None, Cue]:
    """The name a credit line gives, and whether it names the publisher ("© 2024 Dawn",
    "Published in Dawn", "Source: Al Jazeera") or credits where the copy came from ("(APP)")."""
    for pattern in (PUBLISHED_IN, SOURCE_LINE, COPYRIGHT):
        m = pattern.match(text)
        if m:
            return m.group("outlet").strip() or None, Cue.PUBLISHER
    m = AGENCY_LINE.match(text)
    if m:
        return (m.group("a") or m.group("b")).strip(), Cue.CREDIT
    return None, Cue.CREDIT
