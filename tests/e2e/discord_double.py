"""A Discord protocol double on 127.0.0.1: REST API, gateway, and Discord's rules.

The real, unmodified discord.py client talks to it exactly as it talks to Discord. Tests drive it
from the user's side (slash commands, autocomplete, button and select presses) and read back what
a member would see. Every broken rule (a late or doubled response, a payload over Discord's limits,
a message that may ping someone, a route Discord does not have) is recorded as a Violation; the
e2e fixtures fail the test when any remain at teardown.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from double_gateway import GatewayDouble
from double_payloads import (
    BOT_PERMISSIONS,
    EPHEMERAL_FLAG,
    LOADING_FLAG,
    MEMBER_PERMISSIONS,
    UPLOADS_KEY,
    FakeGuild,
    FakeUser,
    SentMessage,
    Snowflakes,
    Upload,
    member_payload,
)
from double_rules import (
    choice_problems,
    command_problems,
    mention_problems,
    message_problems,
)

log = logging.getLogger("discord_double")

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"
RESPONSE_DEADLINE_S = 3.0  # Discord drops an interaction not acknowledged within 3 s
TOKEN_LIFETIME_S = 15 * 60.0  # interaction tokens work for follow-ups and edits for 15 minutes
WAIT_S = 5.0  # how long a test waits for the bot before failing (never hangs)

# Interaction types (what Discord sends) and callback types (what the bot answers).
APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
PONG, CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE = 1, 4, 5
DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE, AUTOCOMPLETE_RESULT, MODAL = 6, 7, 8, 9
ALLOWED_CALLBACKS = {
    APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
    MESSAGE_COMPONENT: {
        CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE, MODAL,
    },
    AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
    MODAL_SUBMIT: {
        CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE,
    },
}
MESSAGE_CALLBACKS = {CHANNEL_MESSAGE, UPDATE_MESSAGE}

OPTION_TYPES: dict[int, Callable[[Any], Any]] = {3: str, 4: int, 5: bool, 10: float}


@dataclass(frozen=True)
class Violation:
    rule: str
    detail: str
    interaction_id: str | None = None

    def __str__(self) -> str:
        where = f" [interaction {self.interaction_id}]" if self.interaction_id else ""
        return f"{self.rule}: {self.detail}{where}"


@dataclass(frozen=True)
class InitialResponse:
    type: int
    data: dict[str, Any]
    seconds_after_dispatch: float


@dataclass
class InteractionRecord:
    """One interaction the double dispatched and everything the bot did with it."""

    id: str
    token: str
    kind: int
    name: str
    user: FakeUser
    dispatched_at: float
    double: DiscordDouble = field(repr=False)
    source_message: SentMessage | None = None  # the message a pressed component sits on
    responses: list[InitialResponse] = field(default_factory=list)
    message: SentMessage | None = None  # the original response (or the updated source message)
    followups: list[SentMessage] = field(default_factory=list)
    edits: list[dict[str, Any]] = field(default_factory=list)
    choices: list[dict[str, Any]] | None = None
    modal: dict[str, Any] | None = None
    refused: list[str] = field(default_factory=list)  # callbacks the double answered with an error

    @property
    def answered(self) -> bool:
        return bool(self.responses)

    async def response(self, timeout: float = WAIT_S) -> InitialResponse:
        """The bot's first callback (type and data)."""
        await self.double.wait_for(lambda: self.answered, f"a response to {self}", timeout)
        return self.responses[0]

    async def autocomplete_choices(self, timeout: float = WAIT_S) -> list[dict[str, Any]]:
        response = await self.response(timeout)
        assert response.type == AUTOCOMPLETE_RESULT, f"autocomplete answered with {response}"
        return self.choices or []

    async def reply(self, timeout: float = WAIT_S) -> SentMessage:
        """The message the user ends up looking at once the bot has finished answering.

        A deferral counts only when the "thinking" message has been replaced; a deferred update
        only when the message was edited (or a follow-up sent).
        """
        response = await self.response(timeout)

        def finished() -> bool:
            if response.type == DEFERRED_CHANNEL_MESSAGE:
                return self.message is not None and not self.message.loading
            if response.type == DEFERRED_UPDATE_MESSAGE:
                return bool(self.edits or self.followups)
            return self.message is not None

        assert response.type not in (AUTOCOMPLETE_RESULT, MODAL), f"no message for {response}"
        await self.double.wait_for(finished, f"the final answer to {self}", timeout)
        if response.type == DEFERRED_UPDATE_MESSAGE and not self.edits:
            return self.followups[0]
        assert self.message is not None
        return self.message

    async def followup(self, index: int = 0, timeout: float = WAIT_S) -> SentMessage:
        await self.double.wait_for(
            lambda: len(self.followups) > index, f"follow-up #{index + 1} to {self}", timeout
        )
        return self.followups[index]

    def __str__(self) -> str:
        kinds = {2: "/", 3: "press ", 4: "autocomplete /", 5: "modal "}
        return f"{kinds.get(self.kind, '?')}{self.name} (interaction {self.id})"


@dataclass(frozen=True)
class Fault:
    """An error the double answers one REST request with instead of handling it."""

    status: int  # 429: rate limited (with retry_after), 5xx: Discord's own failure
    retry_after: float = 0.0


# What tests may make fail, by the handler that would otherwise answer the request.
FAULT_ROUTES = {
    "callback": "_post_callback",  # POST /interactions/{id}/{token}/callback
    "followup": "_post_followup",  # POST /webhooks/{app}/{token}
    "edit": "_webhook_message",  # GET/PATCH/DELETE /webhooks/{app}/{token}/messages/{id}
}


class _Reject(Exception):
    """A Discord-style error answer for the current REST request."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


Match = dict[str, str]  # the named groups of a REST route's pattern
Reply = web.StreamResponse
Handler = Callable[[web.Request, Match], Awaitable[Reply]]


class DiscordDouble:
    """The Discord API (REST + gateway) for one bot, one guild and one text channel."""

    def __init__(
        self,
        *,
        token: str = "test-token-not-a-secret",
        heartbeat_interval_ms: int = 1000,
        response_deadline: float = RESPONSE_DEADLINE_S,
        token_lifetime: float = TOKEN_LIFETIME_S,
        enabled_privileged_intents: int = 0,
    ) -> None:
        self.token = token
        self.response_deadline = response_deadline
        self.token_lifetime = token_lifetime
        self.ids = Snowflakes()
        self.application_id = self.ids.next()
        self.bot_user = FakeUser(self.application_id, "OnRecord", bot=True)
        self.owner = FakeUser(self.ids.next(), "owner")
        self.member = FakeUser(self.ids.next(), "reader")
        self.guild = FakeGuild(self.ids.next(), self.ids.next(), self.owner.id)
        self.violations: list[Violation] = []
        self.unknown_routes: list[str] = []
        self.interactions: dict[str, InteractionRecord] = {}
        self.global_commands: dict[str, dict[str, Any]] = {}
        self.guild_commands: dict[str, dict[str, dict[str, Any]]] = {}
        self.command_syncs = 0
        self.channel_messages: list[SentMessage] = []
        self._faults: dict[str, list[Fault]] = {}  # handler name -> faults still to serve
        self.faults_served: list[tuple[str, int]] = []  # (route, status), in order
        self.gateway = GatewayDouble(
            token=token,
            url=lambda: self.gateway_url,
            heartbeat_interval_ms=heartbeat_interval_ms,
            enabled_privileged_intents=enabled_privileged_intents,
            session_start=self._session_start,
            violate=self.violate,
            notify=self._notify,
        )
        self._messages: dict[str, SentMessage] = {}
        self._by_token: dict[str, InteractionRecord] = {}
        self._runner: web.AppRunner | None = None
        self._changed: asyncio.Condition | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.port = 0
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = [
            ("GET", re.compile(r"/users/@me"), self._get_me),
            ("GET", re.compile(r"/(?:oauth2/)?applications/@me"), self._get_application),
            ("GET", re.compile(r"/gateway(?:/bot)?"), self._get_gateway),
            ("PUT", re.compile(r"/applications/(?P<app>\d+)/commands"), self._put_commands),
            ("GET", re.compile(r"/applications/(?P<app>\d+)/commands"), self._get_commands),
            (
                "PUT",
                re.compile(r"/applications/(?P<app>\d+)/guilds/(?P<guild>\d+)/commands"),
                self._put_commands,
            ),
            (
                "GET",
                re.compile(r"/applications/(?P<app>\d+)/guilds/(?P<guild>\d+)/commands"),
                self._get_commands,
            ),
            (
                "POST",
                re.compile(r"/interactions/(?P<iid>\d+)/(?P<token>[^/]+)/callback"),
                self._post_callback,
            ),
            ("POST", re.compile(r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)"), self._post_followup),
            (
                "GET|PATCH|DELETE",
                re.compile(r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)/messages/(?P<mid>@original|\d+)"),
                self._webhook_message,
            ),
            (
                "POST",
                re.compile(r"/channels/(?P<channel>\d+)/messages"),
                self._post_channel_message,
            ),
        ]

    # ----- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Condition()
        app = web.Application()
        app.router.add_get(GATEWAY_PATH, self.gateway.handle)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        app.router.add_route("*", "/{tail:.*}", self._outside_api)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}{GATEWAY_PATH}"

    # ----- waiting and rule bookkeeping --------------------------------------------------------

    def violate(self, rule: str, detail: str, interaction: InteractionRecord | None = None) -> None:
        violation = Violation(rule, detail, interaction.id if interaction else None)
        log.error("Discord rule broken: %s", violation)
        self.violations.append(violation)

    def take_violations(self, rule: str | None = None) -> list[Violation]:
        """Remove and return the recorded violations (of one rule), for tests that expect them."""
        taken = [v for v in self.violations if rule is None or v.rule == rule]
        self.violations = [v for v in self.violations if v not in taken]
        return taken

    async def _notify(self) -> None:
        assert self._changed is not None
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate: Callable[[], bool], what: str, timeout: float) -> None:
        assert self._changed is not None, "double not started"
        try:
            async with asyncio.timeout(timeout), self._changed:
                await self._changed.wait_for(predicate)
        except TimeoutError:
            broken = "; ".join(map(str, self.violations)) or "none"
            raise AssertionError(
                f"timed out after {timeout}s waiting for {what} (violations: {broken})"
            ) from None

    async def wait_connected(self, timeout: float = WAIT_S) -> None:
        """Until a gateway session is identified or resumed on a live connection."""
        await self.wait_for(
            lambda: self.gateway.live,
            "a live gateway session",
            timeout,
        )

    async def wait_commands_synced(self, timeout: float = WAIT_S) -> None:
        await self.wait_for(lambda: self.command_syncs > 0, "the bot to sync its commands", timeout)

    async def settle(self) -> None:
        """Give every unanswered interaction until its deadline, then flag it as failed."""
        assert self._loop is not None
        for record in list(self.interactions.values()):
            if record.answered or record.refused:
                continue  # a refused callback was already recorded as the broken rule
            remaining = record.dispatched_at + self.response_deadline - self._loop.time()
            try:
                await self.wait_for(lambda r=record: r.answered, str(record), max(remaining, 0.01))
            except AssertionError:
                record.refused.append("no response")
                self.violate(
                    "no response",
                    f"{record} was never answered (the user sees 'This interaction failed')",
                    record,
                )

    def age(self, record: InteractionRecord, seconds: float) -> None:
        """Pretend `seconds` more have passed since `record` was dispatched (no real sleeping)."""
        record.dispatched_at -= seconds

    # ----- REST ------------------------------------------------------------------------------

    async def _outside_api(self, request: web.Request) -> web.StreamResponse:
        return self._unknown(request)

    def _unknown(self, request: web.Request) -> web.StreamResponse:
        route = f"{request.method} {request.path}"
        log.error("UNKNOWN ROUTE (Discord double has no such endpoint): %s", route)
        self.unknown_routes.append(route)
        self.violate("unknown route", route)
        return _error(404, 0, "404: Not Found")

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        for methods, pattern, handler in self._routes:
            match = pattern.fullmatch(path)
            if match and request.method in methods.split("|"):
                fault = self._take_fault(handler.__name__)
                if fault is not None:
                    await self._notify()
                    return fault
                try:
                    return await handler(request, match.groupdict())
                except _Reject as reject:
                    return _error(reject.status, reject.code, reject.message)
                finally:
                    await self._notify()  # wake tests waiting on a record or a violation
        return self._unknown(request)

    def fail_next(
        self, route: str, status: int, *, retry_after: float = 0.0, times: int = 1
    ) -> None:
        """Answer the next `times` requests to `route` ("callback", "followup" or "edit") with
        `status`, as Discord does when it rate-limits (429 with retry_after) or fails (5xx).
        The failed request is not handled: a retry is the first one the double sees."""
        handler = FAULT_ROUTES[route]
        self._faults.setdefault(handler, []).extend([Fault(status, retry_after)] * times)

    def _take_fault(self, handler: str) -> web.StreamResponse | None:
        queued = self._faults.get(handler)
        if not queued:
            return None
        fault = queued.pop(0)
        route = next(name for name, method in FAULT_ROUTES.items() if method == handler)
        self.faults_served.append((route, fault.status))
        if fault.status == 429:
            body = {"message": "You are being rate limited.", "retry_after": fault.retry_after,
                    "global": False}
            # Discord's own 429s come through its proxy ("Via"); discord.py treats one without
            # it as a Cloudflare ban and does not retry.
            headers = {"Content-Type": "application/json", "Via": "1.1 google",
                       "Retry-After": str(fault.retry_after), "X-RateLimit-Scope": "user"}
            return web.Response(body=json.dumps(body).encode(), status=429, headers=headers)
        return _error(fault.status, 0, f"{fault.status}: Internal Server Error")

    def _authorise(self, request: web.Request) -> None:
        if request.headers.get("Authorization") != f"Bot {self.token}":
            raise _Reject(401, 0, "401: Unauthorized")

    async def _get_me(self, request: web.Request, _: dict[str, str]) -> web.StreamResponse:
        self._authorise(request)
        return _json({**self.bot_user.payload(), "verified": True, "mfa_enabled": False})

    async def _get_application(self, request: web.Request, _: dict[str, str]) -> web.StreamResponse:
        self._authorise(request)
        return _json(
            {
                "id": self.application_id,
                "name": "OnRecord",
                "icon": None,
                "description": "Who said what, when and where.",
                "summary": "",
                "type": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.owner.payload(),
                "team": None,
                "verify_key": secrets.token_hex(32),
                "flags": 0,
                "interactions_endpoint_url": None,
                "bot": self.bot_user.payload(),
            }
        )

    async def _get_gateway(self, request: web.Request, _: dict[str, str]) -> web.StreamResponse:
        body: dict[str, Any] = {"url": self.gateway_url}
        if request.path.endswith("/bot"):
            self._authorise(request)
            body |= {
                "shards": 1,
                "session_start_limit": {
                    "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1,
                },
            }
        return _json(body)

    async def _put_commands(self, request: web.Request, match: Match) -> Reply:
        self._authorise(request)
        self._check_application(match)
        guild_id = match.get("guild")
        if guild_id is not None and guild_id != self.guild.id:
            raise _Reject(403, 50001, "Missing Access")
        commands = await _json_body(request)
        problems = command_problems(commands)
        if problems:
            self.violate("invalid command registration", "; ".join(problems))
            raise _Reject(400, 50035, "Invalid Form Body: " + "; ".join(problems))
        store = self.global_commands if guild_id is None else self.guild_commands.setdefault(
            guild_id, {}
        )
        previous = dict(store)
        store.clear()
        for command in commands:
            # Discord keeps a command's id across overwrites while its name and type stay.
            old = previous.get(command["name"])
            store[command["name"]] = {
                "type": 1,
                "options": [],
                "default_member_permissions": None,
                "nsfw": False,
                **command,
                "id": old["id"] if old else self.ids.next(),
                "application_id": self.application_id,
                "version": self.ids.next(),
                **({"guild_id": guild_id} if guild_id else {}),
            }
        self.command_syncs += 1
        await self._notify()
        return _json(list(store.values()))

    async def _get_commands(self, request: web.Request, match: Match) -> Reply:
        self._authorise(request)
        self._check_application(match)
        guild_id = match.get("guild")
        store = self.global_commands if guild_id is None else self.guild_commands.get(guild_id, {})
        return _json(list(store.values()))

    def _check_application(self, match: dict[str, str]) -> None:
        if match.get("app") != self.application_id:
            raise _Reject(404, 10002, "Unknown Application")

    async def _post_callback(self, request: web.Request, match: Match) -> Reply:
        record = self.interactions.get(match["iid"])
        if record is None or record.token != match["token"]:
            self.violate("unknown interaction", f"callback for {match['iid']}")
            raise _Reject(404, 10062, "Unknown interaction")
        try:
            return await self._answer_callback(request, record)
        except _Reject as reject:
            record.refused.append(reject.message)
            raise

    async def _answer_callback(
        self, request: web.Request, record: InteractionRecord
    ) -> web.StreamResponse:
        assert self._loop is not None
        body = await _json_body(request)
        callback_type = int(body.get("type", 0))
        data: dict[str, Any] = body.get("data") or {}
        elapsed = self._loop.time() - record.dispatched_at
        if record.responses:
            self.violate(
                "two initial responses",
                f"{record} answered again with type {callback_type} "
                f"(first was type {record.responses[0].type})",
                record,
            )
            raise _Reject(400, 40060, "Interaction has already been acknowledged.")
        if elapsed > self.response_deadline:
            self.violate(
                "late first response",
                f"{record} first answered {elapsed:.2f}s after dispatch "
                f"(limit {self.response_deadline:g}s)",
                record,
            )
            raise _Reject(404, 10062, "Unknown interaction")
        if callback_type not in ALLOWED_CALLBACKS.get(record.kind, set()):
            self.violate("invalid callback type", f"type {callback_type} for {record}", record)
            raise _Reject(400, 50035, "Interaction callback type is not valid here")
        if callback_type in MESSAGE_CALLBACKS:
            self._check_message(data, record, creating=callback_type == CHANNEL_MESSAGE)
        if callback_type == AUTOCOMPLETE_RESULT:
            problems = choice_problems(data.get("choices") or [])
            if problems:
                self.violate("autocomplete over Discord's limits", "; ".join(problems), record)
                raise _Reject(400, 50035, "Invalid Form Body: " + "; ".join(problems))
            record.choices = list(data.get("choices") or [])
        record.responses.append(InitialResponse(callback_type, data, elapsed))
        message = self._apply_callback(record, callback_type, data)
        await self._notify()
        if "with_response" not in request.query:
            return web.Response(status=204)
        interaction: dict[str, Any] = {"id": record.id, "type": record.kind}
        answer: dict[str, Any] = {"interaction": interaction}
        if message is not None:
            interaction |= {
                "response_message_id": message.id,
                "response_message_loading": message.loading,
                "response_message_ephemeral": message.ephemeral,
            }
            answer["resource"] = {"type": callback_type, "message": message.payload()}
        elif callback_type != AUTOCOMPLETE_RESULT:
            answer["resource"] = {"type": callback_type}
        return _json(answer)

    def _apply_callback(
        self, record: InteractionRecord, callback_type: int, data: dict[str, Any]
    ) -> SentMessage | None:
        if callback_type in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE):
            ephemeral = int(data.get("flags") or 0) & EPHEMERAL_FLAG
            loading = LOADING_FLAG if callback_type == DEFERRED_CHANNEL_MESSAGE else 0
            message = self._new_message(record, message_type=20, flags=ephemeral | loading)
            if callback_type == CHANNEL_MESSAGE:
                message.apply(data, edit=False)
            record.message = message
            return message
        if callback_type in (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE):
            record.message = record.source_message
            if callback_type == UPDATE_MESSAGE and record.message is not None:
                record.message.apply(data, edit=True)
                record.edits.append(data)
            return record.message
        if callback_type == MODAL:
            record.modal = data
        return None

    def _new_message(
        self, record: InteractionRecord | None, *, message_type: int, flags: int = 0
    ) -> SentMessage:
        message = SentMessage(
            id=self.ids.next(),
            channel_id=self.guild.channel_id,
            guild_id=self.guild.id,
            author=self.bot_user,
            application_id=self.application_id,
            interaction_id=record.id if record else None,
            interaction_user=record.user if record else None,
            message_type=message_type,
            flags=flags & ~LOADING_FLAG if record is None else flags,
        )
        self._messages[message.id] = message
        return message

    def _check_message(
        self, body: dict[str, Any], record: InteractionRecord | None, *, creating: bool
    ) -> None:
        problems = message_problems(body)
        if problems:
            self.violate("message over Discord's limits", "; ".join(problems), record)
            raise _Reject(400, 50035, "Invalid Form Body: " + "; ".join(problems))
        if creating or "content" in body or "embeds" in body:
            for problem in mention_problems(body):
                self.violate("mentions allowed", problem, record)

    def _record_for_token(self, match: dict[str, str]) -> InteractionRecord:
        """The interaction behind a webhook token, enforcing when the token may be used."""
        assert self._loop is not None
        self._check_application(match)
        record = self._by_token.get(match["token"])
        if record is None:
            self.violate("unknown webhook", f"token {match['token'][:8]}…")
            raise _Reject(404, 10015, "Unknown Webhook")
        if not record.responses:
            self.violate(
                "follow-up before response",
                f"{record}: follow-up or edit before any initial response",
                record,
            )
            raise _Reject(404, 10015, "Unknown Webhook")
        if self._loop.time() - record.dispatched_at > self.token_lifetime:
            self.violate(
                "expired interaction token",
                f"{record}: follow-up or edit more than {self.token_lifetime:g}s after dispatch",
                record,
            )
            raise _Reject(401, 50027, "Invalid Webhook Token")
        return record

    async def _post_followup(self, request: web.Request, match: Match) -> Reply:
        record = self._record_for_token(match)
        body = await _json_body(request)
        self._check_message(body, record, creating=True)
        original = record.message
        if (
            original is not None
            and original.loading
            and not original.deleted
            and record.responses[0].type == DEFERRED_CHANNEL_MESSAGE
        ):
            # Discord turns the first follow-up after a deferral into the "thinking" message.
            original.apply(body, edit=True)
            message = original
        else:
            flags = int(body.get("flags") or 0) & EPHEMERAL_FLAG
            message = self._new_message(record, message_type=0, flags=flags)
            message.apply(body, edit=False)
        record.followups.append(message)
        await self._notify()
        return _json(message.payload())

    async def _webhook_message(
        self, request: web.Request, match: dict[str, str]
    ) -> web.StreamResponse:
        record = self._record_for_token(match)
        if match["mid"] == "@original":
            message = record.message
        else:
            own = [record.message, *record.followups]
            message = next((m for m in own if m is not None and m.id == match["mid"]), None)
        if message is None or message.deleted:
            raise _Reject(404, 10008, "Unknown Message")
        if request.method == "GET":
            return _json(message.payload())
        if request.method == "DELETE":
            message.deleted = True
            await self._notify()
            return web.Response(status=204)
        body = await _json_body(request)
        self._check_message(body, record, creating=False)
        message.apply(body, edit=True)
        record.edits.append(body)
        await self._notify()
        return _json(message.payload())

    async def _post_channel_message(
        self, request: web.Request, match: dict[str, str]
    ) -> web.StreamResponse:
        self._authorise(request)
        if match["channel"] != self.guild.channel_id:
            raise _Reject(404, 10003, "Unknown Channel")
        body = await _json_body(request)
        self._check_message(body, None, creating=True)
        message = self._new_message(None, message_type=0)
        message.apply(body, edit=False)
        self.channel_messages.append(message)
        await self._notify()
        return _json(message.payload())

    # ----- gateway ---------------------------------------------------------------------------

    def _session_start(self) -> tuple[dict[str, Any], dict[str, Any]]:
        ready = {
            "v": 10,
            "user": {**self.bot_user.payload(), "verified": True, "mfa_enabled": False},
            "guilds": [{"id": self.guild.id, "unavailable": True}],
            "application": {"id": self.application_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "shard": [0, 1],
            "_trace": ["discord-double"],
        }
        return ready, self.guild.create_payload(member_payload(self.bot_user))

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        await self.gateway.dispatch(event, data)

    async def drop_connection(self, code: int = 4000) -> None:
        await self.gateway.drop_connection(code)

    async def invalidate_session(self) -> None:
        await self.gateway.invalidate_session()

    async def request_reconnect(self) -> None:
        await self.gateway.request_reconnect()

    # ----- the user's side -------------------------------------------------------------------

    def all_messages(self) -> list[SentMessage]:
        """Every message the bot made (responses, follow-ups, channel posts), oldest first."""
        return list(self._messages.values())

    def make_user(self, name: str) -> FakeUser:
        return FakeUser(self.ids.next(), name)

    def command(self, name: str) -> dict[str, Any]:
        """The synced command a user would pick from Discord's command list."""
        for store in (self.guild_commands.get(self.guild.id, {}), self.global_commands):
            if name in store:
                return store[name]
        known = sorted({*self.global_commands, *self.guild_commands.get(self.guild.id, {})})
        raise LookupError(f"/{name} is not synced (synced: {known})")

    def _command_options(
        self, command: dict[str, Any], options: dict[str, Any], focused: str | None
    ) -> list[dict[str, Any]]:
        schema = {option["name"]: option for option in command.get("options") or []}
        unknown = set(options) - set(schema)
        if unknown:
            raise ValueError(f"/{command['name']} has no option {sorted(unknown)}")
        missing = [n for n, o in schema.items() if o.get("required") and n not in options]
        if missing and focused is None:
            raise ValueError(f"/{command['name']} needs {missing}; Discord would not send it")
        built = []
        for name, value in options.items():
            option_type = int(schema[name]["type"])
            if name == focused:
                # While typing, Discord sends the raw text of the focused option.
                built.append({"name": name, "type": option_type, "value": str(value),
                              "focused": True})
                continue
            if option_type not in OPTION_TYPES:
                raise NotImplementedError(f"option type {option_type} is not modelled")
            converted = OPTION_TYPES[option_type](value)
            choices = schema[name].get("choices")
            if choices and converted not in [c["value"] for c in choices]:
                raise ValueError(f"{converted!r} is not one of the choices for {name}")
            built.append({"name": name, "type": option_type, "value": converted})
        return built

    def _interaction_payload(
        self, kind: int, data: dict[str, Any], user: FakeUser, permissions: int, locale: str
    ) -> tuple[str, str, dict[str, Any]]:
        interaction_id = self.ids.next()
        token = "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48).replace("-", "x").replace("_", "y")
        payload = {
            "id": interaction_id,
            "application_id": self.application_id,
            "type": kind,
            "data": data,
            "guild_id": self.guild.id,
            "guild": {"id": self.guild.id, "locale": "en-US", "features": []},
            "channel_id": self.guild.channel_id,
            "channel": self.guild.channel_payload(),
            "member": member_payload(user, permissions),
            "token": token,
            "version": 1,
            "app_permissions": str(BOT_PERMISSIONS),
            "locale": locale,
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": self.guild.id},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        return interaction_id, token, payload

    async def _send_interaction(
        self,
        kind: int,
        name: str,
        data: dict[str, Any],
        user: FakeUser | None,
        permissions: int,
        locale: str,
        source: SentMessage | None = None,
    ) -> InteractionRecord:
        assert self._loop is not None
        await self.wait_connected()
        user = user or self.member
        interaction_id, token, payload = self._interaction_payload(
            kind, data, user, permissions, locale
        )
        if source is not None:
            payload["message"] = source.payload()
        record = InteractionRecord(
            id=interaction_id, token=token, kind=kind, name=name, user=user,
            dispatched_at=self._loop.time(), double=self, source_message=source,
        )
        self.interactions[interaction_id] = record
        self._by_token[token] = record
        await self.dispatch("INTERACTION_CREATE", payload)
        record.dispatched_at = self._loop.time()
        return record

    async def send_command(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: FakeUser | None = None,
        guild_permissions: int = MEMBER_PERMISSIONS,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """A member runs /name with these options (as Discord's client would send them)."""
        command = self.command(name)
        data = {
            "id": command["id"],
            "name": name,
            "type": 1,
            "options": self._command_options(command, options or {}, None),
            **({"guild_id": command["guild_id"]} if command.get("guild_id") else {}),
        }
        return await self._send_interaction(
            APPLICATION_COMMAND, name, data, user, guild_permissions, locale
        )

    async def send_autocomplete(
        self,
        name: str,
        options: dict[str, Any],
        focused: str | None = None,
        *,
        user: FakeUser | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """A member types into option `focused` (default: the only option given) of /name."""
        if focused is None:
            if len(options) != 1:
                raise ValueError("say which option is focused")
            focused = next(iter(options))
        command = self.command(name)
        data = {
            "id": command["id"],
            "name": name,
            "type": 1,
            "options": self._command_options(command, options, focused),
            **({"guild_id": command["guild_id"]} if command.get("guild_id") else {}),
        }
        return await self._send_interaction(
            AUTOCOMPLETE, f"{name} {focused}", data, user, MEMBER_PERMISSIONS, locale
        )

    async def send_component(
        self,
        message: SentMessage,
        custom_id: str,
        values: list[str] | None = None,
        *,
        user: FakeUser | None = None,
        guild_permissions: int = MEMBER_PERMISSIONS,
    ) -> InteractionRecord:
        """A member presses a button (or picks from a select) on a message the bot posted."""
        user = user or self.member
        if message.deleted:
            raise AssertionError(f"message {message.id} was deleted; nobody can press on it")
        if message.ephemeral and message.interaction_user not in (None, user):
            raise AssertionError("an ephemeral message is visible only to the user who asked")
        component = message.find_component(custom_id)
        if component.get("disabled"):
            raise AssertionError(f"{custom_id!r} is disabled; Discord does not let users press it")
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if component["type"] != 2:
            offered = [option["value"] for option in component.get("options") or []]
            picked = list(values or [])
            if component["type"] == 3 and not set(picked) <= set(offered):
                raise ValueError(f"{picked} are not all among the select's options {offered}")
            data["values"] = picked
        return await self._send_interaction(
            MESSAGE_COMPONENT, custom_id, data, user, guild_permissions, "en-US", source=message
        )


async def _json_body(request: web.Request) -> Any:
    if request.content_type.startswith("multipart/"):
        return await _multipart_body(request)
    if not request.can_read_body:
        return {}
    return await request.json()


async def _multipart_body(request: web.Request) -> Any:
    """payload_json, with the files[n] parts put where SentMessage.apply reads them (a
    callback's files belong to its `data`, the message it creates)."""
    body: Any = {}
    uploads: dict[int, Upload] = {}
    reader = await request.multipart()
    async for part in reader:
        name = getattr(part, "name", None) or ""
        if name == "payload_json":
            body = json.loads(await part.text())  # type: ignore[union-attr]
        elif name.startswith("files[") and name.endswith("]") and name[6:-1].isdigit():
            data = bytes(await part.read())  # type: ignore[union-attr]
            uploads[int(name[6:-1])] = Upload(getattr(part, "filename", None) or name, data)
    if uploads and isinstance(body, dict):
        target = body.get("data") if isinstance(body.get("data"), dict) else body
        target[UPLOADS_KEY] = uploads
    return body


def _json(data: Any, status: int = 200) -> web.StreamResponse:
    # Exactly "application/json", as Discord sends it: discord.py compares the header verbatim.
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


def _error(status: int, code: int, message: str) -> web.StreamResponse:
    return _json({"message": message, "code": code}, status=status)
