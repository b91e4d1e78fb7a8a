"""The extractor on the second blind held-out set (tests/data/heldout2): twelve articles in
formats neither the seeds nor the first held-out set cover, gold written and committed before
the extractor was run on them (the blind figures are in BASELINE.txt: recall 0.778, speaker
0.911, date 0.717). The fixes since reach 1.000; the thresholds sit under that so that one new
hard case does not trip them."""

from pathlib import Path

from search_index.evaluate import evaluate_files

HELDOUT2 = Path(__file__).resolve().parents[1] / "data" / "heldout2"


def test_heldout2_gold_meets_the_bar():
    report = evaluate_files(HELDOUT2 / "gold_heldout.jsonl", HELDOUT2)
    assert report.gold >= 70
    assert report.direct_precision >= 0.9 and report.direct_recall >= 0.9
    assert report.precision >= 0.9 and report.recall >= 0.9
    assert report.speaker_accuracy >= 0.9
    assert report.date_accuracy >= 0.85


def test_capitals_transcript_and_hyphenated_page_date_count():
    report = evaluate_files(HELDOUT2 / "gold_heldout.jsonl", HELDOUT2)
    missed = {m.file for m in report.misses}
    assert "07_premier_press_conference.txt" not in missed
    undated = {w.file for w in report.wrong_dates}
    assert "09_cricinfo_t20.txt" not in undated
