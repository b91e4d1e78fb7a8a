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

import hashlib
import re
import unicodedata
from datetime import date

from whoosh.analysis import STOP_WORDS, StemmingAnalyzer
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

# "us" is a stop word in Whoosh's list, but in news text it is usually the country.
STOPLIST = frozenset(STOP_WORDS - {"us"})

DOCTYPE_STATEMENT = "statement"
DOCTYPE_ARTICLE = "article"
DOCTYPE_META = "meta"
META_KEY = "meta"
VOCABULARY_KEY = "vocabulary"

# A day with no date sorts before every real one.
NO_DAY = 0


def text_analyzer() -> StemmingAnalyzer:
    """The analyzer of the searchable text fields; queries and highlights must use the same."""
    return StemmingAnalyzer(stoplist=STOPLIST, minsize=1, cachesize=100_000)


def build_schema() -> Schema:
    analyzer = text_analyzer()
    return Schema(
        doctype=ID(),
        # statement documents
        qkey=ID(unique=True, stored=True),  # normalised quote + speaker: one doc per quote
        member_ids=KEYWORD(commas=True),  # every Statement.id merged into this document
        # What a query matches, in ONE field so that each query word is one posting list:
        # the quoted words, then the speaker's name, aliases, role and organisation and the
        # reporting articles' titles. (Two fields doubled the cost of every AND query.)
        body=TEXT(analyzer=analyzer),
        speaker=ID(stored=True),  # canonical name, exact: the speaker filter
        kind=ID(),
        outlet=KEYWORD(commas=True, lowercase=True),  # every reporting outlet
        # The statement's date, or its article's when it has none, as YYYYMMDD: what results
        # sort by. A column only: date filters and ordering use it in memory, never as terms.
        sort_day=COLUMN(NumericColumn("i", default=NO_DAY)),
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


def day_number(value: date | None) -> int:
    """20240210 for 10 February 2024: coarse enough that a date range is few terms."""
    return value.year * 10000 + value.month * 100 + value.day if value else NO_DAY


def day_from_number(number: int | None) -> date | None:
    if not number:
        return None
    return date(number // 10000, number // 100 % 100, number % 100)


_PUNCTUATION = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


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
