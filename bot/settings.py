"""Configuration from the environment and a `.env` file (pydantic-settings).

Invalid settings stop start-up with one line naming the setting; the token is a SecretStr so it
never appears in a repr, a log line or an error message.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

from pydantic import AnyUrl, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def project_root() -> Path:
    """The checkout when installed in development mode; otherwise the working directory."""
    root = Path(__file__).resolve().parents[1]
    return root if (root / "pyproject.toml").exists() else Path.cwd()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    discord_token: SecretStr | None = Field(default=None, alias="DISCORD_TOKEN")
    discord_guild_id: int | None = Field(default=None, alias="DISCORD_GUILD_ID", gt=0)
    # Article folders, separated by the OS path separator (":" on Linux), like PATH.
    corpus: Annotated[list[Path], NoDecode] = Field(
        default_factory=lambda: [project_root() / "seeds"], alias="ONRECORD_CORPUS"
    )
    index_dir: Path = Field(
        default_factory=lambda: project_root() / "var" / "index", alias="ONRECORD_INDEX_DIR"
    )
    discord_api_base: AnyUrl = Field(
        default=AnyUrl("https://discord.com/api/v10"), alias="DISCORD_API_BASE"
    )
    discord_gateway_url: AnyUrl | None = Field(default=None, alias="DISCORD_GATEWAY_URL")
    log_level: str = Field(default="INFO", alias="ONRECORD_LOG_LEVEL")
    # Processes that answer searches for `onrecord run` (search_index.search.pool), so a slow
    # /whosaid never holds up a cheap call; 0 answers them in the bot's own process.
    search_workers: int = Field(default=2, alias="ONRECORD_SEARCH_WORKERS", ge=0, le=64)

    @field_validator("discord_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("discord_guild_id", "discord_gateway_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("corpus", mode="before")
    @classmethod
    def _split_corpus(cls, value: object) -> object:
        if isinstance(value, str):
            return [Path(part) for part in value.split(os.pathsep) if part.strip()]
        return value


class SettingsError(Exception):
    """One line naming the setting that is wrong, without echoing its value."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else "settings"
        raise SettingsError(f"invalid setting {name}: {first['msg']}") from None
