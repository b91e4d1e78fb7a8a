"""Hostile and odd input through the real command path: the real bot, discord.py and the double.

Each value gets a normal result or a short private answer in time (the double enforces
Discord's 3 s), pings nobody (the double checks allowed_mentions on every message), and the bot
answers the next member afterwards.
"""

from __future__ import annotations

from typing import Any

import pytest
from discord_double import AUTOCOMPLETE_RESULT, DiscordDouble
from double_payloads import SentMessage

from bot.discord.app import OnRecordBot

pytestmark = pytest.mark.asyncio(loop_scope="module")

SHORT_ANSWER = 600  # characters a private refusal may take: a sentence or three, not a page

# What members paste into a search box, on purpose or not.
HOSTILE_TEXT = [
    "",
    " ",
    "e",
    "x" * 2000,
    "elections " * 200,
    "the of and to a in",
    '"unbalanced quote',
    'elections "',
    "((elections]",
    "[{(<",
    "AND OR NOT",
    "elections AND NOT",
    "speaker:Miller",
    "body:elections payload:x",
    "elect*",
    "el?ctions",
    "*",
    "?",
    ".*(a+)+$",
    "^[a-z]{1,}\\d+$",
    "🗳️ elections 🇵🇰",
    "انتخابات پاکستان",
    "\u202eelections\u202c",
    "elec\u200btions\u200d",
    "elections\x00\x01\x1b[31m",
    "\x00",
    "@everyone elections",
    "@here",
    "<@123> <@&456> <#1> <@!789>",
    "**bold** __under__ ~~strike~~ `code` ||spoiler|| > quote",
    "[click](https://example.com) https://discord.gg/invite",
    "Robert'); DROP TABLE statements;--",
    "../../../../etc/passwd",
    "$(rm -rf /) `reboot` | cat /etc/shadow",
]
BAD_DATES = ["yesterday", "2024-13-45", "2024-02-30", "0000", "9999", "9999-12-31", "24-02-10",
             "2024/02/10", "-1", "1e9", "2024-02-10T00:00", "\x00", "@everyone"]
UNKNOWN_NAMES = ["Nobody Atall", "@everyone", "<@123>", "x" * 300, "speaker:x", "🙂",
                 "\u202eZzyzx", "Qwfp\x00"]


def visible_length(message: SentMessage) -> int:
    return len(message.text())


async def answer_of(double: DiscordDouble, name: str, options: dict[str, Any]) -> SentMessage:
    """One member's command and the message they end up looking at."""
    record = await double.send_command(name, options, user=double.make_user("member"))
    message = await record.reply()
    if message.ephemeral:
        assert visible_length(message) <= SHORT_ANSWER, (
            f"/{name} {options!r}: a private answer of {visible_length(message)} characters"
        )
    assert message.text().strip(), f"/{name} {options!r} got an empty message"
    return message


async def still_serving(double: DiscordDouble) -> None:
    message = await answer_of(double, "quote", {"query": "elections"})
    assert not message.ephemeral and "Miller" in message.text()


async def test_hostile_search_text_gets_a_result_or_a_short_private_answer(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    for text in HOSTILE_TEXT:
        message = await answer_of(discord_rules, "quote", {"query": text})
        if not text.strip():
            assert message.ephemeral and "Type a few words" in message.text()
    await still_serving(discord_rules)


async def test_the_same_text_in_every_option_of_quote_and_latest(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    for text in HOSTILE_TEXT[::3]:
        await answer_of(discord_rules, "quote", {"query": "elections", "speaker": text})
        await answer_of(discord_rules, "quote", {"query": "elections", "outlet": text})
        await answer_of(discord_rules, "latest", {"speaker": "Khawaja Asif", "topic": text})
        await answer_of(discord_rules, "speakers", {"name": text})
    await still_serving(discord_rules)


async def test_dates_that_do_not_parse_or_are_out_of_range_are_refused_privately(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    for value in BAD_DATES:
        for option in ("since", "until"):
            message = await answer_of(
                discord_rules, "quote", {"query": "elections", option: value}
            )
            assert message.ephemeral, f"{option}:{value!r} was not refused"
            assert option in message.text(), message.text()
    reversed_range = await answer_of(
        discord_rules, "quote", {"query": "elections", "since": "2024-12-31", "until": "2024-01-01"}
    )
    assert reversed_range.ephemeral and "after" in reversed_range.text()
    await still_serving(discord_rules)


async def test_unknown_speakers_and_outlets_are_named_back_without_pinging(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    for name in UNKNOWN_NAMES:
        for command, options in (
            ("latest", {"speaker": name}),
            ("quote", {"query": "elections", "speaker": name}),
            ("quote", {"query": "elections", "outlet": name}),
        ):
            message = await answer_of(discord_rules, command, options)
            assert message.ephemeral, f"/{command} {options!r} was answered in the channel"
    await still_serving(discord_rules)


async def test_autocomplete_with_hostile_text_offers_valid_choices_or_none(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    for text in [*HOSTILE_TEXT, *UNKNOWN_NAMES]:
        for command, option in (("latest", "speaker"), ("quote", "speaker"),
                                ("quote", "outlet"), ("speakers", "name")):
            options = {option: text} if command != "quote" else {"query": "x", option: text}
            typing = await discord_rules.send_autocomplete(command, options, focused=option)
            response = await typing.response()
            assert response.type == AUTOCOMPLETE_RESULT
            for choice in typing.choices or []:
                assert 1 <= len(choice["name"]) <= 100 and len(choice["value"]) <= 100
    typing = await discord_rules.send_autocomplete("latest", {"speaker": "khawaja"})
    assert any(c["value"] == "Khawaja Asif" for c in await typing.autocomplete_choices())
