"""The date a careful reader gives each statement (issue 10, item 8), on sentences written
in the styles of the tuning pages."""

import datetime

from search_index.articles.parse import parse_article
from search_index.extraction.pipeline import extract_article
from search_index.models import DateBasis, Statement

FRIDAY = datetime.date(2024, 11, 29)


def _statements(body: str, header: str = "Published November 29, 2024") -> list[Statement]:
    text = f"Foreign Office rejects the charge from the neighbour\n\n{header}\n\n{body}"
    return extract_article(parse_article(text, "story.txt"))


def _by_text(statements: list[Statement], start: str) -> Statement:
    return next(s for s in statements if s.text.startswith(start))


def test_no_day_in_the_text_gives_the_report_date_marked_reported():
    statements = _statements(
        "Mehdi Rahman, an analyst at the institute, said: “The row will pass within weeks.”\n\n"
        "“We will answer in time,” Foreign Office spokesperson Amna Qadir told reporters on "
        "Thursday.\n"
    )
    given = _by_text(statements, "The row will pass")
    assert given.date == FRIDAY and given.date_basis == DateBasis.REPORTED
    told = _by_text(statements, "We will answer")
    assert told.date == FRIDAY - datetime.timedelta(days=1)
    assert given.confidence < told.confidence


def test_a_period_after_an_event_noun_does_not_date_the_words():
    statements = _statements(
        "ISLAMABAD: Foreign Office spokesperson Amna Qadir on Friday said foreign nationals "
        "could not join political rallies.\n\n"
        "About the protest this week, the spokesperson said “We expect every guest to respect "
        "our laws.”\n"
    )
    quote = _by_text(statements, "We expect every guest")
    assert quote.date == FRIDAY


def test_a_date_inside_the_reported_content_is_the_content_s():
    statements = _statements(
        "ISLAMABAD: Foreign Office spokesperson Amna Qadir on Friday said that last week, two "
        "fishermen were detained at sea by the neighbour's coast guard.\n"
    )
    [reported] = [s for s in statements if s.kind == "indirect"]
    assert reported.date == FRIDAY


def test_past_perfect_after_a_paragraph_that_names_the_day():
    statements = _statements(
        "The ministry on Friday confirmed that the prime minister will visit the capital on "
        "December 12.\n\n"
        "Earlier in the day, spokesperson Amna Qadir had posted a message about the visit.\n\n"
        "“We caution against speculation about the visit,” she had said.\n"
    )
    quote = _by_text(statements, "We caution against")
    assert quote.date == FRIDAY


def test_a_year_less_date_to_come_does_not_date_the_confirmation():
    statements = _statements(
        "The ministry on Wednesday confirmed that the prime minister will meet the president "
        "on December 12.\n",
        header="Published December 4, 2024",
    )
    [reported] = [s for s in statements if s.kind == "indirect"]
    assert reported.date == datetime.date(2024, 12, 4)
    assert reported.date_basis == DateBasis.WEEKDAY


def test_older_words_without_a_day_are_undated():
    statements = _statements(
        "ISLAMABAD: Foreign Office spokesperson Amna Qadir on Friday said the talks would go "
        "on.\n\n"
        "Earlier, Qadir said “the door is open” to the neighbour.\n\n"
        "The statement came two weeks after the ministry's sharp reply to the envoy, when "
        "Qadir called his remarks “a breach of diplomatic norms”.\n"
    )
    assert _by_text(statements, "the door is open").date is None
    assert _by_text(statements, "a breach of diplomatic").date is None


def test_earlier_in_the_day_is_the_day_of_the_story():
    statements = _statements(
        "Earlier in the day, spokesperson Amna Qadir told reporters “the visit is on track”.\n"
    )
    quote = _by_text(statements, "the visit is on track")
    assert quote.date == FRIDAY and quote.date_basis != DateBasis.REPORTED


def test_masthead_only_page_dates_no_statement():
    text = (
        "Editor in Chief: A. Rahim Saturday, March 2nd, 2024\n\n"
        "Envoy says ties will improve\n\n"
        "KABUL - After a meeting at the ministry on Wednesday, the envoy Karim Nazari said "
        "the two sides discussed trade.\n\n"
        "“We want calm borders,” Nazari said.\n"
    )
    article = parse_article(text, "masthead.txt")
    assert article.published_basis == DateBasis.MASTHEAD and article.published_confidence == 0
    assert all(s.date is None for s in extract_article(article))


def test_a_day_between_the_cue_and_that_dates_the_words():
    statements = _statements(
        "Environment secretary Helen Ward told the Commons on Tuesday that the cap on fines "
        "would be lifted next spring.\n\n"
        "“Polluters will pay in full,” she said.\n",
        header="Wed 27 Nov 2024 06.00 GMT",
    )
    tuesday = datetime.date(2024, 11, 26)
    assert {s.date for s in statements} == {tuesday}


def test_the_same_transmission_is_the_occasion_of_the_statement_before():
    statements = _statements(
        "Speaking on a television programme a day ago, Defence Minister Kamran Ali said: "
        "“We will wait and see.”\n\n"
        "During the same transmission, opposition leader Sana Mir said the party expected "
        "nothing from the visit.\n"
    )
    reported = _by_text(statements, "the party expected nothing")
    assert reported.date == FRIDAY - datetime.timedelta(days=1)


def test_a_lede_without_a_day_takes_the_day_the_next_paragraph_names():
    statements = _statements(
        "The ministry has said that the country's ties with its neighbour remain strong.\n\n"
        "In a press briefing on Wednesday, ministry spokesperson Amna Qadir said trade would "
        "grow.\n"
    )
    lede = _by_text(statements, "the country's ties")
    assert lede.date == FRIDAY - datetime.timedelta(days=2)


def test_reactions_in_a_paragraph_set_on_an_older_occasion_are_undated():
    statements = _statements(
        "ISLAMABAD: Foreign Office spokesperson Amna Qadir said on Thursday that the talks "
        "would go on.\n\n"
        'In a recent interview, the envoy had said that "nothing moves without pressure". The '
        "remark did not sit well with officials. Former minister Sana Mir reminded the envoy "
        'that Pakistan "pays in blood for its friends".\n'
    )
    assert _by_text(statements, "pays in blood").date is None
    assert _by_text(statements, "the talks would go on").date == FRIDAY - datetime.timedelta(1)


def test_a_day_in_a_relative_clause_does_not_date_the_words():
    statements = _statements(
        "QUETTA: Provincial minister Tariq Baloch, who met the governor in Quetta on Tuesday, "
        "said the grant must be released at once. “Quetta cannot wait another month,” Baloch "
        "said.\n"
    )
    quote = _by_text(statements, "Quetta cannot wait")
    assert quote.date == FRIDAY and quote.date_basis == DateBasis.REPORTED


def test_a_photo_caption_s_day_dates_no_one_s_words():
    statements = _statements(
        "Finance Minister Sara Qureshi addresses the Senate on Wednesday. (Imran Shah/Daily "
        "Ledger)\n\n"
        "“The numbers do not add up,” said Omar Farooq, an economist at the institute.\n"
    )
    quote = _by_text(statements, "The numbers do not add up")
    assert quote.date == FRIDAY and quote.date_basis == DateBasis.REPORTED


def test_the_day_of_a_vote_in_the_lede_is_not_the_day_of_the_reactions():
    statements = _statements(
        "The teachers' union council voted last night to reject the pay deal.\n\n"
        "Council chair Nadia Iqbal said: “Nobody in this room could sign it.”\n"
    )
    quote = _by_text(statements, "Nobody in this room")
    assert quote.date == FRIDAY and quote.date_basis == DateBasis.REPORTED


def test_a_programme_called_today_is_not_a_day():
    statements = _statements(
        "Nadia Iqbal told the BBC's Today programme yesterday morning: “We are not moving.”\n"
    )
    quote = _by_text(statements, "We are not moving")
    assert quote.date == FRIDAY - datetime.timedelta(days=1)


def test_words_from_before_a_departure_the_story_does_not_date_are_undated():
    statements = _statements(
        "In an interview before leaving Lahore, Zara Malik said the new canals had "
        "“turned desert into orchards” in the south.\n\n"
        "“The harvest speaks for itself,” she said.\n"
    )
    assert _by_text(statements, "turned desert into orchards").date is None
    assert _by_text(statements, "The harvest speaks").date is None


def test_a_line_from_a_book_is_undated():
    statements = _statements(
        "As Imran Haider warned in his book The Long Border, “a frontier left unpoliced will "
        "police itself.” Few in the capital listened.\n"
    )
    assert _by_text(statements, "a frontier left unpoliced").date is None


def test_a_reply_to_someone_else_s_comments_is_not_the_speaker_s_earlier_day():
    statements = _statements(
        "Mayor Hina Shah said on Wednesday the bridge would open in spring.\n\n"
        "Transport minister Bilal Khan said the city had run over budget.\n\n"
        "Asked about the minister's comments, Shah said: “His department signed off on every "
        "stage.”\n"
    )
    reply = _by_text(statements, "His department signed off")
    assert reply.date == FRIDAY and reply.date_basis == DateBasis.REPORTED


def test_a_paragraph_naming_the_day_beats_the_speaker_s_last_date():
    statements = _statements(
        "Finance minister Sara Qureshi said on Friday the plan was ready.\n\n"
        "Yesterday, on a visit to a dam site in Tarbela, Qureshi gave a preview of today's "
        "announcement.\n\n"
        "“Tomorrow I will open the purse,” she told broadcasters.\n"
    )
    preview = _by_text(statements, "Tomorrow I will open")
    assert preview.date == FRIDAY - datetime.timedelta(days=1)
