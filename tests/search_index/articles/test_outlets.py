"""Outlets come from the page's own cues; a wire credit stands beside the outlet as `via`."""

from __future__ import annotations

import pytest

from search_index.articles.loading import load_article
from search_index.articles.outlets import (
    desk_outlet,
    outlet_from_url,
    split_title_site,
    wire_name,
)
from search_index.articles.parse import parse_article

HEAD = "Talks between the two sides to resume next week"
BODY = ("The minister said on Monday that the talks would resume next week, and that both "
        "sides had agreed to keep the channel open.")


def test_a_trailing_wire_credit_is_via_not_the_outlet_and_a_misspelt_one_is_recognised():
    article = parse_article(f"{HEAD}\n\n{BODY} (Pahwok)\n")
    assert article.outlet is None
    assert article.via == "Pajhwok Afghan News"
    assert article.paragraphs[-1].text.endswith("open.")


def test_a_dateline_credit_and_a_copyright_line_give_wire_and_outlet():
    text = (f"{HEAD}\n\nKABUL (AP) — {BODY}\n\n"
            "© 2024 The Frontier Post. All rights reserved.\n")
    article = parse_article(text)
    assert (article.outlet, article.via) == ("The Frontier Post", "Associated Press")


def test_a_tab_title_names_the_site_and_leaves_the_headline_clean():
    article = parse_article(f"{HEAD} | The Harbour Gazette\n\n{BODY}\n")
    assert article.title == HEAD
    assert article.outlet == "The Harbour Gazette"


@pytest.mark.parametrize("title", [
    "Kirby - a profile of the spokesman who never stops",
    "Talks between the two sides to resume next week | see what the minister said about it.",
])
def test_a_dash_or_bar_inside_a_headline_is_not_a_site(title):
    assert split_title_site(title) == (title, None)


def test_a_desk_byline_names_the_outlet_but_a_generic_desk_does_not():
    named = parse_article(f"{HEAD}\n\nBy Frontier Report\n\n{BODY}\n")
    assert named.outlet == "Frontier"
    generic = parse_article(f"{HEAD}\n\nBy Web Desk\n\n{BODY}\n")
    assert generic.outlet is None
    assert desk_outlet("Rachel Morton Health Correspondent") is None
    assert desk_outlet("Our Staff Report") is None


def test_a_desk_byline_gives_way_to_a_publisher_line():
    text = (f"{HEAD}\n\nBR Web Desk\n\n{BODY}\n\n"
            "Copyright Business Recorder, 2019\n")
    assert parse_article(text).outlet == "Business Recorder"


def test_the_wire_s_own_page_is_its_outlet_without_a_via():
    text = f"{HEAD} | Reuters\n\nKABUL (Reuters) - {BODY}\n"
    article = parse_article(text)
    assert (article.outlet, article.via) == ("Reuters", None)


def test_wire_names_match_exactly_when_short_and_within_one_letter_when_long():
    assert wire_name("AP") == "Associated Press"
    assert wire_name("APE") is None
    assert wire_name("Reuter") == "Reuters"
    assert wire_name("Daily Times") is None


@pytest.mark.parametrize(("url", "outlet"), [
    ("https://www.dawn.com/news/1835123/story", "Dawn"),
    ("https://amp.theguardian.com/world/2024/x", "The Guardian"),
    ("https://news.gazette.example/port-deal", "news.gazette.example"),
    ("not a url", None),
    (None, None),
])
def test_a_link_names_its_publisher(url, outlet):
    assert outlet_from_url(url) == outlet


def test_a_sidecar_url_names_the_outlet_when_the_page_does_not(tmp_path):
    (tmp_path / "story.txt").write_text(f"{HEAD}\n\n{BODY} (Reuters)\n")
    (tmp_path / "story.meta.json").write_text('{"url": "https://www.dawn.com/news/1"}')
    article = load_article(tmp_path / "story.txt")
    assert (article.outlet, article.via, article.url) == (
        "Dawn", "Reuters", "https://www.dawn.com/news/1")


def test_an_untitled_article_is_named_by_its_first_words():
    article = parse_article(f"{BODY}\n")
    assert article.title is None
    assert article.opening_words() == "The minister said on Monday that the talks would resume …"
    titled = parse_article(f"{HEAD}\n\n{BODY}\n")
    assert titled.opening_words() is None
