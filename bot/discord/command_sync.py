"""`onrecord sync`: publish the slash commands globally, only when they changed.

Global commands take a while to reach every client and Discord rate-limits their updates, so
the bot does not sync them at start; this records a hash of the published payload under var/
and syncs again only when the command set differs.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from bot.discord.app import OnRecordBot, create_bot
from bot.settings import Settings, project_root
from search_index.search.interface import SearchBackend

log = logging.getLogger(__name__)


def default_state_file() -> Path:
    return project_root() / "var" / "synced-commands.json"


def command_payload_hash(bot: OnRecordBot) -> str:
    """A fingerprint of exactly what a global sync would send."""
    payload = sorted(
        (command.to_dict(bot.tree) for command in bot.tree.get_commands()),
        key=lambda entry: str(entry.get("name")),
    )
    encoded = json.dumps(payload, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


async def sync_global(
    settings: Settings, service: SearchBackend, state_file: Path, *, force: bool = False
) -> str:
    """Sync global commands when they changed (or when forced); say what happened."""
    if settings.discord_token is None:
        return "DISCORD_TOKEN is not set: there is no application to sync commands to."
    bot = create_bot(settings, service, sync_on_start=False)
    try:
        await bot.login(settings.discord_token.get_secret_value())
        fingerprint = command_payload_hash(bot)
        application = str(bot.application_id)
        recorded = _read_state(state_file)
        if not force and recorded.get(application) == fingerprint:
            return "Global commands are unchanged since the last sync: nothing to do."
        synced = await bot.tree.sync()
        recorded[application] = fingerprint
        state_file.parent.mkdir(parents=True, exist_ok=True)
        state_file.write_text(json.dumps(recorded, indent=2) + "\n", encoding="utf-8")
        return f"Synced {len(synced)} global commands (they can take a while to appear)."
    finally:
        await bot.close()


def _read_state(state_file: Path) -> dict[str, str]:
    try:
        data = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(key): str(value) for key, value in data.items()} if isinstance(data, dict) else {}
