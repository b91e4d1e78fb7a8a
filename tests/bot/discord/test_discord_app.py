"""The Discord layer without a network: commands invoked through the real CommandTree."""

import asyncio
import logging
import threading

import discord
import pytest
from discord import app_commands
from discord_fakes import command_interaction, pretend_logged_in
from fake_search_service import FakeSearchService, statement

from bot.answers import Answer, AnswerKind
from bot.discord import timing as discord_timing
from bot.discord.app import OnRecordBot, create_bot
from bot.discord.autocomplete import outlet_choices, speaker_choices
from bot.discord.errors import describe_error
from bot.settings import load_settings
from search_index.errors import IndexUnavailable
from search_index.models import Speaker, SpeakerRole


@pytest.fixture
def bot() -> OnRecordBot:
    client = create_bot(load_settings(DISCORD_TOKEN="secret-token-value"), FakeSearchService())
    pretend_logged_in(client)
    return client


def test_no_privileged_intents_and_no_mentions(bot):
    assert bot.intents.value == discord.Intents(guilds=True).value
    assert not (bot.intents.members or bot.intents.presences or bot.intents.message_content)
    mentions = bot.allowed_mentions
    assert mentions is not None
    assert mentions.to_dict() == discord.AllowedMentions.none().to_dict()


def test_the_commands_and_reindex_permissions(bot):
    names = sorted(command.name for command in bot.tree.get_commands())
    assert names == [
        "about", "latest", "quote", "reindex", "sources", "speakers", "timeline", "whosaid"
    ]
    reindex = bot.tree.get_command("reindex")
    assert reindex is not None
    assert reindex.default_permissions == discord.Permissions(manage_guild=True)
    assert reindex.guild_only


async def test_quote_answers_publicly_with_a_paging_view():
    many = [statement(n, f"The elections in ward {n} were calm.", "Matthew Miller")
            for n in range(1, 9)]
    bot = create_bot(load_settings(), FakeSearchService(many))
    interaction = command_interaction(bot, "quote", query="elections")
    await bot.tree._call(interaction)
    [(name, sent)] = interaction.recorder.calls
    assert name == "send_message"
    assert sent["embeds"][0].title == "On record: “elections”"
    assert "ephemeral" not in sent
    assert sent["allowed_mentions"].to_dict() == discord.AllowedMentions.none().to_dict()
    view = sent["view"]
    assert view.owner_id == 1 and view.page_label.label == "1/2"
    assert view.origin is interaction


async def test_bad_input_answers_privately(bot):
    interaction = command_interaction(bot, "quote", query="elections", since="2024-99-01")
    await bot.tree._call(interaction)
    [(name, sent)] = interaction.recorder.calls
    assert name == "send_message" and sent["ephemeral"] is True
    assert sent["embeds"][0].title == "since: “2024-99-01” is not a date."


async def test_unknown_speaker_on_latest(bot):
    interaction = command_interaction(bot, "latest", speaker="Nobody Known")
    await bot.tree._call(interaction)
    [(_, sent)] = interaction.recorder.calls
    assert sent["ephemeral"] is True
    assert "No one called “Nobody Known”" in sent["embeds"][0].title


async def test_a_slow_answer_is_deferred_then_delivered(bot, monkeypatch):
    monkeypatch.setattr(discord_timing, "DEFER_AFTER", 0.01)
    interaction = command_interaction(bot, "about")
    release = threading.Event()
    answer = Answer(kind=AnswerKind.INFO, title="About OnRecord")

    def slow() -> Answer:
        release.wait(10)
        return answer

    task = asyncio.create_task(bot.respond(interaction, slow))
    while "defer" not in interaction.recorder.names():
        await asyncio.sleep(0.01)
    release.set()
    await task
    assert interaction.recorder.names() == ["defer", "edit_original"]
    assert interaction.recorder.calls[0][1] == {"thinking": True}
    assert interaction.recorder.calls[1][1]["embeds"][0].title == "About OnRecord"


async def test_a_slow_private_answer_replaces_the_public_placeholder(bot, monkeypatch):
    monkeypatch.setattr(discord_timing, "DEFER_AFTER", 0.01)
    interaction = command_interaction(bot, "quote", query="x")
    release = threading.Event()

    def slow() -> Answer:
        release.wait(10)
        return Answer(kind=AnswerKind.ERROR, title="Bad", private=True)

    task = asyncio.create_task(bot.respond(interaction, slow))
    while "defer" not in interaction.recorder.names():
        await asyncio.sleep(0.01)
    release.set()
    await task
    assert interaction.recorder.names() == ["defer", "delete_original", "followup"]
    assert interaction.recorder.calls[2][1]["ephemeral"] is True


async def test_an_unexpected_error_is_a_short_private_message_and_a_logged_trace(caplog):
    class Broken(FakeSearchService):
        def stats(self):
            raise ZeroDivisionError("internal detail")

    bot = create_bot(load_settings(), Broken())
    interaction = command_interaction(bot, "about")
    with caplog.at_level(logging.ERROR, logger="bot.discord.errors"):
        await bot.tree._call(interaction)
    [(name, sent)] = interaction.recorder.calls
    assert name == "send_message" and sent["ephemeral"] is True
    assert sent["content"].startswith("Something went wrong on my side.")
    assert "internal detail" not in sent["content"]
    assert any(record.exc_info and "internal detail" in str(record.exc_info[1])
               for record in caplog.records)


async def test_an_unavailable_index_is_explained(bot):
    interaction = command_interaction(bot, "about")
    bot.service.unavailable = True
    await bot.tree._call(interaction)
    [(_, sent)] = interaction.recorder.calls
    assert sent["ephemeral"] is True
    assert sent["embeds"][0].title == "The index is not available right now."


async def test_the_per_member_cooldown_answers_politely():
    bot = create_bot(load_settings(), FakeSearchService(), cooldown_rate=2, cooldown_per=600)
    replies = []
    for _ in range(3):
        interaction = command_interaction(bot, "about", user_id=5)
        await bot.tree._call(interaction)
        replies.append(interaction.recorder.calls[0][1])
    assert "embeds" in replies[0] and "embeds" in replies[1]
    assert replies[2]["ephemeral"] is True
    assert replies[2]["content"].startswith("You're asking quickly: please wait")
    other = command_interaction(bot, "about", user_id=6)
    await bot.tree._call(other)
    assert "embeds" in other.recorder.calls[0][1]  # another member is not slowed down


async def test_reindex_is_refused_without_manage_server(bot, tmp_path):
    interaction = command_interaction(bot, "reindex", guild_id=9, permissions=0)
    await bot.tree._call(interaction)
    [(name, sent)] = interaction.recorder.calls
    assert name == "send_message" and sent["ephemeral"] is True
    assert sent["content"] == "Only members who can manage this server can do that."
    assert bot.service.refreshed == 0


async def test_reindex_in_direct_messages_is_refused(bot):
    interaction = command_interaction(bot, "reindex", permissions=0)
    await bot.tree._call(interaction)
    assert interaction.recorder.calls[0][1]["content"].startswith("That command works in a server")


async def test_reindex_by_a_manager_runs_privately(bot, tmp_path, monkeypatch):
    bot.settings = load_settings(ONRECORD_CORPUS=str(tmp_path / "absent"))
    interaction = command_interaction(
        bot, "reindex", guild_id=9, permissions=discord.Permissions(manage_guild=True).value
    )
    await bot.tree._call(interaction)
    assert interaction.recorder.names() == ["defer", "followup"]
    followup = interaction.recorder.calls[1][1]
    assert followup["ephemeral"] is True
    assert followup["embeds"][0].title == "None of the corpus folders exist."


async def test_speaker_autocomplete_respects_discords_limits():
    people = [Speaker(name=f"Official {n} " + "x" * 120, roles=[SpeakerRole(role="Envoy")])
              for n in range(40)]

    class Crowded(FakeSearchService):
        def speakers(self, prefix_or_name="", limit=25):
            return people[:limit]

    bot = create_bot(load_settings(), Crowded())
    choices = await speaker_choices(bot.service, "off")
    assert len(choices) == 25
    assert all(len(choice.name) <= 100 and len(choice.value) <= 100 for choice in choices)


async def test_speaker_autocomplete_shows_roles(bot):
    choices = await speaker_choices(bot.service, "asif")
    assert [(choice.name, choice.value) for choice in choices] == [
        ("Khawaja Asif (Foreign Minister)", "Khawaja Asif")
    ]


async def test_autocomplete_offers_nothing_when_the_index_is_down(bot):
    bot.service.unavailable = True
    assert await speaker_choices(bot.service, "m") == []
    assert await outlet_choices(bot.service, "d") == []


async def test_outlet_autocomplete(bot):
    choices = await outlet_choices(bot.service, "eve")
    assert [choice.value for choice in choices] == ["Evening Star"]


@pytest.mark.parametrize(("error", "expected"), [
    (app_commands.CommandOnCooldown(app_commands.Cooldown(1, 30), 12.4),
     "You're asking quickly: please wait 12 seconds before the next command."),
    (app_commands.MissingPermissions(["manage_guild"]),
     "Only members who can manage this server can do that."),
])
def test_describe_error(error, expected):
    assert describe_error(error) == (expected, True)


def test_describe_error_of_a_library_error_uses_its_message():
    command = app_commands.Command(name="x", description="x", callback=_noop)
    error = app_commands.CommandInvokeError(command, IndexUnavailable("The index is missing."))
    assert describe_error(error) == ("The index is missing.", False)


async def _noop(interaction: discord.Interaction) -> None:
    return None
