"""Answer -> embeds: Discord's limits under adversarial text, escaping, cuts and paging."""

import re
from datetime import date

import pytest
from fake_search_service import FakeSearchService, statement

from bot import commands
from bot.answers import Answer, AnswerField, AnswerKind, QuoteItem
from bot.discord.render import (
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    FOOTER_LIMIT,
    TITLE_LIMIT,
    render,
    safe,
    safe_url,
)
from search_index.models import TextRun


def item(number: int, runs: list[TextRun], **extra) -> QuoteItem:
    fields = dict(speaker="Matthew Miller", role="State Department Spokesperson",
                  date=date(2024, 2, 10), outlet="Daily Ledger", article_title="On the vote",
                  url="https://news.example/vote", statement_id=f"s{number}")
    fields.update(extra)
    return QuoteItem(number=number, runs=runs, **fields)


def assert_within_limits(embed) -> None:
    assert len(embed.title or "") <= TITLE_LIMIT
    assert len(embed.description or "") <= DESCRIPTION_LIMIT
    assert len(embed.fields) <= 25
    for field in embed.fields:
        assert 0 < len(field.name) <= FIELD_NAME_LIMIT
        assert 0 < len(field.value) <= FIELD_VALUE_LIMIT
    assert len(embed.footer.text or "") <= FOOTER_LIMIT
    assert len(embed) <= EMBED_TOTAL_LIMIT


def test_a_results_answer_shows_quote_speaker_date_and_linked_source():
    answer = commands.quote(FakeSearchService(), "elections")
    [embed] = render(answer)
    first = embed.fields[0]
    assert first.name == "1. Matthew Miller, State Department Spokesperson"
    assert first.value.startswith("“We look forward to timely, complete results from the "
                                  "**elections**.”")
    assert ("said 10 Feb 2024 · Daily Ledger · "
            "[Officials speak on the vote](https://news.example/vote)") in first.value
    assert embed.footer.text == "3 statements"


def test_a_date_that_is_the_reports_says_so():
    answer = commands.quote(FakeSearchService(), "institutions")
    [embed] = render(answer)
    assert embed.fields[0].value.splitlines()[1].startswith("reported 1 Jun 2023 · ")


@pytest.mark.parametrize("hostile", [
    "@everyone look at this", "ping <@123456789012345678> and <@&98765432109876543>",
    "[click here](https://evil.example) **bold** __under__ ~~gone~~ `code` ||spoiler||",
    "# Heading\n> quote\n- list", "<t:1700000000:R> <:emoji:123456789012345678> <#123>",
])
def test_hostile_quote_text_is_inert(hostile):
    runs = [TextRun(text=hostile)]
    [embed] = render(Answer(kind=AnswerKind.RESULTS, title=hostile, lines=[hostile],
                            items=[item(1, runs, speaker=hostile)]))
    for text in (embed.title, embed.description, embed.fields[0].name, embed.fields[0].value):
        assert "@everyone" not in text
        assert not re.search(r"(?<!\\)<[@#:t]", text)  # every < is escaped
        assert "](" not in text.replace("\\](", "") or "[On the vote](" in text
        assert "\n#" not in text and "\n>" not in text
        assert "**bold**" not in text and "`code`" not in text


def test_escaping_keeps_the_words_readable():
    assert safe("*really* [sic] <@1> @here") == r"\*really\* \[sic\] \<@1\> @" + "\u200bhere"
    assert safe("line one\n\n# line two") == r"line one \# line two"


def test_only_matched_terms_are_bold():
    runs = [TextRun(text="The "), TextRun(text="elections", match=True),
            TextRun(text=" were ** fair"), TextRun(text=" and free ", match=True)]
    [embed] = render(Answer(kind=AnswerKind.RESULTS, title="t", items=[item(1, runs)]))
    assert embed.fields[0].value.startswith(r"“The **elections** were \*\* fair **and free**”")


def test_a_long_quote_is_cut_at_a_word_with_an_ellipsis_and_a_pointer_to_context():
    words = " ".join(f"word{n}" for n in range(600))
    [embed] = render(Answer(kind=AnswerKind.RESULTS, title="t", total=1,
                            items=[item(1, [TextRun(text=words)])]))
    quote = embed.fields[0].value.split("\n")[0]
    assert quote.endswith("…”")
    last_word = quote.removesuffix("…”").rsplit(" ", 1)[-1]
    assert last_word.startswith("word") and last_word[4:].isdigit()
    assert "Context" in embed.footer.text
    assert_within_limits(embed)


def test_a_cut_never_splits_an_escape_or_a_bold_marker():
    runs = [TextRun(text="*_" * 300), TextRun(text="elections " * 80, match=True)]
    [embed] = render(Answer(kind=AnswerKind.RESULTS, title="t", items=[item(1, runs)]))
    quote = embed.fields[0].value.split("\n")[0]
    body = quote.removeprefix("“").removesuffix("…”")
    # every backslash escapes the next character, and bold markers come in pairs
    unescaped = body.replace("\\\\", "").replace("\\*", "").replace("\\_", "")
    assert "\\" not in unescaped
    assert unescaped.count("**") % 2 == 0


def test_five_huge_results_fit_one_embed():
    huge = "@everyone <@1> **x** " * 400
    items = [item(n, [TextRun(text=huge, match=n % 2 == 0)], speaker="S" * 300,
                  article_title="T" * 500, outlet="O" * 300, url="https://e.example/" + "p" * 400)
             for n in range(1, 6)]
    answer = Answer(kind=AnswerKind.RESULTS, title="Q" * 400, lines=["L" * 5000] * 3,
                    items=items, page=2, pages=9, total=45)
    [embed] = render(answer)
    assert_within_limits(embed)
    assert len(embed.fields) == 5
    assert embed.footer.text.startswith("Page 2/9 · 45 statements")


def test_many_long_fields_stay_within_the_total():
    fields = [AnswerField(name=f"Speaker {n} " + "N" * 300, lines=["R" * 900, "X" * 400])
              for n in range(40)]
    [embed] = render(Answer(kind=AnswerKind.INFO, title="Speakers", fields=fields))
    assert_within_limits(embed)
    assert embed.fields[0].name.startswith("Speaker 0")


def test_context_answer_puts_the_paragraph_in_the_description_with_the_quote_bold():
    service = FakeSearchService([statement(1, "We will keep talking.", "Khawaja Asif",
                                           context="After the meeting he said: “We will keep "
                                                   "talking.” Officials nodded.")])
    [embed] = render(commands.context(service, "s001"))
    assert embed.description == ("After the meeting he said: “**We will keep talking.**” "
                                 "Officials nodded.")
    assert embed.fields[0].name == "1. Khawaja Asif"
    # no date and no article date: said so, with no other date in its place
    assert embed.fields[0].value == ("date not stated (the article's date is not known either)"
                                     " · Daily Ledger · "
                                     "[Officials speak on the vote](https://news.example/vote)")


def test_a_paged_list_shows_page_numbers():
    many = [statement(n, "Words.", f"Speaker Number{n:02d}") for n in range(1, 24)]
    [embed] = render(commands.speakers(FakeSearchService(many)))
    assert embed.footer.text == "Page 1/3"
    assert len(embed.fields) == 10


def test_sources_link_the_article():
    [embed] = render(commands.sources(FakeSearchService()))
    assert "[Read the article](https://star.example/ties)" in embed.fields[0].value


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.example/a (b)", "https://news.example/a%20%28b%29"),
    ("javascript:alert(1)", None),
    ("ftp://files.example/x", None),
    ("https://news.example/ok?x=1&y=2", "https://news.example/ok?x=1&y=2"),
    ("", None),
])
def test_only_safe_http_links_are_linked(url, expected):
    assert safe_url(url) == expected


def test_error_answers_render_red_with_their_lines():
    [embed] = render(commands.quote(FakeSearchService(), "elections", since="soon"))
    assert embed.colour.value == 0xE74C3C
    assert embed.title == "since: “soon” is not a date."
    assert "YYYY-MM-DD" in embed.description


def test_an_untitled_article_is_named_by_its_first_words_and_says_its_outlet_is_not_stated():
    runs = [TextRun(text="We will keep talking.")]
    untitled = item(1, runs, article_title=None, outlet=None, url=None,
                    opening="In a statement issued today, the spokesman said …")
    [embed] = render(Answer(kind=AnswerKind.RESULTS, title="t", items=[untitled]))
    assert embed.fields[0].value.endswith(
        "said 10 Feb 2024 · outlet not stated · In a statement issued today, the spokesman said …")


def test_a_wire_credit_stands_beside_the_outlet_and_the_headline_links_to_the_article():
    runs = [TextRun(text="We will keep talking.")]
    wired = item(1, runs, article_title="Talks go on", outlet="Dawn", via="Reuters",
                 url="https://www.dawn.com/news/1")
    [embed] = render(Answer(kind=AnswerKind.RESULTS, title="t", items=[wired]))
    assert embed.fields[0].value.endswith(
        "said 10 Feb 2024 · Dawn · via Reuters · [Talks go on](https://www.dawn.com/news/1)")


def test_both_renderers_count_other_reports_except_where_whosaid_lists_them():
    from bot.console.render import render_text

    counted = item(1, [TextRun(text="We stand with the voters.")], sources=3)
    listed = item(2, [TextRun(text="We stand with the voters.")], sources=3,
                  reports=["2024-02-10 · Daily Ledger · On the vote"])
    answer = Answer(kind=AnswerKind.RESULTS, title="Results", items=[counted, listed], total=1)
    [embed] = render(answer)
    console = render_text(answer)
    assert "reported by 3 articles" in embed.fields[0].value
    assert "reported by 3 articles" not in embed.fields[1].value
    assert "Reported by:" in embed.fields[1].value
    assert console.count("reported by 3 articles") == 1
    assert embed.footer.text == "1 statement" and console.endswith("1 statement · type /context 1")
