"""/whosaid classifying and grouping its candidates from the statement files gives what it gave
reading every candidate's stored payload and analysing its words (the path before the files,
kept here as the reference), on a realistic index (seeds plus synthetic statements, two
segments, deleted documents), for many phrases of every kind and several limits."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from realistic_index import KINDS, SPEAKERS, build
from statement_factory import fake_extractor, fake_loader, write_article
from whoosh import index as whoosh_index

from search_index.index.ingest import ingest
from search_index.index.records import representative_gist
from search_index.index.schema import DOCTYPE_STATEMENT
from search_index.models import SaidGroup, WhoSaidResult
from search_index.search import whosaid as reverse_lookup
from search_index.search.querying import ParsedQuery, parse_query
from search_index.search.ranking import whoosh_ranked
from search_index.search.service import WHOSAID_CANDIDATES, SearchService, _Candidate
from search_index.search.suggestions import suggest


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    """The realistic index, and a batch in which a few statements' words are said again by
    other speakers, as quotes and as paraphrase, on other dates (groups of several)."""
    root = tmp_path_factory.mktemp("whosaid_files")
    index_dir = build(root)
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        texts = [representative_gist(fields["payload"]).text
                 for fields in searcher.documents(doctype=DOCTYPE_STATEMENT)]
    rng = random.Random(3)
    repeated = rng.sample(texts, 12)
    (root / "again").mkdir()
    for number in range(15):
        write_article(root / "again", f"again_{number:02}.txt", [{
            "text": rng.choice(repeated), "speaker": rng.choice(SPEAKERS),
            "kind": rng.choice(KINDS),
            "date": f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            if rng.random() > 0.3 else None,
        } for _ in range(4)], outlet=rng.choice(["Daily Ledger", "Wire Report"]))
    ingest([root / "again"], index_dir, loader=fake_loader, extractor=fake_extractor)
    return index_dir


def payload_whosaid(service: SearchService, phrase: str, limit: int) -> WhoSaidResult:
    """/whosaid as it was before the statement files: each candidate's payload read and its
    words normalised and stemmed afresh."""
    wanted = reverse_lookup.Phrase(phrase)

    def run(view):
        if wanted.empty:
            return reverse_lookup.WhoSaidResult(phrase=wanted.text)
        every_word = ParsedQuery(words=list(wanted.distinct))
        plans = [(every_word, True)]
        if len(wanted.stems) >= 2:
            plans.insert(0, (ParsedQuery(phrases=[list(wanted.stems)]), True))
        if len(wanted.distinct) >= 3:
            plans.append((every_word, False))
        found, seen = [], set()
        for parsed, conjunction in plans:
            ranked = whoosh_ranked(view.postings, parsed, WHOSAID_CANDIDATES, conjunction)
            for docnum, score in ranked:
                if docnum in seen:
                    continue
                seen.add(docnum)
                gist = representative_gist(view.searcher.stored_fields(docnum)["payload"])
                how = wanted.classify(gist.text)
                if how is not None:
                    found.append((_Candidate(docnum, score, gist), *how))
            if reverse_lookup.group_count(found) >= limit:
                break
        groups = reverse_lookup.ordered_groups(found)
        terms = set(wanted.distinct)
        result = reverse_lookup.WhoSaidResult(
            phrase=wanted.text,
            groups=[SaidGroup(match=match, words_matched=matched, hits=[
                service._hit(view, c.docnum, c.score, terms) for c in candidates])
                for match, matched, candidates in groups[:limit]],
            total=len(groups))
        if not result.groups:
            result.suggestion = suggest(view, parse_query(wanted.text))
        return result

    return service._run(run)


def phrases(index: Path, count: int) -> list[str]:
    """Runs of a statement's words as written (with their punctuation and case), the same
    words shuffled or with a word changed, single words, pairs of common words, words in
    other forms, quoted and unquoted, and words that are nowhere."""
    rng = random.Random(17)
    ix = whoosh_index.open_dir(str(index))
    with ix.searcher() as searcher:
        texts = [representative_gist(fields["payload"]).text
                 for fields in searcher.documents(doctype=DOCTYPE_STATEMENT)]
        common = [raw.decode() for _, raw in sorted(
            (searcher.reader().doc_frequency("text", raw), raw)
            for raw in searcher.reader().lexicon("text"))[-80:]]
    found: list[str] = []
    for _ in range(count // 8):
        words = rng.choice(texts).split()
        start = rng.randrange(max(1, len(words) - 2))
        run = words[start:start + rng.randint(2, 6)]
        found.append(" ".join(run))
        found.append('"' + " ".join(run).lower().rstrip(".,") + '"')
        shuffled = run[:]
        rng.shuffle(shuffled)
        found.append(" ".join(shuffled))
        changed = run[:]
        changed[rng.randrange(len(changed))] = rng.choice([*common, "zzyzx"])
        found.append(" ".join([*changed, rng.choice(common)]))
        found.append(rng.choice(common))
        found.append(f"{rng.choice(common)} {rng.choice(common)} {rng.choice(common)}")
        found.append(" ".join(word.rstrip(".,") + rng.choice(["s", "ed", "ing", ""])
                              for word in run))
        found.append(rng.choice(["major non-NATO ally", "qwerty zzyzx", "“ ”", "the of and",
                                 "Lena Ortiz", "steel tariffs rise"]))
    return found


def test_whosaid_from_the_files_equals_whosaid_from_the_payloads(index):
    service = SearchService(index)
    compared = grouped = shown_words = 0
    for number, phrase in enumerate(phrases(index, 240)):
        limit = (10, 3, 1, 50)[number % 4]
        ours = service.whosaid(phrase, limit=limit)
        theirs = payload_whosaid(service, phrase, limit)
        assert ours.model_dump() == theirs.model_dump(), phrase
        compared += 1
        grouped += any(len(group.hits) > 1 for group in ours.groups)
        shown_words += sum(group.match == "phrase" for group in ours.groups)
    # the comparison covered groups of several statements and exact-words matches
    assert compared == 240 and grouped >= 5 and shown_words >= 50


def test_a_statement_the_files_lack_is_read_from_its_payload(index, monkeypatch):
    service = SearchService(index)
    phrase = phrases(index, 8)[0]
    before = service.whosaid(phrase).model_dump()
    assert before["groups"]
    statements = service._run(lambda view: view.statements())
    monkeypatch.setattr(statements, "fields", lambda docnum: None)
    assert service.whosaid(phrase).model_dump() == before
