"""Downloading articles into a corpus folder, politely and only once.

Each page becomes three files: NAME.html (the raw page as served), NAME.txt (the extracted
article: title line, blank line, paragraphs) and NAME.meta.json (url, outlet, published, title).
`fetched.json` in the folder maps each canonical URL to its NAME, so a re-run skips what is
there and an interrupted run resumes. Politeness: a User-Agent naming the project, a delay
between requests to one host (longer if robots.txt asks), robots.txt honoured, a size cap and
timeouts, and a busy server asked again (`polite_http` makes each request). Every failure is
one line in the report and the run goes on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import feedparser
from courlan import normalize_url, validate_url
from pydantic import BaseModel, Field

from search_index.articles.html_pages import article_from_html
from search_index.articles.polite_http import (
    DEFAULT_DELAY_S,
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT_S,
    FetchFailed,
    FetchSession,
    Politeness,
    final_url,
    polite_get,
    read_capped,
    response_headers,
)
from search_index.errors import ArticleError, OnRecordError

USER_AGENT = "OnRecord/0.1 (+https://github.com/onrecord/onrecord; news quote research bot)"
LEDGER_NAME = "fetched.json"

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = ("xml", "rss", "atom", "text/plain", "text/html")

class FetchedPage(BaseModel):
    url: str
    name: str
    title: str | None = None


class FetchProblem(BaseModel):
    url: str
    reason: str


class FetchReport(BaseModel):
    fetched: list[FetchedPage] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)  # URLs already in the ledger
    errors: list[FetchProblem] = Field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"fetched {page.url} -> {page.name}.txt" for page in self.fetched]
        out += [f"already fetched {url}" for url in self.skipped]
        out += [f"failed {problem.url}: {problem.reason}" for problem in self.errors]
        out.append(
            f"{len(self.fetched)} fetched, {len(self.skipped)} already there, "
            f"{len(self.errors)} failed"
        )
        return out


def canonical_url(url: str) -> str:
    """The ledger key: courlan's normalised URL (lower-case scheme and host, no default port,
    no tracking parameters, the query sorted), without its fragment and with "/" for an
    empty path, as the keys of ledgers written before courlan read them."""
    parts = urlsplit(normalize_url(url.strip()))
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def fetch_urls(
    urls: Iterable[str],
    corpus_dir: str | Path,
    *,
    user_agent: str = USER_AGENT,
    delay_s: float = DEFAULT_DELAY_S,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    session_state: FetchSession | None = None,
) -> FetchReport:
    """Download each URL not yet in the corpus folder's ledger; see the module docstring."""
    corpus = Path(corpus_dir)
    corpus.mkdir(parents=True, exist_ok=True)
    session = session_state or FetchSession()
    polite = Politeness(user_agent, delay_s, max_bytes, timeout_s)
    ledger = _read_ledger(corpus)
    report = FetchReport()
    for url in dict.fromkeys(u.strip() for u in urls if u.strip()):  # keeps order, drops repeats
        key = canonical_url(url)
        if key in ledger:
            report.skipped.append(url)
            continue
        try:
            page = _fetch_one(url, corpus, ledger, session, polite)
        except FetchFailed as error:
            report.errors.append(FetchProblem(url=url, reason=str(error)))
            continue
        if page is None:
            report.skipped.append(url)
        else:
            report.fetched.append(page)
    return report


def fetch_feed(
    feed_url: str,
    corpus_dir: str | Path,
    *,
    user_agent: str = USER_AGENT,
    delay_s: float = DEFAULT_DELAY_S,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    session_state: FetchSession | None = None,
) -> FetchReport:
    """Download the RSS or Atom feed, then every entry's link as fetch_urls does."""
    session = session_state or FetchSession()
    polite = Politeness(user_agent, delay_s, max_bytes, timeout_s)
    try:
        body, final_url, _ = _download(feed_url, session, polite, _FEED_TYPES)
    except FetchFailed as error:
        return FetchReport(errors=[FetchProblem(url=feed_url, reason=str(error))])
    # the feed's address is the base for entries that link with a relative path
    feed = feedparser.parse(body, response_headers={"content-location": final_url})
    links = [entry.get("link") for entry in feed.entries if entry.get("link")]
    if not links:
        reason = "not a feed, or a feed with no entry links"
        return FetchReport(errors=[FetchProblem(url=feed_url, reason=reason)])
    return fetch_urls(
        links, corpus_dir, user_agent=user_agent, delay_s=delay_s, max_bytes=max_bytes,
        timeout_s=timeout_s, session_state=session,
    )


def _fetch_one(
    url: str, corpus: Path, ledger: dict[str, str], session: FetchSession, polite: Politeness
) -> FetchedPage | None:
    body, final_url, charset = _download(url, session, polite, _HTML_TYPES)
    html: str | bytes = body
    if charset:
        try:
            html = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            html = body  # a wrong header charset: let the extractor detect the encoding
    try:
        article = article_from_html(html, "page.html", url=final_url)
    except ArticleError as error:
        raise FetchFailed(str(error).removeprefix("page.html: ")) from None
    keys = {canonical_url(url), canonical_url(final_url)}
    if article.url:
        keys.add(canonical_url(article.url))
    known = next((ledger[k] for k in keys if k in ledger), None)
    if known is not None:  # the same article under another address: remember the alias only
        _write_ledger(corpus, ledger | dict.fromkeys(keys, known), ledger)
        return None
    name = _file_name(article.title, article.url or final_url)
    (corpus / f"{name}.html").write_bytes(body)
    (corpus / f"{name}.txt").write_text(article.text, encoding="utf-8")
    meta = {
        "url": article.url or final_url,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "title": article.title,
    }
    sidecar = {key: value for key, value in meta.items() if value is not None}
    (corpus / f"{name}.meta.json").write_text(
        json.dumps(sidecar, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    _write_ledger(corpus, ledger | dict.fromkeys(keys, name), ledger)
    return FetchedPage(url=url, name=name, title=article.title)


def _download(
    url: str, session: FetchSession, polite: Politeness, accepted_types: tuple[str, ...]
) -> tuple[bytes, str, str | None]:
    """The body, the final URL after redirects and the declared charset; FetchFailed if not."""
    valid, parts = validate_url(url)
    if not valid or parts is None or parts.scheme not in ("http", "https"):
        raise FetchFailed("not an http(s) URL")
    robots = _robots_for(url, session, polite)
    if robots is not None and not robots.can_fetch(polite.user_agent, url):
        raise FetchFailed("disallowed by robots.txt")
    delay = polite.delay_s
    if robots is not None and (asked := robots.crawl_delay(polite.user_agent)):
        delay = max(delay, float(asked))
    with polite_get(url, session, polite, delay) as response:
        headers = response_headers(response)
        content_type = headers.get_content_type()
        if not any(kind in content_type for kind in accepted_types):
            raise FetchFailed(f"not a page ({content_type})")
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > polite.max_bytes:
            raise FetchFailed(f"too big ({int(declared)} bytes, limit {polite.max_bytes})")
        body = read_capped(response, polite)
        return body, final_url(url, response), headers.get_content_charset()


def _robots_for(url: str, session: FetchSession, polite: Politeness) -> RobotFileParser | None:
    """The host's robots.txt rules, asked once a run; None when the host has none to give."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    if origin not in session.robots:
        parser = RobotFileParser(f"{origin}/robots.txt")
        try:
            with polite_get(f"{origin}/robots.txt", session, polite, polite.delay_s) as response:
                lines = read_capped(response, polite).decode("utf-8", "replace").splitlines()
            parser.parse(lines)
        except FetchFailed as error:
            # As urllib.robotparser does: 401/403 mean keep out, any other failure means no rules.
            if str(error).startswith(("HTTP 401", "HTTP 403")):
                parser.disallow_all = True
            else:
                parser = None
        session.robots[origin] = parser
    return session.robots[origin]


def _file_name(title: str | None, url: str) -> str:
    """A readable slug of the title (or the URL's path) plus a short hash of the URL."""
    source = title or urlsplit(url).path.rsplit("/", 1)[-1] or urlsplit(url).netloc
    slug = re.sub(r"[^a-z0-9]+", "-", source.lower()).strip("-")[:60].rstrip("-") or "page"
    return f"{slug}-{hashlib.sha256(canonical_url(url).encode()).hexdigest()[:8]}"


def _read_ledger(corpus: Path) -> dict[str, str]:
    path = corpus / LEDGER_NAME
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise OnRecordError(f"{path}: the fetch ledger cannot be read ({error})") from None
    if not isinstance(data, dict):
        raise OnRecordError(f"{path}: the fetch ledger is not a JSON object")
    return {str(k): str(v) for k, v in data.items()}


def _write_ledger(corpus: Path, updated: dict[str, str], ledger: dict[str, str]) -> None:
    """Write the ledger to a temporary file and rename it over the old one: never half-written."""
    fd, tmp = tempfile.mkstemp(prefix=".fetched-", suffix=".json", dir=corpus)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(dict(sorted(updated.items())), handle, ensure_ascii=False, indent=2)
            handle.write("\n")
        os.replace(tmp, corpus / LEDGER_NAME)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    ledger.clear()
    ledger.update(updated)
