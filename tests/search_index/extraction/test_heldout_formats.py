"""Page formats met in the held-out set: numeric dates, long menus above the headline, date
lines with a section label or a slash-separated byline, US government banners."""

from datetime import date

import pytest

from search_index.articles.parse import parse_article
from search_index.text.dates import find_date_expressions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15.02.2022", date(2022, 2, 15)),  # dots: day first
        ("09/07/2021 04:32 PM EDT", date(2021, 9, 7)),  # a US zone: month first
        ("09/07/2021", date(2021, 7, 9)),  # no hint: day first
        ("on 13/04/2022 the court", date(2022, 4, 13)),  # 13 cannot be a month
        ("2024-11-19 20:41:06", date(2024, 11, 19)),
    ],
)
def test_numeric_dates(text, expected):
    assert [r.date for r in find_date_expressions(text, None)] == [expected]


@pytest.mark.parametrize("text", ["version v1.2.2020 shipped", "a 1.75m-hour total", "3/4 of"])
def test_numbers_that_are_not_dates(text):
    assert find_date_expressions(text, None) == []


MENU = "\n".join(["Home", "News", "World", "Africa", "Asia", "Europe", "Business", "Sport",
                  "Culture", "Travel", "Opinion", "Video", "Live", "More", "Tables", "Scores"])


def _page(header: str, body: str) -> str:
    return f"{MENU}\n\n{header}\n\n{body}\n"


BODY = (
    "The council approved the new budget on Tuesday after a long debate.\n\n"
    "\u201cThis is a budget for the people who use our buses,\u201d the council leader said."
)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Council backs bus budget\n\nThe vote ends a year of wrangling over fares and routes.\n\n"
         "Published On 22 Jan 2025", date(2025, 1, 22)),
        ("Council backs bus budget\n\nNews Desk / EXAMPLE.COM / Updated: Jul 11, 2024, 10:12 IST",
         date(2024, 7, 11)),
        ("Council backs bus budget\n\nJane Roe   |15.02.2022 - Update : 15.02.2022",
         date(2022, 2, 15)),
        ("Council backs bus budget\n\n4 May 2023 Transport", date(2023, 5, 4)),
        ("Council backs bus budget\n\nBy Jane Roe\n\nSunday 21 April 2024 10:30, UK",
         date(2024, 4, 21)),
        ("Council backs bus budget\n\nBy JANE ROE\n09/07/2021 04:32 PM EDT", date(2021, 9, 7)),
    ],
)
def test_date_lines_below_a_long_menu(header, expected):
    article = parse_article(_page(header, BODY))
    assert article.published == expected
    assert article.paragraphs[0].text.startswith("The council approved")


def test_a_standfirst_after_a_long_menu_is_not_the_body():
    header = ("Council backs bus budget\n\nThe vote ends a year of wrangling over fares.\n\n"
              "By Jane Roe\nWednesday 8 June 2022 07:45 BST\nComments")
    article = parse_article(_page(header, BODY))
    assert len(article.paragraphs) == 2
    assert article.published == date(2022, 6, 8)


GOV_BANNER = (
    "An official website of the United States Government\nHere's how you know\n"
    "Official websites use .gov\n"
    "A .gov website belongs to an official government organization in the United States.\n"
    "Secure .gov websites use HTTPS\n"
)
TRANSCRIPT = GOV_BANNER + (
    "\nPress Secretary Rear Adm. Lena Ortiz Holds a Press Briefing\n\nMarch 3, 2021\n\n"
    "REAR ADMIRAL LENA ORTIZ: Good afternoon. I have one note at the top.\n\n"
    "The hospital ship Comfort will leave Norfolk on Friday for a five-month deployment to "
    "Central America.\n\n"
    "Q: Will the ship stop in Haiti?\n\n"
    "ADM. ORTIZ: We expect it to call at Port-au-Prince in April, weather permitting.\n\n"
    "Q: Thanks.\n\n"
    "ADM. ORTIZ: All right. Have a good weekend, everybody.\n\n"
    "Subscribe to our products\n"
    "Choose which of our products you want delivered to your inbox every week.\n"
)


def test_a_government_banner_is_furniture_and_ranked_labels_are_turns():
    from search_index.extraction.pipeline import extract_article

    article = parse_article(TRANSCRIPT)
    assert article.paragraphs[0].text.startswith("REAR ADMIRAL LENA ORTIZ:")
    assert article.published == date(2021, 3, 3)
    assert article.dateline is None
    statements = extract_article(article)
    assert [s.text[:20] for s in statements] == ["The hospital ship Co", "We expect it to call"]
    assert {s.speaker for s in statements} == {"Lena Ortiz"}
    assert all(s.date == date(2021, 3, 3) for s in statements)
