"""The day a statement's words were said, as a careful reader of the article would give it.

The policy is the rule table of `_date_of`. In short: the day the text gives for the speaking;
none where the text says the words are older without saying when ("had said", "Earlier, …")
or the article's own date is unknown; else the report's date, marked `reported` and less sure
than a day the text gives. Date expressions themselves are read by `text.speech_dates`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from search_index.articles.furniture import is_caption
from search_index.extraction.paragraph_reader import Attributed
from search_index.extraction.speakers import normalise_name, surname
from search_index.models import Article, DateBasis
from search_index.text.speech_dates import date_of_speech

# The report's date for words whose day the text does not give is a weaker claim than a day
# the text states: words reported in a story are often from the day before.
REPORTED_DATE_WEIGHT = 0.6
# The lede's date of speech ("The Foreign Office on Thursday dismissed …") dates the story's
# undated quotes better than the page's date: the report usually comes a day later.
LEDE_DATE_WEIGHT = 0.85
_LEDE_MAX_DAYS = 7
_OPENING_PARAGRAPHS = 3  # the lede and the two after it may name the day of the occasion
# A reporting sentence that says its words are older than the story without saying when:
# "Earlier, …", "Previously, …", "at the time". ("Earlier in the day" and "earlier on Monday"
# give the day and are read as dates before this applies.)
_OLDER = re.compile(
    r"^\W*(?:earlier|previously)\b(?!\s+(?:in\s+the\s+day|today|this\s+\w+|on\s+\w+day))"
    r"|\b(?:on\s+another\s+occasion|at\s+the\s+time|on\s+an\s+earlier\s+occasion)\b"
    # "This statement came two weeks after Pakistan's strong reaction …, terming the move …"
    r"|\b(?:weeks?|months?|years?)\s+(?:after|before|earlier)\b"
    # "In an interview before leaving Nairobi, Wanjiru said …": before a departure not dated
    r"|\bbefore\s+(?:leaving|departing|flying|heading|returning)\b"
    # "As Rashid warned in his book Descent into Chaos, …": written, not said, and earlier
    r"|\bin\s+(?:his|her|their|a|the)\s+(?:\d{4}\s+)?(?:book|memoirs?|autobiography)\b", re.I)
# A paragraph's opening sentence that sets it on an older occasion.
_BACKGROUND_OPENING = re.compile(
    r"^\W*in\s+an?\s+(?:recent|earlier|previous)\b|\bhad\s+(?:\w+ly\s+)?(?:said|told|stated)\b",
    re.I)
# A reporting sentence that moves to another occasion than the story's without saying it is
# older: the day the opening names is not the day of these words.
_OTHER_OCCASION = re.compile(
    r"^\W*separately\b|\bin\s+an?\s+(?:separate\s+|earlier\s+|recent\s+)?interview\b"
    # "Responding to the criticism, Rao said": a reply to words reported after his own, so not
    # his earlier occasion ("Responding to another question, Guo said" stays at the briefing)
    r"|^\W*(?:(?:responding|reacting|replying)\s+to|asked\s+about)\s+(?:the|his|her|their"
    r"|[\w.]+(?:'s|’s))\s+(?:[\w'’]+\s+)?(?:criticism|comments?|remarks?|accusations?|claims?"
    r"|attacks?|charges?)\b", re.I)
_DAY_WORD = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\byesterday\b|\blast\s+night\b"
    r"|\b(?:earlier|later)\s+(?:in\s+the\s+day|today)\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
# "During the same transmission, X said …": the occasion of the statement before.
_SAME_OCCASION = re.compile(
    r"\b(?:during|at|in|on)\s+the\s+same\s+(?:transmission|briefing|programme|program|show"
    r"|interview|event|meeting|press\s+conference|news\s+conference|session|hearing|occasion"
    r"|ceremony|rally|speech|broadcast|talk\s+show)\b", re.I)
TRANSCRIPT_CUE = "briefing"  # the cue of a transcript's turns


@dataclass(slots=True)
class Dated:
    date: datetime.date | None
    basis: DateBasis
    confidence: float


UNDATED = Dated(None, DateBasis.UNKNOWN, 0.0)


class StatementDater:
    """Dates the statements of one article in text order (it remembers each speaker's last
    date, so call `date_of` in order)."""

    def __init__(self, article: Article, found: list[Attributed]) -> None:
        self.article = article
        # A masthead is the page's date, not the story's (an archive page shows today's date
        # over a 2017 story): it anchors nothing, so nothing shows a 2024 day for 2017 words.
        self.anchor = (article.published if article.published_basis != DateBasis.MASTHEAD
                       else None)
        self.anchor_confidence = article.published_confidence if self.anchor else 0.0
        first_quoted = min((item.paragraph for item in found), default=len(article.paragraphs))
        self.lede = _lede_date(article, self.anchor, self.anchor_confidence, first_quoted)
        if first_quoted == 0 and found and found[0].cue == TRANSCRIPT_CUE:
            self.lede = None  # a transcript that opens with a turn has no introduction
        self.occasions = _occasions(article, found, self.anchor, self.anchor_confidence)
        self.news_day = _news_day(article, self.anchor, self.anchor_confidence)
        self.last: dict[str, Dated] = {}
        self.previous: Dated | None = None

    def date_of(self, item: Attributed) -> Dated:
        dated = _date_of(self.article, item, self.last, self.anchor, self.anchor_confidence,
                         self.lede, self.occasions, self.previous, self.news_day)
        self.last[item.speaker] = dated
        self.previous = dated
        return dated


def _lede_date(article: Article, anchor: datetime.date | None,
               anchor_confidence: float, first_quoted: int = 0) -> Dated | None:
    """The day the opening says the news happened ("… said on Thursday", "… was sentenced on
    Tuesday"), when it is a day within a week before the article's own date. The opening is
    the lede and the paragraphs before the first one that reports anybody's words: a day in
    that one belongs to its own speaker."""
    if anchor is None or not article.paragraphs:
        return None
    last = max(0, min(first_quoted - 1, _OPENING_PARAGRAPHS - 1))
    for paragraph in article.paragraphs[:last + 1]:
        if is_caption(paragraph.text):
            continue  # the picture's day, not the news's
        resolution = date_of_speech(paragraph.text, anchor, anchor_confidence)
        if resolution is None or resolution.date is None:
            continue
        if not 0 <= (anchor - resolution.date).days <= _LEDE_MAX_DAYS:
            continue
        return Dated(resolution.date, resolution.basis, resolution.confidence * LEDE_DATE_WEIGHT)
    return None


def _same_source(article: Article, item: Attributed) -> bool:
    """Is the lede's speaker the source of the occasion the paragraphs after it date: an
    institution or country ("The Pentagon has said …") or a person they name again?"""
    if item.speaker_kind != "person":
        return True
    key = surname(item.speaker)
    return bool(key) and any(key in normalise_name(p.text).split()
                             for p in article.paragraphs[1:_OPENING_PARAGRAPHS])


def _news_day(article: Article, anchor: datetime.date | None, anchor_confidence: float
              ) -> Dated | None:
    """The day of the occasion that the paragraphs after the lede name ("In a press briefing
    on Tuesday, …"): a lede that summarises that occasion ("The Pentagon has said …") gives
    no day of its own."""
    if anchor is None:
        return None
    for paragraph in article.paragraphs[1:_OPENING_PARAGRAPHS]:
        if is_caption(paragraph.text):
            continue
        resolution = date_of_speech(paragraph.text, anchor, anchor_confidence)
        if resolution is None or resolution.date is None:
            continue
        if 0 <= (anchor - resolution.date).days <= _LEDE_MAX_DAYS:
            return Dated(resolution.date, resolution.basis,
                         resolution.confidence * LEDE_DATE_WEIGHT)
        return None
    return None


def _occasions(article: Article, found: list[Attributed], anchor: datetime.date | None,
               anchor_confidence: float) -> dict[int, Dated]:
    """Days named in paragraphs that quote nobody ("Speaking at a rally on Wednesday, Reyes
    attacked the plan."), by paragraph: they date the words of a person they name that come
    right after."""
    if anchor is None:
        return {}
    quoting = {item.paragraph for item in found}
    days: dict[int, Dated] = {}
    for paragraph in article.paragraphs:
        if (paragraph.index in quoting or not _DAY_WORD.search(paragraph.text)
                or is_caption(paragraph.text)):
            continue
        resolution = date_of_speech(paragraph.text, anchor, anchor_confidence)
        if resolution is None or resolution.date is None:
            continue
        if 0 <= (anchor - resolution.date).days <= _LEDE_MAX_DAYS:
            days[paragraph.index] = Dated(resolution.date, resolution.basis,
                                           resolution.confidence * LEDE_DATE_WEIGHT)
    return days


def _occasion_of(article: Article, item: Attributed, occasions: dict[int, Dated]
                 ) -> Dated | None:
    """The day of the paragraph just before (or two before) that names this speaker."""
    key = surname(item.speaker)
    if not key or item.speaker_kind != "person":
        return None
    for index in (item.paragraph - 1, item.paragraph - 2):
        dated = occasions.get(index)
        if dated is not None and index >= 0 and key in normalise_name(
                article.paragraphs[index].text).split():
            return dated
    return None


def _date_of(article: Article, item: Attributed, last: dict[str, Dated],
             anchor: datetime.date | None, anchor_confidence: float,
             lede: Dated | None = None, occasions: dict[int, Dated] | None = None,
             previous: Dated | None = None, news_day: Dated | None = None) -> Dated:
    """The day the words were said, by the first rule of this table that settles it:

    | the text says                                   | the date                             |
    | ----------------------------------------------- | ------------------------------------ |
    | a day tied to the speaking ("said on Tuesday")  | that day                             |
    | a period instead ("said last week")             | none: never narrowed to a day        |
    | "during the same transmission", "at the same …" | the date of the statement before     |
    | "had said", after a paragraph naming the day    | that day                             |
    | "had said", "Earlier, …", "at the time"         | none: older, and no day given        |
    | a sentence before naming the speaker and a day  | that day                             |
    | nothing, the speaker spoke before in the story  | the date of that statement           |
    | nothing, and the article's date is unknown      | none                                 |
    | a briefing transcript's turn                    | the day its introduction or page gives |
    | "in an interview with …"                        | the report's date                    |
    | nothing, a paragraph before names speaker, day  | that day                             |
    | nothing, in the lede; the next paragraphs name  | that day ("The Pentagon has said …"  |
    | the day of the occasion                         | then "In a briefing on Tuesday, …")  |
    | nothing, the opening names the day of the news  | that day                             |
    | nothing at all                                  | the report's date, marked `reported` |
    """
    sentence = _without_quote(article.text, item)
    resolution = date_of_speech(sentence, anchor, anchor_confidence) if sentence else None
    if resolution is not None:
        if resolution.date is None:
            return UNDATED
        return Dated(resolution.date, resolution.basis, resolution.confidence)
    if previous is not None and sentence and _SAME_OCCASION.search(sentence):
        return previous
    occasion = _occasion_of(article, item, occasions or {})
    if item.past_perfect and not item.carried:
        # "Earlier in the day, X had issued a tweet. “…,” he had said.": the tweet's day;
        # "had said" with no such paragraph is an earlier occasion whose day is not given
        return occasion or UNDATED
    if sentence and _OLDER.search(sentence):
        return UNDATED
    if _in_background(article, item):
        return UNDATED
    other_occasion = bool(_OTHER_OCCASION.search(sentence)) if sentence else False
    before = _sentence_before_naming(article, item)
    if before is not None and anchor is not None and not other_occasion:
        # "NAME apologised in a Facebook post on March 26. “…,” he wrote.": that day
        earlier = date_of_speech(before, anchor, anchor_confidence)
        if earlier is not None and earlier.date is not None:
            return Dated(earlier.date, earlier.basis, earlier.confidence * LEDE_DATE_WEIGHT)
    if occasion is not None and not other_occasion:
        # "Yesterday, on a visit to a site, Kerr gave a preview. “…,” she told broadcasters.":
        # the paragraph just before sets these words on its day, closer than her last words'
        return occasion
    if item.speaker in last and not other_occasion:
        return last[item.speaker]
    if anchor is None:
        return UNDATED
    if item.cue == TRANSCRIPT_CUE:
        # an interview's introduction may say the day it was held ("… on Friday")
        return lede or Dated(anchor, DateBasis.ARTICLE, anchor_confidence)
    if other_occasion:  # "in an interview with …": not the story's occasion, not older
        return _reported(anchor, anchor_confidence)
    if item.paragraph == 0 and news_day is not None and not occasion and _same_source(
            article, item):
        return news_day
    return occasion or lede or _reported(anchor, anchor_confidence)


def _in_background(article: Article, item: Attributed) -> bool:
    """Is the statement part of a paragraph that opens on an older occasion ("In a recent
    interview to Fox News, Trump had said …. The statement did not sit well with officials, with
    the minister saying …"): the reactions in it are older too, and their day is not given."""
    if item.paragraph >= len(article.paragraphs) or item.carried:
        return False
    paragraph = article.paragraphs[item.paragraph]
    stop = _SENTENCE_STOP.search(paragraph.text)
    first = paragraph.text[: stop.start() if stop else len(paragraph.text)]
    return (paragraph.start + len(first) < item.sentence_start
            and bool(_BACKGROUND_OPENING.search(first)))


def _reported(anchor: datetime.date, anchor_confidence: float) -> Dated:
    """The report's date for words whose day the text does not give: shown as "reported",
    and less sure than any day the text gives."""
    return Dated(anchor, DateBasis.REPORTED, anchor_confidence * REPORTED_DATE_WEIGHT)


_THAT = re.compile(r"\bthat\b")
_THAT_REACH = 80
_SENTENCE_BEFORE_CHARS = 600
_SENTENCE_STOP = re.compile(r"(?<![A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)[.!?][\"”’)]*\s+")


def _sentence_before_naming(article: Article, item: Attributed) -> str | None:
    """The sentence just before the reporting one in the same paragraph, when it names this
    speaker and holds no quote of its own: the occasion the next sentence's words come from."""
    if item.paragraph >= len(article.paragraphs) or item.speaker_kind != "person":
        return None
    paragraph = article.paragraphs[item.paragraph]
    # a window, not the whole paragraph: a paragraph of a thousand quotes stays linear
    window_start = max(paragraph.start, item.sentence_start - _SENTENCE_BEFORE_CHARS)
    head = article.text[window_start:max(paragraph.start, item.sentence_start)].rstrip()
    if not head:
        return None
    # the last stop of `head` ends that sentence itself: look for the one before it
    stops = list(_SENTENCE_STOP.finditer(head[:-1] + " "))
    sentence = head[stops[-1].end():] if stops else head
    key = surname(item.speaker)
    if not key or any(m in sentence for m in "\"“”") or key not in normalise_name(
            sentence).split():
        return None
    return sentence


def _without_quote(text: str, item: Attributed) -> str:
    """The reporting sentence with the reported words blanked: "Ask me again on Monday" is the
    speaker's Monday, and "said that last week four civilians were tortured" dates the torture,
    not the words."""
    start, end = item.sentence_start, item.sentence_end
    if item.cue == TRANSCRIPT_CUE:
        return text[start:end]
    cut_start, cut_end = max(start, item.start), min(end, item.end)
    if item.kind == "indirect":
        # "told the Commons on Tuesday that …" read with the object inside the content: the
        # content proper starts after its "that"
        that = _THAT.search(text, cut_start, min(cut_end, cut_start + _THAT_REACH))
        cut_start = that.end() if that else cut_start
    if cut_start >= cut_end:
        return text[start:end]
    sentence = text[start:end]
    # each piece of a joined utterance on its own: the cue between two pieces ("he said on
    # Tuesday") stays readable
    for piece_start, piece_end in item.pieces or [(cut_start, cut_end)]:
        piece_start, piece_end = max(start, piece_start), min(end, piece_end)
        if piece_start < piece_end:
            sentence = (sentence[:piece_start - start] + " " * (piece_end - piece_start)
                        + sentence[piece_end - start:])
    return sentence


