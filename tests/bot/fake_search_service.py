"""A small in-memory search service that keeps the SearchService contract, for bot tests.

It matches words case-insensitively, ranks by how many query words a statement holds (newest
first on ties), pages, highlights matches as TextRuns and resolves speakers by name, alias or
surname, so the command layer can be tested without an index on disk.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from datetime import date

from search_index.errors import IndexUnavailable
from search_index.models import (
    DateBasis,
    Hit,
    IndexStats,
    SearchResult,
    Source,
    SourceSummary,
    Speaker,
    SpeakerRole,
    Statement,
    TextRun,
    WhoSaidResult,
)
from search_index.search.timeline import Timeline, build_timeline
from search_index.search.whosaid import Phrase, build_result

_WORD = re.compile(r"\w+")


def statement(
    number: int,
    text: str,
    speaker: str,
    *,
    role: str | None = None,
    when: date | None = None,
    basis: DateBasis = DateBasis.STATED,
    confidence: float = 0.9,
    outlet: str | None = "Daily Ledger",
    title: str | None = "Officials speak on the vote",
    url: str | None = "https://news.example/vote",
    context: str | None = None,
    kind: str = "direct",
    published: date | None = None,
    cue: str | None = "said",
) -> tuple[Statement, str]:
    record = Statement(
        id=f"s{number:03d}", text=text, kind=kind, speaker=speaker,  # type: ignore[arg-type]
        speaker_mention=speaker.split()[-1], role=role, date=when, date_basis=basis,
        confidence=confidence, article_id=f"a{number % 3}", file=f"article{number % 3}.txt",
        title=title, outlet=outlet, url=url, published=published or when, paragraph=0,
        start=0, end=len(text), cue=cue,
    )
    return record, context or f"Speaking to reporters, {speaker} said: “{text}”"


DEFAULT_STATEMENTS = [
    statement(1, "We look forward to timely, complete results from the elections.",
              "Matthew Miller", role="State Department Spokesperson", when=date(2024, 2, 10)),
    statement(2, "The elections must be free and fair for every voter.",
              "Matthew Miller", role="State Department Spokesperson", when=date(2024, 2, 9)),
    statement(3, "We want relations built on mutual respect and non-interference.",
              "Khawaja Asif", role="Defence Minister", when=date(2024, 11, 7),
              outlet="Evening Star", title="Minister outlines ties",
              url="https://star.example/ties"),
    statement(4, "Our cooperation against terrorism will continue.",
              "Khawaja Asif", role="Foreign Minister", when=date(2017, 10, 4),
              outlet="Evening Star", title="Talks in Washington", url=None),
    statement(5, "The elections showed the strength of the institutions.",
              "Mumtaz Zahra Baloch", role="Foreign Office Spokesperson", when=date(2023, 6, 1),
              basis=DateBasis.ARTICLE, confidence=0.3, outlet="Evening Star",
              title="Weekly briefing", url="https://star.example/briefing"),
]


class FakeSearchService:
    def __init__(
        self,
        statements: list[tuple[Statement, str]] | None = None,
        *,
        aliases: dict[str, list[str]] | None = None,
        unavailable: bool = False,
    ) -> None:
        self.records = list(DEFAULT_STATEMENTS if statements is None else statements)
        self.aliases = aliases or {}
        self.unavailable = unavailable
        self.refreshed = 0
        self.search_calls: list[dict[str, object]] = []

    # --- searching ---------------------------------------------------------------------------

    def search(
        self,
        query: str,
        speaker: str | None = None,
        since: date | None = None,
        until: date | None = None,
        outlet: str | None = None,
        kind: str | Collection[str] | None = None,
        page: int = 1,
        per_page: int = 5,
    ) -> SearchResult:
        self._check()
        self.search_calls.append(dict(query=query, speaker=speaker, since=since, until=until,
                                      outlet=outlet, kind=kind, page=page, per_page=per_page))
        kinds = {kind} if isinstance(kind, str) else set(kind or ())
        terms = {word.lower() for word in _WORD.findall(query)}
        scored = []
        for record, context in self.records:
            words = {word.lower() for word in _WORD.findall(record.text)}
            score = len(terms & words)
            if not score or (speaker and record.speaker != speaker):
                continue
            if outlet and record.outlet != outlet:
                continue
            if kinds and record.kind not in kinds:
                continue
            if since and (record.date is None or record.date < since):
                continue
            if until and (record.date is None or record.date > until):
                continue
            scored.append((score, record, context))
        scored.sort(key=lambda entry: (-entry[0], -(entry[1].date or date.min).toordinal()))
        start = (page - 1) * per_page
        hits = [self._hit(record, context, terms) for _, record, context in
                scored[start : start + per_page]]
        return SearchResult(query=query, hits=hits, total=len(scored), page=page,
                            per_page=per_page)

    def latest(
        self, speaker: str, topic: str | None = None, limit: int = 5, page: int = 1
    ) -> SearchResult:
        self._check()
        terms = {word.lower() for word in _WORD.findall(topic or "")}
        mine = [
            (record, context) for record, context in self.records
            if record.speaker == speaker and (
                not terms or terms & {w.lower() for w in _WORD.findall(record.text)})
        ]
        # dated newest first, then the undated by their article's date, as the service orders
        mine.sort(key=lambda entry: (entry[0].date or date.min,
                                     entry[0].published or date.min), reverse=True)
        start = (page - 1) * limit
        hits = [self._hit(record, context, terms)
                for record, context in mine[start:start + limit]]
        return SearchResult(query=topic or "", hits=hits, total=len(mine), per_page=limit,
                            page=page)

    def _hit(self, record: Statement, context: str, terms: set[str]) -> Hit:
        runs = []
        position = 0
        for match in _WORD.finditer(record.text):
            if match.group().lower() in terms:
                runs.append(TextRun(text=record.text[position : match.start()]))
                runs.append(TextRun(text=match.group(), match=True))
                position = match.end()
        runs.append(TextRun(text=record.text[position:]))
        source = Source(article_id=record.article_id, file=record.file, title=record.title,
                        outlet=record.outlet, url=record.url, published=record.published)
        return Hit(statement=record, score=1.0, sources=[source],
                   highlight=[run for run in runs if run.text], context=None)

    # --- speakers and outlets ----------------------------------------------------------------

    def _speakers(self) -> list[Speaker]:
        people: dict[str, Speaker] = {}
        for record, _ in self.records:
            person = people.setdefault(record.speaker, Speaker(
                name=record.speaker, aliases=self.aliases.get(record.speaker, [])))
            person.statements += 1
            if record.role and record.role not in [role.role for role in person.roles]:
                person.roles.append(SpeakerRole(role=record.role, first=record.date,
                                                last=record.date))
            if record.date:
                person.first = min(filter(None, [person.first, record.date]))
                person.last = max(filter(None, [person.last, record.date]))
        return sorted(people.values(), key=lambda person: person.name)

    def speakers(self, prefix_or_name: str = "", limit: int = 25) -> list[Speaker]:
        self._check()
        wanted = prefix_or_name.strip().lower()
        found = [person for person in self._speakers() if not wanted or any(
            wanted in name.lower() for name in [person.name, *person.aliases])]
        if not found and wanted:
            names = {person.name.lower(): person for person in self._speakers()}
            close = difflib.get_close_matches(wanted, list(names), n=limit, cutoff=0.5)
            found = [names[name] for name in close]
        return found[:limit]

    def resolve_speaker(self, name: str) -> Speaker | None:
        self._check()
        wanted = name.strip().lower()
        for person in self._speakers():
            names = [person.name, *person.aliases, person.name.split()[-1]]
            if wanted in (candidate.lower() for candidate in names):
                return person
        close = self.speakers(name, limit=1)
        return close[0] if close else None

    def outlets(self, prefix: str = "", limit: int = 25) -> list[str]:
        self._check()
        names = sorted({record.outlet for record, _ in self.records if record.outlet})
        return [name for name in names if name.lower().startswith(prefix.lower())][:limit]

    def suggest(self, query: str) -> str | None:
        self._check()
        vocabulary = {w.lower() for record, _ in self.records for w in _WORD.findall(record.text)}
        words = []
        changed = False
        for word in _WORD.findall(query.lower()):
            if word in vocabulary:
                words.append(word)
                continue
            close = difflib.get_close_matches(word, sorted(vocabulary), n=1, cutoff=0.75)
            words.append(close[0] if close else word)
            changed = changed or bool(close)
        return " ".join(words) if changed else None

    # --- statements and sources ----------------------------------------------------------------

    def statement(self, statement_id: str) -> Hit | None:
        self._check()
        for record, context in self.records:
            if record.id == statement_id:
                return self._hit(record, context, set()).model_copy(update={"context": context})
        return None

    def related(self, statement_id: str, limit: int = 5) -> list[Hit]:
        self._check()
        target = self.statement(statement_id)
        if target is None:
            return []
        return [self._hit(record, context, set()) for record, context in self.records
                if record.speaker == target.statement.speaker and record.id != statement_id
                ][:limit]

    def sources(self) -> list[SourceSummary]:
        self._check()
        summaries: dict[str, SourceSummary] = {}
        for record, _ in self.records:
            summary = summaries.setdefault(record.article_id + (record.title or ""), SourceSummary(
                article_id=record.article_id, file=record.file, title=record.title,
                outlet=record.outlet, url=record.url, published=record.published))
            summary.statements += 1
        return list(summaries.values())

    def stats(self) -> IndexStats:
        self._check()
        dates = [record.date for record, _ in self.records if record.date]
        return IndexStats(
            articles=len(self.sources()), statements=len(self.records),
            speakers=len(self._speakers()), outlets=len(self.outlets()),
            first=min(dates) if dates else None, last=max(dates) if dates else None,
        )

    def refresh(self) -> None:
        self.refreshed += 1

    # --- who said it and over time -------------------------------------------------------------
    # The matching and counting are the library's own (whosaid.Phrase and build_result,
    # timeline.build_timeline); only finding the candidates is the fake's.

    def whosaid(self, phrase: str, limit: int = 10) -> WhoSaidResult:
        self._check()
        wanted = Phrase(phrase)
        matches = []
        for record, context in self.records:
            how = wanted.classify(record.text)
            if how is not None:
                matches.append((self._hit(record, context, set(wanted.distinct)), *how))
        result = build_result(wanted, matches, limit)
        if not result.groups:
            result.suggestion = self.suggest(wanted.text)
        return result

    def timeline(
        self,
        speaker: str | None = None,
        topic: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Timeline[Hit]:
        self._check()
        who = None
        if speaker is not None and speaker.strip():
            who = self.resolve_speaker(speaker)
            if who is None:
                return Timeline[Hit](since=since, until=until)
        terms = {word.lower() for word in _WORD.findall(topic or "")}
        chosen = [
            (record.date or record.published, self._hit(record, context, terms))
            for record, context in self.records
            if (who is None or record.speaker == who.name)
            and terms <= {word.lower() for word in _WORD.findall(record.text)}
        ]
        return build_timeline(chosen, since, until)

    def _check(self) -> None:
        if self.unavailable:
            raise IndexUnavailable("The index has not been built yet.")
