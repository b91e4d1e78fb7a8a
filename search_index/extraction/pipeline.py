"""The extraction pipeline: Article -> Statements, one file or a batch.

Quotes are found (quotes.py), attributed (attribution.py) or read as transcript turns
(transcripts.py), de-duplicated, and dated (statement_dates.py). In a
batch one SpeakerRegistry is shared and filled with every full name first, so a surname alone
in one article resolves to the full name another article gives.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from search_index.articles.loading import load_article
from search_index.errors import ArticleError
from search_index.extraction.attribution import attribute
from search_index.extraction.hansard import Contribution, contributions
from search_index.extraction.institutions import name_owners
from search_index.extraction.mentions import organisation_of, people_in
from search_index.extraction.notables import NOTABLES
from search_index.extraction.paragraph_reader import Attributed
from search_index.extraction.quotes import find_quotes
from search_index.extraction.sources import UNNAMED_KINDS
from search_index.extraction.speakers import SpeakerRegistry, normalise_name, surname
from search_index.extraction.statement_dates import TRANSCRIPT_CUE, StatementDater
from search_index.extraction.transcripts import (
    answer_turns,
    has_turn_label,
    is_transcript,
    labelled_roles,
)
from search_index.extraction.utterances import join_utterances, utterance_text
from search_index.models import Article, DateBasis, SpeakerKind, Statement

log = logging.getLogger(__name__)

# A role's first and last dates, and a speaker's, come only from dates at least this sure.
CONFIDENT_DATE = 0.5
# The discourse's entity kinds as the contract names them: a named institution or a country
# speaking is an organisation; sources nobody names keep their own kind.
_SPEAKER_KINDS: dict[str, SpeakerKind] = {
    "person": "person", "institution": "organisation", "country": "organisation",
    "organisation": "organisation", "unnamed": "unnamed", "document": "document",
    "group": "group"}
_SPOKES = re.compile(r"spokes(?:person|man|woman)|spox|press secretary", re.I)


class ExtractionOutcome(BaseModel):
    """What one file gave: its article and statements, or a one-line reason it gave nothing."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    path: Path
    article: Article | None = None
    statements: list[Statement] = []
    error: str | None = None


def full_names(article: Article) -> list[str]:
    """The article's full names as people are written (a role or title beside them, a
    reporting verb after them), never "Water Resources" or "Brookings Institution"."""
    return [person.name for paragraph in article.paragraphs
            for person in people_in(article.text, paragraph.start, paragraph.end)
            if person.name and len(person.name.split()) > 1 and person.extras.get("person")]


def learn_names(article: Article, registry: SpeakerRegistry) -> None:
    """Put the article's full names into the registry."""
    for name in full_names(article):
        registry.observe(name)


def extract_article(article: Article, registry: SpeakerRegistry | None = None, *,
                    names_learned: bool = False) -> list[Statement]:
    """Every statement of one article, in text order. `names_learned`: a batch put the
    article's full names into `registry` already (reading them again costs a tenth of the
    article's time and teaches the registry nothing new)."""
    if registry is not None and not names_learned:
        learn_names(article, registry)
    paragraphs = article.paragraphs
    record = contributions(article.text, paragraphs)
    if is_transcript(paragraphs):
        found = _transcript_statements(article, registry)
    elif record:
        found = [_contribution_statement(article, c) for c in record]
    else:
        quotes = find_quotes(article.text, paragraphs)
        trusted = article.published if article.published_confidence >= 0.5 else None
        found = attribute(article.text, paragraphs, quotes, registry, trusted, article.byline)
    name_owners(found, article)  # "the Foreign Office" of an Islamabad story is Pakistan's
    found = join_utterances(article.text, _without_duplicates(article.text, found))
    statements = _dated_statements(article, found, registry)
    return statements


def _transcript_statements(article: Article, registry: SpeakerRegistry | None
                           ) -> list[Attributed]:
    people: dict[str, str | None] = {}
    for paragraph in article.paragraphs:
        for person in people_in(article.text, paragraph.start, paragraph.end):
            if person.name and (person.name not in people or person.role):
                people[person.name] = person.role
    # The header names the officials: "Matthew Miller, Department Spokesperson" on its own
    # line, "Press Briefing by Press Secretary Karine Jean-Pierre" as the title.
    header_end = article.paragraphs[0].start if article.paragraphs else len(article.text)
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", article.text[:header_end])]
    if article.title and article.title not in article.text[:header_end]:
        lines.append((-1, -1))
    for start, end in lines:
        text, offset = (article.title or "", 0) if start < 0 else (article.text, start)
        for person in people_in(text, offset, len(article.title or "") if start < 0 else end):
            if person.name and (people.get(person.name) is None):
                people[person.name] = person.role
    people.update(labelled_roles(article.paragraphs))
    spokesperson = next((n for n, r in people.items() if r and _SPOKES.search(r)), None)
    # "Q. … A. …": an unnamed answer is the interviewee's, whom the introduction names
    spokesperson = spokesperson or _interviewee(article)
    found: list[Attributed] = []
    for turn in answer_turns(article.text, article.paragraphs):
        name: str | None
        if turn.name:  # "PREMIER DANIEL FORSYTH:", "MINISTER FOR HEALTH, KATE LIND:"
            name = turn.name
            if turn.role or name not in people:
                people[name] = turn.role or people.get(name)
        elif turn.role and not turn.surname:  # "PREMIER:": whoever the page gave that role
            name = _holder_of(turn.role, people)
        elif turn.label and len(turn.label.split()) > 1 and not turn.label.isupper():
            name = turn.label  # "Matthew Miller (00:04):" already names the speaker
        elif turn.label and len(turn.label.split()) > 1:
            # "BRIGADIER GENERAL DANA WHITFIELD:": the full name, and later "GEN. WHITFIELD:"
            name = turn.label.title()
            people.setdefault(name, None)
        elif turn.surname:
            key = normalise_name(turn.surname)
            local = [n for n in people if surname(n) == key]
            name = local[0] if local else (registry.resolve(turn.surname) if registry else None)
            name = name or _notable(turn.surname, article.published) or turn.surname
        else:
            name = spokesperson
        if not name:
            continue
        role = people.get(name)
        paragraph = article.paragraphs[turn.paragraph]
        found.append(Attributed(
            start=turn.start, end=turn.end, paragraph=turn.paragraph, kind="direct",
            speaker=name, mention=turn.label or "Answer", speaker_kind="person", role=role,
            organisation=organisation_of(role), cue=TRANSCRIPT_CUE, sentence_start=paragraph.start,
            sentence_end=paragraph.start, carried=True))
    return found


def _contribution_statement(article: Article, contribution: Contribution) -> Attributed:
    """A member's words in a parliamentary record, said on the sitting's day."""
    paragraph = article.paragraphs[contribution.paragraph]
    return Attributed(
        start=contribution.start, end=contribution.end, paragraph=contribution.paragraph,
        kind="direct", speaker=contribution.name, mention=contribution.name,
        speaker_kind="person", role=contribution.role,
        organisation=organisation_of(contribution.role), cue=TRANSCRIPT_CUE,
        sentence_start=paragraph.start, sentence_end=paragraph.start, carried=True)


_INTERVIEW = re.compile(r"\binterview", re.I)


def _interviewee(article: Article) -> str | None:
    """The person the introduction above the first turn names: in the paragraph that speaks
    of the interview if one does ("said … in an interview with the Daily on Friday"), else the
    first named."""
    first_turn = next((n for n, p in enumerate(article.paragraphs) if has_turn_label(p)),
                      len(article.paragraphs))
    named: list[tuple[bool, str]] = []
    for paragraph in article.paragraphs[:first_turn]:
        for person in people_in(article.text, paragraph.start, paragraph.end):
            if person.name and len(person.name.split()) > 1:
                named.append((bool(_INTERVIEW.search(paragraph.text)), person.name))
    return next((n for about, n in named if about), named[0][1] if named else None)


def _holder_of(role: str, people: dict[str, str | None]) -> str | None:
    """The person whose role holds every word of `role` ("Premier" -> the one labelled
    "Premier" or "Premier of Tasmania"), the latest named if several."""
    # plain words: normalise_name drops titles, and "Minister" is all a "MINISTER:" label says
    def words(text: str) -> set[str]:
        return set(re.findall(r"[^\W_]+", text.lower()))

    wanted = words(role)
    holders = [n for n, r in people.items() if r and wanted <= words(r)]
    return holders[-1] if holders else None


def _notable(mention: str, when: datetime.date | None) -> str | None:
    from search_index.extraction.notables import resolve_notable

    return resolve_notable(mention, when)


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "


def _without_duplicates(source: str, found: list[Attributed]) -> list[Attributed]:
    """One statement per quote: a headline or bullet that repeats a body quote goes, and so
    does the same quote printed twice."""
    kept: list[Attributed] = []
    texts = [_words(source[s.start:s.end]) for s in found]
    for n, statement in enumerate(found):
        mine = texts[n]
        repeated = any(
            m != n and ((texts[m] == mine and (m < n or (found[n].display
                                                          and not found[m].display)))
                        or (statement.display and not found[m].display and mine in texts[m]))
            for m in range(len(found)) if found[m].kind != "indirect" or statement.kind
            == "indirect")
        if not repeated:
            kept.append(statement)
    return kept


def _dated_statements(article: Article, found: list[Attributed],
                      registry: SpeakerRegistry | None) -> list[Statement]:
    dater = StatementDater(article, found)
    statements: list[Statement] = []
    for item in found:
        dated = dater.date_of(item)
        if item.dates_only:
            continue  # narration about a statement: it dated its speaker, it says nothing
        role = item.role
        if registry is not None and item.speaker_kind not in UNNAMED_KINDS:
            sure = dated.date if dated.confidence >= CONFIDENT_DATE else None
            canonical = registry.observe(
                item.speaker, role, item.organisation, sure,
                institution=item.speaker_kind != "person", statement=True)
            if canonical != item.speaker:
                item.speaker = canonical
        paragraph = article.paragraphs[item.paragraph] if item.paragraph < len(
            article.paragraphs) else None
        statements.append(Statement(
            id=_statement_id(article.id, item),
            text=utterance_text(article.text, item),
            kind=item.kind,
            speaker=item.speaker,
            speaker_mention=item.mention,
            speaker_kind=_SPEAKER_KINDS.get(item.speaker_kind, "person"),
            role=role,
            organisation=item.organisation,
            cue=item.cue,
            date=dated.date,
            date_basis=dated.basis,
            confidence=round(dated.confidence, 3),
            article_id=article.id,
            file=article.file,
            title=article.title,
            outlet=article.outlet,
            via=article.via,
            url=article.url,
            # the article's date: a masthead's is the day the page was copied, no article's
            published=(article.published
                       if article.published_basis != DateBasis.MASTHEAD else None),
            opening=article.opening_words(),
            paragraph=paragraph.index if paragraph is not None else item.paragraph,
            start=item.start,
            end=item.end,
            pieces=list(item.pieces),
        ))
    return statements


def _statement_id(article_id: str, item: Attributed) -> str:
    key = f"{article_id}:{item.start}:{item.end}:{item.kind}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# -- batches ----------------------------------------------------------------------------------
def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder becomes its .txt files, sorted."""
    expanded: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            expanded.extend(sorted(p for p in path.iterdir() if p.suffix == ".txt"
                                   and p.is_file()))
        else:
            expanded.append(path)
    return expanded


def load_one(path: Path) -> tuple[Path, Article | None, str | None]:
    """One file read: its article, or a one-line reason it could not be read."""
    try:
        return path, load_article(path), None
    except ArticleError as error:
        return path, None, str(error)
    except Exception as error:  # one bad file must not stop the batch
        log.exception("could not read %s", path)
        return path, None, f"{path.name}: could not be read ({type(error).__name__})"


def extract_one(path: Path, article: Article | None, error: str | None,
                registry: SpeakerRegistry) -> ExtractionOutcome:
    """One read file's outcome: its statements, or why it gave none. The batch has put every
    file's full names into `registry` before."""
    if article is None:
        return ExtractionOutcome(path=path, error=error)
    try:
        statements = extract_article(article, registry, names_learned=True)
    except Exception as failure:
        log.exception("extraction failed on %s", path)
        return ExtractionOutcome(path=path, article=article, error=(
            f"{path.name}: extraction failed ({type(failure).__name__})"))
    return ExtractionOutcome(path=path, article=article, statements=statements)


def extract_paths(paths: Iterable[Path], registry: SpeakerRegistry | None = None
                  ) -> Iterator[ExtractionOutcome]:
    """Extract a batch. Every file is read first and its full names learned, so the second
    pass resolves surnames across articles; a file that fails gives an outcome with `error`
    and the batch goes on."""
    registry = registry if registry is not None else SpeakerRegistry()
    loaded = [load_one(path) for path in expand_paths(paths)]
    for _path, article, _error in loaded:
        if article is not None:
            learn_names(article, registry)
    for path, article, error in loaded:
        yield extract_one(path, article, error, registry)


__all__ = ["NOTABLES", "ExtractionOutcome", "expand_paths", "extract_article", "extract_paths"]
