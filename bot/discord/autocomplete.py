"""Autocomplete choices for speaker and outlet options, within Discord's limits."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from discord import app_commands

from bot.text_format import cut_at_word, one_line
from search_index.search.interface import SearchBackend

log = logging.getLogger(__name__)

CHOICE_LIMIT = 25  # Discord's limits on autocomplete choices
CHOICE_TEXT_LIMIT = 100

T = TypeVar("T")

# Threads of autocomplete's own. Commands run on the loop's default executor, and with a pool
# of search processes (search_index.search.pool) a command waiting for a busy worker holds
# one of its threads: when all of them wait, an autocomplete queued behind them would miss
# Discord's three seconds though the pool answers it in this process in a millisecond.
_THREADS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="onrecord-autocomplete")


async def _off_loop(call: Callable[..., T], *args: object) -> T:
    return await asyncio.get_running_loop().run_in_executor(_THREADS, call, *args)


async def speaker_choices(service: SearchBackend, current: str) -> list[app_commands.Choice[str]]:
    try:
        people = await _off_loop(service.speakers, current, CHOICE_LIMIT)
    except Exception:  # autocomplete has no way to show an error: offer nothing
        log.exception("speaker autocomplete failed")
        return []
    labelled = []
    for person in people:
        role = f" ({person.roles[-1].role})" if person.roles else ""
        labelled.append((f"{person.name}{role}", person.name))
    return _choices(labelled)


async def outlet_choices(service: SearchBackend, current: str) -> list[app_commands.Choice[str]]:
    try:
        outlets = await _off_loop(service.outlets, current, CHOICE_LIMIT)
    except Exception:
        log.exception("outlet autocomplete failed")
        return []
    return _choices([(outlet, outlet) for outlet in outlets])


def _choices(labelled: list[tuple[str, str]]) -> list[app_commands.Choice[str]]:
    choices: list[app_commands.Choice[str]] = []
    seen: set[str] = set()
    for label, value in labelled:
        value = value[:CHOICE_TEXT_LIMIT]
        if not value or value in seen:
            continue
        seen.add(value)
        name = cut_at_word(one_line(label), CHOICE_TEXT_LIMIT)
        choices.append(app_commands.Choice(name=name, value=value))
        if len(choices) == CHOICE_LIMIT:
            break
    return choices
