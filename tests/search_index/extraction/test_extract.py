import datetime

from search_index.articles.parse import parse_article
from search_index.extraction.pipeline import extract_article, extract_paths, learn_names
from search_index.extraction.speakers import SpeakerRegistry
from search_index.models import DateBasis

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


def test_masthead_article_statements_are_undated(seeds_dir):
    # a 2017 story under a 2024 page date: no statement may show the page's day
    registry = SpeakerRegistry()
    [outcome] = extract_paths([seeds_dir / "003_c79810c6601e4e89.txt"], registry)
    assert outcome.article.published_basis == DateBasis.MASTHEAD
    assert outcome.statements
    for statement in outcome.statements:
        assert statement.date is None and statement.confidence == 0
        assert statement.date_basis in (DateBasis.MASTHEAD, DateBasis.UNKNOWN)
    for speaker in {s.speaker for s in outcome.statements}:
        for role in registry.speakers[speaker].roles:
            assert role.first is None and role.last is None


BRIEFING_PAGE = """Department Press Briefing – March 14, 2024

Matthew Miller, Department Spokesperson
Washington, DC

MR MILLER: Good afternoon, everyone. I have one announcement at the top.

The United States is sending new flood aid to Sindh province this week.

QUESTION: Will there be more?

MR MILLER: We will keep working with the government in Islamabad on what is needed.
"""


def test_briefing_turns_carry_the_header_role_and_the_title_date(tmp_path):
    article = parse_article(BRIEFING_PAGE, tmp_path / "briefing.txt")
    statements = extract_article(article)
    assert [s.text[:12] for s in statements] == ["The United S", "We will keep"]
    for statement in statements:
        assert statement.speaker == "Matthew Miller"
        assert statement.role == "Department Spokesperson"
        assert statement.date == datetime.date(2024, 3, 14) and statement.confidence >= 0.85


LEDE_STORY = """FO rejects remarks on Kashmir

Published March 8, 2024

ISLAMABAD: The Foreign Office on Thursday dismissed remarks by an Indian minister about Kashmir.

Foreign Office spokesperson Sara Malik told the weekly briefing that the comments were
“irresponsible and provocative”.
"""


def test_undated_quotes_take_the_lede_day_not_the_page_day(tmp_path):
    [statement] = [s for s in extract_article(parse_article(LEDE_STORY, tmp_path / "l.txt"))
                   if s.kind == "partial"]
    assert statement.speaker == "Sara Malik"
    assert statement.date == datetime.date(2024, 3, 7)


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


def _dates_by_quote(text: str, tmp_path) -> dict[str, datetime.date | None]:
    article = parse_article(text, tmp_path / "story.txt")
    return {s.text: s.date for s in extract_article(article) if s.kind != "indirect"}


def test_a_day_bound_to_the_verb_beats_a_later_day_in_the_lede(tmp_path):
    dates = _dates_by_quote(
        "Ferry link to reopen\n\nPublished July 11, 2024\n\n"
        "The ferry will resume on August 15, the transport minister Omar Reyes announced on "
        "Wednesday after talks in the port.\n\n"
        "Addressing reporters, Reyes said: “This route matters to thousands of families.”\n",
        tmp_path)
    assert dates["This route matters to thousands of families."] == datetime.date(2024, 7, 10)


def test_an_event_day_in_the_opening_dates_the_remarks_that_follow(tmp_path):
    dates = _dates_by_quote(
        "Fraudster jailed\n\nPublished June 8, 2022\n\n"
        "A roofer who cheated pensioners has been jailed for six years.\n\n"
        "Tom Vale, 51, admitted eight counts of fraud and was sentenced at Crown Court on "
        "Tuesday.\n\n"
        "Prosecutor Ann Ruiz told the court that Vale targeted people who lived alone.\n\n"
        "Sentencing, Judge Mary Kell said: “You preyed on the trust of the elderly.”\n",
        tmp_path)
    assert dates["You preyed on the trust of the elderly."] == datetime.date(2022, 6, 7)


def test_a_day_in_the_paragraph_before_dates_the_same_speakers_words(tmp_path):
    dates = _dates_by_quote(
        "Council row\n\nPublished March 8, 2024\n\n"
        "The council is split over the budget.\n\n"
        "Mayor Lena Ortiz said the cuts were unavoidable.\n\n"
        "Speaking at a rally on Wednesday, councillor Sam Bayo attacked the plan.\n\n"
        "“It is a disgrace,” Bayo said.\n",
        tmp_path)
    assert dates["It is a disgrace,"] == datetime.date(2024, 3, 6)


def test_earlier_and_interviews_are_other_occasions_than_the_opening_day(tmp_path):
    dates = _dates_by_quote(
        "Budget vote\n\nPublished March 8, 2024\n\n"
        "Finance Minister Rina Sol told parliament on Wednesday that the budget was final.\n\n"
        "“There will be no new taxes,” Sol said.\n\n"
        "Earlier, opposition leader Ken Ames said the plan was “a fantasy”.\n\n"
        "In an interview with a radio station, Ames said: “We will vote against it.”\n",
        tmp_path)
    assert dates["There will be no new taxes,"] == datetime.date(2024, 3, 6)
    assert dates["a fantasy"] != datetime.date(2024, 3, 6)
    assert dates["We will vote against it."] != datetime.date(2024, 3, 6)


def test_only_names_written_as_people_are_learned(tmp_path):
    article = parse_article(
        "Dam talks stall\n\nPublished March 8, 2024\n\n"
        "Irrigation Minister Lena Ortiz met officials of Water Resources on Monday.\n\n"
        "Sam Bayo, a fellow at the Harbour Institution in London, said the talks had stalled. "
        "He spoke on the programme Capital Talk.\n\n"
        "Mr Tomas Rehn told reporters the dam would be finished. Deputy National Security "
        "Adviser Ken Ames was also there.\n",
        tmp_path / "dam.txt")
    registry = SpeakerRegistry()
    learn_names(article, registry)
    assert set(registry.speakers) == {"Lena Ortiz", "Sam Bayo", "Tomas Rehn", "Ken Ames"}
