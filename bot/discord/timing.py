"""When the bot acknowledges an interaction: Discord refuses an answer after 3 s, so a slow
answer is deferred in time, and a late autocomplete offers nothing rather than fail."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable

import discord
from discord import app_commands

log = logging.getLogger(__name__)

DEFER_AFTER = 1.5  # seconds: answer directly when faster, else defer; Discord allows 3
AUTOCOMPLETE_WITHIN = 2.0  # seconds after the keystroke: later, offer no choices rather than fail
BUSY_IN_FLIGHT = 24  # answers queued for the index beyond which the bot defers at once
CLOCK_SKEW_AFTER = 10.0  # an interaction "older" than this means our clock is off, not a delay


async def in_time(
    interaction: discord.Interaction, choices: Awaitable[list[app_commands.Choice[str]]]
) -> list[app_commands.Choice[str]]:
    """The choices if they are ready while Discord still waits for them, else none: a late
    autocomplete answer is refused by Discord, and the member has typed on by then."""
    budget = AUTOCOMPLETE_WITHIN - interaction_age(interaction)
    try:
        return await asyncio.wait_for(choices, timeout=max(0.0, budget))
    except TimeoutError:
        log.info("autocomplete answered with no choices: none ready within %.1f s", budget)
        return []


def interaction_age(interaction: discord.Interaction) -> float:
    """Seconds since Discord created the interaction. Discord refuses answers after 3 s, so
    an age below 0 or above CLOCK_SKEW_AFTER says more about our clock than the interaction:
    it counts as 0, and the bot waits as usual."""
    age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
    return age if 0.0 <= age <= CLOCK_SKEW_AFTER else 0.0


def defer_after(interaction: discord.Interaction) -> float:
    """How long to wait for an answer before deferring: DEFER_AFTER, less the time the
    interaction took to reach us (a slow gateway, or a loop busy with many members), so that
    even a late arrival is acknowledged within Discord's 3 s."""
    return max(0.0, DEFER_AFTER - interaction_age(interaction))
