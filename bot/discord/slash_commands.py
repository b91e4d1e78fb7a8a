"""The slash commands: names, descriptions, options, checks and cooldowns. Each runs its
`bot.commands` function through its host's `respond` (`app.OnRecordBot`, seen through
`host.CommandHost`)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from discord import app_commands

from bot import commands
from bot.discord.autocomplete import outlet_choices, speaker_choices
from bot.discord.host import CommandHost
from bot.discord.render import render
from bot.discord.replies import NO_MENTIONS
from bot.discord.timing import in_time

log = logging.getLogger(__name__)

COOLDOWN_RATE = 5  # commands per member ...
COOLDOWN_PER = 20.0  # ... in this many seconds
# /quote and /timeline take the same date range
SINCE_HELP = "from this date: YYYY-MM-DD, YYYY-MM or YYYY"
UNTIL_HELP = "up to this date: YYYY-MM-DD, YYYY-MM or YYYY"


def build_commands(
    bot: CommandHost, cooldown_rate: int, cooldown_per: float
) -> list[app_commands.Command[Any, ..., None]]:
    """The slash commands, built per bot so each bot has its own cooldown buckets."""
    service = bot.service
    per_member = app_commands.checks.cooldown(
        cooldown_rate, cooldown_per, key=lambda interaction: interaction.user.id
    )

    async def speaker_autocomplete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await in_time(interaction, speaker_choices(service, current))

    async def outlet_autocomplete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await in_time(interaction, outlet_choices(service, current))

    @app_commands.command(name="quote", description="Find statements: who said it, when, where")
    @app_commands.describe(
        query="words to look for",
        speaker="only statements by this person",
        since=SINCE_HELP,
        until=UNTIL_HELP,
        outlet="only statements reported by this outlet",
        exact="only the speakers' exact words (quotes), no reporter's paraphrase",
    )
    @app_commands.autocomplete(speaker=speaker_autocomplete, outlet=outlet_autocomplete)
    @per_member
    async def quote(
        interaction: discord.Interaction,
        query: str,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        exact: bool = False,
    ) -> None:
        await bot.respond(
            interaction,
            lambda: commands.quote(service, query, speaker, since, until, outlet, exact=exact),
        )

    @app_commands.command(name="latest", description="A person's most recent statements")
    @app_commands.describe(speaker="who", topic="only statements about this")
    @app_commands.autocomplete(speaker=speaker_autocomplete)
    @per_member
    async def latest(
        interaction: discord.Interaction, speaker: str, topic: str | None = None
    ) -> None:
        await bot.respond(interaction, lambda: commands.latest(service, speaker, topic))

    @app_commands.command(name="speakers", description="Who is on record, with roles and dates")
    @app_commands.describe(name="part of a name")
    @app_commands.autocomplete(name=speaker_autocomplete)
    @per_member
    async def speakers(interaction: discord.Interaction, name: str | None = None) -> None:
        await bot.respond(interaction, lambda: commands.speakers(service, name or ""))

    @app_commands.command(name="sources", description="The articles OnRecord has read")
    @per_member
    async def sources(interaction: discord.Interaction) -> None:
        await bot.respond(interaction, lambda: commands.sources(service))

    @app_commands.command(name="about", description="What OnRecord is and how to use it")
    @per_member
    async def about(interaction: discord.Interaction) -> None:
        await bot.respond(interaction, lambda: commands.about(service))

    @app_commands.command(name="whosaid", description="Who said these words: earliest first")
    @app_commands.describe(phrase="the words you remember, e.g. major non-NATO ally")
    @per_member
    async def whosaid(interaction: discord.Interaction, phrase: str) -> None:
        await bot.respond(interaction, lambda: commands.whosaid(service, phrase))

    @app_commands.command(name="timeline", description="Statements over time, as a chart")
    @app_commands.describe(
        speaker="whose statements (give a speaker, a topic, or both)",
        topic="statements about this",
        since=SINCE_HELP,
        until=UNTIL_HELP,
    )
    @app_commands.autocomplete(speaker=speaker_autocomplete)
    @per_member
    async def timeline(
        interaction: discord.Interaction,
        speaker: str | None = None,
        topic: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> None:
        await bot.respond(
            interaction, lambda: commands.timeline(service, speaker, topic, since, until)
        )

    @app_commands.command(name="reindex", description="Re-read the articles and rebuild the index")
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @app_commands.checks.has_permissions(manage_guild=True)  # checked here, not only hidden
    @app_commands.check(_in_a_server)
    async def reindex(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        if bot.reindex_lock.locked():
            await interaction.followup.send(
                "A reindex is already running.", ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        settings = bot.settings
        async with bot.reindex_lock:
            answer = await asyncio.to_thread(
                commands.reindex, service, settings.corpus, settings.index_dir
            )
        log.info("reindex by %s: %s", interaction.user.id, " ".join(answer.lines[:1]))
        await interaction.followup.send(
            embeds=render(answer), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    return [quote, latest, speakers, sources, about, reindex, whosaid, timeline]



def _in_a_server(interaction: discord.Interaction) -> bool:
    # guild_only() only hides the command in DMs; this enforces it.
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    return True
