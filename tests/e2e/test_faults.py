"""Faults while the real bot serves: an invalidated gateway session, Discord answering 429 or
500, the index deleted or corrupted under it. The bot keeps answering, and `/reindex`
restores the index with no restart.

This module's bot has an index of its own (a copy), since these tests break it on purpose.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
from pathlib import Path

import pytest
from discord_double import DiscordDouble
from double_payloads import MANAGE_GUILD, MEMBER_PERMISSIONS, SentMessage

from bot.discord.app import OnRecordBot

pytestmark = pytest.mark.asyncio(loop_scope="module")

MANAGER_PERMISSIONS = MEMBER_PERMISSIONS | MANAGE_GUILD
REINDEX_WAIT_S = 60.0  # re-reading seeds/ from scratch on a busy machine


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """A copy of the session's seeds index, for this module's bot alone to break."""
    from search_index.index.ingest import ingest

    index_dir = tmp_path_factory.mktemp("fault-index")
    report = ingest([seeds_dir], index_dir)
    assert report.statements > 0
    return index_dir


async def ask(double: DiscordDouble, name: str, options: dict | None = None,
              **kwargs) -> SentMessage:
    record = await double.send_command(name, options, user=double.make_user("member"), **kwargs)
    return await record.reply()


async def answers_elections(double: DiscordDouble) -> None:
    message = await ask(double, "quote", {"query": "elections"})
    assert not message.ephemeral and "Matthew Miller" in message.text(), message.text()


async def until_unavailable(double: DiscordDouble) -> SentMessage:
    """Ask until the bot notices the index is gone (it checks the disk about once a second)."""
    for _ in range(20):
        message = await ask(double, "quote", {"query": "elections"})
        if message.ephemeral:
            return message
        await asyncio.sleep(0.25)
    raise AssertionError("the bot kept answering from an index that is gone")


async def reindex_as_manager(double: DiscordDouble) -> SentMessage:
    record = await double.send_command(
        "reindex", user=double.make_user("manager"), guild_permissions=MANAGER_PERMISSIONS
    )
    await record.response()
    return await record.followup(timeout=REINDEX_WAIT_S)


# ----- the gateway ----------------------------------------------------------------------------


async def test_bot_identifies_afresh_after_an_invalid_session_and_keeps_answering(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    gateway = discord_rules.gateway
    identified = gateway.identify_count
    await discord_rules.invalidate_session()
    # Discord asks for a random 1-5 s before a new IDENTIFY; the bot waits no longer.
    await discord_rules.wait_for(lambda: gateway.identify_count > identified, "IDENTIFY", 8.0)
    await discord_rules.wait_connected()
    await answers_elections(discord_rules)


# ----- Discord's REST API failing -------------------------------------------------------------


@pytest.mark.parametrize(("status", "retry_after"), [(429, 0.3), (500, 0.0)])
async def test_a_429_or_500_on_the_callback_is_retried_and_answered(
    discord_rules: DiscordDouble, onrecord: OnRecordBot, status: int, retry_after: float
) -> None:
    discord_rules.fail_next("callback", status, retry_after=retry_after)
    await answers_elections(discord_rules)
    assert discord_rules.faults_served[-1] == ("callback", status)
    await answers_elections(discord_rules)


@pytest.mark.parametrize(("status", "retry_after"), [(429, 0.2), (500, 0.0)])
async def test_a_429_or_500_on_a_follow_up_is_retried_and_delivered(
    discord_rules: DiscordDouble, onrecord: OnRecordBot, status: int, retry_after: float
) -> None:
    discord_rules.fail_next("followup", status, retry_after=retry_after)
    followup = await reindex_as_manager(discord_rules)
    assert followup.ephemeral and "Index rebuilt" in followup.text(), followup.text()
    assert discord_rules.faults_served[-1] == ("followup", status)
    await answers_elections(discord_rules)


async def test_rate_limited_five_times_running_the_bot_reports_and_recovers(
    discord_rules: DiscordDouble, onrecord: OnRecordBot, caplog: pytest.LogCaptureFixture
) -> None:
    # discord.py tries a request five times; then the bot's error handler takes over.
    discord_rules.fail_next("callback", 429, retry_after=0.05, times=5)
    message = await ask(discord_rules, "about")
    assert message.ephemeral and "went wrong" in message.text()
    assert any(r.levelno == logging.ERROR and "/about failed" in r.getMessage()
               for r in caplog.records)
    await answers_elections(discord_rules)


# ----- the index ----------------------------------------------------------------------------


async def test_index_deleted_while_serving_then_reindex_restores_it_without_a_restart(
    discord_rules: DiscordDouble, onrecord: OnRecordBot, caplog: pytest.LogCaptureFixture
) -> None:
    await answers_elections(discord_rules)
    shutil.rmtree(onrecord.settings.index_dir)

    refusal = await until_unavailable(discord_rules)
    assert "try again in a minute" in refusal.text()
    assert str(onrecord.settings.index_dir) not in refusal.text(), "no server paths to members"
    assert any("index unavailable" in r.getMessage() and str(onrecord.settings.index_dir)
               in r.getMessage() for r in caplog.records), "the log says what happened"

    rebuilt = await reindex_as_manager(discord_rules)
    assert "Index rebuilt" in rebuilt.text(), rebuilt.text()
    await answers_elections(discord_rules)


async def test_index_deleted_then_rebuilt_by_onrecord_index_is_served_with_no_restart(
    discord_rules: DiscordDouble, onrecord: OnRecordBot, seeds_dir: Path
) -> None:
    from search_index.index.ingest import ingest

    await answers_elections(discord_rules)
    shutil.rmtree(onrecord.settings.index_dir)
    await until_unavailable(discord_rules)
    # `onrecord index` run by the operator: the bot's own service is never told.
    await asyncio.to_thread(ingest, [seeds_dir], onrecord.settings.index_dir)
    for _ in range(20):
        message = await ask(discord_rules, "quote", {"query": "elections"})
        if not message.ephemeral:
            break
        await asyncio.sleep(0.25)
    assert not message.ephemeral and "Matthew Miller" in message.text(), message.text()


async def test_index_corrupted_while_serving_then_reindex_restores_it_without_a_restart(
    discord_rules: DiscordDouble, onrecord: OnRecordBot, caplog: pytest.LogCaptureFixture
) -> None:
    await answers_elections(discord_rules)
    index_dir = onrecord.settings.index_dir
    # Garbage where the index files were, and a newer table of contents that is garbage too.
    # (Replaced, not overwritten in place: the bot's open files keep their old contents.)
    for file in list(index_dir.iterdir()):
        if file.suffix in (".toc", ".seg"):
            garbage = file.with_name(file.name + ".tmp")
            garbage.write_bytes(os.urandom(max(64, file.stat().st_size)))
            os.replace(garbage, file)
    (index_dir / "_MAIN_999.toc").write_bytes(os.urandom(512))

    refusal = await until_unavailable(discord_rules)
    assert "try again in a minute" in refusal.text()
    assert any("cannot be read" in r.getMessage() for r in caplog.records), caplog.text

    rebuilt = await reindex_as_manager(discord_rules)
    assert "Index rebuilt" in rebuilt.text(), rebuilt.text()
    assert any("rebuilding it from the articles" in r.getMessage() for r in caplog.records)
    await answers_elections(discord_rules)


async def test_reindex_by_a_member_without_manage_server_never_runs(
    discord_rules: DiscordDouble, onrecord: OnRecordBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[object] = []
    monkeypatch.setattr("bot.commands.reindex", lambda *args, **kwargs: ran.append(args))
    # Discord hides the command from such members; a crafted request still reaches the bot.
    message = await ask(discord_rules, "reindex", guild_permissions=MEMBER_PERMISSIONS)
    assert message.ephemeral and "manage" in message.text().lower()
    assert ran == [], "the permission is checked by the bot, not only hidden by Discord"
