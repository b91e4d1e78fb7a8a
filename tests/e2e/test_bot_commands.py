"""The real OnRecord bot, through the real discord.py client, over an index of seeds/.

Every test acts as a member would in Discord (slash commands, typing into options, pressing
buttons, picking from a select) and reads what Discord would show. The double fails a test at
teardown if the bot broke any of Discord's rules while answering it.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from discord_double import (
    CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    UPDATE_MESSAGE,
    DiscordDouble,
)
from double_payloads import MANAGE_GUILD, MEMBER_PERMISSIONS, SentMessage

from bot.discord.app import OnRecordBot
from search_index.search.timeline import day_label

pytestmark = pytest.mark.asyncio(loop_scope="module")

# How answers write a day the words were said: "said 10 Feb 2024"
DATE = re.compile(r"\bsaid (\d{1,2} [A-Z][a-z]{2} \d{4})\b")


def shown_day(text: str) -> datetime.date | None:
    found = DATE.search(text)
    return datetime.datetime.strptime(found.group(1), "%d %b %Y").date() if found else None


def plain(text: str) -> str:
    """What a reader sees: Discord drops the backslashes that escape markdown."""
    return re.sub(r"\\(.)", r"\1", text)


def listed_results(message: SentMessage) -> list[str]:
    """The listed statements, each its heading and body (speaker, words, date, source)."""
    fields = message.embeds[0].get("fields") or []
    assert fields, f"no results listed in {message.text()!r}"
    return [plain(f"{field['name']}\n{field['value']}") for field in fields]


def first_result(message: SentMessage) -> str:
    return listed_results(message)[0]


def button(message: SentMessage, label: str) -> str:
    for component in message.components_flat():
        if component.get("type") == 2 and component.get("label") == label:
            return str(component["custom_id"])
    labels = [c.get("label") for c in message.components_flat()]
    raise AssertionError(f"no {label!r} button among {labels}")


def select(message: SentMessage) -> dict[str, Any]:
    selects = [c for c in message.components_flat() if c.get("type") == 3]
    assert len(selects) == 1, f"expected one context select, found {len(selects)}"
    return selects[0]


def page_label(message: SentMessage) -> str:
    labels = [c.get("label", "") for c in message.components_flat() if c.get("type") == 2]
    pages = [label for label in labels if re.fullmatch(r"\d+/\d+", label)]
    assert pages, f"no page indicator among {labels}"
    return pages[0]


async def ask(
    double: DiscordDouble, name: str, options: dict[str, Any] | None = None, **kwargs: Any
) -> SentMessage:
    """Run a command as a fresh member (so per-member cooldowns never interfere)."""
    user = kwargs.pop("user", None) or double.make_user("member")
    record = await double.send_command(name, options, user=user, **kwargs)
    return await record.reply()


async def quote_elections(double: DiscordDouble) -> list[str]:
    message = await ask(double, "quote", {"query": "elections"})
    assert not message.ephemeral, "a search with results is answered in the channel"
    results = listed_results(message)
    miller = [r for r in results if "Matthew Miller" in r and " Feb 2024" in r]
    assert miller, f"no February 2024 statement by Matthew Miller among {results}"
    return miller


async def test_quote_elections_shows_millers_february_2024_statements_with_dates(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    miller = await quote_elections(discord_rules)
    assert all("**election" in r.lower() for r in miller), "matched words are emphasised"
    assert all(DATE.search(r) for r in miller), miller
    assert all("Spokesperson" in r.splitlines()[0] for r in miller), "the role is shown"
    # Where an outlet or title is known, it is shown with the statement.
    hits = onrecord.service.search("elections", speaker="Matthew Miller", per_page=25).hits
    for hit in hits:
        known = hit.statement.outlet or hit.statement.title
        shown = [r for r in miller if " ".join(hit.statement.text.split()[:5]) in r]
        for result in shown:
            assert known is None or plain(known)[:30] in result, (known, result)


async def test_quote_elections_says_where_each_statement_was_reported(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    miller = await quote_elections(discord_rules)
    hits = onrecord.service.search("elections", speaker="Matthew Miller", per_page=25).hits
    for result in miller:
        hit = next((h for h in hits if " ".join(h.statement.text.split()[:5]) in result), None)
        assert hit is not None, f"{result!r} is not one of Miller's indexed statements"
        # the headline, or an untitled article's first words; never the file's name
        where = [hit.statement.title, hit.statement.opening]
        assert any(w and plain(w)[:30] in result for w in where), (
            f"no source in {result!r}; the index has {where}"
        )
        assert hit.statement.file not in result
        assert (hit.statement.outlet or "outlet not stated") in result


async def test_latest_offers_khawaja_asif_while_typing_then_his_november_2024_words_first(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    typing = await discord_rules.send_autocomplete("latest", {"speaker": "khawaja"})
    choices = await typing.autocomplete_choices()
    assert any(choice["value"] == "Khawaja Asif" for choice in choices), choices
    assert all(len(choice["name"]) <= 100 for choice in choices)

    message = await ask(discord_rules, "latest", {"speaker": "Khawaja Asif"})
    top = first_result(message)
    assert "Khawaja Asif" in top
    assert " Nov 2024" in top, f"his November 2024 words should come first, got {top!r}"
    assert "Trump" in top
    days = [shown_day(plain(f["value"])) for f in message.embeds[0]["fields"]]
    listed = [day for day in days if day]
    assert listed == sorted(listed, reverse=True), f"newest first, got {listed}"


async def test_paging_next_then_previous_and_only_the_asker_may_page(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    asker = discord_rules.make_user("asker")
    message = await ask(discord_rules, "quote", {"query": "Pakistan"}, user=asker)
    first_page = first_result(message)
    assert page_label(message).startswith("1/")
    pages = int(page_label(message).split("/")[1])
    assert pages >= 2, "the seeds hold more than one page of statements about Pakistan"

    press = await discord_rules.send_component(message, button(message, "Next"), user=asker)
    assert (await press.response()).type in (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE)
    turned = await press.reply()
    assert turned is message, "paging edits the message in place"
    assert page_label(turned) == f"2/{pages}"
    assert first_result(turned) != first_page

    press = await discord_rules.send_component(turned, button(turned, "Previous"), user=asker)
    back = await press.reply()
    assert page_label(back) == f"1/{pages}"
    assert first_result(back) == first_page

    revision = message.revision
    stranger = discord_rules.make_user("stranger")
    other = await discord_rules.send_component(message, button(message, "Next"), user=stranger)
    refusal = await other.reply()
    assert (await other.response()).type == CHANNEL_MESSAGE
    assert refusal.ephemeral and refusal is not message
    assert "only the person who asked" in refusal.text().lower()
    assert message.revision == revision and page_label(message) == f"1/{pages}"


async def test_context_select_shows_the_paragraph_around_a_statement(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "quote", {"query": "elections"})
    context_select = select(message)
    first_option = context_select["options"][0]
    reader = discord_rules.make_user("reader")
    picked = await discord_rules.send_component(
        message, context_select["custom_id"], [first_option["value"]], user=reader
    )
    context = await picked.reply()
    assert context.ephemeral, "the context is shown to whoever asked for it"
    hit = onrecord.service.search("elections").hits[0]
    words = " ".join(hit.statement.text.split()[:6])
    assert words in plain(context.text()), f"{words!r} not in the context shown"
    assert "Matthew Miller" in plain(context.text())


async def test_speakers_lists_who_is_on_record_with_roles_and_counts(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "speakers")
    text = plain(message.text())
    for name in ("Matthew Miller", "Khawaja Asif"):
        assert name in text
    assert "Spokesperson" in text
    assert re.search(r"\d+ statements?", text)


async def test_sources_lists_the_indexed_articles(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "sources")
    text = plain(message.text())
    sources = onrecord.service.sources()
    assert len(sources) == 5, "five articles in seeds/"
    assert f"{len(sources)} articles" in text
    for source in sources:
        assert plain(source.name)[:25] in text, f"{source.name!r} missing from /sources"
        assert source.file not in text, "an article is named by its headline or first words"


async def test_about_gives_corpus_size_and_date_range(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "about")
    text = plain(message.text())
    stats = onrecord.service.stats()
    assert f"{stats.statements} statements" in text
    assert "/quote" in text and "/latest" in text
    assert stats.first and stats.last, "the seeds hold dated statements"
    assert day_label(stats.first) in text and day_label(stats.last) in text, text


async def test_unknown_speaker_gets_a_private_helpful_answer(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "latest", {"speaker": "Nobody Atall"})
    assert message.ephemeral
    text = plain(message.text())
    assert "Nobody Atall" in text
    assert "/speakers" in text, "it says where to find the names that are on record"


async def test_quote_without_hits_answers_privately_with_a_did_you_mean(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "quote", {"query": "electoins"})
    assert message.ephemeral, "a miss is nobody else's business"
    text = plain(message.text())
    assert "Did you mean" in text and "elections" in text, text
    assert "/speakers" in text, "it says what to try"


async def test_reindex_is_refused_to_members_who_cannot_manage_the_server(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "reindex", guild_permissions=MEMBER_PERMISSIONS)
    assert message.ephemeral
    assert "manage" in message.text().lower()
    assert MEMBER_PERMISSIONS & MANAGE_GUILD == 0


async def test_no_message_the_bot_sent_allows_mentions(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    await ask(discord_rules, "quote", {"query": "@everyone elections"})
    messages = discord_rules.all_messages()
    assert messages, "the module's tests made the bot post messages"
    for message in messages:
        allowed = message.allowed_mentions
        assert allowed is not None, f"message {message.id} sent without allowed_mentions"
        assert allowed.get("parse", []) == [], allowed
        assert not allowed.get("users") and not allowed.get("roles"), allowed


async def test_bot_resumes_after_the_gateway_drops_and_keeps_answering(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    gateway = discord_rules.gateway
    identified, resumed = gateway.identify_count, gateway.resume_count
    await discord_rules.drop_connection(code=4000)
    await discord_rules.wait_for(lambda: gateway.resume_count > resumed, "a RESUME", 10.0)
    assert gateway.identify_count == identified, "a dropped socket is resumed, not re-identified"
    message = await ask(discord_rules, "about")
    assert "OnRecord" in message.text()


async def test_a_paraphrase_is_labelled_as_the_reporters_and_never_quoted(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "quote", {"query": "congratulated Trump victory"})
    hits = onrecord.service.search("congratulated Trump victory").hits
    assert hits and hits[0].statement.kind == "indirect", "the seeds report this, not quote it"
    field = message.embeds[0]["fields"][0]
    shown = plain(field["value"])
    assert shown.startswith("Reported: Mumtaz Zahra Baloch said that president"), shown
    assert "“" not in shown.splitlines()[0], "a paraphrase never stands in quote marks"
    assert "the reporter's paraphrase, not a quotation" in shown

    reader = discord_rules.make_user("reader")
    context_select = select(message)
    assert context_select["options"][0]["description"].startswith("Reported: ")
    picked = await discord_rules.send_component(
        message, context_select["custom_id"], [context_select["options"][0]["value"]],
        user=reader,
    )
    context = plain((await picked.reply()).text())
    assert "Reported speech: the marked sentence is the reporter's" in context


async def test_latest_pages_and_lists_undated_statements_after_the_dated_ones(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    asker = discord_rules.make_user("asker")
    message = await ask(discord_rules, "latest", {"speaker": "Mumtaz Zahra Baloch"}, user=asker)
    assert page_label(message) == "1/2", "six statements, five a page"
    first_page = [plain(f["value"]) for f in message.embeds[0]["fields"]]
    assert "date not stated" not in first_page[0]
    press = await discord_rules.send_component(message, button(message, "Next"), user=asker)
    turned = await press.reply()
    assert page_label(turned) == "2/2"
    last = [plain(f["value"]) for f in turned.embeds[0]["fields"]]
    assert all("date not stated (in an article of 7 Nov 2024)" in value for value in last)
