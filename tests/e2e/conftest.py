"""Fixtures: the Discord protocol double, and discord.py pointed at it for each test.

A test fails at teardown when the double recorded any broken Discord rule, even if its own
assertions passed: the rules are part of what every end-to-end test checks.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from discord_double import DiscordDouble

from bot.discord_endpoints import apply_endpoints, restore_default_endpoints


@pytest.fixture(autouse=True)
def _discord_defaults_restored() -> Iterator[None]:
    yield
    restore_default_endpoints()


@pytest.fixture
async def double() -> AsyncIterator[DiscordDouble]:
    double = DiscordDouble(heartbeat_interval_ms=500)
    await double.start()
    try:
        yield double
        await double.settle()
    finally:
        await double.stop()
    if double.violations:
        lines = "\n  ".join(map(str, double.violations))
        pytest.fail(f"Discord rules broken during the test:\n  {lines}", pytrace=False)


@pytest.fixture
def discord_at_double(double: DiscordDouble) -> DiscordDouble:
    """discord.py's REST and gateway URLs aimed at the double (for clients built in tests)."""
    apply_endpoints(double.api_base, double.gateway_url)
    return double
