"""The rules that keep an answer citable, one by one: how a date says what it rests on, how a
paraphrase is labelled, how roles fold, how /whosaid names a match, how /latest pages."""

from __future__ import annotations

from datetime import date

import pytest
from fake_search_service import FakeSearchService, statement

from bot import commands
from bot.answers import QuoteItem, quote_item
from bot.commands.statements import mark_quote
from bot.commands.who_said import group_sentence
from bot.console.render import render_text
from bot.discord.render import render
from bot.role_spans import merged_roles
from bot.text_format import date_text
from search_index.models import DateBasis, Hit, SaidGroup, SpeakerRole, TextRun


def _item(**fields: object) -> QuoteItem:
    base: dict[str, object] = dict(number=1, runs=[TextRun(text="Words.")], speaker="A B",
                                   statement_id="s1")
    base.update(fields)
    return QuoteItem(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(("fields", "shown"), [
    (dict(date=date(2024, 2, 10)), "said 10 Feb 2024"),
    (dict(date=date(2024, 11, 7), date_reported=True), "reported 7 Nov 2024"),
    (dict(date=date(2024, 2, 6), date_uncertain=True,
          date_basis="weekday stated in the article"),
     "said 6 Feb 2024 (uncertain: weekday stated in the article)"),
    (dict(date=None, published=date(2024, 11, 7)),
     "date not stated (in an article of 7 Nov 2024)"),
    (dict(date=None, published=None),
     "date not stated (the article's date is not known either)"),
])
def test_every_date_says_what_it_rests_on(fields, shown):
    assert date_text(_item(**fields)) == shown


@pytest.mark.parametrize(("basis", "reported"), [
    (DateBasis.STATED, False), (DateBasis.WEEKDAY, False), (DateBasis.RELATIVE, False),
    (DateBasis.ARTICLE, True), (DateBasis.REPORTED, True), (DateBasis.PUBLISHED_LINE, True),
])
def test_a_date_taken_from_the_report_is_shown_as_reported(basis, reported):
    record, _ = statement(1, "Words.", "Ayesha Khan", when=date(2024, 11, 7), basis=basis)
    assert quote_item(Hit(statement=record), 1).date_reported is reported


def _paraphrase(speaker: str, mention: str, cue: str | None, text: str = "talks would go on",
                speaker_kind: str = "person") -> QuoteItem:
    record, _ = statement(1, text, speaker, kind="indirect", cue=cue, when=date(2024, 1, 2))
    record = record.model_copy(update={"speaker_mention": mention, "speaker_kind": speaker_kind})
    return quote_item(Hit(statement=record), 1)


@pytest.mark.parametrize(("speaker", "mention", "cue", "kind", "lead"), [
    ("Mumtaz Zahra Baloch", "Baloch", "said", "person", "Reported: Baloch said that "),
    ("Mumtaz Zahra Baloch", "she", "said", "person", "Reported: Mumtaz Zahra Baloch said that "),
    ("Mumtaz Zahra Baloch", "Baloch", "denied", "person", "Reported: Baloch denied that "),
    ("Mumtaz Zahra Baloch", "Baloch", "according to", "person", "Reported: Baloch said that "),
    ("Mumtaz Zahra Baloch", "Baloch", "told", "person", "Reported: Baloch said that "),
    ("Inter-Services Public Relations", "Relations", "said", "organisation",
     "Reported: Inter-Services Public Relations said that "),
])
def test_a_paraphrase_is_labelled_with_its_speaker_and_verb(speaker, mention, cue, kind, lead):
    item = _paraphrase(speaker, mention, cue, speaker_kind=kind)
    assert item.is_paraphrase and item.words_open == lead and item.words_close == ""


def test_a_clause_that_starts_with_that_is_not_given_a_second_one():
    item = _paraphrase("Ayesha Khan", "Khan", "said", text="that talks would go on")
    assert item.words_open == "Reported: Khan said "


def test_both_renderers_show_a_paraphrase_unquoted_and_a_quote_quoted():
    records = [statement(1, "the elections would be held on time", "Ayesha Khan",
                         kind="indirect", when=date(2024, 1, 2)),
               statement(2, "The elections will be held on time.", "Omar Said",
                         when=date(2024, 1, 3))]
    answer = commands.quote(FakeSearchService(records), "elections")
    console = render_text(answer, width=200)
    assert "Reported: Khan said that the elections would be held on time\n" in console
    assert "“the elections" not in console
    assert "“The elections will be held on time.”" in console
    fields = {field.name: field.value for field in render(answer)[0].fields}
    khan = next(value for name, value in fields.items() if "Ayesha Khan" in name)
    assert khan.startswith("Reported: Khan said that the **elections** would be held on time\n")
    assert "the reporter's paraphrase, not a quotation" in khan


def test_exact_words_only_asks_the_service_for_quotes_and_pages_keep_asking():
    records = [statement(n, f"elections matter {n}", "Ayesha Khan", when=date(2024, 1, n))
               for n in range(1, 8)]
    service = FakeSearchService(records)
    answer = commands.quote(service, "elections", exact=True)
    assert service.search_calls[-1]["kind"] == ("direct", "partial")
    assert "in their exact words" in answer.lines[0]
    assert answer.request is not None
    commands.turn_page(service, answer.request, 2)
    assert service.search_calls[-1]["kind"] == ("direct", "partial")


def test_latest_pages_like_quote():
    records = [statement(n, f"Statement number {n}.", "Ayesha Khan", when=date(2024, 1, n))
               for n in range(1, 8)]
    records.append(statement(8, "An undated one.", "Ayesha Khan", when=None,
                             published=date(2024, 3, 1)))
    service = FakeSearchService(records)
    first = commands.latest(service, "Ayesha Khan")
    assert (first.page, first.pages, first.total) == (1, 2, 8)
    assert first.request is not None and first.request.command == "latest"
    second = commands.turn_page(service, first.request, 2)
    assert [item.number for item in second.items] == [6, 7, 8]
    assert second.items[-1].date is None
    assert date_text(second.items[-1]) == "date not stated (in an article of 1 Mar 2024)"


def test_roles_fold_into_one_per_post_with_the_span_of_all_its_forms():
    roles = merged_roles([
        SpeakerRole(role="State Department Spokesperson", organisation="US Department of State",
                    first=date(2023, 12, 18), last=date(2023, 12, 18)),
        SpeakerRole(role="Department Spokesperson", first=date(2024, 2, 10),
                    last=date(2024, 2, 10)),
        SpeakerRole(role="state department spokesperson", organisation=None),
    ])
    assert [(r.role, r.organisation, r.first, r.last) for r in roles] == [
        ("State Department Spokesperson", "US Department of State", date(2023, 12, 18),
         date(2024, 2, 10)),
    ]


def test_a_short_title_that_ends_two_posts_is_left_alone():
    roles = merged_roles([SpeakerRole(role="Defence Minister"),
                          SpeakerRole(role="Foreign Minister"), SpeakerRole(role="Minister")])
    assert sorted(r.role for r in roles) == ["Defence Minister", "Foreign Minister", "Minister"]


def _group(match: str, kind: str, count: int = 1) -> SaidGroup:
    hits = []
    for n in range(count):
        record, _ = statement(n + 1, "free and fair elections", f"Speaker {n}", kind=kind)
        hits.append(Hit(statement=record))
    return SaidGroup(match=match, hits=hits)  # type: ignore[arg-type]


@pytest.mark.parametrize(("group", "first", "count", "sentence"), [
    (_group("phrase", "partial"), 1, 1, "Result 1 quotes these exact words."),
    (_group("phrase", "direct", 2), 2, 2,
     "Results 2-3, from 2 speakers (earliest first), quote these exact words."),
    (_group("phrase", "indirect"), 1, 1,
     "Result 1 holds these words, in the reporter's paraphrase, not in a quotation."),
    (_group("all-words", "direct"), 4, 1,
     "Result 4 holds every word, though not as this exact phrase."),
    (_group("most-words", "indirect"), 5, 1,
     "Result 5 holds most of the words, in the reporter's paraphrase."),
])
def test_whosaid_names_each_match_for_what_it_is(group, first, count, sentence):
    assert group_sentence(group, first, count) == sentence


def test_the_context_of_a_paraphrase_marks_the_reporters_whole_sentence():
    paragraph = ("The ministry met on Monday. Baloch said the talks would go on, adding that "
                 "no date was set. Officials left.")
    runs = mark_quote(paragraph, "the talks would go on", whole_sentence=True)
    assert [run.text for run in runs if run.match] == [
        "Baloch said the talks would go on, adding that no date was set."
    ]
    quoted = mark_quote(paragraph, "the talks would go on")
    assert [run.text for run in quoted if run.match] == ["the talks would go on"]


def test_a_source_the_article_does_not_name_says_what_kind_it_is():
    unnamed, context = statement(1, "We expect a deal within weeks.", "a senior official",
                                 when=date(2024, 3, 4))
    document, _ = statement(2, "The tariffs are not sustainable.", "the report",
                            when=date(2024, 3, 4))
    named, _ = statement(3, "Jobs come first.", "Amina Qureshi", when=date(2024, 3, 4))
    records = [(unnamed.model_copy(update={"speaker_kind": "unnamed"}), context),
               (document.model_copy(update={"speaker_kind": "document"}), context),
               (named, context)]
    console = render_text(commands.quote(FakeSearchService(records), "deal tariffs jobs"),
                          width=200)
    assert "— a senior official (source not named)" in console
    assert "— the report (a document)" in console
    assert "— Amina Qureshi\n" in console


def test_about_never_says_the_articles_came_from_zero_outlets():
    from bot.answers import stats_lines
    from search_index.models import IndexStats

    unknown = stats_lines(IndexStats(articles=5, statements=40, speakers=9, outlets=0))
    assert unknown[0] == "40 statements by 9 speakers from 5 articles whose outlets are not stated"
    known = stats_lines(IndexStats(articles=5, statements=40, speakers=9, outlets=2))
    assert known[0].endswith("from 5 articles in 2 outlets")
