"""Titles under site chrome: skip links, a site's banner or tagline over its menu."""

from search_index.articles.parse import parse_article

HEADLINE = "Council backs harbour wall repairs"
BODY = (
    "The regional council on Tuesday approved a plan to rebuild the harbour wall before winter, "
    "after storms damaged two sections of it last month.\n\n"
    '"We cannot wait for another storm to finish the job," the council chair, Anna Berg, said.\n'
)


def test_skip_next_section_link_is_not_the_title() -> None:
    text = "Germany\nWorld\nSkip next section\nRegion\n" + HEADLINE + "\n\n" + BODY
    assert parse_article(text).title == "Council backs harbour wall repairs"


def test_skip_to_main_navigation_link_is_not_the_title() -> None:
    text = "Skip to main navigation\nCouncil backs harbour wall repairs\n\n" + BODY
    assert parse_article(text).title == "Council backs harbour wall repairs"


def test_site_name_over_its_menu_is_not_the_title() -> None:
    text = (
        "Office of the Regional Council\nMedia centre\nStatements\n"
        "Statement: Harbour wall repairs approved\n\n" + BODY
    )
    assert parse_article(text).title == "Statement: Harbour wall repairs approved"


def test_tagline_under_a_skip_link_is_not_the_title() -> None:
    text = (
        "Skip to main content\nTrusted coastal news for harbour towns and their people\n"
        "Home\nRegions\nCoast\nCouncil backs harbour wall repairs\n\n" + BODY
    )
    assert parse_article(text).title == "Council backs harbour wall repairs"


def test_site_name_over_a_home_trail_is_not_the_title() -> None:
    text = "Northern Coast Weekly Herald\nHome / Regional\n" + HEADLINE + "\n\n" + BODY
    assert parse_article(text).title == "Council backs harbour wall repairs"


def test_long_headline_from_the_browser_tab_over_a_menu_stays_the_title() -> None:
    headline = "Council approves plan to rebuild the storm-damaged harbour wall before the winter"
    text = f"{headline}\nCouncil News\nStatements\nArchive\n\n" + BODY
    assert parse_article(text).title == headline
