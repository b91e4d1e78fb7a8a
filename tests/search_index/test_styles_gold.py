"""The extractor on articles in the styles it meets beyond the seeds: wire stories, briefing
transcripts, write-ups, an op-ed and a masthead-only page (tests/data/styles, gold written
before the extractor was run on them)."""

from pathlib import Path

from search_index.evaluate import evaluate_files

STYLES = Path(__file__).resolve().parents[1] / "data" / "styles"


def test_style_gold_meets_the_bar():
    report = evaluate_files(STYLES / "gold_styles.jsonl", STYLES)
    assert report.gold >= 60
    assert report.direct_precision >= 0.9 and report.direct_recall >= 0.9
    assert report.speaker_accuracy >= 0.95
    assert report.date_accuracy >= 0.9


def test_anonymous_sources_and_titles_give_no_statement():
    report = evaluate_files(STYLES / "gold_styles.jsonl", STYLES)
    unexpected = [f.text for f in report.false_positives]
    assert not any(text.startswith(("There is no going back", "We gave them enough"))
                   for text in unexpected)
    assert "Capital Talk" not in unexpected
