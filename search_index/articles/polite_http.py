"""One polite HTTP GET: the wait between requests to a host, a size cap, timeouts, and
urllib3's `Retry` for a busy server; every failure becomes a `FetchFailed` with a one-line
reason. `fetch` decides what to ask for; this module only asks.
"""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import urllib3
from urllib3.exceptions import HTTPError as TransportError
from urllib3.exceptions import MaxRetryError, ProtocolError, ReadTimeoutError, TimeoutError
from urllib3.util import Retry

DEFAULT_DELAY_S = 2.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a news page with inline scripts is rarely over 2 MiB
DEFAULT_TIMEOUT_S = 20.0

# Answers that mean "busy, ask again later". A 500 is the page's own fault and is reported at
# once; a read timeout is too (the page had its `timeout_s`).
RETRY_STATUSES = frozenset({429, 502, 503, 504})
RETRIES = 2
MAX_REDIRECTS = 10  # as many as urllib.request followed before


class FetchFailed(Exception):
    """One download that did not happen; str() is the reason for the report."""


@dataclass
class FetchSession:
    """What lasts across the requests of one run: when each host was last asked, its robots.

    `clock` and `sleep` are injectable so tests can see the waits without waiting.
    """

    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    last_request: dict[str, float] = field(default_factory=dict)
    robots: dict[str, RobotFileParser | None] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)  # every URL asked for, in order
    pools: dict[str, urllib3.PoolManager] = field(default_factory=dict)  # by proxy ("" none)


@dataclass(frozen=True)
class Politeness:
    user_agent: str
    delay_s: float
    max_bytes: int
    timeout_s: float


def final_url(url: str, response: urllib3.BaseHTTPResponse) -> str:
    """Where the redirects led (the response itself knows only the last path)."""
    final = url
    for step in response.retries.history if response.retries else ():
        if step.redirect_location:
            final = urljoin(final, step.redirect_location)
    return final


class _PoliteRetry(Retry):
    """urllib3's Retry, waiting through the run's own sleep and never less than the delay
    between two requests to one host (urllib3 would ask again at once)."""

    wait: Callable[[float], None] = staticmethod(time.sleep)
    min_wait_s: float = 0.0

    def new(self, **changes: Any) -> _PoliteRetry:
        retry = super().new(**changes)
        retry.wait, retry.min_wait_s = self.wait, self.min_wait_s
        return retry

    def sleep(self, response: urllib3.BaseHTTPResponse | None = None) -> None:
        asked = self.get_retry_after(response) if response is not None else None
        self.wait(max(self.min_wait_s, asked or 0.0, self.get_backoff_time()))


def _retries(session: FetchSession, delay_s: float) -> _PoliteRetry:
    retry = _PoliteRetry(
        total=RETRIES + MAX_REDIRECTS, connect=RETRIES, read=0, status=RETRIES, other=0,
        redirect=MAX_REDIRECTS, status_forcelist=RETRY_STATUSES, allowed_methods={"GET"},
        backoff_factor=delay_s, respect_retry_after_header=True, raise_on_status=False,
    )
    retry.wait, retry.min_wait_s = session.sleep, delay_s
    return retry


@contextmanager
def polite_get(
    url: str, session: FetchSession, polite: Politeness, delay_s: float
) -> Iterator[urllib3.BaseHTTPResponse]:
    host = (urlsplit(url).netloc or "").lower()
    if host in session.last_request:
        wait = session.last_request[host] + delay_s - session.clock()
        if wait > 0:
            session.sleep(wait)
    session.requests.append(url)
    headers = {"User-Agent": polite.user_agent, "Accept": "text/html,application/xml;q=0.9"}
    try:
        response = _pool(session, url).request(
            "GET", url, headers=headers, retries=_retries(session, delay_s),
            timeout=urllib3.Timeout(connect=polite.timeout_s, read=polite.timeout_s),
            preload_content=False,
        )
    except MaxRetryError as error:
        raise _transport_failure(error.reason, polite) from None
    except (TransportError, OSError, ValueError) as error:
        raise _transport_failure(error, polite) from None
    finally:
        session.last_request[host] = session.clock()
    try:
        if response.status >= 400:
            raise FetchFailed(f"HTTP {response.status} {response.reason or ''}".rstrip())
        yield response
    finally:
        response.release_conn()


def _pool(session: FetchSession, url: str) -> urllib3.PoolManager:
    """One connection pool per proxy, honouring http_proxy / https_proxy / no_proxy as
    urllib.request did."""
    parts = urlsplit(url)
    proxies = urllib.request.getproxies()
    proxy = proxies.get(parts.scheme, "")
    if proxy and urllib.request.proxy_bypass(parts.hostname or ""):
        proxy = ""
    if proxy not in session.pools:
        session.pools[proxy] = urllib3.ProxyManager(proxy) if proxy else urllib3.PoolManager()
    return session.pools[proxy]


def _transport_failure(error: BaseException | None, polite: Politeness) -> FetchFailed:
    if isinstance(error, TimeoutError | ReadTimeoutError) or (
        isinstance(error, ProtocolError) and isinstance(error.__context__, TimeoutError)
    ):
        return FetchFailed(f"timed out after {polite.timeout_s:g}s")
    return FetchFailed(f"could not connect ({error})")


def response_headers(response: urllib3.BaseHTTPResponse) -> Message:
    """The response's headers as the standard library reads them (get_content_type() is
    "text/plain" when none is given, parameters are parsed as RFC 2045 says)."""
    message = Message()
    for name, value in response.headers.items():
        message[name] = value
    return message


def read_capped(response: urllib3.BaseHTTPResponse, polite: Politeness) -> bytes:
    try:
        body = response.read(polite.max_bytes + 1)
    except (TimeoutError, ReadTimeoutError):
        raise FetchFailed(f"timed out after {polite.timeout_s:g}s") from None
    except (TransportError, OSError) as error:
        raise FetchFailed(f"could not connect ({error})") from None
    if len(body) > polite.max_bytes:
        raise FetchFailed(f"too big (over {polite.max_bytes} bytes)")
    return body
