"""Fixtures: the Discord protocol double, discord.py pointed at it, and the real OnRecord bot.

A test fails at teardown when the double recorded any broken Discord rule, even if its own
assertions passed: the rules are part of what every end-to-end test checks.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from discord_double import DiscordDouble
from e2e_harness import running_client

from bot.discord.app import OnRecordBot, create_bot
from bot.discord.endpoints import apply_endpoints, restore_default_endpoints
from bot.settings import load_settings
from search_index.index.ingest import ingest
from search_index.search.service import SearchService

HEARTBEAT_MS = 500  # short, so heartbeats happen during the tests; the client copes fine
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder runs the real client over sockets: `make test-fast` skips them."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.slow)


def fail_on_violations(double: DiscordDouble) -> None:
    broken = double.take_violations()
    if broken:
        lines = "\n  ".join(map(str, broken))
        pytest.fail(f"Discord rules broken during the test:\n  {lines}", pytrace=False)


@pytest.fixture
async def double() -> AsyncIterator[DiscordDouble]:
    """A double of its own for one test (clients built by the test itself)."""
    double = DiscordDouble(heartbeat_interval_ms=HEARTBEAT_MS)
    await double.start()
    try:
        yield double
        await double.settle()
    finally:
        await double.stop()
    fail_on_violations(double)


@pytest.fixture
def discord_at_double(double: DiscordDouble) -> Iterator[DiscordDouble]:
    """discord.py's REST and gateway URLs aimed at the double (for clients built in tests)."""
    apply_endpoints(double.api_base, double.gateway_url)
    yield double
    restore_default_endpoints()


# ----- the real bot over an index of seeds/ ---------------------------------------------------
# One bot per test module: discord.py waits `guild_ready_timeout` (2 s) for guilds before READY,
# so starting it once keeps the suite fast. Each test still gets its own rule check
# (`discord_rules`) and its own members (`double.make_user`), so cooldowns never leak across.


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    index_dir = tmp_path_factory.mktemp("seed-index")
    report = ingest([seeds_dir], index_dir)
    assert report.statements > 0, f"indexing seeds/ found no statements: {report}"
    return index_dir


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot_double() -> AsyncIterator[DiscordDouble]:
    double = DiscordDouble(heartbeat_interval_ms=HEARTBEAT_MS)
    await double.start()
    try:
        yield double
    finally:
        await double.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def onrecord(
    bot_double: DiscordDouble, seed_index: Path, seeds_dir: Path
) -> AsyncIterator[OnRecordBot]:
    """The real bot (`create_bot`), started with `bot.start(token)` against the double."""
    settings = load_settings(
        DISCORD_TOKEN=bot_double.token,
        DISCORD_API_BASE=bot_double.api_base,
        DISCORD_GATEWAY_URL=bot_double.gateway_url,
        DISCORD_GUILD_ID=bot_double.guild.id,
        ONRECORD_CORPUS=str(seeds_dir),
        ONRECORD_INDEX_DIR=str(seed_index),
    )
    service = SearchService(seed_index)
    bot = create_bot(settings, service)
    assert settings.discord_token is not None
    try:
        # The bot points discord.py at DISCORD_API_BASE / DISCORD_GATEWAY_URL itself.
        async with running_client(bot, bot_double, settings.discord_token.get_secret_value()):
            await bot_double.wait_commands_synced()
            fail_on_violations(bot_double)  # start-up itself broke a rule (e.g. registration)
            yield bot
    finally:
        restore_default_endpoints()
        service.close()


@pytest_asyncio.fixture(loop_scope="module")
async def discord_rules(
    bot_double: DiscordDouble, onrecord: OnRecordBot
) -> AsyncIterator[DiscordDouble]:
    """The module's double, checked for broken Discord rules when the test ends."""
    yield bot_double
    await bot_double.settle()
    fail_on_violations(bot_double)
