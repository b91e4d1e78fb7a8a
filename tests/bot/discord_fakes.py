"""Real discord.Interaction objects built from gateway payloads, with their replies recorded.

The interaction is discord.py's own class parsed from the payload Discord would send, so user
ids, permissions and component data are read exactly as in production; only the HTTP replies
(`response`, `followup`, original-message edits) go to a recorder instead of the network.
"""

from __future__ import annotations

import itertools
from typing import Any

import discord

_ids = itertools.count(1000)


class Recorder:
    """Stands in for InteractionResponse and the follow-up webhook; records every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._done = False

    def is_done(self) -> bool:
        return self._done

    async def send_message(self, content: str | None = None, **kwargs: Any) -> None:
        self._finish("send_message", content=content, **kwargs)

    async def defer(self, **kwargs: Any) -> None:
        self._finish("defer", **kwargs)

    async def edit_message(self, **kwargs: Any) -> None:
        self._finish("edit_message", **kwargs)

    async def send(self, content: str | None = None, **kwargs: Any) -> None:  # followup.send
        self.calls.append(("followup", {"content": content, **kwargs}))

    def _finish(self, name: str, **kwargs: Any) -> None:
        if self._done:
            raise AssertionError(f"a second initial response: {name}")
        self._done = True
        self.calls.append((name, kwargs))

    def names(self) -> list[str]:
        return [name for name, _ in self.calls]


class RecordedInteraction(discord.Interaction):
    def __init__(self, client: discord.Client, payload: dict[str, Any]) -> None:
        super().__init__(data=payload, state=client._connection)  # type: ignore[arg-type]
        self.recorder = Recorder()

    @property
    def response(self) -> Recorder:  # type: ignore[override]
        return self.recorder

    @property
    def followup(self) -> Recorder:  # type: ignore[override]
        return self.recorder

    async def edit_original_response(self, **kwargs: Any) -> None:  # type: ignore[override]
        self.recorder.calls.append(("edit_original", kwargs))

    async def delete_original_response(self) -> None:
        self.recorder.calls.append(("delete_original", {}))


def user_payload(user_id: int) -> dict[str, Any]:
    return {"id": str(user_id), "username": f"member{user_id}", "discriminator": "0",
            "avatar": None, "global_name": None}


def _base(kind: int, user_id: int, guild_id: int | None, permissions: int) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": str(next(_ids)), "application_id": "42", "type": kind, "token": "token",
        "version": 1, "channel_id": "77", "locale": "en-US", "attachment_size_limit": 10485760,
    }
    if guild_id is None:
        payload["user"] = user_payload(user_id)
    else:
        payload["guild_id"] = str(guild_id)
        payload["member"] = {"user": user_payload(user_id), "roles": [], "joined_at": None,
                             "deaf": False, "mute": False, "permissions": str(permissions),
                             "flags": 0}
    return payload


def component_interaction(
    client: discord.Client, custom_id: str, user_id: int, *, values: list[str] | None = None
) -> RecordedInteraction:
    payload = _base(3, user_id, None, 0)
    payload["data"] = {"custom_id": custom_id, "component_type": 3 if values else 2}
    if values is not None:
        payload["data"]["values"] = values
    return RecordedInteraction(client, payload)


def command_interaction(
    client: discord.Client,
    name: str,
    user_id: int = 1,
    *,
    guild_id: int | None = None,
    permissions: int = 0,
    **options: str,
) -> RecordedInteraction:
    payload = _base(2, user_id, guild_id, permissions)
    payload["data"] = {
        "id": "555", "type": 1, "name": name,
        "options": [{"type": 3, "name": key, "value": value} for key, value in options.items()],
    }
    return RecordedInteraction(client, payload)


def pretend_logged_in(client: discord.Client, bot_id: int = 42) -> None:
    """Give the client the user READY would have given it (guild interactions need it)."""
    state = client._connection
    state.user = discord.ClientUser(state=state, data={**user_payload(bot_id), "bot": True})  # type: ignore[arg-type]
