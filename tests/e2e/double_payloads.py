"""Discord-shaped JSON payloads for the protocol double: ids, users, the guild, messages.

Shapes follow Discord's API v10 objects closely enough for discord.py to parse them as it parses
Discord's own (snowflakes as strings, ISO timestamps, the keys discord.py indexes directly).
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000

# Permission bits (Discord's documented values) the double needs to describe members.
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
READ_MESSAGE_HISTORY = 1 << 16
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_GUILD = 1 << 5
ADMINISTRATOR = 1 << 3
MEMBER_PERMISSIONS = (
    VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS
)
BOT_PERMISSIONS = MEMBER_PERMISSIONS

EPHEMERAL_FLAG = 1 << 6
LOADING_FLAG = 1 << 7


class Snowflakes:
    """Real-looking snowflakes: the creation time in the high bits, so discord.py can date them."""

    def __init__(self) -> None:
        self._counter = itertools.count()
        self._lock = threading.Lock()

    def next(self) -> str:
        with self._lock:
            increment = next(self._counter) & 0xFFF
        millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return str((millis << 22) | (1 << 17) | increment)


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


# Where the double puts the files of a multipart request (by their `files[n]` index) inside the
# message body it hands to SentMessage.apply; Discord's own bodies never use this key.
UPLOADS_KEY = "_uploads"
_attachment_ids = Snowflakes()


@dataclass(frozen=True)
class Upload:
    """One file part of a multipart request, as the bot sent it."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class Attachment:
    """A file on a message, as Discord stores it; `data` lets tests read what was sent."""

    id: str
    filename: str
    data: bytes

    @property
    def content_type(self) -> str:
        png = self.data.startswith(b"\x89PNG\r\n\x1a\n")
        return "image/png" if png else "application/octet-stream"

    def payload(self) -> dict[str, Any]:
        url = f"https://cdn.discord-double.invalid/attachments/{self.id}/{self.filename}"
        return {"id": self.id, "filename": self.filename, "size": len(self.data), "url": url,
                "proxy_url": url, "content_type": self.content_type}


@dataclass(frozen=True)
class FakeUser:
    id: str
    username: str
    bot: bool = False

    def payload(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "username": self.username,
            "global_name": None if self.bot else self.username.title(),
            "discriminator": "0",
            "avatar": None,
            "bot": self.bot,
            "system": False,
            "public_flags": 0,
            "flags": 0,
        }


@dataclass(frozen=True)
class FakeGuild:
    id: str
    channel_id: str
    owner_id: str
    name: str = "OnRecord Test Server"
    channel_name: str = "newsroom"

    def channel_payload(self) -> dict[str, Any]:
        return {
            "id": self.channel_id,
            "type": 0,
            "guild_id": self.id,
            "name": self.channel_name,
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": "Who said what, when and where",
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }

    def everyone_role(self) -> dict[str, Any]:
        return {
            "id": self.id,  # @everyone shares the guild's id
            "name": "@everyone",
            "color": 0,
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": 0,
            "permissions": str(MEMBER_PERMISSIONS),
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }

    def create_payload(self, bot_member: dict[str, Any]) -> dict[str, Any]:
        """GUILD_CREATE as Discord sends it to a bot without privileged intents."""
        return {
            "id": self.id,
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": self.owner_id,
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": [self.everyone_role()],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "system_channel_id": self.channel_id,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "vanity_url_code": None,
            "description": None,
            "banner": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "public_updates_channel_id": None,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "joined_at": iso_now(),
            "large": False,
            "unavailable": False,
            "member_count": 2,
            "voice_states": [],
            "members": [bot_member],
            "channels": [self.channel_payload()],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }


def member_payload(user: FakeUser, permissions: int | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "user": user.payload(),
        "nick": None,
        "avatar": None,
        "roles": [],
        "joined_at": iso_now(),
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
    }
    if permissions is not None:
        # Only interaction payloads carry the member's computed permissions.
        payload["permissions"] = str(permissions)
    return payload


@dataclass
class SentMessage:
    """A message the bot made, as Discord stores it and shows it in the channel."""

    id: str
    channel_id: str
    guild_id: str | None
    author: FakeUser
    application_id: str
    interaction_id: str | None
    interaction_user: FakeUser | None
    message_type: int
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    allowed_mentions: dict[str, Any] | None = None
    created_at: str = field(default_factory=iso_now)
    edited_at: str | None = None
    deleted: bool = False
    revision: int = 0  # bumped on every edit so waiters can tell "changed since"
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL_FLAG)

    @property
    def loading(self) -> bool:
        """A deferred response still showing "OnRecord is thinking…"."""
        return bool(self.flags & LOADING_FLAG)

    def apply(self, body: dict[str, Any], *, edit: bool) -> None:
        """Take the fields a create/edit body sets; an edit leaves absent fields unchanged."""
        if "content" in body:
            self.content = body["content"] or ""
        if "embeds" in body:
            self.embeds = [{"type": "rich", **embed} for embed in body["embeds"] or []]
        if "components" in body:
            self.components = list(body["components"] or [])
        if "allowed_mentions" in body:
            self.allowed_mentions = body["allowed_mentions"]
        if "attachments" in body or body.get(UPLOADS_KEY):
            self.attachments = self._attachments(body)
        if "flags" in body and body["flags"] is not None and not edit:
            self.flags = int(body["flags"])
        if edit:
            self.flags &= ~LOADING_FLAG
            self.edited_at = iso_now()
            self.revision += 1

    def _attachments(self, body: dict[str, Any]) -> list[Attachment]:
        """The attachments after this body: each listed one is kept (an existing id) or new
        (the index of an uploaded file); without a list, every upload is added."""
        uploads: dict[int, Upload] = body.get(UPLOADS_KEY) or {}
        listed = body.get("attachments")
        if listed is None:
            listed = [{"id": index} for index in sorted(uploads)]
        existing = {attachment.id: attachment for attachment in self.attachments}
        kept: list[Attachment] = []
        for entry in listed:
            key = str(entry.get("id"))
            if key in existing:
                kept.append(existing[key])
            elif key.isdigit() and int(key) in uploads:
                upload = uploads[int(key)]
                name = str(entry.get("filename") or upload.filename)
                kept.append(Attachment(_attachment_ids.next(), name, upload.data))
            else:
                raise ValueError(f"attachment {key!r} is neither on the message nor uploaded")
        return kept

    def attachment(self, filename: str) -> Attachment:
        for attachment in self.attachments:
            if attachment.filename == filename:
                return attachment
        names = [attachment.filename for attachment in self.attachments]
        raise LookupError(f"message {self.id} has no attachment {filename!r} (has {names})")

    def components_flat(self) -> list[dict[str, Any]]:
        return [child for row in self.components for child in row.get("components", [])]

    def find_component(self, custom_id: str) -> dict[str, Any]:
        for component in self.components_flat():
            if component.get("custom_id") == custom_id:
                return component
        known = [c.get("custom_id") for c in self.components_flat()]
        raise LookupError(f"message {self.id} has no component {custom_id!r} (has {known})")

    def text(self) -> str:
        """Everything a reader sees, flattened: content, then each embed's visible text."""
        parts = [self.content]
        for embed in self.embeds:
            parts.append((embed.get("author") or {}).get("name", ""))
            parts.append(embed.get("title", ""))
            parts.append(embed.get("description", ""))
            for embed_field in embed.get("fields") or []:
                parts.extend([embed_field.get("name", ""), embed_field.get("value", "")])
            parts.append((embed.get("footer") or {}).get("text", ""))
        return "\n".join(part for part in parts if part)

    def payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "id": self.id,
            "channel_id": self.channel_id,
            "author": self.author.payload(),
            "content": self.content,
            "timestamp": self.created_at,
            "edited_timestamp": self.edited_at,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [attachment.payload() for attachment in self.attachments],
            "embeds": self.embeds,
            "components": self.components,
            "pinned": False,
            "type": self.message_type,
            "flags": self.flags,
            "webhook_id": self.application_id,
            "application_id": self.application_id,
        }
        if self.guild_id is not None:
            payload["guild_id"] = self.guild_id
        if self.interaction_id is not None and self.interaction_user is not None:
            payload["interaction_metadata"] = {
                "id": self.interaction_id,
                "type": 2,
                "user": self.interaction_user.payload(),
                "authorizing_integration_owners": {"0": self.guild_id or "0"},
            }
        return payload
