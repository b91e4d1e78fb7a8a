"""Reported speech: a verb of speech and its content clause, in the frames news prose uses.
Each sentence here is written for its rule; none is taken from an article."""

import datetime

from paragraph_helpers import paragraphs_of

from search_index.articles.parse import parse_article
from search_index.extraction.attribution import attribute
from search_index.extraction.pipeline import extract_article
from search_index.extraction.quotes import find_quotes


def reported(text: str) -> dict[str, str]:
    """Content clause -> speaker, for the indirect statements of `text`."""
    paragraphs = paragraphs_of(text)
    found = attribute(text, paragraphs, find_quotes(text, paragraphs))
    return {text[s.start:s.end]: s.speaker for s in found
            if s.kind == "indirect" and not s.dates_only}


def test_a_finite_clause_with_an_irregular_past_and_no_that():
    text = "Foreign Minister Lara Quinn said the envoy met three ministers in Oslo."
    assert reported(text) == {"the envoy met three ministers in Oslo": "Lara Quinn"}


def test_a_finite_clause_with_a_present_verb_in_s():
    text = "Spokeswoman Ada Brill said the company values its partners in the region."
    assert reported(text) == {"the company values its partners in the region": "Ada Brill"}


def test_a_gerund_clause_after_a_verb_of_emphasis():
    text = "Trade Minister Omar Sayed stressed expanding rail links with the northern ports."
    assert reported(text) == {
        "expanding rail links with the northern ports": "Omar Sayed"}


def test_an_object_and_an_infinitive():
    text = "Senator Rhea Tolland urged the governor to release the flood relief funds."
    assert reported(text) == {
        "the governor to release the flood relief funds": "Rhea Tolland"}


def test_a_small_clause_after_described():
    text = ("Mayor Ivo Brandt welcomed the result.\n"
            "He described the vote a turning point for the city.")
    assert reported(text) == {"the vote a turning point for the city": "Ivo Brandt"}


def test_a_participle_continues_the_sentence_speaker():
    text = ("The Interior Ministry condemned the attack on Monday, saying the culprits would "
            "be found within days.")
    assert reported(text) == {"the culprits would be found within days": "Interior Ministry"}


def test_adding_that_starts_a_second_record():
    text = ("Union leader Tomas Vell said the strike would go ahead, adding that no talks "
            "were planned before Friday.")
    assert reported(text) == {"the strike would go ahead": "Tomas Vell",
                              "no talks were planned before Friday": "Tomas Vell"}


def test_a_parenthetical_cue_keeps_the_part_after_it():
    text = ("Both hospitals, the Health Ministry said in a statement, accepted the ruling "
            "without further appeal.")
    assert reported(text) == {"accepted the ruling without further appeal": "Health Ministry"}


def test_a_nested_report_belongs_to_the_innermost_speaker():
    text = ("Foreign Minister Karl Esser arrived in Rome on Monday.\n"
            "A statement from the German embassy said the foreign minister pointed out that "
            "exports to Italy had doubled.")
    assert reported(text) == {"exports to Italy had doubled": "Karl Esser"}


def test_a_clause_ending_in_a_quoted_fragment_keeps_it_and_its_speaker():
    text = 'Envoy Mark Dale said the talks had been "frank and useful."'
    assert reported(text) == {'the talks had been "frank and useful."': "Mark Dale"}


def test_a_clause_that_is_all_quote_is_no_paraphrase():
    text = 'Envoy Mark Dale said "the talks were frank and useful."'
    assert reported(text) == {}


def test_quoted_as_saying():
    text = "The Daily Ledger quoted Mayor Ivo Brandt as saying that the bridge would reopen."
    assert reported(text) == {"the bridge would reopen": "Ivo Brandt"}


def test_promised_and_agreed_report_a_clause():
    text = ("Finance Minister Nora Lind met the governors on Tuesday.\n"
            "She promised the budget would include new money for schools.\n"
            "She agreed the old formula was unfair to rural districts.")
    assert reported(text) == {
        "the budget would include new money for schools": "Nora Lind",
        "the old formula was unfair to rural districts": "Nora Lind"}


def test_a_clause_about_the_statement_itself_is_narration():
    text = ("The statement was released after the cabinet met, the Health Ministry said in a "
            "statement on May 3.")
    assert reported(text) == {}


def test_a_participle_that_opens_a_sentence_reports_nothing():
    text = ("Responding to a question about the strike, Tomas Vell said the union had "
            "not been consulted.")
    assert reported(text) == {"the union had not been consulted": "Tomas Vell"}


NARRATION_THEN_QUOTE = """Relief talks end

Published May 9, 2024

The statement was released after the cabinet met, the Health Ministry said in a statement on May 3.

"Every district has a field hospital now," the statement added.
"""

EVENT_DAY_IN_THE_CLAUSE = """Grid failure

Published June 6, 2024

Power Minister Ada Okoro spoke at a briefing in Abuja on Thursday.

She said the grid lost 900 megawatts on Tuesday after two plants shut down.
"""


def test_narration_is_no_statement_but_still_dates_the_words_that_follow(tmp_path):
    article = parse_article(NARRATION_THEN_QUOTE, tmp_path / "a.txt")
    statements = extract_article(article)
    assert not any(s.text.startswith("The statement was released") for s in statements)
    quote = next(s for s in statements if s.kind == "direct")
    assert quote.speaker == "Health Ministry" and quote.date == datetime.date(2024, 5, 3)


def test_a_day_inside_the_reported_clause_dates_the_event_not_the_words(tmp_path):
    article = parse_article(EVENT_DAY_IN_THE_CLAUSE, tmp_path / "a.txt")
    [statement] = [s for s in extract_article(article) if s.kind == "indirect"]
    assert statement.text.startswith("the grid lost 900 megawatts")
    assert statement.date != datetime.date(2024, 6, 4)  # Tuesday: the day the grid failed


def test_a_country_stands_for_its_spokesperson_and_otherwise_speaks_no_paraphrase():
    with_spokesperson = ("Norway has stressed widening trade ties with the Gulf states.\n"
                         "Foreign Office Spokesperson Rana Mir said the talks would resume in "
                         "March.")
    assert reported(with_spokesperson) == {
        "widening trade ties with the Gulf states": "Rana Mir",
        "the talks would resume in March": "Rana Mir"}
    alone = "Norway has stressed widening trade ties with the Gulf states."
    assert reported(alone) == {}


def test_a_clause_holding_a_fragment_takes_the_fragments_speaker():
    text = ('Norway has stressed widening trade on the basis of "mutual benefit and open '
            'markets", a day after the vote.\n'
            "Foreign Office Spokesperson Rana Mir said the talks would resume in March.")
    found = reported(text)
    assert found['widening trade on the basis of "mutual benefit and open markets"'] == \
        "Rana Mir"


def test_adding_without_that_after_a_quote_takes_the_quotes_speaker():
    text = ('"We spoke about the region as a whole," Karl Esser said, adding it was also about '
            "the long-term stability of the border.")
    assert reported(text) == {
        "it was also about the long-term stability of the border": "Karl Esser"}


def test_a_participle_with_no_named_subject_takes_its_fragments_speaker():
    # the fragment's speaker comes from the full quote it echoes, later in the article
    text = ("This statement came a week after Norway's reply to the letter, terming the move "
            '"unhelpful and premature".\n'
            '"Such letters are unhelpful and premature," Foreign Office Spokesperson Rana Mir '
            "said.")
    assert reported(text)['the move "unhelpful and premature"'] == "Rana Mir"


def test_a_long_paragraph_missing_its_full_stop_is_still_body_text():
    body = ("The spokesperson Rana Mir said the ministry was also working with the provinces on "
            "a common plan to reopen the schools that were closed by the floods in the north "
            "last year")
    headline = "Rana Mir says schools will reopen soon"
    assert reported(body)[body[body.index("the ministry"):]] == "Rana Mir"
    assert reported(headline) == {}


def test_to_before_a_determiner_is_a_preposition_not_an_infinitive():
    text = ('"The subsidy stays," Minister Ines Roy told reporters on Monday during a visit to '
            "a dairy farm.")
    assert reported(text) == {}


def test_a_time_phrase_before_that_stays_out_of_the_clause():
    text = "The Health Ministry said a day earlier that the clinics would stay open."
    assert reported(text) == {"the clinics would stay open": "Health Ministry"}


def test_and_before_the_subjects_next_verb_of_speech_ends_the_clause():
    text = ("The Health Ministry said the clinics would stay open all week, and warned "
            "patients of long queues.")
    assert reported(text) == {"the clinics would stay open all week": "Health Ministry"}


def test_a_dateline_belongs_neither_to_the_clause_nor_to_the_speaker():
    before = ("OSLO (Reuters) - Norway will widen its fishing limits from May, the Fisheries "
              "Ministry said on Monday.")
    after = "OSLO (Reuters) - The Fisheries Ministry said Norway will widen its fishing limits."
    assert reported(before) == {"Norway will widen its fishing limits from May":
                                "Fisheries Ministry"}
    assert reported(after) == {"Norway will widen its fishing limits": "Fisheries Ministry"}


def test_reading_more_frames_leaves_the_quotes_attribution_as_it_was():
    # "made clear" and the gerund after "stressed" are read as reported speech, but only the
    # verbs the quote reader knows tell it who spoke last: the quote stays the envoy's
    text = ("Envoy Karl Esser said the border would reopen on Monday.\n"
            "Minister Rana Mir made clear the decision was final. She stressed widening the "
            "checks at every crossing.\n"
            '"Trade will resume within the week," the envoy said.')
    paragraphs = paragraphs_of(text)
    found = attribute(text, paragraphs, find_quotes(text, paragraphs))
    quote = next(s for s in found if s.kind == "direct")
    assert quote.speaker == "Karl Esser"
    assert reported(text)["the decision was final"] == "Rana Mir"


def test_a_clause_needs_a_subject_before_its_verb():
    assert reported("Senator Rhea Tolland says him to blame for the delays.") == {}
    assert reported("The historian Karl Esser writes began in the early 1970s, he argues.") \
        == {}
    assert reported("Senator Rhea Tolland says her plan will pass by June.") == {
        "her plan will pass by June": "Rhea Tolland"}


def test_a_title_before_the_name_after_the_clause():
    text = ("The border crossing will reopen next week, Interior Ministry Spokesperson Dr Rana "
            "Mir said on Thursday.")
    assert reported(text) == {"The border crossing will reopen next week": "Rana Mir"}


def test_clarified_that_reports_a_clause():
    text = "Spokesperson Rana Mir clarified that the ministry had issued no travel advice."
    assert reported(text) == {"the ministry had issued no travel advice": "Rana Mir"}


def test_a_clause_opening_with_a_subject_pronoun_needs_no_verb_in_s():
    text = "Spokeswoman Ada Brill said they stand by the ruling on the port contract."
    assert reported(text) == {"they stand by the ruling on the port contract": "Ada Brill"}


def test_a_clause_opening_with_us_the_country_is_no_object_pronoun():
    text = "Spokesman Tariq Dorn told reporters that US officials had raised the tariff twice."
    assert reported(text) == {"US officials had raised the tariff twice": "Tariq Dorn"}


def test_a_verb_in_s_right_after_the_name_that_opens_the_clause():
    text = "Spokeswoman Ada Brill said Norway stands ready to fund the flood barriers."
    assert reported(text) == {"Norway stands ready to fund the flood barriers": "Ada Brill"}


def test_elaborated_reports_a_clause():
    text = "Minister Omar Sayed elaborated that the budget covered only the northern districts."
    assert reported(text) == {"the budget covered only the northern districts": "Omar Sayed"}


def test_a_clause_before_an_inverted_subject_and_the_he_after_it():
    text = ("The convoy was stopped at the second checkpoint, said police officer Rana Tiwari.\n"
            "The drivers were released by evening, he said.")
    assert reported(text) == {"The convoy was stopped at the second checkpoint": "Rana Tiwari",
                              "The drivers were released by evening": "Rana Tiwari"}


def test_a_clause_before_an_inverted_subject_with_an_appositive():
    text = "Two bridges were closed overnight, said Imran Sethi, a district official in the valley."
    assert reported(text) == {"Two bridges were closed overnight": "Imran Sethi"}



def test_an_adjunct_left_unclosed_between_the_subject_and_its_verb():
    text = ("Interior Minister Omar Sayed, while talking to reporters in Lahore said the border "
            "would reopen next week.")
    assert reported(text) == {"the border would reopen next week": "Omar Sayed"}


def test_a_clause_ends_where_the_speaker_goes_on_to_demand():
    text = ("Spokeswoman Ada Brill urged the northern authorities to act against the smuggling "
            "rings, including their leaders, and demanded the return of the seized trucks.")
    assert reported(text) == {
        "the northern authorities to act against the smuggling rings, including their leaders":
            "Ada Brill"}
