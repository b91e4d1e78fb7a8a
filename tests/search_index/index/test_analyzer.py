"""The index's analyzer gives exactly the tokens of Whoosh's StemmingAnalyzer it replaces."""

from __future__ import annotations

import pickle

import pytest
from whoosh.analysis import StemmingAnalyzer

from search_index.index.schema import STOPLIST, NewsAnalyzer, cached_stem, stem_set

TEXTS = [
    "The U.S. will continue to engage with the leaders elected by the people of Pakistan.",
    "Free and fair elections are for the people to decide, the spokesperson said.",
    "Rates rose 3.5% in March; the minister's office called it “temporary”.",
    "Élections, Ünïcode wörds and the CAPITALS of the Prime Minister",
    "the and of to",
    "",
    "   ",
    "a",
]
OPTIONS = [
    {},
    {"positions": True},
    {"positions": True, "chars": True},
    {"positions": True, "chars": True, "removestops": False},
    {"positions": True, "start_pos": 5, "chars": True, "start_char": 7, "keeporiginal": True},
    {"tokenize": False},
    {"positions": True, "mode": "index"},
]


def tokens(analyzer, text: str, options: dict) -> list[tuple]:
    return [
        (t.text, getattr(t, "pos", None), getattr(t, "startchar", None),
         getattr(t, "endchar", None), t.stopped, getattr(t, "original", None))
        for t in analyzer(text, **options)
    ]


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("text", TEXTS)
def test_same_tokens_as_whoosh(text, options):
    whoosh = StemmingAnalyzer(stemfn=cached_stem, stoplist=STOPLIST, minsize=1, cachesize=None)
    assert tokens(NewsAnalyzer(), text, options) == tokens(whoosh, text, options)


def test_stop_words_leave_no_gap_so_phrases_match_across_them():
    found = [(t.text, t.pos) for t in NewsAnalyzer()("free and fair elections", positions=True)]
    assert found == [("free", 0), ("fair", 1), ("elect", 2)]


def test_survives_the_schema_pickle():
    """Whoosh stores the schema, analyzer included, in the index's table of contents."""
    again = pickle.loads(pickle.dumps(NewsAnalyzer()))
    assert [t.text for t in again("Elections were held")] == ["elect", "were", "held"]


@pytest.mark.parametrize("text", TEXTS)
def test_the_stem_set_is_the_analyzers_terms(text):
    assert stem_set(text) == {token.text for token in NewsAnalyzer()(text)}
