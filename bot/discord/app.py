"""The Discord bot: slash commands over the search service, answered within Discord's 3 s.

Every command runs its `bot.commands` function in a worker thread (searches never block the
event loop, so heartbeats and other members never wait). If the answer is not ready in time
(`discord_timing`) the bot defers, and follows up when it is. The commands themselves are
declared in `discord_commands`, their autocomplete in `discord_autocomplete`; one error
handler (`discord_errors`) turns any failure into a short private message and logs the detail."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable
from typing import Any

import discord

from bot import commands
from bot.answers import Answer
from bot.discord.errors import OnRecordTree
from bot.discord.render import render
from bot.discord.replies import NO_MENTIONS, PUBLIC_DEFER, chart_files, drop_public_placeholder
from bot.discord.slash_commands import COOLDOWN_PER, COOLDOWN_RATE, build_commands
from bot.discord.timing import BUSY_IN_FLIGHT, defer_after
from bot.discord.views import AnswerView
from bot.settings import Settings
from search_index.search.interface import SearchBackend

log = logging.getLogger(__name__)

IDENTIFY_INTERVAL = 5.0  # Discord: one IDENTIFY per 5 s per session bucket (max_concurrency 1)
REIDENTIFY_JITTER = (1.0, 5.0)  # Discord: after an invalid session wait a random 1-5 s


class OnRecordBot(discord.Client):
    def __init__(
        self,
        settings: Settings,
        service: SearchBackend,
        *,
        sync_on_start: bool = True,
        cooldown_rate: int = COOLDOWN_RATE,
        cooldown_per: float = COOLDOWN_PER,
    ) -> None:
        # The bot never joins voice: discord.py's "voice will NOT be supported" is noise here.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        intents = discord.Intents.none()
        intents.guilds = True  # no privileged intents: slash commands need no message content
        super().__init__(intents=intents, allowed_mentions=NO_MENTIONS)
        self.settings = settings
        self.service = service
        self.sync_on_start = sync_on_start
        self.tree = OnRecordTree(self)
        self.reindex_lock = asyncio.Lock()
        self._last_identify: float | None = None  # time.monotonic() of the last IDENTIFY
        self.answers_in_flight = 0  # commands computing or waiting for the index
        for command in build_commands(self, cooldown_rate, cooldown_per):
            self.tree.add_command(command)

    async def login(self, token: str) -> None:
        point_at_endpoints(self.settings)
        await super().login(token)

    async def setup_hook(self) -> None:
        guild_id = self.settings.discord_guild_id
        if not (self.sync_on_start and guild_id):
            return
        guild = discord.Object(id=guild_id)
        self.tree.copy_global_to(guild=guild)
        try:
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to server %s", len(synced), guild_id)
        except discord.HTTPException as failure:  # not in that server, or missing the scope
            log.warning("could not sync commands to server %s: %s", guild_id, failure)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Wait as Discord asks before a new session, no longer: a random 1-5 s after an
        invalidated session, and never two IDENTIFYs within 5 s. (discord.py's default sleeps
        a flat 5 s, during which members' commands go unanswered.)"""
        if not initial:
            wait = random.uniform(*REIDENTIFY_JITTER)
            if self._last_identify is not None:
                wait = max(wait, IDENTIFY_INTERVAL - (time.monotonic() - self._last_identify))
            log.info("gateway session invalidated: identifying again in %.1f s", wait)
            await asyncio.sleep(wait)
        self._last_identify = time.monotonic()

    async def on_ready(self) -> None:
        user = self.user
        log.info("connected as %s (%s)", user, user.id if user else "?")

    # --- answering -------------------------------------------------------------------------

    async def respond(
        self, interaction: discord.Interaction, compute: Callable[[], Answer]
    ) -> None:
        """Run `compute` off the event loop; reply at once if it is quick, else defer first."""
        task = asyncio.ensure_future(asyncio.to_thread(compute))
        # With many answers already queued for the index, this one will not be quick:
        # acknowledge it now, while the loop can still do so within Discord's 3 s.
        busy = self.answers_in_flight >= BUSY_IN_FLIGHT
        self.answers_in_flight += 1
        try:
            done, _ = await asyncio.wait({task}, timeout=0 if busy else defer_after(interaction))
            if not done:
                await interaction.response.defer(thinking=True)
                interaction.extras[PUBLIC_DEFER] = True
            answer = await task
        finally:
            self.answers_in_flight -= 1
        await self.deliver(interaction, answer)

    async def deliver(self, interaction: discord.Interaction, answer: Answer) -> None:
        embeds = render(answer)
        files = chart_files(answer)  # sent with the embeds, which show them by file name
        upload: dict[str, Any] = {"files": files} if files else {}
        replace: dict[str, Any] = {"attachments": files} if files else {}
        view = None if answer.private else self.view_for(answer, interaction.user.id)
        if not interaction.response.is_done():
            if view is None:
                await interaction.response.send_message(
                    embeds=embeds, ephemeral=answer.private, allowed_mentions=NO_MENTIONS,
                    **upload,
                )
            else:
                await interaction.response.send_message(
                    embeds=embeds, view=view, allowed_mentions=NO_MENTIONS, **upload
                )
        elif answer.private:
            if interaction.extras.get(PUBLIC_DEFER):
                await drop_public_placeholder(interaction)
            await interaction.followup.send(
                embeds=embeds, ephemeral=True, allowed_mentions=NO_MENTIONS, **upload
            )
        elif view is None:
            await interaction.edit_original_response(
                embeds=embeds, allowed_mentions=NO_MENTIONS, **replace
            )
        else:
            await interaction.edit_original_response(
                embeds=embeds, view=view, allowed_mentions=NO_MENTIONS, **replace
            )
        if view is not None:
            view.origin = interaction

    def view_for(self, answer: Answer, owner_id: int) -> AnswerView | None:
        request = answer.request

        async def fetch_page(page: int) -> Answer:
            if request is None:
                return answer
            return await asyncio.to_thread(commands.turn_page, self.service, request, page)

        async def fetch_context(statement_id: str) -> Answer:
            return await asyncio.to_thread(commands.context, self.service, statement_id)

        view = AnswerView(answer, owner_id, fetch_page, fetch_context)
        return view if view.has_components else None


def point_at_endpoints(settings: Settings) -> None:
    """Aim discord.py's REST client and gateway at the configured URLs (tests use a double)."""
    try:
        from bot.discord.endpoints import apply_endpoints
    except ImportError:
        log.debug("bot.discord.endpoints is not available: using Discord's own endpoints")
        return
    gateway = settings.discord_gateway_url
    apply_endpoints(str(settings.discord_api_base), str(gateway) if gateway else None)


def create_bot(
    settings: Settings, service: SearchBackend, **options: Any
) -> OnRecordBot:
    """The bot, ready for `await bot.start(token)`."""
    return OnRecordBot(settings, service, **options)
