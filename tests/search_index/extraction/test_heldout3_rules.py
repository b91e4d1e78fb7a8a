"""Rules added after the third blind held-out set: each one with a short page of our own."""

from datetime import date

from search_index.articles.parse import parse_article


def _said(page: str) -> list[tuple[str, str, str]]:
    """(speaker, kind, first three words) of every quote or answer turn of a page of our own."""
    from search_index.extraction.pipeline import extract_article

    article = parse_article(page, "page.txt")
    return [(s.speaker, s.kind, " ".join(s.text.split()[:3])) for s in extract_article(article)
            if s.kind != "indirect"]


def _dates(page: str) -> list[tuple[str, date | None]]:
    from search_index.extraction.pipeline import extract_article

    article = parse_article(page, "page.txt")
    return [(" ".join(s.text.split()[:3]), s.date) for s in extract_article(article)
            if s.kind != "indirect"]


# -- transcripts --------------------------------------------------------------------------------
def test_a_role_label_points_back_to_a_full_label_whose_only_turn_was_a_greeting():
    page = ("Radio interview, Morning Show\n\nTuesday, 4 March 2025\n\n"
            "KIM ODA, HOST: The Treasurer joins us from Perth. Welcome.\n\n"
            "LEO MARSH, TREASURER: Good morning Kim.\n\n"
            "KIM ODA: Will the budget be back in surplus this year?\n\n"
            "TREASURER: We expect a small surplus of about two billion dollars in June.\n\n"
            "KIM ODA: And next year?\n\n"
            "TREASURER: Next year is harder, because commodity prices are falling quickly.\n")
    assert _said(page) == [("Leo Marsh", "direct", "We expect a"),
                           ("Leo Marsh", "direct", "Next year is")]


def test_a_printed_q_and_a_gives_the_answers_to_the_interviewee_on_the_interview_day():
    page = ("Interview: port chief sees trade recovering\n\nApril 7, 2025 | 06:00 JST\n\n"
            "OSAKA -- Port Authority President Emi Sato said trade would recover this year, "
            "in an interview with the Daily on Friday.\n\n"
            "Q. Why did container traffic fall last year?\n\n"
            "A. Mostly because two big shipping lines moved their Asian hub to Busan.\n\n"
            "Q. Will they come back?\n\n"
            "A. One of them has already agreed to return from October this year.\n\n"
            "Sato, 61, has led the authority since 2021.\n")
    assert _said(page) == [("Emi Sato", "direct", "Mostly because two"),
                           ("Emi Sato", "direct", "One of them")]
    assert {day for _, day in _dates(page)} == {date(2025, 4, 4)}


def test_an_initial_after_a_is_not_an_answer_label():
    from paragraph_helpers import paragraphs_of

    from search_index.extraction.transcripts import has_turn_label

    assert not any(has_turn_label(p) for p in paragraphs_of("A. R. Khan said the deal was off."))
    assert all(has_turn_label(p) for p in paragraphs_of("A. It was never on the table."))


# -- parliamentary records ----------------------------------------------------------------------
def test_a_hansard_record_gives_each_member_their_contributions():
    page = ("Commons Chamber\nFlood Defences\nVolume 701: debated on Wednesday 3 July 2024\n\n"
            "Tom Hale (Lincoln East) (Con)\n"
            "Three villages in my constituency flooded twice this winter. When will the "
            "promised barrier be built?\n\n"
            "The Minister for Water (Anna Price)\n"
            "I thank the hon. Gentleman. Construction of the barrier will begin next spring "
            "and finish by the end of 2026.\n\n"
            "Mr Speaker\nOrder. Short questions, please.\n\n"
            "Tom Hale\nWill the Minister visit the villages before the work begins?\n\n"
            "Anna Price\nI will gladly visit them with him in September.\n")
    assert _said(page) == [("Tom Hale", "direct", "Three villages in"),
                           ("Anna Price", "direct", "I thank the"),
                           ("Tom Hale", "direct", "Will the Minister"),
                           ("Anna Price", "direct", "I will gladly")]


def test_a_caption_with_one_bracket_is_not_a_member_line():
    page = ("Council approves budget\n\nMarch 3, 2025\n\n"
            "Mayor Jo Kent (left) and Sam Ode (right) at city hall.\n\n"
            "\"We balanced the books without cutting a single library,\" Kent said on Monday.\n")
    assert _said(page) == [("Jo Kent", "direct", "We balanced the")]


# -- the page's date -----------------------------------------------------------------------------
def test_a_posted_line_with_byline_outlet_and_two_long_dates_dates_the_page():
    page = ("Toronto\n\nTransit fares frozen for a year\n\n"
            "Lena Park · CBC News · Posted: Jan 13, 2025 5:00 AM EST | Last Updated: "
            "January 13, 2025\n\n"
            "Toronto's transit fares will not rise this year, the city said.\n\n"
            "\"Riders have carried enough of the cost,\" Mayor Ruth Dale said Sunday.\n")
    article = parse_article(page, "page.txt")
    assert article.published == date(2025, 1, 13)
    assert _dates(page) == [("Riders have carried", date(2025, 1, 12))]
