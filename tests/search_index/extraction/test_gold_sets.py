"""The extractor on our own gold sets beyond the seeds (tests/data/*), one table of floors.

styles: wire stories, briefing transcripts, write-ups, an op-ed and a masthead-only page.
heldout, heldout2, heldout3: twelve articles each in formats the earlier sets did not cover,
written blind: gold committed before the extractor was run on them, the untuned figures kept in
each folder's BASELINE.txt (recall 0.787 / 0.778 / 0.790, speaker 0.889 / 0.911 / 0.959, date
0.317 / 0.717 / 0.806). The rules were then fixed in general form; the floors sit under what the
fixes reach, so that one more hard case does not trip them. The gold dates were relabelled
under the new dating rule (each folder's README, "Dates relabelled").
"""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from search_index.extraction.evaluate import EvaluationReport, evaluate_files

DATA = Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class GoldSet:
    folder: str
    gold_file: str
    least_gold: int
    quotes: float  # precision and recall, of direct quotes and of direct and partial together
    speaker: float
    date: float


GOLD_SETS = [
    GoldSet("styles", "gold_styles.jsonl", 60, quotes=0.9, speaker=0.95, date=0.9),
    GoldSet("heldout", "gold_heldout.jsonl", 75, quotes=0.9, speaker=0.88, date=0.82),
    GoldSet("heldout2", "gold_heldout.jsonl", 70, quotes=0.9, speaker=0.9, date=0.85),
    # 0.983 measured once a caption's day, a relative clause's day ("who met X on Tuesday"), a
    # vote's day and a speaker's own earlier day stopped dating other words (0.695 before)
    GoldSet("heldout3", "gold_heldout.jsonl", 60, quotes=0.9, speaker=0.9, date=0.95),
]
_reports: dict[str, EvaluationReport] = {}


def report_for(folder: str) -> EvaluationReport:
    if folder not in _reports:
        gold = next(g for g in GOLD_SETS if g.folder == folder)
        _reports[folder] = evaluate_files(DATA / folder / gold.gold_file, DATA / folder)
    return _reports[folder]


@pytest.mark.parametrize("gold", GOLD_SETS, ids=lambda g: g.folder)
def test_every_gold_quote_is_verbatim_in_its_article(gold: GoldSet):
    for line in (DATA / gold.folder / gold.gold_file).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        article = (DATA / gold.folder / record["file"]).read_text(encoding="utf-8")
        assert record["quote"] in article, record["quote"]


@pytest.mark.parametrize("gold", GOLD_SETS, ids=lambda g: g.folder)
def test_gold_set_meets_its_floors(gold: GoldSet):
    report = report_for(gold.folder)
    assert report.gold >= gold.least_gold
    assert report.direct_precision >= gold.quotes and report.direct_recall >= gold.quotes
    assert report.precision >= gold.quotes and report.recall >= gold.quotes
    assert report.speaker_accuracy >= gold.speaker
    assert report.date_accuracy >= gold.date


@pytest.mark.parametrize("gold", GOLD_SETS, ids=lambda g: g.folder)
def test_reported_speech_is_scored_only_where_the_gold_annotates_it(gold: GoldSet):
    records = [json.loads(line) for line in
               (DATA / gold.folder / gold.gold_file).read_text(encoding="utf-8").splitlines()
               if line.strip()]
    annotated = any(r.get("kind") == "indirect" for r in records)
    reported = report_for(gold.folder).reported
    assert reported.scored == annotated
    if not annotated:
        # nothing to miss, and the predictions are listed without being scored
        assert reported.gold == 0 and not reported.misses


def test_anonymous_sources_are_kept_and_titles_give_no_statement():
    report = report_for("styles")
    missed = [m.text for m in report.misses]
    assert not any(text.startswith(("There is no going back", "We gave them enough"))
                   for text in missed)
    assert "Capital Talk" not in [f.text for f in report.false_positives]


def test_transcript_turns_are_read():
    assert "08_pentagon_transcript.txt" not in {m.file for m in report_for("heldout").misses}


def test_capitals_transcript_and_hyphenated_page_date_count():
    report = report_for("heldout2")
    assert "07_premier_press_conference.txt" not in {m.file for m in report.misses}
    assert "09_cricinfo_t20.txt" not in {w.file for w in report.wrong_dates}


def test_hansard_and_printed_interviews_are_read():
    missed = {m.file for m in report_for("heldout3").misses}
    assert "11_hansard_buses.txt" not in missed
    assert "08_qa_interview.txt" not in missed
