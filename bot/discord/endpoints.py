"""Point discord.py at the configured Discord REST API and gateway (configuration only).

discord.py builds every REST URL from the class attribute `discord.http.Route.BASE`; the
webhook adapter behind interaction callbacks and follow-ups (discord/webhook/async_.py) imports
that same `Route`, so one assignment moves both. A plain `discord.Client` never asks
`GET /gateway/bot`: it connects to `DiscordWebSocket.DEFAULT_GATEWAY` and, after READY, resumes
at the `resume_gateway_url` the gateway itself hands out, falling back to DEFAULT_GATEWAY when a
session is invalidated. (`AutoShardedClient` asks `/gateway/bot`, which follows Route.BASE.)
Nothing in discord.py's code or behaviour is patched.
"""

from __future__ import annotations

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

# Captured at import so that `None` always means "Discord's own", whatever was applied before.
DISCORD_API_BASE: str = Route.BASE
DISCORD_GATEWAY_URL: yarl.URL = DiscordWebSocket.DEFAULT_GATEWAY

_REST_SCHEMES = ("http", "https")
_GATEWAY_SCHEMES = ("ws", "wss")


class EndpointError(ValueError):
    """A base URL discord.py could not use; the message names the setting."""


def apply_endpoints(api_base: str, gateway_url: str | None) -> None:
    """Send discord.py's REST calls to `api_base` and its gateway connection to `gateway_url`.

    `api_base` includes the API version path, e.g. `https://discord.com/api/v10`.
    `gateway_url` None keeps (or restores) Discord's own gateway.
    """
    rest = yarl.URL(str(api_base).strip())
    if rest.scheme not in _REST_SCHEMES or not rest.host:
        raise EndpointError("invalid setting DISCORD_API_BASE: expected an http(s) URL")
    gateway = DISCORD_GATEWAY_URL
    if gateway_url is not None and str(gateway_url).strip():
        gateway = yarl.URL(str(gateway_url).strip())
        if gateway.scheme not in _GATEWAY_SCHEMES or not gateway.host:
            raise EndpointError("invalid setting DISCORD_GATEWAY_URL: expected a ws(s) URL")
        # discord.py appends its own query (v, encoding, compress); one already there would clash.
        gateway = gateway.with_query(None).with_fragment(None)
    # Route appends paths that start with "/", so the base must not end with one.
    Route.BASE = str(rest.with_query(None).with_fragment(None)).rstrip("/")
    DiscordWebSocket.DEFAULT_GATEWAY = gateway


def restore_default_endpoints() -> None:
    """Discord's own REST API and gateway again (used by tests and by a clean shutdown)."""
    Route.BASE = DISCORD_API_BASE
    DiscordWebSocket.DEFAULT_GATEWAY = DISCORD_GATEWAY_URL


def current_endpoints() -> tuple[str, str]:
    """The REST base and gateway URL discord.py will use next, for logs and diagnostics."""
    return Route.BASE, str(DiscordWebSocket.DEFAULT_GATEWAY)
