import datetime

from search_index.extraction.evaluate import (
    GoldStatement,
    evaluate,
    evaluate_files,
    speaker_matches,
)
from search_index.models import Statement


def statement(text: str, speaker: str, kind: str = "direct", day: int | None = 1) -> Statement:
    return Statement(id=text[:8], text=text, kind=kind, speaker=speaker, speaker_mention=speaker,
                     date=datetime.date(2024, 1, day) if day else None, article_id="a",
                     file="a.txt", paragraph=0, start=0, end=len(text))


def gold(quote: str, speaker: str, **extra) -> GoldStatement:
    return GoldStatement(file="a.txt", quote=quote, speaker=speaker, **extra)


def test_speaker_rule_aliases_honorifics_and_fuller_forms():
    record = gold("x", "Inter-Services Public Relations", speaker_aliases=["ISPR"])
    assert speaker_matches("Inter-Services Public Relations (ISPR)", record)
    assert speaker_matches("ISPR", record)
    assert speaker_matches("Mr. Matthew Miller", gold("x", "Matthew Miller"))
    assert not speaker_matches("Miller", gold("x", "Matthew Miller"))


def test_pairing_duplicates_optional_and_dates():
    golds = [gold("We will act now on this plan.", "Ann Lee", date=datetime.date(2024, 1, 1)),
             gold("a phrase quoted", "Bo Kim", optional=True)]
    preds = [statement("We will act now on this plan,", "Ann Lee", day=2),
             statement("act now on this plan", "Ann Lee", kind="partial"),
             statement("a phrase quoted", "Bo Kim", kind="partial"),
             statement("Something nobody said at all here.", "Cy Tan"),
             statement("reported words", "Ann Lee", kind="indirect")]
    report = evaluate(golds, preds)
    assert report.recall == 1.0
    assert report.predicted == 2 and report.precision == 0.5
    assert [d.text for d in report.duplicates] == ["act now on this plan"]
    assert [f.text for f in report.false_positives] == ["Something nobody said at all here."]
    assert report.date_accuracy == 0.0 and report.wrong_dates[0].got == "2024-01-02"
    assert report.speaker_accuracy == 1.0


def test_seed_gold_meets_the_bar(gold_path, seeds_dir):
    report = evaluate_files(gold_path, seeds_dir)
    assert report.direct_recall >= 0.95 and report.direct_precision >= 0.95
    assert report.speaker_accuracy >= 0.95
    assert report.date_accuracy >= 0.9
