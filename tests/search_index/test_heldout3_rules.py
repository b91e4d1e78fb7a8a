"""Rules added after the third blind held-out set: each one with a short page of our own."""

from datetime import date

from search_index.articles import parse_article


def _said(page: str) -> list[tuple[str, str, str]]:
    """(speaker, kind, first three words) of every quote or answer turn of a page of our own."""
    from search_index.extract import extract_article

    article = parse_article(page, "page.txt")
    return [(s.speaker, s.kind, " ".join(s.text.split()[:3])) for s in extract_article(article)
            if s.kind != "indirect"]


def _dates(page: str) -> list[tuple[str, date | None]]:
    from search_index.extract import extract_article

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
