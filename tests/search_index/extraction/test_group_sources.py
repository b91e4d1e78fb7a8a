"""A group plural names no person, even capitalised at the start of its sentence."""

from __future__ import annotations

from search_index.articles.parse import parse_article
from search_index.extraction.pipeline import extract_article


def test_a_group_that_opens_its_sentence_is_a_group_not_a_name() -> None:
    article = parse_article(
        "Rally outside the ministry\n\nISLAMABAD, March 4, 2024: Hundreds gathered on Monday.\n\n"
        'Protesters chanted "No deal without jobs" outside the ministry.\n\n'
        '"We will stay until they listen," Senate Democrats said in a statement.\n'
    )
    kinds = {s.speaker: s.speaker_kind for s in extract_article(article)}
    assert kinds.get("Protesters") == "group"
    assert kinds.get("Senate Democrats") == "group"
