"""The one error handler every slash command shares: a short private sentence for the member,
the detail in the log."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.discord.replies import send_private_text
from bot.text_format import cut_at_word, one_line
from search_index.errors import OnRecordError

log = logging.getLogger(__name__)


class OnRecordTree(app_commands.CommandTree[discord.Client]):
    """The command tree with the one error handler every command shares. It needs nothing of
    the client beyond discord's own, so it types against `discord.Client`, not the bot."""

    async def on_error(
        self,
        interaction: discord.Interaction[discord.Client],
        error: app_commands.AppCommandError,
        /,
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
