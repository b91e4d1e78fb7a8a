"""Article files -> `Article`: decoding, page furniture removal, title, byline, dateline, date.

News pages are copied as plain text with their furniture: mastheads, section labels, repeated
headlines, standfirsts, bylines, photo captions, bullet summaries, share and comment widgets,
related-story links. We classify each line, find where the body starts, and keep prose
paragraphs as offsets into the decoded text, so later steps can point back at the exact words.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, auto
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from search_index import dates
from search_index.dates import DateResolution, date_of_speech, find_date_expressions
from search_index.errors import ArticleError
from search_index.models import Article, DateBasis, Paragraph

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # a news article is kilobytes; megabytes means a wrong file
_BINARY_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.05  # more control characters than this and it is not text

# Confidence of each way of knowing the article's date (see DateBasis).
CONFIDENCE = {
    DateBasis.SIDECAR: 1.0,
    DateBasis.PUBLISHED_LINE: 0.95,
    DateBasis.STATED: 0.9,
    DateBasis.DATELINE: 0.9,
    DateBasis.DAY_WEEKDAY: 0.7,
    DateBasis.MASTHEAD: 0.2,
}
_EVENT_DATE_CONFIDENCE = 0.7  # a caption's or first paragraph's date: the event, not the page
# "Department Press Briefing – March 14, 2024": a briefing's title gives the day it was held,
# which is the day every word of its transcript was said.
_BRIEFING_DATE_CONFIDENCE = 0.9
_BRIEFING_TITLE = re.compile(
    r"\b(?:briefing|press conference|news conference|media talk|press availability|gaggle"
    r"|transcript|remarks (?:by|to|at|with|before))\b",
    re.IGNORECASE,
)
# 'ISLAMABAD, Nov 7 (APP):' gives the day, not the year: below what callers trust as an anchor.
_YEARLESS_DATELINE_CONFIDENCE = 0.4


class ArticleMeta(BaseModel):
    """The optional sidecar NAME.meta.json: what the operator knows better than the text."""

    model_config = ConfigDict(extra="ignore")

    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    title: str | None = None


# --- reading and decoding --------------------------------------------------------------------


def sidecar_path(path: Path) -> Path:
    """x.txt -> x.meta.json."""
    return path.with_suffix(".meta.json")


def read_sidecar(path: Path) -> ArticleMeta | None:
    """The article's sidecar, or None when absent; a broken one is logged and ignored."""
    side = sidecar_path(path)
    try:
        if not side.is_file():
            return None
        data = json.loads(side.read_text(encoding="utf-8-sig"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return ArticleMeta.model_validate(data)
    except (OSError, ValueError, ValidationError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        log.warning("ignoring sidecar %s: %s", side, reason)
        return None


_MAGIC = {
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a zip archive (or a Word document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"{\\rtf": "an RTF document",
}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Notepad's "Unicode": UTF-16 with a BOM


def _looks_binary(data: bytes) -> bool:
    sample = data[:_BINARY_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > _MAX_CONTROL_SHARE * max(1, len(sample))


def decode_article_bytes(data: bytes, name: str = "article") -> str:
    """Bytes -> normalised text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252;
    newlines to "\\n"."""
    if not data.strip():
        raise ArticleError(f"{name}: the file is empty")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise ArticleError(f"{name}: this is {kind}, not article text")
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"{name}: broken UTF-16 text") from exc
        return _checked_text(text, name)
    if _looks_binary(data):
        raise ArticleError(f"{name}: this is a binary file, not article text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old Windows editors and some scrapers save as cp1252 ("\x93quoted\x94").
        text = data.decode("cp1252", errors="replace")
    return _checked_text(text, name)


def _checked_text(text: str, name: str) -> str:
    text = normalise_text(text)
    if not text.strip():
        raise ArticleError(f"{name}: the file has only white space")
    return text


def normalise_text(text: str) -> str:
    """BOM removed, CRLF and lone CR turned into "\\n"."""
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_article(path: Path) -> Article:
    """Read, decode and parse one article file; ArticleError with a one-line reason if we can't."""
    path = Path(path)
    name = path.name or str(path)
    try:
        if path.is_dir():
            raise ArticleError(f"{name}: is a folder, not an article file")
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(
                f"{name}: {size / 1_048_576:.1f} MB is too large for an article "
                f"(limit {MAX_ARTICLE_BYTES // 1_048_576} MB)"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except ArticleError:
        raise
    except PermissionError as exc:
        raise ArticleError(f"{name}: cannot be read (permission denied)") from exc
    except FileNotFoundError as exc:
        raise ArticleError(f"{name}: no such file") from exc
    except OSError as exc:  # symlink loops, devices, vanished mounts
        raise ArticleError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"{name}: too large for an article (file grew while reading)")
    meta = read_sidecar(path)
    if _is_html(path, data):
        return _html_article(data, path, meta)
    text = decode_article_bytes(data, name)
    return parse_article(text, path, meta)


_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>])", re.IGNORECASE)


def _is_html(path: Path, data: bytes) -> bool:
    return path.suffix.lower() in (".html", ".htm") or bool(_HTML_START.match(data[:1024]))


def _html_article(data: bytes, path: Path, meta: ArticleMeta | None) -> Article:
    """A saved web page: its markup knows the title and date, so the page reader handles it."""
    from search_index.html_pages import article_from_html  # trafilatura: only when needed

    article = article_from_html(data, path, url=meta.url if meta else None)
    return _apply_meta(article, meta) if meta is not None else article


# --- line classification ---------------------------------------------------------------------


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
class _Line:
    start: int  # offsets of the stripped line in the text
    end: int
    text: str
    blank_before: bool
    wrapped: bool = False  # part of a hard-wrapped block (short lines, no blank lines)
    kind: Kind = Kind.TEXT


_STRIP = (
    " \t\f\v\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b"
    "\u202f\u205f\u3000\ufeff"
)
_WRAP_WIDTH = 100  # lines of a hard-wrapped text are at most this long
_WORDS = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*")
_QUOTE_OPEN = ("\"", "“", "‘", "'", "«")
_QUOTE_MARKS = re.compile(r"[\"“”«»]")
_TERMINAL = re.compile(r"(?:[.!?…:;]|[.!?,]?[\"”’»])[\"”’»)\]]*$")
_I = re.IGNORECASE
_UI = re.compile(
    r"^(?:close|menu|search|home|share(?: this(?: article| story| post)?)?(?: on \w+)?:?|tweet"
    r"|e-?mail|print|whatsapp|facebook|twitter|linkedin|telegram|copy link(?: copied)?|copied"
    r"|save|listen(?: to (?:this )?article)?(?: \d+ min)?|advertisement|sponsored|ad"
    r"|subscribe\b.*|sign up\b.*|follow us\b.*|click here\b.*|read more\b.*|also read\b.*"
    r"|read also\b.*|see also\b.*|read:|related:.*|related (?:stories|articles|news|coverage"
    r"|posts?|content|topics)|tags?:.*|topics?:.*|filed under\b.*|\d+\s*(?:min|minute)s? read"
    r"|skip to (?:main )?(?:content|navigation)|skip links|sign in|log in|register"
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
_PUBLISHED_WORD = re.compile(
    r"\b(?:first\s+)?(?:published|updated?|last\s+updated|posted|modified)\b(?:\s*(?:on|at))?\s*:?",
    _I,
)
_DATE_LABEL = re.compile(r"^dated?\s*:", _I)
_BYLINE = re.compile(
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
_BULLET = re.compile(r"^[•●▪■◦‣∙·*►▶]\s*")
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
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*[-–]?\s*(?:\d{4})?\s*)?(?P<outlet>[^.|,]{2,60}?)"
    r"(?:[.,|]|\s+all rights reserved|$)",
    _I,
)
_AGENCY_LINE = re.compile(r"^(?:\((?P<a>[A-Za-z .&]{2,30})\)|[—–-]\s*(?P<b>[A-Za-z .&]{2,30}))$")
_PUBLISHED_IN = re.compile(r"^published in\s+(?P<outlet>[^,.]{2,40}?)\s*[,.]", _I)
_SOURCE_LINE = re.compile(
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
# "ISLAMABAD:" alone on the line above the body
_DATELINE_ALONE = re.compile(
    r"^(?P<place>[A-Z][A-Z.’'\-]*(?: [A-Z][A-Z.’'\-]*){0,3})\s*(?:\((?P<agency>[^)]{2,30})\))?"
    r"\s*[:—–-]$"
)
# A credit after the last sentence: "... carried out. (Pahwok)", "... he said. — Reuters"
_TRAILING_CREDIT = re.compile(
    r"(?<=[.!?\"”’])\s*(?:\((?P<a>[A-Z][A-Za-z.&/-]*(?: [A-Za-z.&/-]+){0,3})\)"
    r"|[—–]\s*(?P<b>[A-Z][A-Za-z.&/-]*(?: [A-Za-z.&/-]+){0,3}))\s*$"
)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.’'\-]*(?: [A-Z][A-Z.’'\-]*){0,3})"
    r"(?:\s*,\s*(?P<extra>[A-Z][\w.]*(?:,? [\w.]+){0,4}?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&]{1,30})\))?"
    r"\s*(?::|—|–|-{1,2})\s+(?=\S)"
)
# "Question" / "Answer" alone on a line: a transcript's turn labels, kept as body paragraphs.
_TURN_LABEL = re.compile(r"^(?:question|answer|q|a|reply|response)\s*[:.]?$", re.IGNORECASE)

# Credits as agencies print them -> the outlet's name; anything else is kept as written.
OUTLET_NAMES = {
    "ap": "Associated Press", "the associated press": "Associated Press",
    "associated press": "Associated Press", "reuters": "Reuters", "thomson reuters": "Reuters",
    "afp": "Agence France-Presse", "agence france-presse": "Agence France-Presse",
    "agence france presse": "Agence France-Presse", "app": "Associated Press of Pakistan",
    "associated press of pakistan": "Associated Press of Pakistan", "pti": "Press Trust of India",
    "ians": "Indo-Asian News Service", "ani": "Asian News International",
    "dpa": "Deutsche Presse-Agentur", "xinhua": "Xinhua", "anadolu": "Anadolu Agency",
    "aa": "Anadolu Agency", "voa": "Voice of America", "bbc": "BBC",
}


def outlet_name(credit: str | None) -> str | None:
    """ "AP" -> "Associated Press", "(Reuters)" -> "Reuters"; other credits as written."""
    if not credit:
        return None
    text = re.sub(r"\s+", " ", credit).strip(" ()[]—–-.,")
    return OUTLET_NAMES.get(text.lower(), text) or None


# Labels in transcripts and news copy that look like a dateline but are not a place.
_NOT_PLACES = frozenset({
    "MR", "MS", "MRS", "DR", "Q", "A", "QUESTION", "ANSWER", "MODERATOR", "OPERATOR",
    "SPOKESPERSON", "SPOKESMAN", "SPOX", "BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS",
    "WATCH", "LIVE", "FILE", "PHOTO", "NOTE", "EDITOR'S", "EDITORS", "OPINION", "COMMENT",
    "EDITORIAL", "TRANSCRIPT", "PARTICIPANT", "PARTICIPANTS", "AMBASSADOR", "SECRETARY",
    "PRESIDENT", "MINISTER", "SENATOR", "CHAIRMAN", "REPORTER", "JOURNALIST", "GENERAL",
    "ADMIRAL", "COLONEL", "CAPTAIN", "PRIME", "FOREIGN", "DEPUTY", "UNDER", "ASSISTANT",
    "BRIGADIER", "BRIG", "MAJOR", "MAJ", "LIEUTENANT", "LT", "REAR", "VICE", "GEN", "ADM", "COL",
    "CAPT", "COMMANDER", "SEN", "GOV", "GOVERNOR", "MAYOR", "DIRECTOR", "PRESS",
})
# "date 2024-02-10 In a statement ...": a date label glued to the start of the body text.
_LEADING_DATE_LABEL = re.compile(
    r"^(?:(?:date[d:]?|posted(?: on)?|published(?: on)?|updated(?: on)?)\s*:?\s*)?", _I
)
_TIME_ZONE = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?|\b(?:[ap]\.?m\.?|pkt|gmt|utc|est|edt|et"
    r"|pst|pdt|ist|cet|bst|uk|updated?|published|on|at|last|posted|dated?)\b|[+-]\d{1,2}\b"
    r"|[|,•·\-–—:()]",
    _I,
)


def _words(text: str) -> int:
    return len(_WORDS.findall(text))


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    blank = True
    for raw in text.split("\n"):
        stripped = raw.strip(_STRIP)
        if stripped:
            lead = len(raw) - len(raw.lstrip(_STRIP))
            start = pos + lead
            lines.append(_Line(start, start + len(stripped), stripped, blank))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    block: list[_Line] = []
    for line in [*lines, None]:
        if line is None or line.blank_before:
            if _is_wrapped_block(block):
                for b in block:
                    b.wrapped = True
            block = []
        if line is not None:
            block.append(line)
    return lines


def _is_wrapped_block(block: list[_Line]) -> bool:
    """Hard-wrapped text: short lines of similar length, most breaking mid-sentence.

    Pages copied from a browser put a paragraph on one line; text from e-mail, wires and PDFs
    breaks lines at a fixed width. Only the second kind has paragraphs spread over lines.
    """
    inner = block[:-1]
    if not inner or max(len(b.text) for b in inner) > _WRAP_WIDTH:
        return False
    open_ended = [b for b in inner if not _TERMINAL.search(b.text)]
    if 2 * len(open_ended) < len(inner):
        return False
    lengths = [len(b.text) for b in open_ended]
    return min(lengths) >= 40 and max(lengths) - min(lengths) <= 25


def _full_dates(text: str, near: date | None = None) -> list[DateResolution]:
    """Dates in `text` that carry a day and a year of their own (or a weekday that fixes it)."""
    return [
        r for r in find_date_expressions(text, near)
        if r.date is not None and r.basis in (DateBasis.STATED, DateBasis.DAY_WEEKDAY)
    ]


def _stated_dates(text: str) -> list[DateResolution]:
    return [r for r in find_date_expressions(text, None) if r.basis == DateBasis.STATED]


def _without_dates(text: str, found: list[DateResolution]) -> str:
    for r in reversed(found):
        text = text[: r.start] + " " + text[r.end:]
    return text


def _is_date_only(text: str) -> bool:
    found = _stated_dates(text)
    return bool(found) and not _WORDS.search(_TIME_ZONE.sub(" ", _without_dates(text, found)))


def _has_published_label(text: str) -> bool:
    """'Published April 13, 2022', 'Date: 2024-02-10', 'Jane Roe | Updated ...': a label at the
    start of the line or after a name, not "he posted on March 3, 2024" inside a sentence."""
    if _DATE_LABEL.match(text):
        return True
    m = _PUBLISHED_WORD.search(text)
    if m is None:
        return False
    found = _stated_dates(text)
    tail = _TIME_ZONE.sub(" ", text[found[-1].end:]) if found else ""
    if _words(tail) > 4:
        return False  # "he posted on March 3, 2024 that talks had failed": a sentence
    before = text[: m.start()].strip(" |,·•—–-")
    name = before.removeprefix("By ").removeprefix("by ")
    if found and found[0].end <= m.start() and not _WORDS.search(
            _TIME_ZONE.sub(" ", _without_dates(before, _stated_dates(before)))):
        return True  # "March 22, 2024 5:41 PM GMT+5 Updated 2 hours ago": the date leads
    if not before or (_is_name(name) and len(name.split()) >= 2):
        return True
    # "Seda Kaplan |15.02.2022 - Update : ...", "TOI News Desk / TIMESOFINDIA.COM / Updated: ...":
    # names and the date between separators, then the label.
    parts = [p.strip() for p in re.split(r"[|/•·]|\s[-–—]\s", _without_dates(
        name, _stated_dates(name)))]
    parts = [p for p in parts if p.strip(" -–—")]
    return bool(parts) and all(_is_name(p) for p in parts) and len(" ".join(parts).split()) >= 2


def _is_caption(text: str) -> bool:
    if _CAPTION_HEAD.match(text) or _CAPTION_PAREN.search(text):
        return True
    m = _CAPTION_TAIL.search(text)
    return bool(m and _words(m.group("tail")) <= 8 and _CAPTION_PHOTO.search(m.group("tail")))


def _published_date(text: str) -> date | None:
    """The date a 'Published ... Updated ...' line gives for publication (not the update)."""
    found = _stated_dates(text)
    if not found:
        return None
    word = re.search(r"\b(?:published|posted)\b", text, _I)
    if word:
        after = [r for r in found if r.start >= word.end()]
        if after:
            return after[0].date
    return found[0].date


def _classify(line: _Line) -> Kind:
    t = line.text
    if _FOOTER.match(t):
        return Kind.FOOTER
    if _SEPARATOR.match(t):
        return Kind.SEPARATOR
    if _UI.match(t) or _BREADCRUMB.match(t) or (_words(t) <= 30 and _SOCIAL_PLUG.search(t)):
        return Kind.UI
    if _BY_ALONE.match(t):
        return Kind.BYLINE
    if (_CREDITS_LINE.match(t) or _COPYRIGHT.match(t) or _AGENCY_LINE.match(t)
            or _SOURCE_LINE.match(t)):
        return Kind.CREDIT
    short = _words(t) <= 16
    if short and _has_published_label(t) and _stated_dates(t):
        return Kind.PUBLISHED
    if len(t) <= 100 and _BYLINE.match(t) and not _TERMINAL.search(t.rstrip(".")):
        return Kind.BYLINE
    if _is_caption(t):
        return Kind.CAPTION
    if _BULLET.match(t):
        return Kind.BULLET
    if short and (_is_date_only(t) or _is_date_then_section(t)):
        return Kind.DATE
    return Kind.TEXT


def _is_date_then_section(text: str) -> bool:
    """'4 May 2023 Humanitarian Aid': the page's date, then its section label."""
    found = _stated_dates(text)
    if not found or found[0].start != 0 or _TERMINAL.search(text):
        return False
    rest = _TIME_ZONE.sub(" ", text[found[0].end:]).split()
    return 1 <= len(rest) <= 3 and all(w[0].isupper() or w == "&" for w in rest)


def _classify_all(lines: list[_Line]) -> None:
    for line in lines:
        line.kind = _classify(line)
    # Pages print a photo's caption twice (image alt text, then the caption): a line repeated
    # straight away is a caption. Not when it quotes someone: a page that doubled a paragraph
    # must not lose it (the body keeps the first copy).
    for prev, line in itertools.pairwise(lines):
        if (line.text == prev.text and prev.kind is Kind.TEXT and _is_prose(line.text)
                and not _QUOTE_MARKS.search(line.text)):
            prev.kind = line.kind = Kind.CAPTION


def _is_prose(text: str) -> bool:
    words = _words(text)
    if words >= 20:
        return True
    credit = _TRAILING_CREDIT.search(text)  # "... the spokesman said. (APP)"
    return words >= 3 and bool(_TERMINAL.search(text[: credit.start()] if credit else text))


def _is_headline(text: str) -> bool:
    """A title-like line: a few words, no final period, more than a section label."""
    words = [w for w in _WORDS.findall(text) if any(c.isalpha() for c in w)]
    if not 3 <= len(words) <= 30 or text.endswith((".", ",", ";")):
        return False
    return len(words) >= 4 or any(w[0].islower() for w in words)


def _is_question_headline(text: str) -> bool:
    return text.endswith(("?", "!", "?’", "?'")) and 3 <= _words(text) <= 20 and not (
        text.startswith(_QUOTE_OPEN)
    )


def _is_name(text: str) -> bool:
    """'Mariana Baabar', 'Web Desk': a byline without 'By'."""
    words = text.split()
    return 1 <= len(words) <= 5 and all(w[0].isupper() or w in ("and", "&") for w in words) and (
        not _TERMINAL.search(text)
    )


# --- parsing ---------------------------------------------------------------------------------


@dataclass
class _Dating:
    published: date | None = None
    basis: DateBasis = DateBasis.UNKNOWN
    confidence: float = 0.0

    def offer(self, value: date | None, basis: DateBasis, confidence: float) -> None:
        if value is not None and confidence > self.confidence:
            self.published, self.basis, self.confidence = value, basis, confidence


@dataclass
class _Header:
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
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


def _body_start(lines: list[_Line]) -> int | None:
    seen_headline = False
    content_seen = 0  # lines above that are not navigation: menus can run to dozens of lines
    for i, line in enumerate(lines):
        if i > 0 and lines[i - 1].kind not in (Kind.UI, Kind.SEPARATOR) and (
                _words(lines[i - 1].text) >= 3):
            content_seen += 1  # one- and two-word section names are the menu
        if line.kind is not Kind.TEXT:
            continue
        if not seen_headline and i + 1 < len(lines) and _is_question_headline(line.text):
            seen_headline = True  # "Will talks resume next month?" above the story
            continue
        seen_headline = seen_headline or _is_headline(line.text)
        if not _is_prose(line.text):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            wrapped_head = (
                nxt is not None and nxt.kind is Kind.TEXT and _continues(line, nxt)
                and (not _is_headline(line.text) or nxt.text[0].islower())
            )
            if not wrapped_head:
                continue
        if content_seen < _HEADER_SCAN_LINES and any(
            later.kind in _HEADER_MARKERS for later in lines[i + 1: i + 1 + _MARKER_LOOKAHEAD]
        ):
            continue
        return i
    return None


def _read_header(lines: list[_Line], dating: _Dating) -> _Header:
    head = _Header()
    seen_byline = False
    for i, line in enumerate(lines):
        t = line.text
        head.texts.add(t)
        kind = line.kind
        before_title = head.title is None and not seen_byline
        if kind is Kind.UI:
            if before_title and head.masthead is None:
                found = _full_dates(t)  # "Editor in Chief: ... Tuesday, April 23rd, 2024"
                head.masthead = found[0].date if found else None
        elif kind is Kind.BYLINE:
            seen_byline = True
            m = _BYLINE.match(t)
            if m and head.byline is None:
                head.byline = _clean_name(m.group("name"))
        elif kind is Kind.CREDIT:
            head.outlet = head.outlet or _credit_outlet(t)
        elif kind is Kind.PUBLISHED:
            dating.offer(_published_date(t), DateBasis.PUBLISHED_LINE,
                         CONFIDENCE[DateBasis.PUBLISHED_LINE])
            # "Baqir Sajjad Syed Published November 8, 2024": a byline before the word
            label = _PUBLISHED_WORD.search(t)
            name = t[: label.start()].strip(" |,·•—–-") if label else ""
            if head.byline is None and name and _is_name(name) and head.title is not None:
                head.byline = _clean_name(name.removeprefix("By ").removeprefix("by "))
        elif kind is Kind.CAPTION:
            head.captions.append(t)
        elif kind is Kind.DATE or (kind is Kind.TEXT and _words(t) <= 12 and _stated_dates(t)
                                   and _words(_without_dates(t, _stated_dates(t))) < 3):
            found = _stated_dates(t)
            value = found[0].date if found else None
            if before_title and not _is_date_then_section(t):
                # the page's date above the headline; "4 May 2023 Humanitarian Aid" is the
                # story's own date and section even on a page whose headline was not copied
                head.masthead = head.masthead or value
            else:
                dating.offer(value, DateBasis.PUBLISHED_LINE, CONFIDENCE[DateBasis.PUBLISHED_LINE])
        elif kind is Kind.TEXT:
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if head.byline is None and seen_byline and _words(t) <= 6 and not _TERMINAL.search(t):
                head.byline = _clean_name(t)  # the name on the line after a lone "By"
                seen_byline = True
            elif head.title is None and _is_headline(t) and not _in_menu_run(lines, i):
                head.title = t
                found = _full_dates(t)
                if found:  # "Press Briefing – December 18, 2023": the day of the event
                    dating.offer(found[0].date, found[0].basis, _briefing_confidence(t))
            elif _is_briefing_title(t) and _full_dates(t):
                # a masthead ("Ministry of Foreign Affairs") took the title's place above it
                if head.title is None or not _BRIEFING_TITLE.search(head.title):
                    head.title = t
                dating.offer(_full_dates(t)[0].date, DateBasis.STATED, _BRIEFING_DATE_CONFIDENCE)
            elif (head.title is not None and head.byline is None and _is_name(t)
                  and nxt is not None and nxt.kind in (Kind.DATE, Kind.PUBLISHED)):
                head.byline = _clean_name(t)  # "Mariana Baabar" over "November 8, 2024"
    return head


def _is_menu_label(line: _Line) -> bool:
    """ "News", "Climate crisis", "Sign in": a short label of a site's menu."""
    return (line.kind in (Kind.TEXT, Kind.UI) and _words(line.text) <= _MENU_LABEL_WORDS
            and not _TERMINAL.search(line.text) and line.text[:1].isupper())


def _in_menu_run(lines: list[_Line], i: int) -> bool:
    """A short headline-like line inside a run of menu labels ("U.S. Department of Defense",
    "Send a Release", "Global perspective Human stories" between "Home", "News", ...) is the
    site's banner or a menu entry: the story's headline comes after the menu, never inside."""
    if i == 0 or _words(lines[i].text) > _MENU_ENTRY_WORDS or not (
            _is_menu_label(lines[i - 1]) or lines[i - 1].kind is Kind.UI):
        return False
    following = lines[i + 1:i + 1 + _MENU_LOOKAHEAD]
    return sum(_is_menu_label(line) for line in following) >= _MENU_LABELS_AROUND


def _is_briefing_title(text: str) -> bool:
    return _words(text) <= 30 and not _TERMINAL.search(text) and bool(_BRIEFING_TITLE.search(text))


def _briefing_confidence(title: str) -> float:
    return _BRIEFING_DATE_CONFIDENCE if _is_briefing_title(title) else _EVENT_DATE_CONFIDENCE


def _clean_name(name: str) -> str:
    return re.sub(r"[\s\xa0]+", " ", name).strip(" ,|")


def parse_article(
    text: str, path: str | Path = "<text>", meta: ArticleMeta | None = None
) -> Article:
    """Decoded article text -> Article. Raises ArticleError when there is no prose in it."""
    text = normalise_text(text)
    path_str = str(path)
    name = Path(path_str).name or path_str
    if not text.strip(_STRIP + "\n"):
        raise ArticleError(f"{name}: the article is empty")

    lines = _split_lines(text)
    _classify_all(lines)
    body_at = _body_start(lines)
    if body_at is None:
        raise ArticleError(f"{name}: no paragraphs of prose found")

    dating = _Dating()
    head = _read_header(lines[:body_at], dating)
    outlet = head.outlet
    paragraphs = _body_paragraphs(text, lines[body_at:], head.title, head.texts)
    if not paragraphs:
        raise ArticleError(f"{name}: no paragraphs of prose found")

    # A date glued to the start of the body: " date 2024-02-10 In a statement ..."
    first = paragraphs[0]
    lead = _leading_date(first.text)
    if lead is not None:
        value, cut = lead
        dating.offer(value, DateBasis.STATED, CONFIDENCE[DateBasis.STATED])
        if _is_prose(first.text[cut:]):
            paragraphs[0] = _span(text, first.start + cut, first.end, 0)

    dateline, agency, dateline_date = _dateline(paragraphs[0].text, head.masthead)
    alone = _DATELINE_ALONE.match(lines[body_at - 1].text) if body_at > 0 else None
    if dateline is None and alone and alone.group("place").split()[0] not in _NOT_PLACES:
        dateline, agency = alone.group("place"), alone.group("agency")  # "ISLAMABAD:" on its own
    if agency:
        outlet = outlet or agency
    if dateline_date is not None:
        dating.offer(*dateline_date)

    # The last paragraph may end with the agency's credit: strip it, keep the paragraph.
    last = paragraphs[-1]
    m = _TRAILING_CREDIT.search(last.text)
    if m and _words(last.text[: m.start()]) >= 3:
        outlet = outlet or (m.group("a") or m.group("b")).strip()
        paragraphs[-1] = _span(text, last.start, last.start + m.start(), last.index)

    # Credits and "Published in Dawn, November 8th, 2024" below the body.
    for line in lines[body_at:]:
        if line.kind is Kind.CREDIT:
            outlet = outlet or _credit_outlet(line.text)
            if _PUBLISHED_IN.match(line.text):
                dating.offer(_published_date(line.text), DateBasis.PUBLISHED_LINE,
                             CONFIDENCE[DateBasis.PUBLISHED_LINE])

    # The day of the event: a caption's date, else one in the first paragraphs tied to speech.
    for caption in head.captions:
        found = _full_dates(caption, head.masthead)
        if found:
            dating.offer(found[0].date, found[0].basis, _EVENT_DATE_CONFIDENCE)
            break
    if dating.confidence < _EVENT_DATE_CONFIDENCE:
        for para in paragraphs[:2]:
            res = date_of_speech(para.text, None)
            if res is not None and res.date is not None and res.basis in (
                DateBasis.STATED, DateBasis.DAY_WEEKDAY
            ):
                dating.offer(res.date, res.basis, _EVENT_DATE_CONFIDENCE)
                break
    dating.offer(head.masthead, DateBasis.MASTHEAD, CONFIDENCE[DateBasis.MASTHEAD])

    outlet = outlet_name(outlet)
    article = Article(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        path=path_str,
        file=name,
        title=head.title,
        outlet=outlet,
        byline=head.byline,
        dateline=dateline,
        published=dating.published,
        published_basis=dating.basis,
        published_confidence=dating.confidence,
        text=text,
        paragraphs=[_span(text, p.start, p.end, i) for i, p in enumerate(paragraphs)],
    )
    if meta is not None:
        article = _apply_meta(article, meta)
    return article


def _span(text: str, start: int, end: int, index: int) -> Paragraph:
    """A paragraph over text[start:end], trimmed of surrounding white space."""
    while start < end and (text[start] in _STRIP or text[start] == "\n"):
        start += 1
    while end > start and (text[end - 1] in _STRIP or text[end - 1] == "\n"):
        end -= 1
    return Paragraph(index=index, text=text[start:end], start=start, end=end)


def _apply_meta(article: Article, meta: ArticleMeta) -> Article:
    update: dict[str, object] = {}
    if meta.title:
        update["title"] = meta.title
    if meta.outlet:
        update["outlet"] = meta.outlet
    if meta.url:
        update["url"] = meta.url
    if meta.published:
        update["published"] = meta.published
        update["published_basis"] = DateBasis.SIDECAR
        update["published_confidence"] = CONFIDENCE[DateBasis.SIDECAR]
    return article.model_copy(update=update)


def _credit_outlet(text: str) -> str | None:
    for pattern in (_PUBLISHED_IN, _SOURCE_LINE, _COPYRIGHT):
        m = pattern.match(text)
        if m:
            return m.group("outlet").strip() or None
    m = _AGENCY_LINE.match(text)
    if m:
        return (m.group("a") or m.group("b")).strip()
    return None


def _leading_date(text: str) -> tuple[date, int] | None:
    """A full date at the very start of the body (after an optional 'date' label)."""
    label = _LEADING_DATE_LABEL.match(text)
    offset = label.end() if label else 0
    head = text[offset: offset + 40]
    found = find_date_expressions(head, None)
    if not found or found[0].start != 0 or found[0].basis != DateBasis.STATED:
        return None
    cut = offset + found[0].end
    rest = text[cut:]
    cut += len(rest) - len(rest.lstrip(" \t\xa0,|:-–—"))
    return found[0].date, cut  # type: ignore[return-value]


_DatedBy = tuple[date | None, DateBasis, float]


def _dateline(text: str, near: date | None) -> tuple[str | None, str | None, _DatedBy | None]:
    """'WASHINGTON, March 3 (AP) — ...' -> ('WASHINGTON', 'AP', the date if any)."""
    m = _DATELINE.match(text)
    if not m:
        return None, None, None
    place = m.group("place").strip(" .-")
    if len(re.sub(r"[^A-Z]", "", place)) < 3 or place.split()[0].rstrip(".") in _NOT_PLACES:
        return None, None, None
    agency = m.group("agency")
    extra = m.group("extra") or ""
    found: _DatedBy | None = None
    stated = _stated_dates(extra)
    if stated:
        found = (stated[0].date, DateBasis.DATELINE, CONFIDENCE[DateBasis.DATELINE])
    else:
        # "WASHINGTON, March 3 (AP)": the year from the masthead, else the latest not after today.
        anchor = near or dates.current_date()
        month_day = [r for r in find_date_expressions(extra, anchor) if r.date is not None]
        if month_day:
            found = (month_day[0].date, DateBasis.DATELINE, _YEARLESS_DATELINE_CONFIDENCE)
    return place, agency.strip() if agency else None, found


def _body_paragraphs(
    text: str, lines: list[_Line], title: str | None, header_texts: set[str]
) -> list[Paragraph]:
    kept: list[tuple[int, _Line]] = []
    seen: set[str] = set(header_texts)
    for i, line in enumerate(lines):
        if line.kind is Kind.FOOTER:
            break
        if line.kind is Kind.BULLET and _is_prose(line.text):
            bullet = _BULLET.match(line.text)
            cut = bullet.end() if bullet else 0
            line = _Line(line.start + cut, line.end, line.text[cut:], line.blank_before,
                         line.wrapped)
        elif line.kind is not Kind.TEXT:
            continue
        t = line.text
        if (t == title or t in seen) and not _TURN_LABEL.match(t):
            continue  # a repeated headline or caption
        seen.add(t)
        if not _is_prose(t) and not t.startswith(_QUOTE_OPEN) and not _TURN_LABEL.match(t):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if kept and kept[-1][0] == i - 1 and _continues(kept[-1][1], line):
                pass  # the tail of a hard-wrapped paragraph
            elif nxt is not None and _continues(line, nxt):
                pass  # the head of a hard-wrapped paragraph
            else:
                continue  # a related-story headline or a subhead between paragraphs
        kept.append((i, line))

    paragraphs: list[Paragraph] = []
    group: list[_Line] = []
    last_index = -2
    for i, line in kept:
        if not (group and i == last_index + 1 and _continues(group[-1], line)):
            if group:
                paragraphs.append(_span(text, group[0].start, group[-1].end, len(paragraphs)))
            group = []
        group.append(line)
        last_index = i
    if group:
        paragraphs.append(_span(text, group[0].start, group[-1].end, len(paragraphs)))
    return paragraphs


def _continues(prev: _Line, line: _Line) -> bool:
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
    return not (_TERMINAL.search(prev.text) and len(prev.text) < 0.7 * _WRAP_WIDTH)
