"""The data that crosses module boundaries: articles, statements, speakers and search results.

Every step of the pipeline (article file -> Article -> Statements -> index -> hits -> answer)
hands one of these to the next, so they are the project's contract. Change them with care.
"""

from __future__ import annotations

import datetime
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

StatementKind = Literal["direct", "partial", "indirect"]
# Who the source is, as the article gives it: a named person, an unnamed one ("a senior
# official"), an organisation or office ("the State Department"), a document ("the report",
# "the indictment") or a group of people ("protesters").
SpeakerKind = Literal["person", "unnamed", "organisation", "document", "group"]


class DateBasis(StrEnum):
    """How a date was found. Readers see it, so a date is never a silent guess."""

    SIDECAR = "sidecar"  # the operator's NAME.meta.json
    STATED = "stated"  # a full date in the text: "on November 7, 2024"
    MONTH_DAY = "month-day"  # "on December 15": year taken from the article's date
    DAY_WEEKDAY = "day-weekday"  # "December 18, Monday": the year in which that day is a Monday
    WEEKDAY = "weekday"  # "on Tuesday": the latest such weekday on or before the article's date
    RELATIVE = "relative"  # "a day ago", "yesterday", "today", "last week"
    PUBLISHED_LINE = "published-line"  # "Published April 13, 2022" or a byline date
    DATELINE = "dateline"  # a date inside the dateline
    ARTICLE = "article"  # nothing in the text: the article's own date
    REPORTED = "reported"  # the text gives no day and nothing says it is older: the report's date
    MASTHEAD = "masthead"  # the page's date: not trusted as the article's
    UNKNOWN = "unknown"


class Paragraph(BaseModel):
    model_config = ConfigDict(frozen=True)

    index: int
    text: str
    start: int  # offsets into Article.text
    end: int


OPENING_WORDS = 10


class Article(BaseModel):
    """One news article: its text with the page furniture removed, and what we know of it."""

    id: str  # content hash of the decoded text: stable across renames and machines
    path: str  # the path it was read from
    file: str  # the file's name
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    via: str | None = None  # a wire service the page credits ("Pajhwok"), shown beside the outlet
    byline: str | None = None
    dateline: str | None = None  # "WASHINGTON", "KABUL"
    published: date | None = None
    published_basis: DateBasis = DateBasis.UNKNOWN
    published_confidence: float = 0.0  # 0-1; a masthead date is low, a sidecar is 1
    text: str  # the decoded file text: BOM removed, newlines normalised to "\n"
    paragraphs: list[Paragraph] = Field(default_factory=list)  # body only, furniture removed

    def opening_words(self) -> str | None:
        """The first words of an untitled article, which name it where a headline would: a
        reader can find the article by them, which a file name does not allow."""
        if self.title or not self.paragraphs:
            return None
        words = self.paragraphs[0].text.split()
        head = " ".join(words[:OPENING_WORDS])
        return head + " …" if len(words) > OPENING_WORDS else head


class Statement(BaseModel):
    """Words an article attributes to a speaker, with who, when and where."""

    id: str  # stable: derived from the article id and the span
    text: str  # the quoted words (direct, partial) or the reported clause (indirect)
    kind: StatementKind
    speaker: str  # canonical name: "Matthew Miller", "Inter-Services Public Relations"
    speaker_mention: str  # as written near the quote: "he", "Miller", "the statement"
    speaker_kind: SpeakerKind = "person"
    role: str | None = None  # at the time: "State Department Spokesperson"
    organisation: str | None = None  # "US Department of State"
    cue: str | None = None  # the reporting verb: "said", "added", "according to"
    # datetime.date, not date: this field named `date` shadows the type inside the class body
    date: datetime.date | None = None  # the day the words were said
    date_basis: DateBasis = DateBasis.UNKNOWN
    confidence: float = 0.0  # 0-1, of the date
    article_id: str
    file: str
    title: str | None = None
    outlet: str | None = None
    via: str | None = None  # the wire service credited, if any
    url: str | None = None
    published: datetime.date | None = None  # the article's date, for sorting undated statements
    opening: str | None = None  # an untitled article's first words (Article.opening_words)
    paragraph: int  # index into Article.paragraphs
    start: int  # offsets of the quoted words in Article.text
    end: int
    # One utterance in several pieces ("A," he said, "B."; a quote running over paragraphs):
    # each piece's offsets in Article.text. Empty when the statement is one piece.
    pieces: list[tuple[int, int]] = Field(default_factory=list)


class SpeakerRole(BaseModel):
    role: str
    organisation: str | None = None
    first: date | None = None  # first and last dated statements made in this role
    last: date | None = None


class Speaker(BaseModel):
    name: str  # canonical
    aliases: list[str] = Field(default_factory=list)
    roles: list[SpeakerRole] = Field(default_factory=list)
    statements: int = 0
    first: date | None = None
    last: date | None = None


class Source(BaseModel):
    """One article that reported a statement."""

    article_id: str
    file: str
    title: str | None = None
    outlet: str | None = None
    via: str | None = None
    url: str | None = None
    published: date | None = None
    # What the article's date rests on; None in indexes built before it was recorded.
    published_basis: DateBasis | None = None
    opening: str | None = None  # an untitled article's first words, to name it by

    @property
    def article_date(self) -> date | None:
        """The article's own date: a masthead's date is the day the page was copied."""
        return None if self.published_basis is DateBasis.MASTHEAD else self.published

    @property
    def name(self) -> str:
        """What to call the article: its headline, else its first words. Never its file: a
        file name on this machine cannot be cited or looked up by a reader."""
        return self.title or self.opening or "untitled article"


class TextRun(BaseModel):
    """A piece of highlighted text; renderers decide how a match is emphasised."""

    text: str
    match: bool = False


class Hit(BaseModel):
    statement: Statement
    score: float = 0.0
    sources: list[Source] = Field(default_factory=list)  # every article that reported it
    highlight: list[TextRun] = Field(default_factory=list)
    context: str | None = None  # the surrounding paragraph, when asked for

    @property
    def date_uncertain(self) -> bool:
        return self.statement.date is None or self.statement.confidence < 0.5


class SearchResult(BaseModel):
    query: str
    hits: list[Hit] = Field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = 5
    suggestion: str | None = None  # did-you-mean, when nothing matched

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class SourceSummary(Source):
    """An indexed article, with how many statements it gave."""

    statements: int = 0


class IndexStats(BaseModel):
    articles: int = 0
    statements: int = 0
    speakers: int = 0
    outlets: int = 0
    first: date | None = None
    last: date | None = None


WhoSaidMatch = Literal["phrase", "all-words", "most-words"]


class SaidGroup(BaseModel):
    """The same words (compared without case or punctuation) and everyone on record saying
    them: one Hit per speaker, each listing every article that reported it, earliest first."""

    match: WhoSaidMatch  # the exact words, every word (any form), or most of the words
    words_matched: int = 0  # of the phrase's words, how many the statement holds
    hits: list[Hit] = Field(default_factory=list)


class WhoSaidResult(BaseModel):
    """Statements holding a phrase, or the closest to it: exact phrase first, then near ones."""

    phrase: str
    groups: list[SaidGroup] = Field(default_factory=list)
    total: int = 0  # groups found among the candidates examined
    suggestion: str | None = None  # did-you-mean, when nothing matched
