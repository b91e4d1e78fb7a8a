"""Saved pages -> Article: metadata from the page's markup, body text without the furniture."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from html_page_builder import PORT_DEAL_PARAGRAPHS, news_page

from search_index.articles.html_pages import article_from_html
from search_index.errors import ArticleError
from search_index.models import DateBasis


def test_metadata_fields_come_from_the_page() -> None:
    article = article_from_html(news_page(), "saved/port-deal.html")
    assert article.title == "Minister defends port deal as talks resume"
    assert article.outlet == "The Harbour Gazette"
    assert article.byline == "Ada Morgan"
    assert article.url == "https://gazette.example/news/port-deal"
    assert article.published == date(2024, 3, 14)
    assert article.published_basis == DateBasis.PUBLISHED_LINE
    assert article.published_confidence == pytest.approx(0.95)
    assert article.path == "saved/port-deal.html"
    assert article.file == "port-deal.html"


def test_body_paragraphs_are_kept_and_furniture_is_gone() -> None:
    article = article_from_html(news_page(), "port-deal.html")
    assert [p.text for p in article.paragraphs] == PORT_DEAL_PARAGRAPHS
    for furniture in ("Subscribe", "Related stories", "Dock strike", "Privacy policy",
                      "All rights reserved", "By Ada Morgan"):
        assert furniture not in article.text


def test_curly_quotes_are_kept_verbatim() -> None:
    article = article_from_html(news_page(), "port-deal.html")
    quote = "“We have negotiated the best terms this country has seen in a generation,”"
    assert quote in article.text
    assert article.paragraphs[1].text.startswith(quote)


def test_text_is_title_then_blank_line_separated_paragraphs_with_offsets() -> None:
    article = article_from_html(news_page(), "port-deal.html")
    expected = "\n\n".join([article.title, *PORT_DEAL_PARAGRAPHS]) + "\n"
    assert article.text == expected
    assert article.id == hashlib.sha256(expected.encode("utf-8")).hexdigest()[:16]
    for index, paragraph in enumerate(article.paragraphs):
        assert paragraph.index == index
        assert article.text[paragraph.start:paragraph.end] == paragraph.text


def test_metadata_date_beats_a_date_in_the_body() -> None:
    paragraphs = [
        "Published January 2, 2020. The council voted on Tuesday to close the old ferry "
        "terminal and move its services to the new quay on the eastern shore of the bay.",
        "“The old building has served us well, but it cannot be repaired,” said council "
        "leader Tomas Berg, who has pressed for the move for several years.",
    ]
    page = news_page("Council votes to close ferry terminal", paragraphs,
                     published="2024-06-05T08:00:00Z")
    article = article_from_html(page, "ferry.html")
    assert article.published == date(2024, 6, 5)


def test_page_without_date_metadata_leaves_the_date_to_the_text() -> None:
    paragraphs = [
        "The council voted on Tuesday to close the old ferry terminal and move its services "
        "to the new quay on the eastern shore of the bay, ending a long dispute.",
        "“The old building has served us well, but it cannot be repaired,” said council "
        "leader Tomas Berg on January 2, 2020, at a meeting in the town hall.",
    ]
    page = news_page("Council votes to close ferry terminal", paragraphs, published=None,
                     canonical=None)
    article = article_from_html(page, "ferry.html", url="https://gazette.example/ferry")
    assert article.published is None
    assert article.published_basis == DateBasis.UNKNOWN
    assert article.published_confidence == 0.0
    assert article.url == "https://gazette.example/ferry"  # no canonical link: where it came from


def test_bytes_in_utf8_are_decoded() -> None:
    article = article_from_html(news_page().encode("utf-8"), "port-deal.html")
    assert "“We have negotiated" in article.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><body><nav>Home | World | Business</nav><p>Sign in to continue.</p></body></html>",
    ],
)
def test_a_page_without_article_text_is_an_article_error(html: str) -> None:
    with pytest.raises(ArticleError) as caught:
        article_from_html(html, "empty.html")
    message = str(caught.value)
    assert message.startswith("empty.html: ")
    assert "\n" not in message


def test_a_saved_page_keeps_its_og_url_and_names_its_outlet_by_it() -> None:
    page = news_page(site_name=None, canonical=None).replace(
        "</head>", '<meta property="og:url" content="https://www.dawn.com/news/1234">\n</head>')
    article = article_from_html(page, "saved/port-deal.html")
    assert article.url == "https://www.dawn.com/news/1234"
    assert article.outlet == "Dawn"  # no og:site_name: the link's host names the publisher


def test_a_saved_page_read_from_the_corpus_keeps_its_canonical_link(tmp_path) -> None:
    from search_index.articles.loading import load_article

    (tmp_path / "port-deal.html").write_text(news_page(), encoding="utf-8")
    article = load_article(tmp_path / "port-deal.html")
    assert article.url == "https://gazette.example/news/port-deal"
