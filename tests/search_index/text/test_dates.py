"""Date expressions resolved against an article's date, and which one dates a statement."""

from datetime import date

import pytest

from search_index.models import DateBasis
from search_index.text import dates
from search_index.text.dates import (
    DateResolution,
    find_date_expressions,
    find_stated_dates,
    latest_weekday,
    year_for_weekday,
)
from search_index.text.speech_dates import date_of_speech


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch):
    # "December 18, Monday" means the latest such Monday not after today: pin today.
    monkeypatch.setattr(dates, "current_date", lambda: date(2026, 11, 23))

WED_2022_04_13 = date(2022, 4, 13)
THU_2024_11_07 = date(2024, 11, 7)
MON_2023_12_18 = date(2023, 12, 18)


def one(text: str, anchor: date | None, anchor_confidence: float = 1.0) -> DateResolution:
    found = find_date_expressions(text, anchor, anchor_confidence)
    assert len(found) == 1, found
    return found[0]


# --- full dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "November 7, 2024",
        "Nov. 7, 2024",
        "Nov 7 2024",
        "7 November 2024",
        "7th November, 2024",
        "the 7th of November 2024",
        "Thursday, November 7, 2024",
        "Thursday 7 November 2024",
        "2024-11-07",
        "November 07, 2024",
        "NOVEMBER 7, 2024",
    ],
)
def test_full_date_forms(text):
    res = one(f"The envoy spoke on {text} in the capital.", None)
    assert res.date == THU_2024_11_07
    assert res.basis == DateBasis.STATED
    assert res.confidence >= 0.9


def test_ordinal_suffix_and_offsets():
    text = "Editor's note, Tuesday, April 23rd, 2024, page one"
    res = one(text, None)
    assert res.date == date(2024, 4, 23)
    assert text[res.start:res.end] == res.expression == "Tuesday, April 23rd, 2024"


def test_full_date_keeps_its_confidence_whatever_the_anchor():
    res = one("He said on March 3, 2021 that talks had failed.", date(2024, 4, 23), 0.2)
    assert res.date == date(2021, 3, 3)
    assert res.confidence >= 0.9


def test_weekday_that_contradicts_the_date_lowers_confidence():
    res = one("on Friday, November 7, 2024", None)
    assert res.date == THU_2024_11_07
    assert res.confidence < 0.9


def test_impossible_dates_are_ignored():
    assert find_date_expressions("on February 30, 2024 and 2024-13-01", None) == []


# --- month and day without a year ----------------------------------------------------------------


def test_month_day_takes_the_anchor_year():
    res = one("said in a statement on December 15.", MON_2023_12_18)
    assert res.date == date(2023, 12, 15)
    assert res.basis == DateBasis.MONTH_DAY


def test_month_day_after_the_anchor_is_last_year():
    assert one("on December 15", date(2024, 1, 3)).date == date(2023, 12, 15)
    # a few days ahead is still this year: articles run a day or two behind events
    assert one("on December 20", MON_2023_12_18).date == date(2023, 12, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on February 8 next year", date(2024, 2, 8)),
        ("on March 1 last year", date(2022, 3, 1)),
        ("15 December", date(2023, 12, 15)),
        ("the 15th of December", date(2023, 12, 15)),
        ("Dec. 15", date(2023, 12, 15)),
        ("Sept 5", date(2023, 9, 5)),
    ],
)
def test_month_day_forms(text, expected):
    assert one(text, MON_2023_12_18).date == expected


def test_month_day_without_anchor_is_unresolved():
    res = one("on December 15", None)
    assert res.date is None
    assert res.confidence == 0.0


def test_may_and_march_in_lower_case_are_verbs():
    assert find_date_expressions("Prices may 5 times over; troops march 10 miles.", None) == []
    assert one("The vote was held on May 5.", date(2024, 6, 1)).date == date(2024, 5, 5)


# --- month, day and weekday ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["December 18, Monday", "Monday, December 18", "Monday 18 December", "18 December, Monday"],
)
def test_day_and_weekday_fix_the_year_without_anchor(text):
    res = one(f"briefing in Washington on {text}.", None)
    assert res.date == MON_2023_12_18
    assert res.basis == DateBasis.DAY_WEEKDAY
    assert 0.5 <= res.confidence < 0.9


def test_day_and_weekday_nearest_the_anchor():
    res = one("on Monday, December 18", date(2018, 1, 10))
    assert res.date == date(2017, 12, 18)  # 2017-12-18 was a Monday too
    assert res.confidence > 0.7


def test_year_for_weekday_helper():
    assert year_for_weekday(12, 18, 0) == 2023  # latest not after (pinned) today
    assert year_for_weekday(12, 18, 0, not_after=date(2029, 1, 1)) == 2028
    assert year_for_weekday(12, 18, 0, not_after=date(2023, 12, 17)) == 2017
    assert year_for_weekday(2, 29, 3, near=date(2021, 1, 1)) == 2024  # Feb 29 2024: Thursday
    assert year_for_weekday(4, 13, 2, near=date(2022, 1, 1)) == 2022


def test_latest_weekday_helper():
    assert latest_weekday(WED_2022_04_13, 1, strictly_before=False) == date(2022, 4, 12)
    assert latest_weekday(WED_2022_04_13, 2, strictly_before=False) == WED_2022_04_13
    assert latest_weekday(WED_2022_04_13, 2, strictly_before=True) == date(2022, 4, 6)


# --- weekdays ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In a press briefing on Tuesday", date(2022, 4, 12)),
        ("on Wednesday", WED_2022_04_13),  # the anchor's own weekday is the anchor
        ("earlier on Monday", date(2022, 4, 11)),
        ("last Friday", date(2022, 4, 8)),
        ("last Wednesday", date(2022, 4, 6)),
        ("on Thursday", date(2022, 4, 7)),
        ("Sunday's rally", date(2022, 4, 10)),
        ("late on Tuesday night", date(2022, 4, 12)),
    ],
)
def test_weekdays_resolve_to_the_latest_on_or_before_anchor(text, expected):
    res = one(text, WED_2022_04_13)
    assert res.date == expected
    assert res.basis == DateBasis.WEEKDAY
    assert res.confidence >= 0.8


def test_next_weekday_is_after_the_anchor():
    assert one("next Monday", WED_2022_04_13).date == date(2022, 4, 18)


def test_weekday_against_a_masthead_anchor_is_uncertain():
    res = one("After a meeting on Wednesday", date(2024, 4, 23), 0.2)
    assert res.date is not None
    assert res.confidence < 0.5


def test_weekday_without_anchor_is_unresolved():
    res = one("on Tuesday", None)
    assert res.date is None
    assert res.basis == DateBasis.WEEKDAY


# --- relative days and periods -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", THU_2024_11_07),
        ("this morning", THU_2024_11_07),
        ("earlier today", THU_2024_11_07),
        ("yesterday", date(2024, 11, 6)),
        ("a day ago", date(2024, 11, 6)),
        ("one day ago", date(2024, 11, 6)),
        ("two days ago", date(2024, 11, 5)),
        ("3 days ago", date(2024, 11, 4)),
        ("the day before yesterday", date(2024, 11, 5)),
    ],
)
def test_relative_days(text, expected):
    res = one(f"The minister spoke {text}.", THU_2024_11_07)
    assert res.date == expected
    assert res.basis == DateBasis.RELATIVE


def test_relative_day_confidence_follows_the_anchor():
    assert one("yesterday", THU_2024_11_07, 1.0).confidence > 0.8
    assert one("yesterday", THU_2024_11_07, 0.2).confidence < 0.5


@pytest.mark.parametrize(
    ("text", "granularity", "first", "last"),
    [
        ("last week", "week", date(2024, 10, 28), date(2024, 11, 3)),
        ("earlier this week", "week", date(2024, 11, 4), date(2024, 11, 6)),
        ("earlier in the week", "week", date(2024, 11, 4), date(2024, 11, 6)),
        ("last month", "month", date(2024, 10, 1), date(2024, 10, 31)),
        ("in August this year", "month", date(2024, 8, 1), date(2024, 8, 31)),
        ("in August last year", "month", date(2023, 8, 1), date(2023, 8, 31)),
        ("in December", "month", date(2023, 12, 1), date(2023, 12, 31)),
        ("in March 2023", "month", date(2023, 3, 1), date(2023, 3, 31)),
    ],
)
def test_periods_name_no_day(text, granularity, first, last):
    res = one(f"The envoy met officials {text}.", THU_2024_11_07)
    assert res.date is None  # never invent a day
    assert res.granularity == granularity
    assert (res.period_start, res.period_end) == (first, last)


def test_several_expressions_in_order():
    text = "On Monday the minister said talks held on November 1, 2024 and two days ago had failed."
    found = find_date_expressions(text, THU_2024_11_07)
    assert [r.expression for r in found] == ["On Monday", "November 1, 2024", "two days ago"]
    assert [text[r.start:r.end] for r in found] == [r.expression for r in found]


# --- which date is the speech's ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("In a press briefing on Tuesday, spokesman John Carter said the talks were useful.",
         WED_2022_04_13, date(2022, 4, 12)),
        ("The army said in a statement on December 15 that two soldiers were hurt.",
         MON_2023_12_18, date(2023, 12, 15)),
        ("She responded to questions during weekly press briefing on Thursday.",
         THU_2024_11_07, THU_2024_11_07),
        ("In a statement issued today, the spokesman said the vote was fair.",
         date(2024, 2, 10), date(2024, 2, 10)),
        ("Speaking on a television programme about the election a day ago, the minister said "
         "he expected no call.", THU_2024_11_07, date(2024, 11, 6)),
        ("On Monday, the spokesman said the offer stood.", THU_2024_11_07, date(2024, 11, 4)),
        ("The senator told reporters Monday that the bill would pass.", THU_2024_11_07,
         date(2024, 11, 4)),
        ("At a news conference on Thursday, the mayor said roads would reopen.",
         WED_2022_04_13, date(2022, 4, 7)),
        ("The spokesman, speaking at a briefing on March 3, 2021, said talks had failed.",
         THU_2024_11_07, date(2021, 3, 3)),
    ],
)
def test_date_of_speech_prefers_speech_events(text, anchor, expected):
    res = date_of_speech(text, anchor)
    assert res is not None
    assert res.date == expected


def test_event_dates_are_not_speech_dates():
    # the election is dated, the speaking is not: nothing here dates the speech
    assert date_of_speech(
        "The spokesman said the country would hold elections that are slated to take place "
        "on February 8 next year.", MON_2023_12_18,
    ) is None
    assert date_of_speech(
        "“We accept the result,” the senator said after the party lost the election on "
        "Wednesday.", THU_2024_11_07,
    ) is None


def test_speech_date_wins_over_event_date_in_the_same_sentence():
    text = (
        "The minister, who took office on March 3, said at a news conference on Monday that "
        "the budget would be cut."
    )
    res = date_of_speech(text, THU_2024_11_07)
    assert res is not None and res.date == date(2024, 11, 4)


def test_date_of_speech_skips_future_dates():
    text = "The president said on Tuesday that he would visit the capital on Friday next week."
    res = date_of_speech(text, WED_2022_04_13)
    assert res is not None and res.date == date(2022, 4, 12)


def test_date_of_speech_can_be_a_period():
    res = date_of_speech("Earlier in the week, the press secretary had said ties were strong.",
                         WED_2022_04_13)
    assert res is not None
    assert res.date is None
    assert res.granularity == "week"


def test_date_of_speech_none_without_dates():
    assert date_of_speech("“We are ready,” the minister said.", THU_2024_11_07) is None
    assert date_of_speech("", THU_2024_11_07) is None


def test_date_of_speech_without_anchor_keeps_self_contained_dates():
    res = date_of_speech("He said during a briefing on December 18, Monday, that ...", None)
    assert res is not None and res.date == MON_2023_12_18
    weekday = date_of_speech("He said on Tuesday that the talks went well.", None)
    assert weekday is not None and weekday.date is None


@pytest.mark.parametrize(
    "text",
    ["on Good Friday the cleric said", "the Sunday Times reported", "after Super Tuesday results"],
)
def test_named_days_are_not_weekdays(text):
    assert find_date_expressions(text, WED_2022_04_13) == []


def test_bare_weekday_before_a_comma_or_verb_is_a_weekday():
    assert one("Tuesday, the minister said", WED_2022_04_13).date == date(2022, 4, 12)
    assert one("Monday's briefing", WED_2022_04_13).date == date(2022, 4, 11)


def test_the_meeting_where_words_were_said_dates_them():
    text = "The meeting, which took place on Tuesday, was useful, the minister said."
    res = date_of_speech(text, WED_2022_04_13)
    assert res is not None and res.date == date(2022, 4, 12)


@pytest.mark.parametrize("text", [
    "The ministry said a day earlier that it wanted the claims examined.",
    "The embassy had said the day before that the visit was off.",
    "On the previous day, the mayor told reporters the roads were closed.",
])
def test_a_day_earlier_is_the_day_before_the_articles_day(text):
    res = date_of_speech(text, WED_2022_04_13)
    assert res is not None and res.date == date(2022, 4, 12)
    assert res.basis == DateBasis.RELATIVE


def test_the_day_bound_to_the_speech_verb_beats_a_future_day_in_the_sentence():
    text = ("The ferry will resume on August 15, the minister announced on Wednesday after "
            "talks in the port.")
    res = date_of_speech(text, THU_2024_11_07.replace(month=7, day=11))
    assert res is not None and res.date == date(2024, 7, 10)


@pytest.mark.parametrize(("text", "expected"), [
    ("Kerr gave a preview of today's announcement.", None),
    ("Kerr spoke ahead of Tuesday's vote in the chamber.", None),
    ("Kerr told Monday's press briefing that all was well.", date(2022, 4, 11)),
])
def test_a_possessive_day_dates_its_noun_unless_the_noun_is_an_occasion_of_speech(text, expected):
    res = date_of_speech(text, WED_2022_04_13)
    assert (res.date if res else None) == expected


@pytest.mark.parametrize(("text", "stated"), [
    ("Posted on March 3, 2024 at 10:15 ET, updated Tuesday, March 5, 2024", 2),
    ("The 2019-04-01 filing came a week after 12/03/2018 and before Sunday, 4 May 2014.", 3),
    ("He spoke on Monday, then last week, then in May 2020 and yesterday.", 0),
    ("No date at all in this line, only a 12-point plan and 2,000 people.", 0),
])
def test_stated_dates_are_the_stated_ones_of_a_full_read(text: str, stated: int) -> None:
    full = [r for r in find_date_expressions(text, None) if r.basis == DateBasis.STATED]
    assert find_stated_dates(text) == full
    assert len(full) == stated
