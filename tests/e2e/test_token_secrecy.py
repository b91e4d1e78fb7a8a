"""The bot token never shows: not in logs (DEBUG included), tracebacks, settings' repr, or the
messages printed when something fails. The real bot runs against the double with a
recognisable token, fails in several ways, and everything it printed or logged is searched.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import discord
import pytest
from discord_double import DiscordDouble
from e2e_harness import running_client

from bot.cli import main
from bot.discord.app import create_bot
from bot.discord.endpoints import restore_default_endpoints
from bot.settings import Settings, SettingsError, load_settings
from search_index.search.service import SearchService

TOKEN = "MTE5ODc2NTQzMjEwOTg3NjU0.GcAnRy.OnRecordCanaryToken-7f3e9d2c1b0a"
WRONG_TOKEN = "MTE5ODc2NTQzMjEwOTg3NjU1.GwRoNg.OnRecordWrongCanary-0a1b2c3d4e5f"


def leaks(text: str) -> list[str]:
    """The pieces of either token found in text (each dot-separated part is itself secret)."""
    pieces = [TOKEN, WRONG_TOKEN, *TOKEN.split("."), *WRONG_TOKEN.split(".")]
    return [piece for piece in pieces if len(piece) >= 6 and piece in text]


@pytest.fixture
def everything_logged() -> Iterator[io.StringIO]:
    """Every log record at DEBUG, formatted with its traceback, as an operator's log file has."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


class FailingService(SearchService):
    """The real service, except that searching fails the way a bug would."""

    def search(self, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        raise RuntimeError("search exploded while holding the settings")


@pytest.mark.asyncio
async def test_the_token_never_appears_while_the_bot_runs_and_fails(
    everything_logged: io.StringIO, seed_index: Path, seeds_dir: Path,
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What is logged while identifying again is the point here, not Discord's 1-5 s wait
    # before it (tests/e2e/test_faults.py identifies again with the real wait).
    monkeypatch.setattr("bot.discord.app.REIDENTIFY_JITTER", (0.05, 0.1))
    monkeypatch.setattr("bot.discord.app.IDENTIFY_INTERVAL", 0.0)
    double = DiscordDouble(token=TOKEN, heartbeat_interval_ms=500)
    await double.start()
    settings = load_settings(
        DISCORD_TOKEN=TOKEN, DISCORD_API_BASE=double.api_base,
        DISCORD_GATEWAY_URL=double.gateway_url, DISCORD_GUILD_ID=double.guild.id,
        ONRECORD_CORPUS=str(seeds_dir), ONRECORD_INDEX_DIR=str(seed_index),
    )
    texts = [repr(settings), str(settings), settings.model_dump_json(), f"{settings!r}"]
    bot = create_bot(settings, FailingService(seed_index))
    try:
        async with running_client(bot, double, settings.discord_token.get_secret_value()):
            await double.wait_commands_synced()
            # A bug inside a command: logged with its traceback, a private note to the member.
            record = await double.send_command("quote", {"query": "elections"})
            texts.append((await record.reply()).text())
            # Discord failing: a 500 on the callback, then an invalidated session.
            double.fail_next("callback", 500)
            record = await double.send_command("about", user=double.make_user("m"))
            texts.append((await record.reply(timeout=10)).text())
            identified = double.gateway.identify_count
            await double.invalidate_session()
            await double.wait_for(lambda: double.gateway.identify_count > identified,
                                  "IDENTIFY", 8.0)
        texts.append(repr(bot))
        # A token Discord refuses.
        refused = create_bot(settings, SearchService(seed_index))
        with pytest.raises(discord.LoginFailure) as caught:
            await refused.login(WRONG_TOKEN)
        await refused.close()
        texts.extend([str(caught.value), repr(caught.value)])
    finally:
        restore_default_endpoints()
        await double.stop()
    logged = everything_logged.getvalue()
    assert "search exploded" in logged and "Traceback" in logged, "the failures were logged"
    assert "DEBUG discord" in logged, "discord.py's own DEBUG lines were captured"
    captured = capfd.readouterr()
    for text in [logged, captured.out, captured.err, *texts]:
        assert leaks(text) == [], f"token found in: {text[:300]!r}"


def test_settings_errors_and_cli_failures_never_print_the_token(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    everything_logged: io.StringIO,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    settings = Settings()
    assert settings.discord_token is not None
    assert leaks(repr(settings)) == [] and leaks(str(settings.model_dump())) == []
    monkeypatch.setenv("DISCORD_GUILD_ID", TOKEN)  # the token pasted into the wrong setting
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert leaks(str(caught.value)) == [] and caught.value.__cause__ is None
    assert main(["run"]) == 2
    monkeypatch.delenv("DISCORD_GUILD_ID")
    # Discord unreachable: `onrecord run` fails in one line.
    monkeypatch.setenv("DISCORD_API_BASE", "http://127.0.0.1:9/api/v10")
    monkeypatch.setenv("ONRECORD_CORPUS", str(Path(__file__).resolve().parents[2] / "seeds"))
    monkeypatch.setenv("ONRECORD_INDEX_DIR", str(tmp_path / "index"))
    assert main(["-v", "run"]) == 1
    restore_default_endpoints()
    captured = capsys.readouterr()
    assert "cannot reach Discord" in captured.err
    for text in (captured.out, captured.err, everything_logged.getvalue()):
        assert leaks(text) == [], text[:300]
