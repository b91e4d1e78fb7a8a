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


def test_reported_speech_is_scored_on_its_own_line_at_the_looser_threshold():
    golds = [gold("We will act now on this plan.", "Ann Lee"),
             gold("the plan would be ready by the spring of next year", "Ann Lee",
                  kind="indirect", date=datetime.date(2024, 1, 1)),
             gold("taxes would not rise", "Bo Kim", kind="indirect", optional=True)]
    preds = [statement("We will act now on this plan.", "Ann Lee"),
             # clause boundaries differ: dice 0.8 against the gold, under the quoted bar
             statement("the plan would be ready by the spring", "Ann Lee", kind="indirect"),
             statement("taxes would not rise", "Bo Kim", kind="indirect"),
             statement("the weather was poor all week long", "Cy Tan", kind="indirect")]
    report = evaluate(golds, preds)
    # the indirect gold neither lowers the quoted recall nor counts the paraphrase as a quote
    assert report.gold == 1 and report.recall == 1.0 and report.precision == 1.0
    reported = report.reported
    assert reported.scored and reported.gold == 1 and reported.recall == 1.0
    assert reported.predicted == 2 and reported.precision == 0.5  # the optional one is neutral
    assert [f.text for f in reported.false_positives] == ["the weather was poor all week long"]
    assert reported.date_accuracy == 1.0 and reported.fully_right == 1.0


def test_a_date_where_the_gold_has_none_is_an_invented_date():
    golds = [gold("We will act now on this plan.", "Ann Lee"),
             gold("the plan would be ready by the spring", "Ann Lee", kind="indirect")]
    preds = [statement("We will act now on this plan.", "Ann Lee", day=3),
             statement("the plan would be ready by the spring", "Ann Lee", kind="indirect",
                       day=None)]
    report = evaluate(golds, preds)
    assert report.invented_dates == 1 and report.invented[0].got == "2024-01-03"
    assert report.reported.invented_dates == 0
    assert report.fully_right == 1.0  # a null gold date is not scored, only counted


def test_a_gold_without_reported_speech_leaves_that_line_unscored():
    report = evaluate([gold("We will act now on this plan.", "Ann Lee")],
                      [statement("the plan would be ready by the spring", "Ann Lee",
                                 kind="indirect")])
    assert not report.reported.scored and report.reported.gold == 0


def test_seed_gold_meets_the_bar(gold_path, seeds_dir):
    report = evaluate_files(gold_path, seeds_dir)
    assert report.direct_recall >= 0.95 and report.direct_precision >= 0.95
    assert report.speaker_accuracy >= 0.95
    assert report.date_accuracy >= 0.9
