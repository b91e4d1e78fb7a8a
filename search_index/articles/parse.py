"""Decoded article text -> `Article`: the header read, the body's prose paragraphs kept as
offsets into the text, so later steps can point back at the exact words.

The steps live next door: `furniture` classifies each line, `page_header` finds where the body
starts and reads the title and byline, `publication` dates the article; `files` turns files into
text, and `loading.load_article` reads one file through both.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from search_index.articles.files import ArticleMeta, apply_meta, normalise_text
from search_index.articles.furniture import (
    BULLET_MARK,
    PUBLISHED_IN,
    QUOTE_OPEN,
    SPEAKER_LABEL_LINE,
    STRIP,
    TRAILING_CREDIT,
    Kind,
    Line,
    classify_all,
    continues,
    full_dates,
    is_prose,
    split_lines,
    stated_dates,
    word_count,
)
from search_index.articles.outlets import Cue
from search_index.articles.page_header import body_start, credit_cue, read_header
from search_index.articles.publication import (
    CONFIDENCE,
    DATELINE_ALONE,
    EVENT_DATE_CONFIDENCE,
    NOT_PLACES,
    Dating,
    leading_date,
    published_date,
    read_dateline,
)
from search_index.errors import ArticleError
from search_index.models import Article, DateBasis, Paragraph
from search_index.text.speech_dates import date_of_speech

# "Question" / "Answer" alone on a line: a transcript's turn labels, kept as body paragraphs.
_TURN_LABEL = re.compile(r"^(?:question|answer|q|a|reply|response)\s*[:.]?$", re.IGNORECASE)



def parse_article(
    text: str, path: str | Path = "<text>", meta: ArticleMeta | None = None
) -> Article:
    """Decoded article text -> Article. Raises ArticleError when there is no prose in it."""
    text = normalise_text(text)
    path_str = str(path)
    name = Path(path_str).name or path_str
    if not text.strip(STRIP + "\n"):
        raise ArticleError(f"{name}: the article is empty")

    lines = split_lines(text)
    classify_all(lines)
    body_at = body_start(lines)
    if body_at is None:
        raise ArticleError(f"{name}: no paragraphs of prose found")

    dating = Dating()
    head = read_header(lines[:body_at], dating)
    provenance = head.provenance
    paragraphs = _body_paragraphs(text, lines[body_at:], head.title, head.texts)
    if not paragraphs:
        raise ArticleError(f"{name}: no paragraphs of prose found")

    # A date glued to the start of the body: " date 2024-02-10 In a statement ..."
    first = paragraphs[0]
    lead = leading_date(first.text)
    if lead is not None:
        value, cut = lead
        dating.offer(value, DateBasis.STATED, CONFIDENCE[DateBasis.STATED])
        if is_prose(first.text[cut:]):
            paragraphs[0] = _span(text, first.start + cut, first.end, 0)

    # a year-less dateline takes its year from a date the page itself gives, or from a masthead
    # that agrees with its day; never from the reader's today
    dateline, agency, dateline_date = read_dateline(paragraphs[0].text, dating.published,
                                                    head.masthead)
    alone = DATELINE_ALONE.match(lines[body_at - 1].text) if body_at > 0 else None
    if dateline is None and alone and alone.group("place").split()[0] not in NOT_PLACES:
        dateline, agency = alone.group("place"), alone.group("agency")  # "ISLAMABAD:" on its own
    provenance.offer(agency, Cue.CREDIT)  # "KARACHI, Pakistan (AP) —": the wire's copy
    if dateline_date is not None:
        dating.offer(*dateline_date)

    # The last paragraph may end with the agency's credit: strip it, keep the paragraph.
    last = paragraphs[-1]
    m = TRAILING_CREDIT.search(last.text)
    if m and word_count(last.text[: m.start()]) >= 3:
        provenance.offer(m.group("a") or m.group("b"), Cue.CREDIT)
        paragraphs[-1] = _span(text, last.start, last.start + m.start(), last.index)

    # Credits and "Published in Dawn, November 8th, 2024" below the body.
    for line in lines[body_at:]:
        if line.kind is Kind.CREDIT:
            provenance.offer(*credit_cue(line.text))
            if PUBLISHED_IN.match(line.text):
                dating.offer(published_date(line.text), DateBasis.PUBLISHED_LINE,
                             CONFIDENCE[DateBasis.PUBLISHED_LINE])

    # A page dated only by a date alone on its line: right under the last paragraph (a release
    # dated at its foot, "September 2, 2014"), or among the body's first lines (a teaser, the
    # date, then the story). A date further down the foot, under "Opinion" or "Editorial",
    # is another story's.
    if dating.published is None:
        dating.offer(_date_alone(lines[body_at:], paragraphs[-1].end), DateBasis.STATED,
                     CONFIDENCE[DateBasis.STATED])

    # The day of the event: a caption's date, else one in the first paragraphs tied to speech.
    for caption in head.captions:
        found = full_dates(caption, head.masthead)
        if found:
            dating.offer(found[0].date, found[0].basis, EVENT_DATE_CONFIDENCE)
            break
    if dating.confidence < EVENT_DATE_CONFIDENCE:
        for para in paragraphs[:2]:
            res = date_of_speech(para.text, None)
            if res is not None and res.date is not None and res.basis in (
                DateBasis.STATED, DateBasis.DAY_WEEKDAY
            ):
                dating.offer(res.date, res.basis, EVENT_DATE_CONFIDENCE)
                break
    dating.masthead_only(head.masthead)

    outlet, via = provenance.settle()
    article = Article(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        path=path_str,
        file=name,
        title=head.title,
        outlet=outlet,
        via=via,
        byline=head.byline,
        dateline=dateline,
        published=dating.published,
        published_basis=dating.basis,
        published_confidence=dating.confidence,
        text=text,
        paragraphs=[_span(text, p.start, p.end, i) for i, p in enumerate(paragraphs)],
    )
    if meta is not None:
        article = apply_meta(article, meta)
    return article


_TOP_LINES = 4  # lines at the head of the body where a date alone is the page's


def _date_alone(lines: Sequence[Line], body_end: int) -> date | None:
    """The date on a line of its own at the top of the body or right under its end."""
    written = [line for line in lines if line.text.strip()]
    after = [line for line in written if line.start >= body_end]
    for line in [*written[:_TOP_LINES], *after[:1]]:
        found = stated_dates(line.text) if line.kind is Kind.DATE else []
        if found:
            return found[0].date
    return None


def _span(text: str, start: int, end: int, index: int) -> Paragraph:
    """A paragraph over text[start:end], trimmed of surrounding white space."""
    while start < end and (text[start] in STRIP or text[start] == "\n"):
        start += 1
    while end > start and (text[end - 1] in STRIP or text[end - 1] == "\n"):
        end -= 1
    return Paragraph(index=index, text=text[start:end], start=start, end=end)


def _body_paragraphs(
    text: str, lines: list[Line], title: str | None, header_texts: set[str]
) -> list[Paragraph]:
    kept: list[tuple[int, Line]] = []
    seen: set[str] = set(header_texts)
    for i, line in enumerate(lines):
        if line.kind is Kind.FOOTER:
            break
        if line.kind is Kind.BULLET and is_prose(line.text):
            bullet = BULLET_MARK.match(line.text)
            cut = bullet.end() if bullet else 0
            line = Line(line.start + cut, line.end, line.text[cut:], line.blank_before,
                         line.wrapped)
        elif line.kind is not Kind.TEXT:
            continue
        t = line.text
        label = bool(_TURN_LABEL.match(t) or SPEAKER_LABEL_LINE.match(t))
        if (t == title or t in seen) and not label:
            continue  # a repeated headline or caption
        seen.add(t)
        if not is_prose(t) and not t.startswith(QUOTE_OPEN) and not label:
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if kept and kept[-1][0] == i - 1 and continues(kept[-1][1], line):
                pass  # the tail of a hard-wrapped paragraph
            elif nxt is not None and continues(line, nxt):
                pass  # the head of a hard-wrapped paragraph
            else:
                continue  # a related-story headline or a subhead between paragraphs
        kept.append((i, line))

    paragraphs: list[Paragraph] = []
    group: list[Line] = []
    last_index = -2
    for i, line in kept:
        # a speaker's label on its own line heads the words under it: one turn, one paragraph
        after_label = len(group) == 1 and bool(SPEAKER_LABEL_LINE.match(group[0].text))
        if not (group and (after_label or (i == last_index + 1 and continues(group[-1], line)))):
            if group:
                paragraphs.append(_span(text, group[0].start, group[-1].end, len(paragraphs)))
            group = []
        group.append(line)
        last_index = i
    if group:
        paragraphs.append(_span(text, group[0].start, group[-1].end, len(paragraphs)))
    return paragraphs
