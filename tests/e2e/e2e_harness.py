"""Run a real discord.py client against the protocol double inside the test's event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import discord
from discord_double import DiscordDouble

log = logging.getLogger("e2e")

START_TIMEOUT_S = 15.0  # login, command sync, gateway READY and GUILD_CREATE
CLOSE_TIMEOUT_S = 5.0


@contextlib.asynccontextmanager
async def running_client(
    client: discord.Client, double: DiscordDouble, token: str | None = None
) -> AsyncIterator[asyncio.Task[None]]:
    """Start `client` (as `bot.start(token)` would in production), yield once it is ready.

    Every wait is bounded: a client that crashes or never becomes ready fails the test with
    the reason instead of hanging it.
    """
    task = asyncio.create_task(client.start(token or double.token), name="discord-client")
    try:
        async with asyncio.timeout(START_TIMEOUT_S):
            while not client.is_ready():
                if task.done():
                    # Re-raises the client's own error (LoginFailure, ConnectionClosed, ...).
                    task.result()
                    raise AssertionError("the client stopped before it was ready")
                await asyncio.sleep(0.01)
    except TimeoutError:
        await _close(client, task)
        broken = "; ".join(map(str, double.violations)) or "none"
        raise AssertionError(
            f"client not ready within {START_TIMEOUT_S}s (violations: {broken})"
        ) from None
    except BaseException:
        await _close(client, task)
        raise
    try:
        yield task
    finally:
        await _close(client, task)


async def _close(client: discord.Client, task: asyncio.Task[None]) -> None:
    try:
        async with asyncio.timeout(CLOSE_TIMEOUT_S):
            await client.close()
            await asyncio.wait({task})
    except TimeoutError:
        log.error("client did not close within %ss; cancelling it", CLOSE_TIMEOUT_S)
        task.cancel()
    if task.done() and not task.cancelled() and task.exception() is not None:
        log.error("client stopped with an error", exc_info=task.exception())
