"""The blind held-out set of real news pages is well formed: its gold can be scored as it stands.

Only the labelling is checked here, never the extractor's figures on the set: those are measured
by hand (benchmarks/real_heldout_score.py) and kept in the folder's BASELINE.txt and RESULTS.md,
so that nobody tunes against the set through a failing test.
"""

import json
from pathlib import Path

import pytest

from search_index.extraction.evaluate import GoldStatement, load_gold

HELDOUT = Path(__file__).resolve().parents[2] / "data" / "real_heldout"
GOLD = HELDOUT / "gold.jsonl"
KINDS = {"direct", "partial", "indirect"}


def _articles() -> list[str]:
    return sorted(p.name for p in HELDOUT.glob("[0-9][0-9][0-9]_*.txt"))


def _records() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]


def test_every_gold_quote_is_verbatim_in_its_article():
    missing = []
    for record in _records():
        article = (HELDOUT / record["file"]).read_text(encoding="utf-8")
        if record["quote"] not in article:
            missing.append((record["file"], record["quote"][:60]))
    assert not missing


def test_every_record_is_a_scorable_gold_statement():
    records = load_gold(GOLD)
    assert len(records) == len(_records())
    assert all(isinstance(r, GoldStatement) and r.kind in KINDS and r.speaker.strip()
               for r in records)


@pytest.mark.parametrize("article", _articles())
def test_every_article_has_gold_and_a_line_in_the_readme(article: str):
    readme = (HELDOUT / "README.md").read_text(encoding="utf-8")
    assert article in readme
    assert any(r["file"] == article and not r.get("optional") for r in _records())


def test_gold_names_only_articles_that_exist():
    assert {r["file"] for r in _records()} <= set(_articles())
