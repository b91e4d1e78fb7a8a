"""The buttons under an answer: Previous / page x of y / Next, and a Context select.

Only the member who ran the command can turn pages (others get a private note); anyone may
open a statement's context, since that answer is private to whoever asks. When the view times
out its components are switched off by editing the message, so nobody presses a dead button.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.answers import Answer
from bot.discord.render import render
from bot.discord.replies import NO_MENTIONS
from bot.text_format import cut_at_word, one_line, speaker_text

log = logging.getLogger(__name__)

PageFetcher = Callable[[int], Awaitable[Answer]]  # page number -> that page's answer
ContextFetcher = Callable[[str], Awaitable[Answer]]  # statement id -> its context answer

VIEW_TIMEOUT = 180.0  # seconds; well inside the 15 minutes an interaction token lasts
NOT_YOURS = "Only the person who asked can page these results. Run the command yourself to page."
OPTION_TEXT_LIMIT = 100  # Discord's limit on a select option's label and description


class AnswerView(discord.ui.View):
    def __init__(
        self,
        answer: Answer,
        owner_id: int,
        fetch_page: PageFetcher,
        fetch_context: ContextFetcher,
        *,
        timeout: float = VIEW_TIMEOUT,
    ) -> None:
        super().__init__(timeout=timeout)
        self.answer = answer
        self.owner_id = owner_id
        self._fetch_page = fetch_page
        self._fetch_context = fetch_context
        # The interaction whose response carries this view: used to edit it on timeout.
        self.origin: discord.Interaction | None = None

        self.previous_button = discord.ui.Button(label="Previous", style=discord.ButtonStyle.grey)
        self.page_label = discord.ui.Button(label="1/1", disabled=True)
        self.next_button = discord.ui.Button(label="Next", style=discord.ButtonStyle.grey)
        self.context_select: discord.ui.Select[AnswerView] = discord.ui.Select(
            placeholder="Context: read a statement in full"
        )
        self.previous_button.callback = self._previous  # type: ignore[method-assign]
        self.next_button.callback = self._next  # type: ignore[method-assign]
        self.context_select.callback = self._context  # type: ignore[method-assign]
        self._layout()

    @property
    def has_components(self) -> bool:
        return bool(self.children)

    def _layout(self) -> None:
        """Draw the components for the current page of `self.answer`."""
        self.clear_items()
        answer = self.answer
        if answer.pageable:
            self.previous_button.disabled = answer.page <= 1
            self.next_button.disabled = answer.page >= answer.pages
            self.page_label.label = f"{answer.page}/{answer.pages}"
            self.add_item(self.previous_button)
            self.add_item(self.page_label)
            self.add_item(self.next_button)
        if answer.items:
            self.context_select.options = [
                discord.SelectOption(
                    label=cut_at_word(one_line(f"{item.number}. {speaker_text(item)}"),
                                      OPTION_TEXT_LIMIT),
                    description=cut_at_word(
                        one_line(f"{item.words_open}{item.text}{item.words_close}"),
                        OPTION_TEXT_LIMIT),
                    value=str(position),  # a position on this page: ids may exceed 100 chars
                )
                for position, item in enumerate(answer.items[:25])
            ]
            self.add_item(self.context_select)

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        if _custom_id(interaction) == self.context_select.custom_id:
            return True
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            NOT_YOURS, ephemeral=True, allowed_mentions=NO_MENTIONS
        )
        return False

    async def _previous(self, interaction: discord.Interaction) -> None:
        await self._turn(interaction, self.answer.page - 1)

    async def _next(self, interaction: discord.Interaction) -> None:
        await self._turn(interaction, self.answer.page + 1)

    async def _turn(self, interaction: discord.Interaction, page: int) -> None:
        await interaction.response.defer()
        answer = await self._fetch_page(page)
        if answer.is_error or (not answer.items and not answer.fields):
            await send_private(interaction, answer)
            return
        self.answer = answer
        self._layout()
        await interaction.edit_original_response(
            embeds=render(answer), view=self, allowed_mentions=NO_MENTIONS
        )

    async def _context(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        position = int(self.context_select.values[0])
        if position >= len(self.answer.items):  # drawn for a page that has since changed
            await interaction.followup.send(
                "That result moved; choose again.", ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        answer = await self._fetch_context(self.answer.items[position].statement_id)
        await interaction.followup.send(
            embeds=render(answer), ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    async def on_timeout(self) -> None:
        for child in self.children:
            if isinstance(child, discord.ui.Button | discord.ui.Select):
                child.disabled = True
        if self.origin is None:
            return
        try:
            await self.origin.edit_original_response(view=self)
        except discord.HTTPException as failure:  # the message was deleted, or too old
            log.debug("could not switch off expired buttons: %s", failure)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        log.error("a button failed", exc_info=error)
        message = "That did not work, sorry. The problem has been logged."
        try:
            if interaction.response.is_done():
                await interaction.followup.send(
                    message, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
            else:
                await interaction.response.send_message(
                    message, ephemeral=True, allowed_mentions=NO_MENTIONS
                )
        except discord.HTTPException:
            log.debug("could not report a button failure to the user")


async def send_private(interaction: discord.Interaction, answer: Answer) -> None:
    """A private follow-up: errors and notes that only the presser should see."""
    await interaction.followup.send(
        embeds=render(answer), ephemeral=True, allowed_mentions=NO_MENTIONS
    )


def _custom_id(interaction: discord.Interaction) -> str | None:
    data = interaction.data or {}
    value = data.get("custom_id")
    return value if isinstance(value, str) else None
