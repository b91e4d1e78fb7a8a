"""The extractor on the real pages of the tuning sets (tests/data/real_tune, real_tune2): floors
on the share of statements fully right (quote, speaker and date), quoted and reported apart, and
no invented dates. Both sets were labelled before the extractor was run on them and the rules
were then written against them, so these floors guard against regressions; they say nothing of
how the rules generalise (the blind held-out set does, by hand, in benchmarks/).

Each floor sits a statement or two under what the rules reach (docs/extraction.md, "Dates and
speakers"), so that a fix elsewhere may cost one hard case without tripping it.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from search_index.extraction.evaluate import EvaluationReport, evaluate_files

DATA = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class RealSet:
    folder: str
    quoted_fully: float
    reported_fully: float


REAL_SETS = [
    RealSet("real_tune", quoted_fully=0.59, reported_fully=0.86),
    RealSet("real_tune2", quoted_fully=0.89, reported_fully=0.80),
]
_reports: dict[str, EvaluationReport] = {}


def report_for(folder: str) -> EvaluationReport:
    if folder not in _reports:
        _reports[folder] = evaluate_files(DATA / folder / "gold.jsonl", DATA / folder)
    return _reports[folder]


def _records(folder: str) -> list[dict]:
    text = (DATA / folder / "gold.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("real", REAL_SETS, ids=lambda r: r.folder)
def test_every_gold_quote_is_verbatim_and_every_page_has_its_source(real: RealSet):
    readme = (DATA / real.folder / "README.md").read_text(encoding="utf-8")
    for record in _records(real.folder):
        page = (DATA / real.folder / record["file"]).read_text(encoding="utf-8")
        assert record["quote"] in page, record["quote"]
        assert record["file"] in readme


@pytest.mark.parametrize("real", REAL_SETS, ids=lambda r: r.folder)
def test_real_pages_meet_their_floors(real: RealSet):
    report = report_for(real.folder)
    assert report.fully_right >= real.quoted_fully
    assert report.reported.fully_right >= real.reported_fully
    assert report.invented_dates == 0 and report.reported.invented_dates == 0
