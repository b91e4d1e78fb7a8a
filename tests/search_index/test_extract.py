import datetime

from search_index.articles import parse_article
from search_index.extract import extract_article, extract_paths
from search_index.models import DateBasis
from search_index.speakers import SpeakerRegistry

STORY_A = """Ministers meet on trade

Published March 6, 2024

Trade Secretary Helen Park said on Tuesday that tariffs would be cut next month.

“We want trade to grow,” Park said.

Earlier this year, Park had said the talks were “going nowhere fast”.
"""

STORY_B = """Trade talks resume

Published March 8, 2024

“We are close to a deal,” Park told reporters on Thursday.
"""


def test_offsets_text_and_dates(tmp_path):
    article = parse_article(STORY_A, tmp_path / "a.txt")
    statements = extract_article(article)
    for s in statements:
        assert article.text[s.start:s.end] == s.text
    quote = next(s for s in statements if s.text == "We want trade to grow,")
    assert quote.speaker == "Helen Park" and quote.role == "Trade Secretary"
    assert quote.date == datetime.date(2024, 3, 5)  # the Tuesday of the first sentence
    fragment = next(s for s in statements if s.text == "going nowhere fast")
    assert fragment.kind == "partial"
    assert fragment.date is None or fragment.confidence < 0.5  # "had said": an earlier day


def test_batch_resolves_surnames_across_articles(tmp_path):
    (tmp_path / "b.txt").write_text(STORY_B, encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY_A, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02\x03")
    registry = SpeakerRegistry()
    outcomes = list(extract_paths([tmp_path], registry))
    assert [o.path.name for o in outcomes] == ["a.txt", "b.txt", "bad.txt"]
    assert outcomes[2].error and outcomes[2].article is None
    [quote] = outcomes[1].statements
    assert quote.speaker == "Helen Park" and quote.date == datetime.date(2024, 3, 7)
    assert registry.resolve("Park") == "Helen Park"


def test_masthead_article_gets_no_confident_date(seeds_dir):
    [outcome] = extract_paths([seeds_dir / "003_c79810c6601e4e89.txt"])
    assert outcome.statements
    assert all(s.date is None or s.confidence < 0.5 for s in outcome.statements)


def test_seed_headline_repeat_is_one_statement(seeds_dir):
    [outcome] = extract_paths([seeds_dir / "000_e1142b8840bba6a1.txt"])
    texts = [s.text for s in outcome.statements if s.kind == "direct"]
    assert sum("major non-NATO ally" in t for t in texts) == 1
    ispr = next(s for s in outcome.statements if s.text.startswith("Both sides agreed"))
    assert ispr.speaker == "Inter-Services Public Relations"
    assert ispr.date == datetime.date(2023, 12, 15) and ispr.date_basis == DateBasis.MONTH_DAY


def test_same_person_two_roles_across_years(seeds_dir):
    registry = SpeakerRegistry()
    list(extract_paths([seeds_dir], registry))
    roles = {r.role for r in registry.speakers["Khawaja Asif"].roles}
    assert {"Pakistan Foreign Minister", "Defence Minister"} <= roles
