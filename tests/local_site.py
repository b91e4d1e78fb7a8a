"""A news site on 127.0.0.1 for the fetch tests: pages, robots.txt, feeds and failures.

Nothing here reaches the internet: the server binds the loopback address on a free port.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from html_page_builder import news_page

FERRY_PARAGRAPHS = [
    "The council voted on Tuesday to close the old ferry terminal and move its services to the "
    "new quay on the eastern shore of the bay, ending a dispute that lasted three years.",
    "“The old building has served us well, but it cannot be repaired,” said council leader "
    "Tomas Berg, who has pressed for the move since his election.",
    "Ferry operators said the new quay would cut crossing times by ten minutes.",
]
LEAK_PARAGRAPHS = [
    "An internal memo seen by reporters shows the ministry considered raising harbour fees "
    "twice last year before dropping the plan after objections from fishing crews.",
    "“No decision has been taken and none will be taken without consultation,” a ministry "
    "spokesperson said in a statement on Thursday evening.",
]


@dataclass
class Route:
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    body: bytes = b""
    send_length: bool = True  # False: no Content-Length, the body ends when the socket closes
    delay_s: float = 0.0  # a slow server, for the timeout test
    location: str | None = None  # with a 3xx status: where the page moved
    busy_times: int = 0  # answer 503 this many times before serving the route
    retry_after: str | None = None  # the Retry-After header of those 503s


@dataclass
class LocalSite:
    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, User-Agent)

    def url(self, path: str) -> str:
        return self.base + path

    def paths_requested(self) -> list[str]:
        return [path for path, _ in self.requests]


def default_routes(base: str, robots: str = "User-agent: *\nDisallow: /private/\n") -> dict:
    port_deal = news_page(canonical=f"{base}/news/port-deal").encode("utf-8")
    ferry = news_page(
        "Council votes to close ferry terminal", FERRY_PARAGRAPHS,
        published="2024-05-02T07:15:00Z", author="Lena Ortiz", canonical=f"{base}/news/ferry",
    ).encode("utf-8")
    leak = news_page(
        "Ministry weighed harbour fee rise, memo shows", LEAK_PARAGRAPHS,
        canonical=f"{base}/private/leak",
    ).encode("utf-8")
    rss = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Harbour Gazette</title><link>{base}/</link>
<description>Local news</description>
<item><title>Minister defends port deal</title><link>{base}/news/port-deal</link></item>
<item><title>Council votes to close ferry terminal</title><link>{base}/news/ferry</link></item>
<item><title>Ministry weighed harbour fee rise</title><link>{base}/private/leak</link></item>
</channel></rss>"""
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>The Harbour Gazette</title>
<id>{base}/</id><updated>2024-05-02T07:15:00Z</updated>
<entry><title>Minister defends port deal</title><id>{base}/news/port-deal</id>
<link href="{base}/news/port-deal"/><updated>2024-03-14T09:30:00Z</updated></entry>
<entry><title>Council votes to close ferry terminal</title><id>{base}/news/ferry</id>
<link href="{base}/news/ferry"/><updated>2024-05-02T07:15:00Z</updated></entry>
</feed>"""
    relative_rss = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Harbour Gazette</title><link>/</link>
<description>Local news</description>
<item><title>Council votes to close ferry terminal</title><link>/news/ferry</link></item>
</channel></rss>"""
    huge = news_page(paragraphs=FERRY_PARAGRAPHS * 400).encode("utf-8")
    return {
        "/robots.txt": Route(content_type="text/plain", body=robots.encode()),
        "/news/port-deal": Route(body=port_deal),
        # the same article at a second address (an AMP copy) with its canonical link home
        "/amp/port-deal": Route(body=port_deal),
        "/news/ferry": Route(body=ferry),
        "/private/leak": Route(body=leak),
        "/feed.rss": Route(content_type="application/rss+xml", body=rss.encode()),
        "/feed.atom": Route(content_type="application/atom+xml", body=atom.encode()),
        "/feeds/relative.rss": Route(
            content_type="application/rss+xml", body=relative_rss.encode()
        ),
        "/news/huge": Route(body=huge),
        "/news/huge-streamed": Route(body=huge, send_length=False),
        "/news/photo.png": Route(content_type="image/png", body=b"\x89PNG\r\n\x1a\n" + b"0" * 64),
        "/news/broken": Route(status=500, body=b"<h1>Internal Server Error</h1>"),
        "/news/slow": Route(body=port_deal, delay_s=1.0),
        "/news/furniture-only": Route(body=b"<html><body><nav>Home | World</nav></body></html>"),
    }


@contextmanager
def serve_site(robots: str | None = None) -> Iterator[LocalSite]:
    site = LocalSite(base="", routes={})

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            route = site.routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            if route.delay_s:
                time.sleep(route.delay_s)
            if route.busy_times:
                route.busy_times -= 1
                self.send_response(503)
                if route.retry_after is not None:
                    self.send_header("Retry-After", route.retry_after)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.location is not None:
                self.send_header("Location", route.location)
            if route.send_length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            # the client may stop reading at its size cap or time out
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    site.routes = (
        default_routes(site.base) if robots is None else default_routes(site.base, robots)
    )
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
