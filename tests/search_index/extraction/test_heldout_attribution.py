"""Attribution and dating met in the held-out set: days inside quotes, pronouns and genders,
names with particles, long appositives, institutions behind a spokesperson."""

from datetime import date

from search_index.articles.parse import parse_article
from search_index.extraction.pipeline import extract_article
from search_index.extraction.speakers import SpeakerRegistry


def statements_of(body: str, published: str = "Published 12 March 2024"):
    text = f"Harbour plan approved after long debate\n\nBy Ann Lee\n{published}\n\n{body}\n"
    article = parse_article(text)
    return extract_article(article, SpeakerRegistry())


def test_a_day_inside_the_quote_does_not_date_it():
    found = statements_of(
        "The harbour board approved the plan on Monday after a six-hour meeting.\n\n"
        "Asked when work would start, the board's chair, Helen Park, replied: \"Not yet. Ask me "
        "again on Friday, when the contracts are signed.\""
    )
    assert len(found) == 1
    assert found[0].speaker == "Helen Park"
    assert found[0].date == date(2024, 3, 11)  # the lede's Monday, not last Friday


def test_a_surname_with_a_lower_case_particle_names_the_speaker():
    found = statements_of(
        "Ministry spokesman Khalid al-Rashid told reporters on Monday that the port would "
        "reopen.\n\n"
        "\u201cWe expect the first ships to dock within a week,\u201d al-Rashid said."
    )
    assert [s.speaker for s in found if s.kind == "direct"] == ["Khalid al-Rashid"]
