"""Page furniture: an article's lines, the kind of each, and the shape tests the kinds rest on.

News pages are copied as plain text with their furniture: mastheads, section labels, repeated
headlines, standfirsts, bylines, photo captions, bullet summaries, share and comment widgets,
related-story links. Each line is classified here on its own; where the header ends and what
the header says is `page_header`'s job.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum, auto

from search_index.models import DateBasis
from search_index.text.dates import DateResolution, find_date_expressions, find_stated_dates


class Kind(Enum):
    TEXT = auto()  # prose or a headline-like line: its position decides
    UI = auto()  # share/subscribe/"close"/advertisement/masthead labels
    FOOTER = auto()  # "Comments": the article is over
    PUBLISHED = auto()  # "Published April 13, 2022", "Updated ...", "Name Published ..."
    DATE = auto()  # a line that is only a date (and maybe a time)
    BYLINE = auto()  # "By Azaz Syed", "By" alone
    SEPARATOR = auto()  # "|", "—", "___"
    CAPTION = auto()  # "... — Screengrab/State Department", "(AP Photo/...)", "Photo: ..."
    BULLET = auto()  # "• Spox says ..."
    CREDIT = auto()  # "© Reuters", "(AFP)", "Reporting by ...", "Published in Dawn, ..."


@dataclass
class Line:
    start: int  # offsets of the stripped line in the text
    end: int
    text: str
    blank_before: bool
    wrapped: bool = False  # part of a hard-wrapped block (short lines, no blank lines)
    kind: Kind = Kind.TEXT


STRIP = (
    " \t\f\v\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b"
    "\u202f\u205f\u3000\ufeff"
)
_WRAP_WIDTH = 100  # lines of a hard-wrapped text are at most this long
_WORDS = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*")
QUOTE_OPEN = ("\"", "“", "‘", "'", "«")
_QUOTE_MARKS = re.compile(r"[\"“”«»]")
TERMINAL = re.compile(r"(?:[.!?…:;]|[.!?,]?[\"”’»])[\"”’»)\]]*$")
_I = re.IGNORECASE
_UI = re.compile(
    r"^(?:close|menu|search|home|share(?: this(?: article| story| post)?)?(?: on \w+)?:?|tweet"
    r"|e-?mail|print|whatsapp|facebook|twitter|linkedin|telegram|copy link(?: copied)?|copied"
    r"|save|listen(?: to (?:this )?article)?(?: \d+ min)?|advertisement|sponsored|ad"
    r"|subscribe\b.*|sign up\b.*|follow us\b.*|click here\b.*|read more\b.*|also read\b.*"
    r"|read also\b.*|see also\b.*|read:|related:.*|related (?:stories|articles|news|coverage"
    r"|posts?|content|topics)|tags?:.*|topics?:.*|filed under\b.*|\d+\s*(?:min|minute)s? read"
    # skip links: "Skip to main content", "Skip to navigation", "Skip next section"
    r"|skip (?:to )?(?:the )?(?:main |next |previous )?(?:content|navigation|section|menu|links?)"
    r"|sign in|log in|register"
    # a site's welcome banner and home link: "Welcome to the United Nations", "X - Back to home"
    r"|welcome to (?:the )?[\w .&'’-]{2,60}|.{0,40}\bback to (?:home|homepage|top)"
    r"|download (?:the|our) app\b.*|editor[- ]in[- ]chief\b.*"
    # the banner over every US government page
    r"|an official website of the .{3,60}|here'?’?s how you know|official websites use \.gov"
    r"|secure \.gov websites use https|a \.gov website belongs to .{3,80}"
    r"|a lock \(.{0,20}\) or https:// means .{3,120}"
    r"|editor:.*|trending(?: now)?|recommended(?: (?:stories|for you))?|top stories|latest"
    r"(?: news)?|watch(?: live)?|live|back to top|next (?:article|story)|previous"
    r" (?:article|story)|load more|show comments|view comments|font size\b.*|a\+?\s*a-?"
    r"|newsletter\b.*|our standards:.*|opens new tab|sign up here\.?|top of form"
    r"|bottom of form|photo|video|audio|gallery|\d+ shares?|shares?: \d+)$",
    _I,
)
_FOOTER = re.compile(
    r"^(?:comments?(?: \(\d+\))?|\d+ comments?|comments are closed\.?|leave a (?:comment|reply)"
    r"|post a comment|add a comment|you may also like|more from .{1,40}|most (?:read|popular)"
    r"|more on this (?:story|topic)|join the conversation|comments? (?:policy|section)\b.*)$",
    _I,
)
PUBLISHED_WORD = re.compile(
    r"\b(?:first\s+)?(?:published|updated?|last\s+updated|posted|modified)\b(?:\s*(?:on|at))?\s*:?",
    _I,
)
# "Date: 2024-02-10", and "date 2024-11-29" as saved copies of pages label the page's date
_DATE_LABEL = re.compile(r"^dated?(?:\s*:|\s+(?=\d))", _I)
# "By Margaret Besheer September 26, 2019": the byline with the page's date after the name
_BYLINE_THEN_DATE = re.compile(r"^by[\s\xa0]+(?P<name>[^\W\d_][^\d|]*?)[\s\xa0,|·•—–-]*$", _I)
BYLINE_PATTERN = re.compile(
    r"^by[\s\xa0]+(?P<name>[^\W\d_][\w.’'-]*(?:[\s\xa0]+(?:[^\W\d_][\w.’'-]*|&))*?)"
    r"\s*(?:$|[|,/•·—–]|\s-\s|\s+in\s+[A-Z]|\s+(?:published|updated)\b)",
    _I,
)
_BY_ALONE = re.compile(r"^by:?$", _I)
_CREDITS_LINE = re.compile(
    r"^(?:(?:additional\s+)?reporting|writing|editing|compiled|written|reported|translated)"
    r"\s+by\b|.{0,120}\bcontributed to this (?:report|story)\.?$|^published in\s+\S",
    _I,
)
_SEPARATOR = re.compile(r"^[|•·—–\-_*=~/\\#]+$")
# A speaker's label alone on its line, as transcripts print it before the words: "MR. RHODES:",
# "BEN RHODES:", "[SECRETARY BLINKEN:]", "*** MS PSAKI: ***" (trailing spaces are gone by now).
# One capitalised word alone ("ISLAMABAD:") is a dateline, not a label.
_BANNER = r"[\s*_#\[\]|>=~•·—–-]*"
SPEAKER_LABEL_LINE = re.compile(
    rf"^{_BANNER}(?:(?:(?:MR|MS|MRS|DR|SECRETARY|AMBASSADOR|GENERAL|GEN|ADMIRAL|PRESIDENT"
    rf"|MINISTER|SPOKESPERSON|SENATOR|GOVERNOR|DIRECTOR)\.?\s+[A-Z][A-Z'’\-]+)"
    rf"|(?:[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){{1,4}}))\s*:{_BANNER}$")
# The same label with the words after it on its line: "*** MR. RHODES: *** Good afternoon."
SPEAKER_LABEL_HEAD = re.compile(SPEAKER_LABEL_LINE.pattern.removesuffix("$"))
BULLET_MARK = re.compile(r"^[•●▪■◦‣∙·*►▶]\s*")
_PHOTO_WORDS = (
    r"(?:screengrab|screenshot|photo|photograph|file|image|picture|courtesy|pic|credit|video|via"
    r"|handout|twitter|x\.com|facebook|instagram|youtube)"
)
_CAPTION_TAIL = re.compile(r"(?:[.!?\"”’)]|\d)\s*[—–-]{1,2}\s*(?P<tail>[^.!?—–]{2,80}?)\s*$")
_CAPTION_PHOTO = re.compile(rf"(?:{_PHOTO_WORDS}\b|/|@)", _I)
_CAPTION_HEAD = re.compile(
    r"^(?:file(?:\s+photo)?|photo|image|picture|pic|caption|video|screengrab)\b\s*[:|—–-]", _I
)
_CAPTION_PAREN = re.compile(
    rf"(?:\((?:[^()]{{0,30}}\b)?{_PHOTO_WORDS}\b[^()]*\)|\[(?:[^\[\]]{{0,30}}\b)?{_PHOTO_WORDS}\b"
    rf"[^\[\]]*\]|[.!?]\s*(?:file\s+)?(?:photo|image|picture|pic)s?\s*:\s*[^.]{{1,60}})\.?$",
    _I,
)
COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*[-–]?\s*(?:\d{4})?\s*)?(?P<outlet>[^.|,]{2,60}?)"
    r"(?:[.,|]|\s+all rights reserved|$)",
    _I,
)
AGENCY_LINE = re.compile(r"^(?:\((?P<a>[A-Za-z .&]{2,30})\)|[—–-]\s*(?P<b>[A-Za-z .&]{2,30}))$")
PUBLISHED_IN = re.compile(r"^published in\s+(?P<outlet>[^,.]{2,40}?)\s*[,.]", _I)
SOURCE_LINE = re.compile(
    r"^(?:source|courtesy|via)\s*:\s*(?P<outlet>[^,;.]{2,40}?)(?:\s+and\s+(?:news\s+)?agencies"
    r"|\s*[,;.]|$)",
    _I,
)
_SOCIAL_PLUG = re.compile(
    r"\b(?:like .{1,40} on facebook|follow (?:us|@\w+)(?: on (?:twitter|x|facebook|instagram))?"
    r"|join (?:our|us on) (?:whatsapp|telegram))\b",
    _I,
)
# "Home › World › Asia", "News | Politics": navigation, not a headline
_BREADCRUMB = re.compile(r"^[\w .&'’-]{1,30}(?:\s*[>›»|]\s*[\w .&'’-]{1,30}){1,6}$")
# A credit after the last sentence: "... carried out. (Pahwok)", "... he said. — Reuters"
TRAILING_CREDIT = re.compile(
    r"(?<=[.!?\"”’])\s*(?:\((?P<a>[A-Z][A-Za-z.&/-]*(?: [A-Za-z.&/-]+){0,3})\)"
    r"|[—–]\s*(?P<b>[A-Z][A-Za-z.&/-]*(?: [A-Za-z.&/-]+){0,3}))\s*$"
)
_TIME_ZONE = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?|\b(?:[ap]\.?m\.?|pkt|gmt|utc|est|edt|et"
    r"|pst|pdt|ist|cet|bst|uk|updated?|published|on|at|last|posted|dated?)\b|[+-]\d{1,2}\b"
    r"|[|,•·\-–—:()]",
    _I,
)


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    blank = True
    for raw in text.split("\n"):
        stripped = raw.strip(STRIP)
        if stripped:
            lead = len(raw) - len(raw.lstrip(STRIP))
            start = pos + lead
            lines.append(Line(start, start + len(stripped), stripped, blank))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    block: list[Line] = []
    for line in [*lines, None]:
        if line is None or line.blank_before:
            if _is_wrapped_block(block):
                for b in block:
                    b.wrapped = True
            block = []
        if line is not None:
            block.append(line)
    return lines


def _is_wrapped_block(block: list[Line]) -> bool:
    """Hard-wrapped text: short lines of similar length, most breaking mid-sentence.

    Pages copied from a browser put a paragraph on one line; text from e-mail, wires and PDFs
    breaks lines at a fixed width. Only the second kind has paragraphs spread over lines.
    """
    inner = block[:-1]
    if not inner or max(len(b.text) for b in inner) > _WRAP_WIDTH:
        return False
    open_ended = [b for b in inner if not TERMINAL.search(b.text)]
    if 2 * len(open_ended) < len(inner):
        return False
    lengths = [len(b.text) for b in open_ended]
    return min(lengths) >= 40 and max(lengths) - min(lengths) <= 25


def full_dates(text: str, near: date | None = None) -> list[DateResolution]:
    """Dates in `text` that carry a day and a year of their own (or a weekday that fixes it)."""
    return [
        r for r in find_date_expressions(text, near)
        if r.date is not None and r.basis in (DateBasis.STATED, DateBasis.DAY_WEEKDAY)
    ]


def stated_dates(text: str) -> list[DateResolution]:
    return find_stated_dates(text)


def without_dates(text: str, found: list[DateResolution]) -> str:
    for r in reversed(found):
        text = text[: r.start] + " " + text[r.end:]
    return text


def _is_date_only(text: str) -> bool:
    found = stated_dates(text)
    return bool(found) and not _WORDS.search(_TIME_ZONE.sub(" ", without_dates(text, found)))


def _has_published_label(text: str) -> bool:
    """'Published April 13, 2022', 'Date: 2024-02-10', 'Jane Roe | Updated ...': a label at the
    start of the line or after a name, not "he posted on March 3, 2024" inside a sentence."""
    if _DATE_LABEL.match(text):
        return True
    if byline_before_date(text) is not None:
        return True
    m = PUBLISHED_WORD.search(text)
    if m is None:
        return False
    found = stated_dates(text)
    tail = _TIME_ZONE.sub(" ", text[found[-1].end:]) if found else ""
    if word_count(tail) > 4:
        return False  # "he posted on March 3, 2024 that talks had failed": a sentence
    before = text[: m.start()].strip(" |,·•—–-")
    name = before.removeprefix("By ").removeprefix("by ")
    if found and found[0].end <= m.start() and not _WORDS.search(
            _TIME_ZONE.sub(" ", without_dates(before, stated_dates(before)))):
        return True  # "March 22, 2024 5:41 PM GMT+5 Updated 2 hours ago": the date leads
    if not before or (is_name(name) and len(name.split()) >= 2):
        return True
    # "Seda Kaplan |15.02.2022 - Update : ...", "TOI News Desk / TIMESOFINDIA.COM / Updated: ...":
    # names and the date between separators, then the label.
    parts = [p.strip() for p in re.split(r"[|/•·]|\s[-–—]\s", without_dates(
        name, stated_dates(name)))]
    parts = [p for p in parts if p.strip(" -–—")]
    return bool(parts) and all(is_name(p) for p in parts) and len(" ".join(parts).split()) >= 2


def byline_before_date(text: str) -> str | None:
    """'By Margaret Besheer September 26, 2019' -> 'Margaret Besheer': a byline whose name is
    followed by the page's date and nothing more (a time at most)."""
    found = stated_dates(text)
    if not found or word_count(_TIME_ZONE.sub(" ", text[found[0].end:])) > 2:
        return None
    m = _BYLINE_THEN_DATE.match(text[: found[0].start])
    name = m.group("name").strip() if m else ""
    return name if name and is_name(name) else None


def _is_caption(text: str) -> bool:
    if _CAPTION_HEAD.match(text) or _CAPTION_PAREN.search(text):
        return True
    m = _CAPTION_TAIL.search(text)
    return bool(m and word_count(m.group("tail")) <= 8 and _CAPTION_PHOTO.search(m.group("tail")))


# "… on Tuesday. (Jabin Botsford/The Washington Post)": a photographer's credit closing a line.
_CREDIT_PAREN = re.compile(r"\(\s*[A-Z][^()/]{1,50}/[^()/]{2,60}\)\s*$")


def is_caption(text: str) -> bool:
    """A photo caption, recognised also when it was kept among the story's paragraphs: its
    day is the picture's, never the day of anybody's words."""
    return _is_caption(text) or bool(_CREDIT_PAREN.search(text))


def _classify(line: Line) -> Kind:
    t = line.text
    if _FOOTER.match(t):
        return Kind.FOOTER
    if _SEPARATOR.match(t):
        return Kind.SEPARATOR
    if _UI.match(t) or _BREADCRUMB.match(t) or (word_count(t) <= 30 and _SOCIAL_PLUG.search(t)):
        return Kind.UI
    if _BY_ALONE.match(t):
        return Kind.BYLINE
    if (_CREDITS_LINE.match(t) or COPYRIGHT.match(t) or AGENCY_LINE.match(t)
            or SOURCE_LINE.match(t)):
        return Kind.CREDIT
    short = word_count(t) <= 16
    stated = stated_dates(t)
    # counted without its dates: "Name · Outlet · Posted: Nov 04, 2024 4:00 AM EST | Last
    # Updated: November 4, 2024" is a header line however many words its dates take
    if stated and word_count(without_dates(t, stated)) <= 16 and _has_published_label(t):
        return Kind.PUBLISHED
    if len(t) <= 100 and BYLINE_PATTERN.match(t) and not TERMINAL.search(t.rstrip(".")):
        return Kind.BYLINE
    if _is_caption(t):
        return Kind.CAPTION
    if BULLET_MARK.match(t):
        return Kind.BULLET
    if short and (_is_date_only(t) or is_date_then_section(t)):
        return Kind.DATE
    return Kind.TEXT


def is_date_then_section(text: str) -> bool:
    """'4 May 2023 Humanitarian Aid': the page's date, then its section label."""
    found = stated_dates(text)
    if not found or found[0].start != 0 or TERMINAL.search(text):
        return False
    rest = _TIME_ZONE.sub(" ", text[found[0].end:]).split()
    return 1 <= len(rest) <= 3 and all(w[0].isupper() or w == "&" for w in rest)


def classify_all(lines: list[Line]) -> None:
    for line in lines:
        line.kind = _classify(line)
    # Pages print a photo's caption twice (image alt text, then the caption): a line repeated
    # straight away is a caption. Not when it quotes someone: a page that doubled a paragraph
    # must not lose it (the body keeps the first copy).
    for prev, line in itertools.pairwise(lines):
        if (line.text == prev.text and prev.kind is Kind.TEXT and is_prose(line.text)
                and not _QUOTE_MARKS.search(line.text)):
            prev.kind = line.kind = Kind.CAPTION


def is_prose(text: str) -> bool:
    words = word_count(text)
    if words >= 20:
        return True
    credit = TRAILING_CREDIT.search(text)  # "... the spokesman said. (APP)"
    return words >= 3 and bool(TERMINAL.search(text[: credit.start()] if credit else text))


def is_headline(text: str) -> bool:
    """A title-like line: a few words, no final period, more than a section label."""
    words = [w for w in _WORDS.findall(text) if any(c.isalpha() for c in w)]
    if not 3 <= len(words) <= 30 or text.endswith((".", ",", ";")):
        return False
    return len(words) >= 4 or any(w[0].islower() for w in words)


def is_question_headline(text: str) -> bool:
    return text.endswith(("?", "!", "?’", "?'")) and 3 <= word_count(text) <= 20 and not (
        text.startswith(QUOTE_OPEN)
    )


def is_name(text: str) -> bool:
    """'Mariana Baabar', 'Web Desk': a byline without 'By'."""
    words = text.split()
    return 1 <= len(words) <= 5 and all(w[0].isupper() or w in ("and", "&") for w in words) and (
        not TERMINAL.search(text)
    )


def continues(prev: Line, line: Line) -> bool:
    """Is `line` the continuation of `prev` in the same paragraph (no blank line between)?"""
    if line.blank_before:
        return False
    if line.text[0].islower():
        # "e-Paper", "iPhone": a name written in lower case first, as menus list them, starts
        # no sentence's tail
        first_word = line.text.split()[0]
        return not any(c.isupper() for c in first_word[1:])
    if not (prev.wrapped and line.wrapped):
        return False
    # In hard-wrapped text a paragraph ends on a sentence end with a line shorter than most.
    return not (TERMINAL.search(prev.text) and len(prev.text) < 0.7 * _WRAP_WIDTH)
