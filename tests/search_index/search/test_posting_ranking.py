"""Ranking from the compact posting files gives what ranking from Whoosh's own postings gives,
and what Whoosh's own query evaluation gives, on a realistic index (seeds plus synthetic
statements, two segments, deleted documents), for many queries of every kind."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from realistic_index import build
from whoosh import index as whoosh_index
from whoosh.scoring import BM25F

from search_index.index.posting_store import POSITION_FIELDS
from search_index.index.postings import Postings
from search_index.index.schema import DOCTYPE_STATEMENT, SEARCHED_FIELDS
from search_index.search.querying import ParsedQuery, build_query, parse_query
from search_index.search.ranking import (
    TIERS,
    matching_docs,
    rank,
    whoosh_ranked,
)


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("ranked"))


@pytest.fixture(scope="module")
def opened(index):
    ix = whoosh_index.open_dir(str(index))
    searcher = ix.searcher(weighting=BM25F())  # Whoosh's default, named: the reference
    yield searcher, Postings(searcher), Postings(searcher, use_files=False)
    searcher.close()


def queries(searcher, count: int = 160) -> list[str]:
    """Words of every frequency, pairs, phrases taken from statements (and phrases reversed,
    which mostly match nothing), names, and words that are nowhere."""
    rng = random.Random(5)
    reader = searcher.reader()
    words = sorted((reader.doc_frequency("text", raw), raw.decode())
                   for raw in reader.lexicon("text"))
    common = [w for _, w in words[-60:]]
    rare = [w for f, w in words if f <= 3][:200]
    texts = [fields["payload"] for fields in searcher.documents(doctype=DOCTYPE_STATEMENT)]
    found: list[str] = []
    for _ in range(count // 8):
        found.append(rng.choice(common))
        found.append(rng.choice(rare))
        found.append(f"{rng.choice(common)} {rng.choice(common)}")
        found.append(f"{rng.choice(common)} {rng.choice(rare)} {rng.choice(common)}")
        text = rng.choice(texts).split('"text":"')[1].split('"')[0].split()
        start = rng.randrange(max(1, len(text) - 3))
        found.append('"' + " ".join(text[start:start + rng.randint(2, 3)]) + '"')
        found.append('"' + " ".join(reversed(text[start:start + 2])) + '"')
        found.append(rng.choice(["kirby", "ortiz minister", "trade", "zzyzx qwerty"]))
        found.append(f'{rng.choice(common)} "{" ".join(text[start:start + 2])}"')
    return found


def test_rank_from_the_files_equals_rank_from_whoosh_postings(opened):
    searcher, stored, whoosh = opened
    rng = random.Random(9)
    every = list(range(searcher.doc_count_all()))
    compared = matched = 0
    for text in queries(searcher):
        parsed = parse_query(text)
        for conjunction in (True, False):
            allowed = None if rng.random() < 0.6 else set(rng.sample(every, len(every) // 3))
            for start in (0, 5, 40):
                ours = rank(stored, parsed, allowed, start, start + 10, conjunction)
                theirs = rank(whoosh, parsed, allowed, start, start + 10, conjunction)
                assert (ours.total, ours.hits) == (theirs.total, theirs.hits), text
                compared += 1
                matched += bool(ours.hits)
            assert (matching_docs(stored, parsed, allowed, conjunction)
                    == matching_docs(whoosh, parsed, allowed, conjunction))
    assert compared > 900 and matched > 300


def test_matches_and_tiers_are_what_whoosh_queries_find(opened):
    """Every match, and the first tier (own words) and second (own words or speaker), as
    Whoosh's own query evaluation finds them."""
    searcher, stored, _ = opened
    for text in queries(searcher, 80):
        parsed = parse_query(text)
        if parsed.empty:
            continue
        ranking = rank(stored, parsed, None, 0, 10_000)
        expected = set(searcher.docs_for_query(build_query(parsed)))
        assert ranking.total == len(expected), text
        order = [d for d, _ in ranking.hits]
        assert set(order) == expected, text
        first_tier = set(searcher.docs_for_query(build_query(parsed, fields=TIERS[0])))
        second = set(searcher.docs_for_query(build_query(parsed, fields=TIERS[1])))
        assert set(order[:len(first_tier & expected)]) == first_tier & expected, text
        assert set(order[:len(second & expected)]) == second & expected, text


def test_whoosh_ranked_scores_are_whoosh_collector_scores(opened):
    """Word queries: the same documents and scores as Whoosh's own BM25F collector (to
    rounding: Whoosh writes the formula in another order)."""
    searcher, stored, _ = opened
    rng = random.Random(3)
    reader = searcher.reader()
    words = [raw.decode() for raw in reader.lexicon("text")]
    for _ in range(60):
        parsed = ParsedQuery(words=rng.sample(words[:: max(1, len(words) // 300)], 2))
        for conjunction in (True, False):
            ours = whoosh_ranked(stored, parsed, 50, conjunction)
            results = searcher.search(build_query(parsed, conjunction), limit=None)
            theirs = {hit.docnum: hit.score for hit in results}
            assert len(ours) == min(50, len(theirs))
            for docnum, score in ours:
                assert score == pytest.approx(theirs[docnum], rel=1e-9)
            best = sorted(theirs.values(), reverse=True)[:len(ours)]
            assert [s for _, s in ours] == pytest.approx(best, rel=1e-9)


def test_every_searched_field_is_stored_with_positions():
    assert set(SEARCHED_FIELDS) <= set(POSITION_FIELDS)
