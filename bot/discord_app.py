"""The Discord bot: slash commands over the search service, answered within Discord's 3 s.

Every command runs its `bot.commands` function in a worker thread (searches never block the
event loop, so heartbeats and other members never wait). If the answer is not ready within
`DEFER_AFTER` seconds the bot defers, and follows up when it is. One error handler turns any
failure into a short private message and logs the detail.
"""

from __future__ import annotations

import asyncio
import io
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from bot import commands
from bot.answers import Answer
from bot.commands.backend import SearchBackend
from bot.discord_render import render
from bot.settings import Settings
from bot.text_format import cut_at_word, one_line
from bot.views import AnswerView
from search_index.errors import OnRecordError

log = logging.getLogger(__name__)

DEFER_AFTER = 1.5  # seconds: answer directly when faster, else defer; Discord allows 3
AUTOCOMPLETE_WITHIN = 2.0  # seconds after the keystroke: later, offer no choices rather than fail
BUSY_IN_FLIGHT = 24  # answers queued for the index beyond which the bot defers at once
CLOCK_SKEW_AFTER = 10.0  # an interaction "older" than this means our clock is off, not a delay
CHOICE_LIMIT = 25  # Discord's limits on autocomplete choices
CHOICE_TEXT_LIMIT = 100
COOLDOWN_RATE = 5  # commands per member ...
COOLDOWN_PER = 20.0  # ... in this many seconds
NO_MENTIONS = discord.AllowedMentions.none()
PUBLIC_DEFER = "onrecord.public_defer"  # Interaction.extras key: we deferred a public reply
IDENTIFY_INTERVAL = 5.0  # Discord: one IDENTIFY per 5 s per session bucket (max_concurrency 1)
REIDENTIFY_JITTER = (1.0, 5.0)  # Discord: after an invalid session wait a random 1-5 s


class OnRecordTree(app_commands.CommandTree["OnRecordBot"]):
    """The command tree with the one error handler every command shares."""

    async def on_error(
        self, interaction: discord.Interaction[OnRecordBot], error: app_commands.AppCommandError, /
    ) -> None:
        name = interaction.command.qualified_name if interaction.command else "?"
        message, expected = describe_error(error)
        if expected:
            log.info("/%s by %s refused: %s", name, interaction.user.id, message)
        else:
            original = getattr(error, "original", error)
            log.error("/%s failed", name, exc_info=original)
        if interaction.type is discord.InteractionType.autocomplete:
            return  # autocomplete cannot carry a message
        try:
            await send_private_text(interaction, message)
        except discord.HTTPException:
            log.warning("could not tell the user that /%s failed", name)


def describe_error(error: app_commands.AppCommandError) -> tuple[str, bool]:
    """A short sentence for the user, and whether the error is an expected refusal."""
    if isinstance(error, app_commands.CommandOnCooldown):
        wait = max(1, round(error.retry_after))
        return (f"You're asking quickly: please wait {wait} second{'s' if wait != 1 else ''} "
                "before the next command."), True
    if isinstance(error, app_commands.MissingPermissions):
        return "Only members who can manage this server can do that.", True
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command works in a server, not in direct messages.", True
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use that command here.", True
    if isinstance(error, app_commands.TransformerError):
        return f"“{cut_at_word(one_line(str(error.value)), 80)}” is not a valid value.", True
    original = getattr(error, "original", None)
    if isinstance(original, OnRecordError):
        return str(original), False
    if isinstance(error, app_commands.CommandNotFound):
        return "I don't know that command any more; it may take a minute to update.", True
    return "Something went wrong on my side. It has been logged; please try again.", False


async def send_private_text(interaction: discord.Interaction, message: str) -> None:
    if not interaction.response.is_done():
        await interaction.response.send_message(
            message, ephemeral=True, allowed_mentions=NO_MENTIONS
        )
        return
    if interaction.extras.get(PUBLIC_DEFER):
        # The first follow-up of a public defer would fill its public "thinking" message.
        await _drop_public_placeholder(interaction)
    await interaction.followup.send(message, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def _drop_public_placeholder(interaction: discord.Interaction) -> None:
    interaction.extras[PUBLIC_DEFER] = False
    try:
        await interaction.delete_original_response()
    except discord.HTTPException as failure:
        log.debug("could not delete the deferred message: %s", failure)


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
                await _drop_public_placeholder(interaction)
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

    # --- autocomplete ------------------------------------------------------------------------

    async def speaker_choices(self, current: str) -> list[app_commands.Choice[str]]:
        try:
            people = await asyncio.to_thread(self.service.speakers, current, CHOICE_LIMIT)
        except Exception:  # autocomplete has no way to show an error: offer nothing
            log.exception("speaker autocomplete failed")
            return []
        labelled = []
        for person in people:
            role = f" ({person.roles[-1].role})" if person.roles else ""
            labelled.append((f"{person.name}{role}", person.name))
        return _choices(labelled)

    async def outlet_choices(self, current: str) -> list[app_commands.Choice[str]]:
        try:
            outlets = await asyncio.to_thread(self.service.outlets, current, CHOICE_LIMIT)
        except Exception:
            log.exception("outlet autocomplete failed")
            return []
        return _choices([(outlet, outlet) for outlet in outlets])


async def in_time(
    interaction: discord.Interaction, choices: Awaitable[list[app_commands.Choice[str]]]
) -> list[app_commands.Choice[str]]:
    """The choices if they are ready while Discord still waits for them, else none: a late
    autocomplete answer is refused by Discord, and the member has typed on by then."""
    budget = AUTOCOMPLETE_WITHIN - _age(interaction)
    try:
        return await asyncio.wait_for(choices, timeout=max(0.0, budget))
    except TimeoutError:
        log.info("autocomplete answered with no choices: none ready within %.1f s", budget)
        return []


def _age(interaction: discord.Interaction) -> float:
    """Seconds since Discord created the interaction. Discord refuses answers after 3 s, so
    an age below 0 or above CLOCK_SKEW_AFTER says more about our clock than the interaction:
    it counts as 0, and the bot waits as usual."""
    age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
    return age if 0.0 <= age <= CLOCK_SKEW_AFTER else 0.0


def defer_after(interaction: discord.Interaction) -> float:
    """How long to wait for an answer before deferring: DEFER_AFTER, less the time the
    interaction took to reach us (a slow gateway, or a loop busy with many members), so that
    even a late arrival is acknowledged within Discord's 3 s."""
    return max(0.0, DEFER_AFTER - _age(interaction))


def _choices(labelled: list[tuple[str, str]]) -> list[app_commands.Choice[str]]:
    choices: list[app_commands.Choice[str]] = []
    seen: set[str] = set()
    for label, value in labelled:
        value = value[:CHOICE_TEXT_LIMIT]
        if not value or value in seen:
            continue
        seen.add(value)
        name = cut_at_word(one_line(label), CHOICE_TEXT_LIMIT)
        choices.append(app_commands.Choice(name=name, value=value))
        if len(choices) == CHOICE_LIMIT:
            break
    return choices


def build_commands(
    bot: OnRecordBot, cooldown_rate: int, cooldown_per: float
) -> list[app_commands.Command[Any, ..., None]]:
    """The slash commands, built per bot so each bot has its own cooldown buckets."""
    service = bot.service
    per_member = app_commands.checks.cooldown(
        cooldown_rate, cooldown_per, key=lambda interaction: interaction.user.id
    )

    async def speaker_autocomplete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await in_time(interaction, bot.speaker_choices(current))

    async def outlet_autocomplete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await in_time(interaction, bot.outlet_choices(current))

    @app_commands.command(name="quote", description="Find statements: who said it, when, where")
    @app_commands.describe(
        query="words to look for",
        speaker="only statements by this person",
        since="from this date: YYYY-MM-DD, YYYY-MM or YYYY",
        until="up to this date: YYYY-MM-DD, YYYY-MM or YYYY",
        outlet="only statements reported by this outlet",
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
    ) -> None:
        await bot.respond(
            interaction, lambda: commands.quote(service, query, speaker, since, until, outlet)
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
        since="from this date: YYYY-MM-DD, YYYY-MM or YYYY",
        until="up to this date: YYYY-MM-DD, YYYY-MM or YYYY",
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


def chart_files(answer: Answer) -> list[discord.File]:
    """The answer's chart as a Discord attachment (a new File each time: a File is read once)."""
    if not (answer.chart_png and answer.chart_filename):
        return []
    return [discord.File(io.BytesIO(answer.chart_png), filename=answer.chart_filename)]


def _in_a_server(interaction: discord.Interaction) -> bool:
    # guild_only() only hides the command in DMs; this enforces it.
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    return True


def point_at_endpoints(settings: Settings) -> None:
    """Aim discord.py's REST client and gateway at the configured URLs (tests use a double)."""
    try:
        from bot.discord_endpoints import apply_endpoints
    except ImportError:
        log.debug("bot.discord_endpoints is not available: using Discord's own endpoints")
        return
    gateway = settings.discord_gateway_url
    apply_endpoints(str(settings.discord_api_base), str(gateway) if gateway else None)


def create_bot(
    settings: Settings, service: SearchBackend, **options: Any
) -> OnRecordBot:
    """The bot, ready for `await bot.start(token)`."""
    return OnRecordBot(settings, service, **options)
