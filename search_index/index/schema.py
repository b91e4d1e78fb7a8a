"""The Whoosh schema of the statement index, and the small conversions its fields need.

One index holds three kinds of document, told apart by `doctype`, so that a single Whoosh
commit changes all of them together (a crash can never leave one ahead of the others):

- "statement": one quote as said by one speaker, however many articles reported it. Its
  stored `payload` holds every report (the Statement each article yielded, with its paragraph).
- "article": one ingested file: content hash, path, mtime and size, and the quote keys it
  contributed, so that updating or removing the file is exact.
- "meta": a single document holding the speaker directory and outlet names, recomputed at
  ingest so that the search service can load them in milliseconds when it opens; and a
  second one holding the unstemmed words and their counts, for did-you-mean.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date

from whoosh.analysis import STOP_WORDS, Analyzer, Token
from whoosh.analysis.tokenizers import default_pattern
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.lang.porter import stem

# Whoosh's default_pattern with its group made non-capturing, so that findall yields words.
_WORDS = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")
assert default_pattern.pattern == r"[\w\*]+(\.?[\w\*]+)*", "Whoosh's word pattern changed"

# "us" is a stop word in Whoosh's list, but in news text it is usually the country.
STOPLIST = frozenset(STOP_WORDS - {"us"})

DOCTYPE_STATEMENT = "statement"
DOCTYPE_ARTICLE = "article"
DOCTYPE_META = "meta"
META_KEY = "meta"
VOCABULARY_KEY = "vocabulary"

# A day with no date sorts before every real one.
NO_DAY = 0


# The searched fields of a statement document, in the order results rank them: a statement
# whose own words match comes before one matched through its speaker or role, and that before
# one matched only through the title of an article that reported it.
TEXT_FIELD = "text"  # the quoted words (or the reported clause)
ABOUT_FIELD = "about"  # the speaker's name and aliases, role and organisation
TITLES_FIELD = "titles"  # the reporting articles' titles
SEARCHED_FIELDS = (TEXT_FIELD, ABOUT_FIELD, TITLES_FIELD)


@functools.lru_cache(maxsize=200_000)
def cached_stem(word: str) -> str:
    """Porter stemming behind a C-level cache: Whoosh's own stem cache is written in Python
    and cost more than the stemming it saved. Module-level so the pickled schema names it."""
    return stem(word)


class NewsAnalyzer(Analyzer):
    """Whoosh's StemmingAnalyzer (its token pattern, lower case, our stop list with positions
    renumbered, Porter stems) in one loop instead of a chain of four generators: the same
    tokens (tests/search_index/test_analyzer.py) in ~40% less time; analysis is about a
    quarter of an ingest."""

    is_morph = True

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        if not tokenize:  # the whole value is one token, as Whoosh's tokenizer gives it
            token.original = value
            spans: Iterable[re.Match[str] | None] = [None]
        else:
            spans = default_pattern.finditer(value)
        renumbered: int | None = None  # as StopFilter: removed stop words leave no gap
        for raw, span in enumerate(spans):
            word = value if span is None else span.group()
            lowered = word.lower()
            if lowered in STOPLIST or not lowered:  # StopFilter's minsize=1 drops ""
                if removestops:
                    continue
                token.stopped = True
                token.text = lowered
                if positions:
                    token.pos = start_pos + raw
            else:
                token.stopped = False
                token.text = cached_stem(lowered)
                if positions:
                    renumbered = start_pos + raw if renumbered is None else renumbered + 1
                    token.pos = renumbered
            if keeporiginal:
                token.original = word
            if chars:
                token.startchar = start_char + (0 if span is None else span.start())
                token.endchar = start_char + (len(value) if span is None else span.end())
            yield token


    def term_positions(self, value: str) -> dict[str, list[int]]:
        """Each indexed term of value with its positions, as indexing with positions sees
        them (stop words out, the positions after the first kept word renumbered without
        gaps): what the segment builder writes, without a Token a word, the words found by
        one `findall` (the same pattern, without the group that made it yield spans)."""
        found: dict[str, list[int]] = {}
        position = -1  # before the first kept word: it takes its own place
        for raw, word in enumerate(_WORDS.findall(value)):
            lowered = word.lower()
            if lowered in STOPLIST:
                continue
            position = raw if position < 0 else position + 1
            term = cached_stem(lowered)
            at = found.get(term)
            if at is None:
                found[term] = [position]
            else:
                at.append(position)
        return found


def text_analyzer() -> NewsAnalyzer:
    """The analyzer of the searchable text fields; queries and highlights must use the same."""
    return NewsAnalyzer()


def build_schema() -> Schema:
    analyzer = text_analyzer()
    return Schema(
        doctype=ID(),
        # statement documents
        qkey=ID(unique=True, stored=True),  # normalised quote + speaker: one doc per quote
        member_ids=KEYWORD(commas=True),  # every Statement.id merged into this document
        # What a query matches, in three fields so that results can rank a statement's own
        # words above its speaker's role and both above the titles of its articles (see
        # SEARCHED_FIELDS). Queries read them as cached posting sets (search_index.index.postings).
        text=TEXT(analyzer=analyzer),
        about=TEXT(analyzer=analyzer),
        titles=TEXT(analyzer=analyzer),
        speaker=ID(stored=True),  # canonical name, exact: the speaker filter
        kind=ID(),
        outlet=KEYWORD(commas=True, lowercase=True),  # every reporting outlet
        # The day the words were said as YYYYMMDD, NO_DAY when the statement has no date: what
        # results sort and date filters select by, so an undated statement is never placed
        # under its article's date. A column only: read in memory, never as terms.
        sort_day=COLUMN(NumericColumn("i", default=NO_DAY)),
        # The date of the article that reported it (YYYYMMDD, NO_DAY when unknown): orders
        # undated statements among themselves, after every dated one.
        report_day=COLUMN(NumericColumn("i", default=NO_DAY)),
        payload=STORED(),  # JSON: the reports (see records.QuoteDocument)
        # JSON [role, organisation, sort_day, aliases]: what the speaker directory is built
        # from, small enough to read for every statement of a speaker at ingest.
        facts=STORED(),
        # article documents
        path=ID(unique=True, stored=True),
        record=STORED(),  # JSON: records.ArticleRecord
        # the meta and vocabulary documents
        meta_key=ID(unique=True),
        meta=STORED(),  # JSON: records.IndexMeta, or {word: count} for did-you-mean
    )


# Fields an index must have to be read by this version: an older index is rebuilt from the
# articles by the next `onrecord index` (its sort_day then held the article's date for an
# undated statement).
REQUIRED_FIELDS = (*SEARCHED_FIELDS, "report_day")


def schema_is_current(schema: Schema) -> bool:
    """False for an index built by an older onrecord (one `body` field, or undated statements
    sorted under their article's date)."""
    return all(name in schema for name in REQUIRED_FIELDS)


def day_number(value: date | None) -> int:
    """20240210 for 10 February 2024: coarse enough that a date range is few terms."""
    return value.year * 10000 + value.month * 100 + value.day if value else NO_DAY


def day_from_number(number: int | None) -> date | None:
    if not number:
        return None
    return date(number // 10000, number // 100 % 100, number % 100)


def stem_set(text: str) -> set[str]:
    """The distinct index terms of text (what the analyzer yields, stop words out) without
    building a Token each: /whosaid compares hundreds of statements with a phrase."""
    found = set()
    for span in default_pattern.finditer(text):
        lowered = span.group().lower()
        if lowered and lowered not in STOPLIST:
            found.add(cached_stem(lowered))
    return found


_PUNCTUATION = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@functools.lru_cache(maxsize=8192)  # /whosaid compares and groups the same texts repeatedly
def normalise_quote(text: str) -> str:
    """The words of a quote without case, punctuation or spacing: the same quote from two
    articles ("…partner," and "…partner.") normalises to the same string."""
    folded = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    folded = folded.replace("'", "")
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", folded)).strip()


def quote_key(text: str, speaker: str) -> str:
    basis = f"{normalise_quote(text)}\x1f{speaker.casefold().strip()}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:24]


def outlet_term(outlet: str) -> str:
    """Outlets are matched without case and with commas removed (the field splits on commas)."""
    return _SPACES.sub(" ", outlet.replace(",", " ")).strip().lower()


_WORD = re.compile(r"[^\W\d_]{3,30}")


def vocabulary_words(text: str) -> list[str]:
    """The words did-you-mean may suggest: letters only, three or more, lower case."""
    return _WORD.findall(text.casefold())
