"""`onrecord sync` publishes global commands only when their definitions changed."""

import json

import pytest
from fake_search_service import FakeSearchService

from bot.discord import app as discord_app
from bot.discord import command_sync as command_sync
from bot.discord import errors as discord_errors
from bot.settings import load_settings


@pytest.fixture
def recorded(monkeypatch):
    """discord.py's login and sync replaced by recorders: no network."""
    calls: list[str] = []

    async def login(self, token):
        calls.append("login")
        self._connection.application_id = 4242

    async def sync(self, *, guild=None):
        calls.append(f"sync guild={guild}")
        return [object()] * len(self.get_commands())

    monkeypatch.setattr(discord_app.OnRecordBot, "login", login)
    monkeypatch.setattr(discord_errors.OnRecordTree, "sync", sync)
    return calls


async def test_sync_only_when_the_commands_changed(recorded, tmp_path):
    settings = load_settings(DISCORD_TOKEN="token")
    state = tmp_path / "var" / "synced-commands.json"
    first = await command_sync.sync_global(settings, FakeSearchService(), state)
    assert first == "Synced 8 global commands (they can take a while to appear)."
    assert recorded == ["login", "sync guild=None"]
    assert list(json.loads(state.read_text())) == ["4242"]

    second = await command_sync.sync_global(settings, FakeSearchService(), state)
    assert second.startswith("Global commands are unchanged")
    assert recorded == ["login", "sync guild=None", "login"]

    forced = await command_sync.sync_global(settings, FakeSearchService(), state, force=True)
    assert forced.startswith("Synced 8")



def test_the_hash_follows_the_command_definitions():
    settings = load_settings()
    bot = discord_app.create_bot(settings, FakeSearchService())
    same = discord_app.create_bot(settings, FakeSearchService())
    assert command_sync.command_payload_hash(bot) == command_sync.command_payload_hash(same)
    command = bot.tree.get_command("quote")
    assert command is not None
    command.description = "Something else"
    assert command_sync.command_payload_hash(bot) != command_sync.command_payload_hash(same)


async def test_sync_without_a_token_says_so(tmp_path):
    message = await command_sync.sync_global(load_settings(DISCORD_TOKEN=""), FakeSearchService(),
                                             tmp_path / "state.json")
    assert message.startswith("DISCORD_TOKEN is not set")
