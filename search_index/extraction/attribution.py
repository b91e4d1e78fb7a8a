"""Who said each quote, and which sentences report speech without quoting it: the article-level
pass.

Each paragraph is read by `paragraph_reader.ParagraphReader` against one `discourse.Discourse`
for the whole article, so pronouns, surnames and role nouns ("the spokesperson", "the
statement") resolve to the most recent compatible speaker. Afterwards two repairs need the whole
article: a quoted fragment inside a longer quote, and a country standing for its spokesperson.
A quote with no speaker (scare quotes, titles) is not a statement.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from search_index.extraction.discourse import SPOKESPERSON_ROLE, Discourse
from search_index.extraction.gender import learn_genders
from search_index.extraction.paragraph_reader import Attributed, ParagraphReader
from search_index.extraction.quotes import QuoteSpan
from search_index.extraction.sources import UNNAMED_KINDS
from search_index.extraction.speakers import SpeakerRegistry
from search_index.models import Paragraph


def attribute(source: str, paragraphs: Sequence[Paragraph], quotes: Sequence[QuoteSpan],
              registry: SpeakerRegistry | None = None, when: datetime.date | None = None,
              author: str | None = None) -> list[Attributed]:
    """Every attributed statement (quotes and reported speech) of an article, in text order.
    `when` is the article's date if it is trusted (it narrows well-known surnames); `author`
    the byline, the "I" of a first-person piece."""
    genders = learn_genders(source, paragraphs, [(q.start, q.end) for q in quotes])
    discourse = Discourse(source, paragraphs, registry, when, genders, author)
    by_paragraph: dict[int, list[QuoteSpan]] = {}
    for quote in quotes:
        for n in range(quote.paragraph, quote.last_paragraph + 1):
            by_paragraph.setdefault(n, []).append(quote)
    found: list[Attributed] = []
    for n, paragraph in enumerate(paragraphs):
        reader = ParagraphReader(discourse, paragraph, n, by_paragraph.get(n, []))
        if reader.display:
            # a headline or a bullet leaves no trace: "Flexes Muscles" or "Another Sext
            # Scandal" is never the "he" of the story
            state = discourse.checkpoint()
            found.extend(reader.read())
            discourse.restore(state)
        else:
            found.extend(reader.read())
    _settle_weak_speakers(found, source)
    return found


def _settle_weak_speakers(found: list[Attributed], source: str) -> None:
    """Article-level repairs. A quoted fragment that also appears inside a longer direct
    quote was said by that quote's speaker. A country as speaker ("Pakistan has stressed …")
    stands for its spokesperson when the article names one."""
    direct = [s for s in found if s.kind == "direct" and s.speaker_kind != "country"]
    spokes = next((s for s in found if s.speaker_kind == "person" and s.role
                   and SPOKESPERSON_ROLE.search(s.role)), None)
    for statement in found:
        if statement.kind == "indirect" and statement.speaker_kind == "country" and spokes:
            _adopt(statement, spokes)  # "Pakistan has stressed that …", the spokesperson's words
            continue
        if statement.kind != "partial":
            continue
        container = next((d for d in direct if d is not statement
                          and d.start <= statement.start and statement.end <= d.end), None)
        if container is None:
            words = _words(source[statement.start:statement.end])
            container = next((d for d in direct if d is not statement and words
                              and words in _words(source[d.start:d.end])), None)
        if container is not None and (statement.speaker_kind in {"country", "none"}
                                      or statement.speaker_kind in UNNAMED_KINDS):
            _adopt(statement, container)
        elif statement.speaker_kind == "country" and spokes is not None:
            _adopt(statement, spokes)
    # Reported speech follows the same repairs: a clause holding a quoted fragment was said by
    # whoever said the fragment, and a country stands for its spokesperson. A country nobody
    # speaks for is no speaker of a paraphrase.
    partials = [s for s in found if s.kind == "partial" and s.speaker_kind != "none"]
    for statement in found:
        if statement.kind != "indirect" or statement.dates_only:
            continue
        fragment = next((p for p in partials
                         if statement.start <= p.start and p.end <= statement.end), None)
        if fragment is not None and fragment.speaker_kind != "country":
            _adopt(statement, fragment)
        elif statement.speaker_kind == "country":
            if spokes is not None:
                _adopt(statement, spokes)
            else:
                statement.speaker_kind = "none"
    found[:] = [s for s in found if s.speaker_kind != "none"]


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "


def _adopt(statement: Attributed, other: Attributed) -> None:
    statement.speaker, statement.speaker_kind = other.speaker, other.speaker_kind
    statement.role, statement.organisation = other.role, other.organisation
