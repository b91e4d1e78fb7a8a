"""Issue 11's Done-when lines, checked on the shipped seeds in the console: what a journalist
copies from an answer must be what was said, when it was said.

- no reporter's paraphrase (kind "indirect") is shown inside quote marks;
- /whosaid claims "exact words" only for quotes that hold the phrase verbatim;
- /latest lists dated statements before undated ones, and says an undated one is undated.
"""

from __future__ import annotations

import re

import pytest

from bot import commands
from bot.answers import Answer
from bot.console.render import render_text
from bot.console.session import ConsoleSession
from search_index.index.schema import normalise_quote
from search_index.search.service import SearchService

QUERIES = ["elections", "relations", "Pakistan", "Trump", "security", "United States",
           "cooperation", "talks", "peace", "military"]
PHRASES = ["free and fair elections", "major non-NATO ally", "mutual respect",
           "old friends and partners", "healthy military-to-military relationship",
           "president and the prime minister have congratulated"]
# "3-4" in "Results 3-4, from 2 speakers (earliest first), quote these exact words."
CLAIM = re.compile(r"^Results? (\d+)(?:-(\d+))?\b.* quotes? these exact words\.$")


@pytest.fixture
def session(seeds_service: SearchService, tmp_path) -> ConsoleSession:
    return ConsoleSession(seeds_service, [tmp_path], tmp_path / "unused",
                          charts_dir=tmp_path / "charts")


def every_page(session: ConsoleSession, line: str) -> list[Answer]:
    answers = [session.handle(line)]
    while answers[-1] is not None and answers[-1].page < answers[-1].pages:
        answers.append(session.handle("next"))
    assert all(answer is not None for answer in answers)
    return [answer for answer in answers if answer is not None]


def test_no_paraphrase_is_shown_inside_quote_marks(session, seeds_service):
    paraphrases = 0
    speakers = [speaker.name for speaker in seeds_service.speakers("", limit=100)]
    lines = [f"/quote {query}" for query in QUERIES] + [f"/latest {name}" for name in speakers]
    for line in lines:
        for answer in every_page(session, line):
            text = render_text(answer, width=10_000)  # one line a statement, nothing wrapped
            for item in answer.items:
                words = " ".join(item.text.split())
                if item.kind == "indirect":
                    paraphrases += 1
                    assert f"“{words}" not in text, (line, words)
                    assert f"Reported: {item.speaker.split()[-1]}" in text or (
                        f"Reported: {item.speaker}" in text), (line, words)
                else:
                    assert f"“{words}”" in text or len(words) > 400, (line, words)
    assert paraphrases >= 5, "the seeds hold reported speech: the check must have met some"


def test_whosaid_says_exact_words_only_of_quotes_holding_the_phrase_verbatim(session):
    claims = 0
    for phrase in PHRASES:
        answer = session.handle(f"/whosaid {phrase}")
        assert answer is not None
        for line in answer.lines:
            found = CLAIM.match(line)
            if not found:
                continue
            first = int(found.group(1))
            last = int(found.group(2) or first)
            for item in answer.items[first - 1:last]:
                claims += 1
                assert item.kind in ("direct", "partial"), (phrase, item.text)
                assert f" {normalise_quote(phrase)} " in f" {normalise_quote(item.text)} ", (
                    phrase, item.text)
    assert claims >= 3


def test_a_paraphrase_holding_the_phrase_is_named_as_paraphrase(session):
    answer = session.handle("/whosaid president and the prime minister have congratulated")
    assert answer is not None and answer.items[0].kind == "indirect"
    assert "the reporter's paraphrase, not in a quotation" in answer.lines[-1]
    assert answer.lines[0].startswith("Nobody is quoted saying these exact words")


def test_latest_lists_dated_statements_before_undated_ones(session, seeds_service):
    checked = 0
    for speaker in seeds_service.speakers("", limit=100):
        answers = every_page(session, f"/latest {speaker.name}")
        assert answers[0].title == f"Latest from {speaker.name}"
        items = [item for answer in answers for item in answer.items]
        assert len(items) == speaker.statements
        dated = [item.date for item in items if item.date is not None]
        assert dated == sorted(dated, reverse=True)
        first_undated = next((n for n, item in enumerate(items) if item.date is None), None)
        if first_undated is not None:
            assert all(item.date is None for item in items[first_undated:]), speaker.name
            checked += 1
    assert checked >= 2


def test_an_undated_statement_says_so_and_names_its_articles_date(session):
    answer = session.handle("/latest Mumtaz Zahra Baloch")
    assert answer is not None
    pages = every_page(session, "/latest Mumtaz Zahra Baloch")
    text = "\n".join(render_text(page, width=10_000) for page in pages)
    assert "date not stated (in an article of 7 Nov 2024)" in text
    dated = text.index("said 7 Nov 2024")
    assert dated < text.index("date not stated")


def test_a_quoted_phrase_finds_the_statement_that_says_it_first_and_marks_it(session):
    answer = session.handle('/quote "free and fair elections"')
    assert answer is not None and answer.items
    first = answer.items[0]
    assert "free and fair elections" in first.text
    assert [run.text for run in first.runs if run.match] == ["free and fair elections"]
    assert answer.title == "On record: “free and fair elections”"


def test_exact_words_only_leaves_out_every_paraphrase(session):
    everything = [item for answer in every_page(session, "/quote elections")
                  for item in answer.items]
    exact = [item for answer in every_page(session, "/quote elections exact:true")
             for item in answer.items]
    assert any(item.kind == "indirect" for item in everything)
    assert exact and all(item.kind != "indirect" for item in exact)
    assert len(exact) == sum(1 for item in everything if item.kind != "indirect")
    refused = session.handle("/quote elections exact:maybe")
    assert refused is not None and refused.is_error and "true or false" in refused.title


def test_speakers_show_each_role_once_with_its_dates(session):
    text = render_text(commands.speakers(session.service, "Miller"), width=10_000)
    assert text.count("Spokesperson") == 1  # "Department Spokesperson" is the same post
    assert "State Department Spokesperson, US Department of State: 18 Dec 2023 to 10 Feb 2024" \
        in text


def test_a_page_dated_only_by_its_masthead_gives_no_date_to_its_statements(session):
    # seed 003 is a 2017 story on a page whose masthead shows the day it was copied (2024)
    pages = every_page(session, "/latest Rex Tillerson")
    text = "\n".join(render_text(page, width=10_000) for page in pages)
    assert "2024" not in text
    assert "date not stated (the article's date is not known either)" in text
