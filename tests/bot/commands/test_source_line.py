"""The source line: outlet beside any wire credit, the article's date with what it rests on."""

from __future__ import annotations

from datetime import date

import pytest

from bot.source_line import article_date_text, article_name, outlet_text, report_line
from search_index.models import DateBasis, Source


@pytest.mark.parametrize(("outlet", "via", "text"), [
    ("Dawn", None, "Dawn"),
    ("Dawn", "Reuters", "Dawn · via Reuters"),
    (None, "Pajhwok Afghan News", "outlet not stated · via Pajhwok Afghan News"),
    (None, None, "outlet not stated"),
    ("Reuters", "Reuters", "Reuters"),
])
def test_outlet_text(outlet, via, text):
    assert outlet_text(outlet, via) == text


def test_article_dates_say_what_they_rest_on_and_a_masthead_is_not_the_article_s():
    day = date(2024, 4, 23)
    assert article_date_text(day, DateBasis.PUBLISHED_LINE) == (
        "23 Apr 2024, from its publication line")
    assert article_date_text(day, DateBasis.SIDECAR) == "23 Apr 2024, given by the operator"
    assert article_date_text(day, DateBasis.MASTHEAD) == (
        "date not stated (the page is dated 23 Apr 2024)")
    assert article_date_text(None, DateBasis.UNKNOWN) == "date not stated"
    assert article_date_text(day, None) == "23 Apr 2024"  # an index from before bases were kept


def test_a_report_line_never_falls_back_to_the_file_name():
    source = Source(article_id="a", file="003_c79810c6601e4e89.txt", via="Pajhwok Afghan News",
                    published=date(2024, 4, 23), published_basis=DateBasis.MASTHEAD)
    line = report_line(source)
    assert line == ("date not stated · outlet not stated · via Pajhwok Afghan News"
                    " · untitled article")
    assert article_name(None, "In a statement issued today …") == "In a statement issued today …"
