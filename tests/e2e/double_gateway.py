"""The gateway half of the Discord double: one bot session over an aiohttp websocket.

HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats -> HEARTBEAT_ACK, RESUME -> replay + RESUMED,
and the faults Discord produces (a dropped socket, an invalidated session, a reconnect request).
JSON encoding; zlib-stream transport compression when the client asks for it, which discord.py
does unless a zstd module is installed (one compressor per connection, Z_SYNC_FLUSH after each
message, exactly as discord.py's _ZlibDecompressionContext expects).
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

log = logging.getLogger("discord_double.gateway")

OP_DISPATCH, OP_HEARTBEAT, OP_IDENTIFY, OP_PRESENCE, OP_RESUME = 0, 1, 2, 3, 6
OP_RECONNECT, OP_INVALID_SESSION, OP_HELLO, OP_HEARTBEAT_ACK = 7, 9, 10, 11
# Intents Discord treats as privileged: IDENTIFY asking for one not enabled is closed with 4014.
PRIVILEGED_INTENTS = {
    1 << 1: "GUILD_MEMBERS", 1 << 8: "GUILD_PRESENCES", 1 << 15: "MESSAGE_CONTENT",
}
SUPPORTED_COMPRESSION = (None, "zlib-stream")

Violate = Callable[[str, str], None]
Notify = Callable[[], Awaitable[None]]
# Builds the READY body (without session fields) and the GUILD_CREATE body for a new session.
SessionStart = Callable[[], tuple[dict[str, Any], dict[str, Any]]]


def _frame(op: int, data: Any = None) -> dict[str, Any]:
    return {"op": op, "d": data, "s": None, "t": None}


@dataclass
class _Connection:
    ws: web.WebSocketResponse
    compressor: Any | None  # zlib compress object when the client asked for zlib-stream
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def send(self, payload: dict[str, Any]) -> None:
        text = json.dumps(payload, separators=(",", ":"))
        async with self.lock:  # the zlib stream is shared state: one message at a time
            if self.ws.closed:
                return
            if self.compressor is None:
                await self.ws.send_str(text)
                return
            data = self.compressor.compress(text.encode())
            await self.ws.send_bytes(data + self.compressor.flush(zlib.Z_SYNC_FLUSH))


class GatewayDouble:
    def __init__(
        self,
        *,
        token: str,
        url: Callable[[], str],
        heartbeat_interval_ms: int,
        enabled_privileged_intents: int,
        session_start: SessionStart,
        violate: Violate,
        notify: Notify,
    ) -> None:
        self._token = token
        self._url = url
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.enabled_privileged_intents = enabled_privileged_intents
        self._session_start = session_start
        self._violate = violate
        self._notify = notify
        self.identify_count = 0
        self.resume_count = 0
        self.heartbeats = 0
        self.identify_payload: dict[str, Any] | None = None
        self.queries: list[dict[str, str]] = []  # the query of every connection, in order
        self._session_id: str | None = None
        self._seq = 0
        self._sent_events: list[dict[str, Any]] = []
        self._connection: _Connection | None = None
        self._sockets: set[web.WebSocketResponse] = set()

    @property
    def live(self) -> bool:
        """A session is identified (or resumed) on an open socket."""
        return self._connection is not None and not self._connection.ws.closed

    async def close_all(self) -> None:
        for ws in list(self._sockets):
            await ws.close(code=1001, message=b"double stopping")

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        self._sockets.add(ws)
        self.queries.append(dict(request.query))
        compress = request.query.get("compress")
        if request.query.get("encoding", "json") != "json" or compress not in SUPPORTED_COMPRESSION:
            self._violate("gateway", f"unsupported encoding or compression {dict(request.query)}")
            await ws.close(code=4000, message=b"unsupported encoding")
            return ws
        connection = _Connection(ws, zlib.compressobj() if compress else None)
        try:
            await connection.send(
                _frame(OP_HELLO, {"heartbeat_interval": self.heartbeat_interval_ms})
            )
            async for message in ws:
                if message.type is WSMsgType.TEXT:
                    await self._receive(connection, json.loads(message.data))
        finally:
            self._sockets.discard(ws)
            if self._connection is connection:
                self._connection = None
        return ws

    async def _receive(self, connection: _Connection, payload: dict[str, Any]) -> None:
        op, data = payload.get("op"), payload.get("d")
        if op == OP_HEARTBEAT:
            self.heartbeats += 1
            await connection.send(_frame(OP_HEARTBEAT_ACK))
        elif op == OP_IDENTIFY:
            await self._identify(connection, data or {})
        elif op == OP_RESUME:
            await self._resume(connection, data or {})
        elif op != OP_PRESENCE:
            log.warning("gateway: opcode %s not handled by the double: %s", op, payload)

    async def _identify(self, connection: _Connection, data: dict[str, Any]) -> None:
        if data.get("token") != self._token:
            self._violate("gateway", "IDENTIFY with the wrong token")
            await connection.ws.close(code=4004, message=b"Authentication failed.")
            return
        intents = int(data.get("intents", 0))
        for bit, name in PRIVILEGED_INTENTS.items():
            if intents & bit and not self.enabled_privileged_intents & bit:
                self._violate("privileged intent", f"IDENTIFY asked for {name}")
                await connection.ws.close(code=4014, message=b"Disallowed intent(s).")
                return
        self.identify_count += 1
        self.identify_payload = data
        self._session_id = secrets.token_hex(16)
        self._seq = 0
        self._sent_events = []
        self._connection = connection
        ready, guild_create = self._session_start()
        session = {"session_id": self._session_id, "resume_gateway_url": self._url()}
        await self.dispatch("READY", {**ready, **session})
        await self.dispatch("GUILD_CREATE", guild_create)
        await self._notify()

    async def _resume(self, connection: _Connection, data: dict[str, Any]) -> None:
        if data.get("token") != self._token or data.get("session_id") != self._session_id:
            await connection.send(_frame(OP_INVALID_SESSION, False))
            return
        self.resume_count += 1
        self._connection = connection
        seen = int(data.get("seq") or 0)
        for event in self._sent_events:
            if event["s"] > seen:  # replay what the client missed while away
                await connection.send(event)
        self._seq += 1
        await connection.send({"op": OP_DISPATCH, "t": "RESUMED", "s": self._seq, "d": {}})
        await self._notify()

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a DISPATCH; kept for replay, so one sent while disconnected arrives on RESUME."""
        self._seq += 1
        frame = {"op": OP_DISPATCH, "t": event, "s": self._seq, "d": data}
        self._sent_events.append(frame)
        if self._connection is not None:
            await self._connection.send(frame)

    async def drop_connection(self, code: int = 4000) -> None:
        """Close the socket the way Discord does on trouble (1001, 4000: the client resumes)."""
        connection, self._connection = self._connection, None
        if connection is not None:
            await connection.ws.close(code=code, message=b"dropped by the double")

    async def invalidate_session(self) -> None:
        """OP 9 with d=false: the client must identify afresh."""
        self._session_id = None
        if self._connection is not None:
            await self._connection.send(_frame(OP_INVALID_SESSION, False))

    async def request_reconnect(self) -> None:
        """OP 7: Discord asks the client to reconnect and resume."""
        if self._connection is not None:
            await self._connection.send(_frame(OP_RECONNECT))
