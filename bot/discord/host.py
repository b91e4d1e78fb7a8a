"""What the slash commands need from the client that carries them.

`slash_commands` builds its commands around a bot, and the bot (`app.OnRecordBot`) builds the
commands in its constructor; typing them against this protocol instead of the class keeps the
two modules out of an import cycle.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Protocol

import discord

from bot.answers import Answer
from bot.settings import Settings
from search_index.search.interface import SearchBackend


class CommandHost(Protocol):
    """The client's side of a slash command: its settings, its service and `respond`."""

    settings: Settings
    service: SearchBackend
    reindex_lock: asyncio.Lock

    async def respond(
        self, interaction: discord.Interaction, compute: Callable[[], Answer]
    ) -> None: ...
