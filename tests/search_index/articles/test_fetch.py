"""Fetching pages and feeds from a local site into a corpus folder: files, ledger, politeness."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_site import LocalSite, Route, serve_site

from search_index.articles.fetch import (
    LEDGER_NAME,
    USER_AGENT,
    FetchSession,
    canonical_url,
    fetch_feed,
    fetch_urls,
)
from search_index.articles.html_pages import article_from_html
from search_index.articles.polite_http import RETRIES

DELAY_S = 3.0
MAX_BYTES = 50_000


class FakeClock:
    """A clock that moves only when the fetcher sleeps: records the waits, never waits."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with serve_site() as running:
        yield running


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def _fetch(urls: list[str], corpus: Path, clock: FakeClock, **options: float):
    session = FetchSession(clock=clock.clock, sleep=clock.sleep)
    settings = {"delay_s": DELAY_S, "max_bytes": MAX_BYTES, "timeout_s": 5.0, **options}
    return fetch_urls(urls, corpus, session_state=session, **settings), session


def _ledger(corpus: Path) -> dict[str, str]:
    return json.loads((corpus / LEDGER_NAME).read_text(encoding="utf-8"))


def test_pages_are_saved_as_html_text_and_sidecar(site, clock, tmp_path) -> None:
    report, _ = _fetch([site.url("/news/port-deal"), site.url("/news/ferry")], tmp_path, clock)
    assert report.errors == []
    assert [page.title for page in report.fetched] == [
        "Minister defends port deal as talks resume",
        "Council votes to close ferry terminal",
    ]
    for page, path in zip(report.fetched, ["/news/port-deal", "/news/ferry"], strict=True):
        assert page.name.startswith(page.title.lower().replace(" ", "-")[:20])
        raw = (tmp_path / f"{page.name}.html").read_bytes()
        assert raw == site.routes[path].body  # the page exactly as served
        text = (tmp_path / f"{page.name}.txt").read_text(encoding="utf-8")
        assert text == article_from_html(raw, "x.html").text
        assert text.startswith(page.title + "\n\n")
    ferry = report.fetched[1]
    sidecar = json.loads((tmp_path / f"{ferry.name}.meta.json").read_text(encoding="utf-8"))
    assert sidecar == {
        "url": site.url("/news/ferry"),
        "outlet": "The Harbour Gazette",
        "published": "2024-05-02",
        "title": "Council votes to close ferry terminal",
    }
    assert "“The old building has served us well" in (tmp_path / f"{ferry.name}.txt").read_text()
    assert _ledger(tmp_path) == {
        canonical_url(site.url("/news/port-deal")): report.fetched[0].name,
        canonical_url(site.url("/news/ferry")): ferry.name,
    }


def test_requests_carry_the_user_agent(site, clock, tmp_path) -> None:
    _fetch([site.url("/news/port-deal")], tmp_path, clock)
    assert site.requests == [("/robots.txt", USER_AGENT), ("/news/port-deal", USER_AGENT)]


def test_a_second_run_fetches_nothing(site, clock, tmp_path) -> None:
    urls = [site.url("/news/port-deal"), site.url("/news/ferry")]
    _fetch(urls, tmp_path, clock)
    files_before = sorted(p.name for p in tmp_path.iterdir())
    asked_before = len(site.requests)

    report, session = _fetch([*urls, site.url("/news/ferry#comments")], tmp_path, clock)
    assert report.fetched == [] and report.errors == []
    assert report.skipped == [*urls, site.url("/news/ferry#comments")]
    assert session.requests == []
    assert len(site.requests) == asked_before  # not even robots.txt
    assert sorted(p.name for p in tmp_path.iterdir()) == files_before


def test_an_interrupted_run_resumes_where_it_stopped(site, clock, tmp_path) -> None:
    _fetch([site.url("/news/port-deal")], tmp_path, clock)
    report, session = _fetch([site.url("/news/port-deal"), site.url("/news/ferry")], tmp_path,
                             clock)
    assert report.skipped == [site.url("/news/port-deal")]
    assert [page.url for page in report.fetched] == [site.url("/news/ferry")]
    assert session.requests == [site.url("/robots.txt"), site.url("/news/ferry")]
    assert len(_ledger(tmp_path)) == 2


def test_the_same_article_at_another_address_is_not_saved_twice(site, clock, tmp_path) -> None:
    report, _ = _fetch([site.url("/news/port-deal"), site.url("/amp/port-deal")], tmp_path, clock)
    assert len(report.fetched) == 1
    assert report.skipped == [site.url("/amp/port-deal")]
    ledger = _ledger(tmp_path)
    assert ledger[canonical_url(site.url("/amp/port-deal"))] == report.fetched[0].name
    assert len(list(tmp_path.glob("*.html"))) == 1


def test_robots_disallowed_page_is_never_requested(site, clock, tmp_path) -> None:
    report, _ = _fetch([site.url("/private/leak"), site.url("/news/ferry")], tmp_path, clock)
    assert [(p.url, p.reason) for p in report.errors] == [
        (site.url("/private/leak"), "disallowed by robots.txt")
    ]
    assert "/private/leak" not in site.paths_requested()
    assert [page.url for page in report.fetched] == [site.url("/news/ferry")]


def test_each_failure_is_one_line_and_the_rest_goes_on(site, clock, tmp_path) -> None:
    failing = {
        "/news/missing": "HTTP 404",
        "/news/broken": "HTTP 500",
        "/news/huge": "too big",
        "/news/huge-streamed": "too big",
        "/news/photo.png": "not a page (image/png)",
        "/news/slow": "timed out",
        "/news/furniture-only": "no article text",
    }
    urls = [site.url(path) for path in failing] + [site.url("/news/ferry")]
    report, _ = _fetch(urls, tmp_path, clock, timeout_s=0.3)
    reasons = {problem.url: problem.reason for problem in report.errors}
    assert set(reasons) == {site.url(path) for path in failing}
    for path, expected in failing.items():
        assert expected in reasons[site.url(path)]
    assert [page.url for page in report.fetched] == [site.url("/news/ferry")]
    lines = report.lines()
    assert len(lines) == len(failing) + 2  # one per failure, one fetched, one summary
    assert lines[-1] == "1 fetched, 0 already there, 7 failed"
    assert all("\n" not in line for line in lines)
    assert list(_ledger(tmp_path).values()) == [report.fetched[0].name]


def test_the_delay_applies_between_requests_to_one_host(site, clock, tmp_path) -> None:
    report, session = _fetch([site.url("/news/port-deal"), site.url("/news/ferry")], tmp_path,
                             clock)
    assert len(report.fetched) == 2
    # robots.txt first, then each page; each request after the first waits the full delay
    # because the fake clock moves only when the fetcher sleeps.
    assert session.requests == [
        site.url("/robots.txt"), site.url("/news/port-deal"), site.url("/news/ferry")
    ]
    assert clock.sleeps == [DELAY_S, DELAY_S]


def test_robots_crawl_delay_lengthens_the_wait(clock, tmp_path) -> None:
    with serve_site(robots="User-agent: *\nCrawl-delay: 10\nDisallow: /private/\n") as slow_site:
        _fetch([slow_site.url("/news/port-deal")], tmp_path, clock)
    assert clock.sleeps == [10.0]


def test_rss_feed_entries_are_fetched(site, clock, tmp_path) -> None:
    session = FetchSession(clock=clock.clock, sleep=clock.sleep)
    report = fetch_feed(site.url("/feed.rss"), tmp_path, delay_s=DELAY_S, max_bytes=MAX_BYTES,
                        session_state=session)
    assert [page.url for page in report.fetched] == [
        site.url("/news/port-deal"), site.url("/news/ferry")
    ]
    assert [problem.url for problem in report.errors] == [site.url("/private/leak")]
    # one robots.txt for the feed and its pages, then a delay before every later request
    assert site.paths_requested() == ["/robots.txt", "/feed.rss", "/news/port-deal", "/news/ferry"]
    assert clock.sleeps == [DELAY_S, DELAY_S, DELAY_S]


def test_atom_feed_after_rss_fetches_nothing_new(site, clock, tmp_path) -> None:
    fetch_feed(site.url("/feed.rss"), tmp_path, delay_s=0, max_bytes=MAX_BYTES)
    report = fetch_feed(site.url("/feed.atom"), tmp_path, delay_s=0, max_bytes=MAX_BYTES)
    assert report.fetched == [] and report.errors == []
    assert report.skipped == [site.url("/news/port-deal"), site.url("/news/ferry")]


def test_atom_feed_entries_are_fetched(site, tmp_path) -> None:
    report = fetch_feed(site.url("/feed.atom"), tmp_path, delay_s=0, max_bytes=MAX_BYTES)
    assert [page.title for page in report.fetched] == [
        "Minister defends port deal as talks resume",
        "Council votes to close ferry terminal",
    ]


def test_relative_entry_links_resolve_against_the_feed(site, tmp_path) -> None:
    report = fetch_feed(site.url("/feeds/relative.rss"), tmp_path, delay_s=0)
    assert report.errors == []
    assert [page.url for page in report.fetched] == [site.url("/news/ferry")]


def test_a_feed_that_is_not_one_is_a_single_error(site, tmp_path) -> None:
    report = fetch_feed(site.url("/news/missing"), tmp_path, delay_s=0)
    assert [(p.url, p.reason) for p in report.errors] == [
        (site.url("/news/missing"), "HTTP 404 Not Found")
    ]
    report = fetch_feed(site.url("/news/photo.png"), tmp_path, delay_s=0)
    assert len(report.errors) == 1 and report.fetched == []


def test_a_moved_page_is_saved_under_both_addresses(site, clock, tmp_path) -> None:
    site.routes["/old/ferry"] = Route(status=301, location="/news/ferry")
    report, _ = _fetch([site.url("/old/ferry")], tmp_path, clock)
    assert report.errors == []
    assert [page.url for page in report.fetched] == [site.url("/old/ferry")]
    ledger = _ledger(tmp_path)
    assert ledger[site.url("/old/ferry")] == ledger[site.url("/news/ferry")]
    assert site.paths_requested() == ["/robots.txt", "/old/ferry", "/news/ferry"]


def test_a_busy_server_is_asked_again_after_the_delay(site, clock, tmp_path) -> None:
    site.routes["/news/ferry"].busy_times = 1
    site.routes["/news/port-deal"].busy_times = 1
    site.routes["/news/port-deal"].retry_after = "7"
    report, _ = _fetch([site.url("/news/ferry"), site.url("/news/port-deal")], tmp_path, clock)
    assert report.errors == []
    assert len(report.fetched) == 2
    assert site.paths_requested() == [
        "/robots.txt", "/news/ferry", "/news/ferry", "/news/port-deal", "/news/port-deal"
    ]
    # robots -> ferry, ferry's retry, -> port-deal, port-deal's retry as Retry-After asks
    assert clock.sleeps == [DELAY_S, DELAY_S, DELAY_S, 7.0]


def test_a_server_busy_every_time_is_one_failure(site, clock, tmp_path) -> None:
    site.routes["/news/ferry"].busy_times = RETRIES + 5
    report, _ = _fetch([site.url("/news/ferry")], tmp_path, clock)
    assert [(p.url, p.reason) for p in report.errors] == [
        (site.url("/news/ferry"), "HTTP 503 Service Unavailable")
    ]
    assert site.paths_requested().count("/news/ferry") == RETRIES + 1


def test_urls_that_are_not_http_are_reported(tmp_path) -> None:
    report = fetch_urls(["file:///etc/passwd", "not a url"], tmp_path, delay_s=0)
    assert [p.reason for p in report.errors] == ["not an http(s) URL", "not an http(s) URL"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.ORG/News/a?id=3#top", "http://example.org/News/a?id=3"),
        ("https://example.org:443/a?utm_source=x&id=3&fbclid=y", "https://example.org/a?id=3"),
        ("http://example.org", "http://example.org/"),
        ("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a"),
        ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected
