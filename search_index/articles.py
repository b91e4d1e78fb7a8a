"""Article files -> `Article`: decoding, page furniture removal, title, byline, dateline, date.

News pages are copied as plain text with their furniture: mastheads, section labels, repeated
headlines, standfirsts, bylines, photo captions, bullet summaries, share and comment widgets,
related-story links. We classify each line, find where the body starts, and keep prose
paragraphs as offsets into the decoded text, so later steps can point back at the exact words.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum, auto
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

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
_YEARLESS_DATELINE_CONFIDENCE = 0.5


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


def _looks_binary(data: bytes) -> bool:
    sample = data[:_BINARY_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > _MAX_CONTROL_SHARE * max(1, len(sample))


def decode_article_bytes(data: bytes, name: str = "article") -> str:
    """Bytes -> normalised text: UTF-8 (BOM or not), else Windows-1252; newlines to "\\n"."""
    if not data.strip():
        raise ArticleError(f"{name}: the file is empty")
    if _looks_binary(data):
        raise ArticleError(f"{name}: this is a binary file, not article text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old Windows editors and some scrapers save as cp1252 ("\x93quoted\x94").
        text = data.decode("cp1252", errors="replace")
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
    text = decode_article_bytes(data, name)
    return parse_article(text, path, read_sidecar(path))


# --- line classification ---------------------------------------------------------------------


class Kind(Enum):
    TEXT = auto()  # prose or a headline-like line: decided by position
    UI = auto()  # share/subscribe/"close"/advertisement
    FOOTER = auto()  # "Comments": the article is over
    PUBLISHED = auto()  # "Published April 13, 2022", "Updated ..."
    DATE = auto()  # a line that is only a date (and maybe a time)
    BYLINE = auto()  # "By Azaz Syed", "By" alone, "Reporting by ..."
    SEPARATOR = auto()  # "|", "—"
    CAPTION = auto()  # "... — Screengrab/State Department", "Photo: ..."
    BULLET = auto()  # "• Spox says ..."
    CREDIT = auto()  # "© Reuters", "(AFP)", "— APP"


@dataclass
class _Line:
    start: int  # offsets of the stripped line in the text
    end: int
    text: str
    blank_before: bool
    kind: Kind = Kind.TEXT


_STRIP = " \t\f\v\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff"  # noqa: E501
_WORDS = re.compile(r"[^\W_]+(?:[’'.-][^\W_]+)*")
_QUOTE_OPEN = "\"“‘'«"
_TERMINAL = re.compile(r"(?:[.!?…:;]|[.!?,]?[\"”’»])[\"”’»)\]]*$")
_UI = re.compile(
    r"^(?:close|menu|search|home|share(?: this(?: article| story)?)?(?: on \w+)?:?|tweet|email"
    r"|print|whatsapp|facebook|twitter|linkedin|telegram|copy link|save|listen(?: to (?:this )?"
    r"article)?|advertisement|sponsored|subscribe.*|sign up.*|follow us.*|click here.*"
    r"|read more:?|also read:?|read also:?|see also:?|related:?|related (?:stories|articles|news|"
    r"coverage|posts?|content)|tags?:.*|topics?:.*|filed under:?.*|\d+\s*(?:min|minute)s? read"
    r"|skip to (?:main )?content|download (?:the )?app.*|editor in chief:.*|editor:.*"
    r"|trending(?: now)?|recommended(?: stories)?|top stories|latest(?: news)?|watch live"
    r"|back to top|next article|previous article|load more|show comments|view comments"
    r"|font size.*|a\+?\s*a-?|newsletter.*)$",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"^(?:comments?(?: \(\d+\))?|\d+ comments?|comments are closed\.?|leave a (?:comment|reply)"
    r"|post a comment|add a comment|you may also like|more from .{1,40}|most (?:read|popular)"
    r"|join the conversation|comments? (?:policy|section).*)$",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(
    r"^(?:first\s+)?(?:published|updated|last\s+updated|posted|modified|date(?:d)?)\b\s*(?:on|at)?"
    r"\s*:?",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^by[\s\xa0]+(?P<name>[^\W\d_][\w.’'-]*(?:[\s\xa0]+(?:[^\W\d_][\w.’'-]*|&))*?)"
    r"\s*(?:$|[|,/•·—–-]|\s+in\s+[A-Z])",
    re.IGNORECASE,
)
_BY_ALONE = re.compile(r"^by:?$", re.IGNORECASE)
_CREDITS_LINE = re.compile(
    r"^(?:reporting|writing|additional reporting|editing|compiled|written|reported)\s+by\b",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^[|•·—–\-_*=~/\\]+$")
_BULLET = re.compile(r"^[•●▪■◦‣∙·*►▶]\s*")
_PHOTO_WORDS = (
    r"(?:screengrab|screenshot|photo|photograph|file|image|picture|courtesy|pic|credit|video|via"
    r"|handout|twitter|x\.com|facebook|instagram|youtube)"
)
_CAPTION_TAIL = re.compile(
    r"(?:[.!?\"”’)]|\d)\s*[—–-]{1,2}\s*(?P<tail>[^.!?—–]{2,80}?)\s*$"
)
_CAPTION_PHOTO = re.compile(rf"(?:{_PHOTO_WORDS}\b|/|@)", re.IGNORECASE)
_CAPTION_HEAD = re.compile(
    r"^(?:file\s+photo|photo|image|picture|pic|caption|video|screengrab)\b\s*[:|—–-]",
    re.IGNORECASE,
)
_CAPTION_PAREN = re.compile(rf"\((?:{_PHOTO_WORDS})\b[^)]*\)$", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*[-–]?\s*(?:\d{4})?\s*)?(?P<outlet>[^.|,]{2,60}?)"
    r"(?:[.,|]|\s+all rights reserved|$)",
    re.IGNORECASE,
)
_AGENCY_LINE = re.compile(r"^(?:\((?P<a>[A-Za-z .&]{2,30})\)|[—–-]\s*(?P<b>[A-Za-z .&]{2,30}))$")
# A credit after the last sentence: "... carried out. (Pahwok)", "... he said. — Reuters"
_TRAILING_CREDIT = re.compile(
    r"(?<=[.!?\"”’])\s*(?:\((?P<a>[A-Z][A-Za-z .&/-]{1,30})\)"
    r"|[—–]\s*(?P<b>[A-Z][A-Za-z .&/-]{1,30}))\s*$"
)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.’'\-]*(?: [A-Z][A-Z.’'\-]*){0,3})"
    r"(?:\s*,\s*(?P<extra>[A-Z][\w.]*(?: [\w.]+){0,3}?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&]{1,30})\))?"
    r"\s*(?::|—|–|-{1,2})\s+(?=\S)"
)
# "date 2024-02-10 In a statement ...": a date label glued to the start of the body text.
_LEADING_DATE_LABEL = re.compile(
    r"^(?:(?:date[d:]?|posted(?: on)?|published(?: on)?|updated(?: on)?)\s*:?\s*)?",
    re.IGNORECASE,
)
_TIME_ZONE = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\b(?:[ap]\.?m\.?|pkt|gmt|utc|est|edt|et|pst|ist|cet"
    r"|bst|updated|published|on|at|last)\b|[|,•·\-–—:()]",
    re.IGNORECASE,
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
    return lines


def _full_dates(text: str, near: date | None = None) -> list[DateResolution]:
    """Dates in `text` that carry a day and a year of their own (or a weekday that fixes it)."""
    return [
        r for r in find_date_expressions(text, near)
        if r.date is not None and r.basis in (DateBasis.STATED, DateBasis.DAY_WEEKDAY)
    ]


def _is_date_only(text: str) -> DateResolution | None:
    found = [r for r in find_date_expressions(text, None) if r.basis == DateBasis.STATED]
    if not found:
        return None
    rest = text
    for r in reversed(found):
        rest = rest[: r.start] + rest[r.end:]
    rest = _TIME_ZONE.sub(" ", rest)
    return found[0] if not _WORDS.search(rest) else None


def _is_caption(text: str) -> bool:
    if _CAPTION_HEAD.match(text) or _CAPTION_PAREN.search(text):
        return True
    m = _CAPTION_TAIL.search(text)
    return bool(m and _words(m.group("tail")) <= 8 and _CAPTION_PHOTO.search(m.group("tail")))


def _classify(line: _Line) -> Kind:
    t = line.text
    if _FOOTER.match(t):
        return Kind.FOOTER
    if _SEPARATOR.match(t):
        return Kind.SEPARATOR
    if _UI.match(t):
        return Kind.UI
    if _BY_ALONE.match(t) or _CREDITS_LINE.match(t):
        return Kind.BYLINE
    if len(t) <= 100 and _BYLINE.match(t) and not _TERMINAL.search(t.rstrip(".")):
        return Kind.BYLINE
    if _COPYRIGHT.match(t) or _AGENCY_LINE.match(t):
        return Kind.CREDIT
    if _PUBLISHED.match(t) and _words(t) <= 16 and _full_dates(t):
        return Kind.PUBLISHED
    if _is_caption(t):
        return Kind.CAPTION
    if _BULLET.match(t):
        return Kind.BULLET
    if _words(t) <= 12 and _is_date_only(t):
        return Kind.DATE
    return Kind.TEXT


def _is_prose(text: str) -> bool:
    words = _words(text)
    return words >= 20 or (words >= 3 and bool(_TERMINAL.search(text)))


def _is_headline(text: str) -> bool:
    """A title-like line: a few words, no final period, more than a section label."""
    words = _WORDS.findall(text)
    if not 3 <= len(words) <= 30 or text.endswith((".", ",", ";")):
        return False
    return len(words) >= 4 or any(w[0].islower() for w in words)


# --- parsing ---------------------------------------------------------------------------------


@dataclass
class _Dating:
    published: date | None = None
    basis: DateBasis = DateBasis.UNKNOWN
    confidence: float = 0.0

    def offer(self, value: date | None, basis: DateBasis, confidence: float) -> None:
        if value is not None and confidence > self.confidence:
            self.published, self.basis, self.confidence = value, basis, confidence


_HEADER_MARKERS = (Kind.BYLINE, Kind.PUBLISHED, Kind.DATE)
_MARKER_LOOKAHEAD = 3  # a standfirst sentence still sits above the byline and date lines
_HEADER_SCAN_LINES = 15


def _body_start(lines: list[_Line]) -> int | None:
    for i, line in enumerate(lines):
        if line.kind is not Kind.TEXT or not _is_prose(line.text):
            continue
        if i < _HEADER_SCAN_LINES and any(
            later.kind in _HEADER_MARKERS for later in lines[i + 1: i + 1 + _MARKER_LOOKAHEAD]
        ):
            continue
        return i
    return None


def _continues(prev: _Line, line: _Line) -> bool:
    """Is `line` the hard-wrapped continuation of `prev` (no blank line between)?"""
    if line.blank_before:
        return False
    first = line.text[0]
    if first.islower():
        return True
    if prev.text.endswith((",", "-", "–", "(")):
        return True
    return len(prev.text) >= 60 and prev.text[-1].isalnum() and len(line.text) >= 30


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
    for line in lines:
        line.kind = _classify(line)
    body_at = _body_start(lines)
    if body_at is None:
        raise ArticleError(f"{name}: no paragraphs of prose found")

    dating = _Dating()
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    seen_byline = False
    masthead: date | None = None
    captions: list[str] = []
    header_texts: set[str] = set()

    # The header: everything above the body. Nothing here becomes a paragraph.
    for line in lines[:body_at]:
        t = line.text
        header_texts.add(t)
        if line.kind is Kind.UI:
            if title is None and masthead is None:
                found = _full_dates(t)  # "Editor in Chief: ... Tuesday, April 23rd, 2024"
                masthead = found[0].date if found else None
            continue
        if line.kind is Kind.BYLINE:
            seen_byline = True
            m = _BYLINE.match(t)
            if m and byline is None:
                byline = _clean_name(m.group("name"))
            continue
        if line.kind is Kind.CREDIT:
            outlet = outlet or _credit_outlet(t)
            continue
        if line.kind is Kind.PUBLISHED:
            dates = _full_dates(t)
            dating.offer(dates[-1].date if dates else None, DateBasis.PUBLISHED_LINE, 0.95)
            continue
        short_dated = line.kind is Kind.TEXT and _words(t) <= 12 and bool(_full_dates(t))
        if line.kind is Kind.DATE or short_dated:
            found = _full_dates(t)
            value = found[0].date if found else None
            if title is None and not seen_byline:
                masthead = masthead or value  # the page's date above the headline
            elif line.kind is Kind.DATE:
                dating.offer(value, DateBasis.PUBLISHED_LINE, CONFIDENCE[DateBasis.PUBLISHED_LINE])
            continue
        if line.kind is Kind.CAPTION:
            captions.append(t)
            continue
        if line.kind is Kind.TEXT:
            if byline is None and seen_byline and _words(t) <= 6 and not _TERMINAL.search(t):
                byline = _clean_name(t)  # the name on the line after a lone "By"
                continue
            if title is None and _is_headline(t) and not _full_dates(t):
                title = t

    paragraphs, dateline_info = _body_paragraphs(text, lines[body_at:], title, header_texts)
    if not paragraphs:
        raise ArticleError(f"{name}: no paragraphs of prose found")
    body_lines = paragraphs

    # A date glued to the start of the body: " date 2024-02-10 In a statement ..."
    first = body_lines[0]
    lead = _leading_date(first.text)
    if lead is not None:
        value, cut = lead
        dating.offer(value, DateBasis.STATED, CONFIDENCE[DateBasis.STATED])
        rest = first.text[cut:]
        skip = len(first.text) - len(rest.lstrip(_STRIP + "\n"))
        if _is_prose(rest):
            body_lines[0] = Paragraph(
                index=0, text=text[first.start + skip:first.end],
                start=first.start + skip, end=first.end,
            )

    dateline, agency, dateline_date = dateline_info
    if agency:
        outlet = outlet or agency
    if dateline_date is not None:
        dating.offer(*dateline_date)

    # The last paragraph may end with the agency's credit: strip it, keep the paragraph.
    last = body_lines[-1]
    m = _TRAILING_CREDIT.search(last.text)
    if m and _words(last.text[: m.start()]) >= 3:
        outlet = outlet or (m.group("a") or m.group("b")).strip()
        end = last.start + len(last.text[: m.start()].rstrip(_STRIP))
        body_lines[-1] = Paragraph(index=last.index, text=text[last.start:end], start=last.start,
                                   end=end)
    for line in lines[body_at:]:
        if line.kind is Kind.CREDIT:
            outlet = outlet or _credit_outlet(line.text)

    # The day of the event: a caption's date, else one in the first paragraphs attached to it.
    near = masthead
    for caption in captions:
        for res in _full_dates(caption, near):
            dating.offer(res.date, res.basis, _EVENT_DATE_CONFIDENCE)
            break
    if dating.confidence < _EVENT_DATE_CONFIDENCE:
        for para in body_lines[:2]:
            res = date_of_speech(para.text, None)
            if res is not None and res.date is not None and res.basis in (
                DateBasis.STATED, DateBasis.DAY_WEEKDAY
            ):
                dating.offer(res.date, res.basis, _EVENT_DATE_CONFIDENCE)
                break
    dating.offer(masthead, DateBasis.MASTHEAD, CONFIDENCE[DateBasis.MASTHEAD])

    paragraphs_out = [
        Paragraph(index=i, text=p.text, start=p.start, end=p.end) for i, p in enumerate(body_lines)
    ]
    article = Article(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        path=path_str,
        file=name,
        title=title,
        outlet=outlet,
        byline=byline,
        dateline=dateline,
        published=dating.published,
        published_basis=dating.basis,
        published_confidence=dating.confidence,
        text=text,
        paragraphs=paragraphs_out,
    )
    if meta is not None:
        article = _apply_meta(article, meta)
    return article


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
    m = _COPYRIGHT.match(text)
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
    for res in find_date_expressions(head, None):
        if res.start == 0 and res.basis == DateBasis.STATED and res.date is not None:
            cut = offset + res.end
            rest = text[cut:]
            cut += len(rest) - len(rest.lstrip(" \t\xa0,|:-–—"))
            return res.date, cut
        break
    return None


_Dateline = tuple[str | None, str | None, tuple[date | None, DateBasis, float] | None]


def _dateline(text: str) -> _Dateline:
    m = _DATELINE.match(text)
    if not m:
        return None, None, None
    place = m.group("place").strip(" .-")
    if len(re.sub(r"[^A-Z]", "", place)) < 3:
        return None, None, None
    agency = m.group("agency")
    extra = m.group("extra") or ""
    found: tuple[date | None, DateBasis, float] | None = None
    for res in find_date_expressions(extra, None):
        if res.basis == DateBasis.STATED and res.date is not None:
            found = (res.date, DateBasis.DATELINE, CONFIDENCE[DateBasis.DATELINE])
        elif res.basis == DateBasis.MONTH_DAY:
            # "WASHINGTON, March 3 (AP)": the latest March 3 not after today.
            today = date.today()
            m_res = find_date_expressions(extra, today)[0]
            if m_res.date is not None:
                found = (m_res.date, DateBasis.DATELINE, _YEARLESS_DATELINE_CONFIDENCE)
        break
    return place, agency.strip() if agency else None, found


def _body_paragraphs(
    text: str, lines: list[_Line], title: str | None, header_texts: set[str]
) -> tuple[list[Paragraph], _Dateline]:
    kept: list[tuple[int, _Line]] = []
    seen: set[str] = set(header_texts)
    for i, line in enumerate(lines):
        if line.kind is Kind.FOOTER:
            break
        if line.kind is Kind.BULLET and _is_prose(line.text):
            bullet = _BULLET.match(line.text)
            cut = bullet.end() if bullet else 0
            line = _Line(line.start + cut, line.end, line.text[cut:], line.blank_before)
        elif line.kind is not Kind.TEXT:
            continue
        t = line.text
        if t == title or t in seen:
            continue  # a repeated headline or caption
        seen.add(t)
        if not _is_prose(t) and not t.startswith(tuple(_QUOTE_OPEN)):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if kept and kept[-1][0] == i - 1 and _continues(kept[-1][1], line):
                pass  # the tail of a hard-wrapped paragraph
            elif nxt is not None and not nxt.blank_before and _continues(line, nxt):
                pass  # the head of a hard-wrapped paragraph
            else:
                continue  # a related-story headline or a subhead between paragraphs
        kept.append((i, line))

    paragraphs: list[Paragraph] = []
    group: list[_Line] = []
    last_index = -2
    for i, line in kept:
        if group and i == last_index + 1 and _continues(group[-1], line):
            group.append(line)
            last_index = i
            continue
        if group:
            paragraphs.append(_paragraph(text, group, len(paragraphs)))
        group = [line]
        last_index = i
    if group:
        paragraphs.append(_paragraph(text, group, len(paragraphs)))

    info: _Dateline = (None, None, None)
    if paragraphs:
        info = _dateline(paragraphs[0].text)
    return paragraphs, info


def _paragraph(text: str, group: list[_Line], index: int) -> Paragraph:
    start, end = group[0].start, group[-1].end
    return Paragraph(index=index, text=text[start:end], start=start, end=end)
