"""Replies that are not an answer's embeds: a private line of text (refusals, failures), the
public "thinking" placeholder dropped before a private follow-up, and a chart as a file."""

from __future__ import annotations

import io
import logging

import discord

from bot.answers import Answer

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
PUBLIC_DEFER = "onrecord.public_defer"  # Interaction.extras key: we deferred a public reply


async def send_private_text(interaction: discord.Interaction, message: str) -> None:
    if not interaction.response.is_done():
        await interaction.response.send_message(
            message, ephemeral=True, allowed_mentions=NO_MENTIONS
        )
        return
    if interaction.extras.get(PUBLIC_DEFER):
        # The first follow-up of a public defer would fill its public "thinking" message.
        await drop_public_placeholder(interaction)
    await interaction.followup.send(message, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def drop_public_placeholder(interaction: discord.Interaction) -> None:
    interaction.extras[PUBLIC_DEFER] = False
    try:
        await interaction.delete_original_response()
    except discord.HTTPException as failure:
        log.debug("could not delete the deferred message: %s", failure)



def chart_files(answer: Answer) -> list[discord.File]:
    """The answer's chart as a Discord attachment (a new File each time: a File is read once)."""
    if not (answer.chart_png and answer.chart_filename):
        return []
    return [discord.File(io.BytesIO(answer.chart_png), filename=answer.chart_filename)]
