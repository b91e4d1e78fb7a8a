"""The slash commands see their bot through `host.CommandHost`; the real client must keep that
protocol, or a command would fail only when a member runs it."""

from __future__ import annotations

import asyncio
import inspect
import typing

from fake_search_service import FakeSearchService

from bot.discord.app import OnRecordBot, create_bot
from bot.discord.host import CommandHost
from bot.settings import Settings, load_settings


def test_the_bot_has_what_the_commands_use() -> None:
    bot = create_bot(load_settings(DISCORD_TOKEN="secret-token-value"), FakeSearchService())
    assert isinstance(bot.settings, Settings)
    assert isinstance(bot.reindex_lock, asyncio.Lock)
    assert isinstance(bot.service, FakeSearchService)
    declared = set(typing.get_type_hints(CommandHost))
    assert declared == {"settings", "service", "reindex_lock"}
    assert all(hasattr(bot, name) for name in declared)


def test_respond_keeps_the_protocols_signature() -> None:
    assert inspect.iscoroutinefunction(OnRecordBot.respond)
    assert inspect.signature(OnRecordBot.respond) == inspect.signature(CommandHost.respond)
    assert typing.get_type_hints(OnRecordBot.respond) == typing.get_type_hints(
        CommandHost.respond
    )
