"""Interactions that reach the bot late (a slow gateway, a loop busy with many members) are
still acknowledged inside Discord's 3 s: the bot defers sooner, and autocomplete offers no
choices rather than answering too late."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from types import SimpleNamespace

import discord
from discord import app_commands

from bot.discord.timing import AUTOCOMPLETE_WITHIN, DEFER_AFTER, defer_after, in_time


def created_ago(seconds: float) -> SimpleNamespace:
    return SimpleNamespace(created_at=discord.utils.utcnow() - timedelta(seconds=seconds))


def test_a_fresh_interaction_waits_the_usual_time_before_deferring() -> None:
    assert abs(defer_after(created_ago(0.0)) - DEFER_AFTER) < 0.1


def test_a_late_interaction_defers_sooner_and_a_very_late_one_at_once() -> None:
    assert abs(defer_after(created_ago(1.0)) - (DEFER_AFTER - 1.0)) < 0.1
    assert defer_after(created_ago(2.5)) == 0.0


def test_a_clock_off_from_discords_waits_as_usual() -> None:
    assert defer_after(created_ago(-30.0)) == DEFER_AFTER  # ours behind
    assert abs(defer_after(created_ago(3600.0)) - DEFER_AFTER) < 0.1  # ours an hour ahead


async def test_autocomplete_choices_ready_in_time_are_offered() -> None:
    async def choices() -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name="Khawaja Asif", value="Khawaja Asif")]

    offered = await in_time(created_ago(0.0), choices())
    assert [choice.value for choice in offered] == ["Khawaja Asif"]


async def test_autocomplete_too_late_for_discord_offers_nothing_instead_of_failing() -> None:
    async def slow() -> list[app_commands.Choice[str]]:
        await asyncio.sleep(10)
        return [app_commands.Choice(name="late", value="late")]

    assert await in_time(created_ago(AUTOCOMPLETE_WITHIN - 0.05), slow()) == []


async def test_with_many_answers_queued_the_bot_acknowledges_at_once_then_answers() -> None:
    from discord_fakes import command_interaction
    from fake_search_service import FakeSearchService

    from bot.discord.app import create_bot
    from bot.discord.timing import BUSY_IN_FLIGHT
    from bot.settings import load_settings

    bot = create_bot(load_settings(), FakeSearchService())
    bot.answers_in_flight = BUSY_IN_FLIGHT  # as if that many members were waiting already
    interaction = command_interaction(bot, "about")
    await bot.tree._call(interaction)
    calls = [name for name, _ in interaction.recorder.calls]
    assert calls[0] == "defer", calls
    assert calls == ["defer", "edit_original"], calls
    assert interaction.recorder.calls[1][1]["embeds"][0].title == "About OnRecord"
    assert bot.answers_in_flight == BUSY_IN_FLIGHT, "the count is given back"


async def test_with_a_quiet_queue_a_quick_answer_is_not_deferred() -> None:
    from discord_fakes import command_interaction
    from fake_search_service import FakeSearchService

    from bot.discord.app import create_bot
    from bot.settings import load_settings

    bot = create_bot(load_settings(), FakeSearchService())
    interaction = command_interaction(bot, "about")
    await bot.tree._call(interaction)
    assert [name for name, _ in interaction.recorder.calls] == ["send_message"]
