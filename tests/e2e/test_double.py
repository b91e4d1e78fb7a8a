"""The protocol double, proven with the real discord.py client and a tiny command tree."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
from discord import app_commands
from discord_double import (
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    UPDATE_MESSAGE,
    DiscordDouble,
)
from double_payloads import EPHEMERAL_FLAG
from e2e_harness import running_client


class TinyBot(discord.Client):
    """Just enough of a bot to exercise every route and rule the double implements."""

    def __init__(self, guild_id: int, intents: discord.Intents | None = None) -> None:
        super().__init__(
            intents=intents or discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=0.05,  # documented option: do not wait 2 s for more guilds
        )
        self.guild_object = discord.Object(id=guild_id)
        self.tree = app_commands.CommandTree(self)
        self.gate = asyncio.Event()  # lets a test hold a handler back without sleeping
        self.errors: list[BaseException] = []
        self._add_commands()

    async def setup_hook(self) -> None:
        await self.tree.sync(guild=self.guild_object)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # discord.py sleeps 5 s before re-identifying (Discord's identify rate limit); the
        # double has no such limit, and this documented hook is the place to say so.
        return

    def _add_commands(self) -> None:
        tree, guild, bot = self.tree, self.guild_object, self

        @tree.error
        async def remember(interaction: discord.Interaction, error: Exception) -> None:
            bot.errors.append(error)

        @tree.command(name="ping", description="Answer at once", guild=guild)
        async def ping(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("pong <@1> @everyone")

        @tree.command(name="slow", description="Defer, then follow up", guild=guild)
        async def slow(interaction: discord.Interaction) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send(embed=discord.Embed(title="Done", description="ok"))

        @tree.command(name="private", description="An ephemeral answer", guild=guild)
        async def private(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("only you", ephemeral=True)

        async def thirty(interaction: discord.Interaction, current: str) -> list[
            app_commands.Choice[str]
        ]:
            return [app_commands.Choice(name=f"{current} {n}", value=str(n)) for n in range(30)]

        @tree.command(name="pick", description="Autocomplete with too many choices", guild=guild)
        @app_commands.autocomplete(item=thirty)
        async def pick(interaction: discord.Interaction, item: str) -> None:
            await interaction.response.send_message(item)

        @tree.command(name="panel", description="A message with a button", guild=guild)
        async def panel(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("Press it", view=PressView())

        @tree.command(name="huge", description="An embed over its limits", guild=guild)
        async def huge(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(embed=discord.Embed(title="t" * 300))

        @tree.command(name="loud", description="A message that may ping", guild=guild)
        async def loud(interaction: discord.Interaction) -> None:
            await interaction.response.send_message(
                "hello @everyone", allowed_mentions=discord.AllowedMentions.all()
            )

        @tree.command(name="held", description="Answer only when the test says", guild=guild)
        async def held(interaction: discord.Interaction) -> None:
            await bot.gate.wait()
            await interaction.response.send_message("finally")

        @tree.command(name="held-follow-up", description="Defer, wait, follow up", guild=guild)
        async def held_follow_up(interaction: discord.Interaction) -> None:
            await interaction.response.defer()
            await bot.gate.wait()
            await interaction.followup.send("finally")

        @tree.command(name="silent", description="Never answers", guild=guild)
        async def silent(interaction: discord.Interaction) -> None:
            return


class PressView(discord.ui.View):
    @discord.ui.button(label="Press", custom_id="press", style=discord.ButtonStyle.primary)
    async def press(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        button.disabled = True
        await interaction.response.edit_message(
            content=f"Pressed by {interaction.user.name}", view=self
        )


@pytest.fixture
async def tiny(discord_at_double: DiscordDouble) -> AsyncIterator[TinyBot]:
    bot = TinyBot(int(discord_at_double.guild.id))
    async with running_client(bot, discord_at_double):
        yield bot


async def test_client_logs_in_syncs_and_connects_with_zlib_stream(
    double: DiscordDouble, tiny: TinyBot
) -> None:
    assert double.command_syncs == 1
    assert {"ping", "slow", "pick", "panel"} <= set(double.guild_commands[double.guild.id])
    assert tiny.user is not None and str(tiny.user.id) == double.application_id
    channel = tiny.get_channel(int(double.guild.channel_id))
    assert isinstance(channel, discord.TextChannel) and channel.name == "newsroom"
    assert double.gateway.identify_payload is not None
    assert double.gateway.identify_payload["intents"] & (1 << 0)  # GUILDS
    assert double.gateway.queries[0]["compress"] == "zlib-stream"


async def test_ping_answers_with_a_channel_message(double: DiscordDouble, tiny: TinyBot) -> None:
    record = await double.send_command("ping")
    response = await record.response()
    assert response.type == CHANNEL_MESSAGE
    message = await record.reply()
    assert message.content == "pong <@1> @everyone"
    assert message.allowed_mentions == {"parse": []}
    assert not message.ephemeral


async def test_ephemeral_answer_is_flagged_private(double: DiscordDouble, tiny: TinyBot) -> None:
    message = await (await double.send_command("private")).reply()
    assert message.flags & EPHEMERAL_FLAG
    assert message.ephemeral


async def test_defer_then_follow_up_fills_the_thinking_message(
    double: DiscordDouble, tiny: TinyBot
) -> None:
    record = await double.send_command("slow")
    assert (await record.response()).type == DEFERRED_CHANNEL_MESSAGE
    message = await record.reply()
    assert message.embeds[0]["title"] == "Done"
    assert not message.loading
    assert record.followups == [message]


async def test_thirty_autocomplete_choices_are_flagged(
    double: DiscordDouble, tiny: TinyBot
) -> None:
    record = await double.send_autocomplete("pick", {"item": "el"})
    broken = await _violation(double, "autocomplete over Discord's limits")
    assert "30 autocomplete choices" in broken[0].detail
    assert record.choices is None  # Discord refused them, so the user saw nothing
    assert not record.answered


async def test_button_press_updates_the_message_in_place(
    double: DiscordDouble, tiny: TinyBot
) -> None:
    posted = await (await double.send_command("panel")).reply()
    assert posted.find_component("press")["label"] == "Press"
    press = await double.send_component(posted, "press", user=double.make_user("alice"))
    assert (await press.response()).type == UPDATE_MESSAGE
    updated = await press.reply()
    assert updated is posted
    assert updated.content == "Pressed by alice"
    assert updated.find_component("press")["disabled"] is True
    with pytest.raises(AssertionError, match="disabled"):
        await double.send_component(updated, "press")


async def test_embed_over_its_limits_is_refused_and_flagged(
    double: DiscordDouble, tiny: TinyBot
) -> None:
    await double.send_command("huge")
    broken = await _violation(double, "message over Discord's limits")
    assert "title is 300 characters" in broken[0].detail
    await _until(lambda: bool(tiny.errors))
    assert isinstance(getattr(tiny.errors[0], "original", None), discord.HTTPException)


async def test_a_message_that_may_ping_is_flagged(double: DiscordDouble, tiny: TinyBot) -> None:
    message = await (await double.send_command("loud")).reply()
    assert message.content == "hello @everyone"
    broken = double.take_violations("mentions allowed")
    assert any("everyone" in violation.detail for violation in broken)


async def test_late_first_response_is_refused_and_flagged(
    double: DiscordDouble, tiny: TinyBot
) -> None:
    record = await double.send_command("held")
    double.age(record, seconds=double.response_deadline + 1)  # as if 4 s had passed
    tiny.gate.set()
    broken = await _violation(double, "late first response")
    assert "held" in broken[0].detail
    assert not record.answered


async def test_follow_up_after_fifteen_minutes_is_refused_and_flagged(
    double: DiscordDouble, tiny: TinyBot
) -> None:
    record = await double.send_command("held-follow-up")
    await record.response()
    double.age(record, seconds=double.token_lifetime + 1)
    tiny.gate.set()
    await _violation(double, "expired interaction token")
    assert record.followups == []


async def test_two_initial_responses_and_early_follow_ups_are_flagged(
    double: DiscordDouble, tiny: TinyBot
) -> None:
    silent = await double.send_command("silent")
    async with aiohttp.ClientSession() as http:
        early = await http.post(
            f"{double.api_base}/webhooks/{double.application_id}/{silent.token}",
            json={"content": "too soon", "allowed_mentions": {"parse": []}},
        )
        assert early.status == 404
        assert double.take_violations("follow-up before response")

        record = await double.send_command("ping")
        await record.reply()
        again = await http.post(
            f"{double.api_base}/interactions/{record.id}/{record.token}/callback",
            json={"type": 4, "data": {"content": "again", "allowed_mentions": {"parse": []}}},
        )
        assert again.status == 400
        assert (await again.json())["code"] == 40060
        assert double.take_violations("two initial responses")
    double.age(silent, seconds=double.response_deadline)
    await double.settle()
    assert [v.interaction_id for v in double.take_violations("no response")] == [silent.id]


async def test_unknown_routes_answer_404_and_are_flagged(
    double: DiscordDouble, tiny: TinyBot
) -> None:
    with pytest.raises(discord.NotFound):
        await tiny.http.request(discord.http.Route("GET", "/guilds/{guild_id}/bans", guild_id=1))
    assert double.unknown_routes == ["GET /api/v10/guilds/1/bans"]
    assert double.take_violations("unknown route")


async def test_dropped_connection_is_resumed_and_commands_still_work(
    double: DiscordDouble, tiny: TinyBot
) -> None:
    for code in (4000, 1001):
        resumes = double.gateway.resume_count
        await double.drop_connection(code=code)
        await double.wait_for(lambda r=resumes: double.gateway.resume_count > r, "a RESUME", 5.0)
    assert double.gateway.identify_count == 1
    message = await (await double.send_command("ping")).reply()
    assert message.content.startswith("pong")


async def test_invalidated_session_makes_the_client_identify_again(
    double: DiscordDouble, tiny: TinyBot
) -> None:
    await double.invalidate_session()
    await double.wait_for(lambda: double.gateway.identify_count == 2, "a new IDENTIFY", 5.0)
    message = await (await double.send_command("ping")).reply()
    assert message.content.startswith("pong")


async def test_wrong_token_fails_login(discord_at_double: DiscordDouble) -> None:
    bot = TinyBot(int(discord_at_double.guild.id))
    with pytest.raises(discord.LoginFailure):
        async with running_client(bot, discord_at_double, token="not-the-token"):
            pass


async def test_privileged_intents_are_refused(discord_at_double: DiscordDouble) -> None:
    intents = discord.Intents.default()
    intents.message_content = True  # a bot asking for what it must not need
    bot = TinyBot(int(discord_at_double.guild.id), intents)
    with pytest.raises(discord.PrivilegedIntentsRequired):
        async with running_client(bot, discord_at_double):
            pass
    assert discord_at_double.take_violations("privileged intent")


async def _violation(double: DiscordDouble, rule: str) -> list:
    await double.wait_for(
        lambda: any(v.rule == rule for v in double.violations), f"violation {rule!r}", 5.0
    )
    return double.take_violations(rule)


async def _until(predicate) -> None:
    async with asyncio.timeout(5.0):
        while not predicate():
            await asyncio.sleep(0.01)

