"""`onrecord fetch URL...` and `onrecord fetch --feed FEED_URL`: articles into a corpus folder."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import SettingsError, load_settings, project_root
from search_index.articles.polite_http import (
    DEFAULT_DELAY_S,
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT_S,
)
from search_index.errors import OnRecordError

if TYPE_CHECKING:
    from search_index.articles.fetch import FetchReport


def register(subparsers: argparse._SubParsersAction) -> None:
    fetch = subparsers.add_parser(
        "fetch",
        help="download articles (pages or an RSS/Atom feed) into a corpus folder",
        description="Download news pages into a corpus folder: NAME.html, NAME.txt and "
        "NAME.meta.json for each, never the same URL twice.",
    )
    fetch.add_argument("urls", nargs="*", metavar="URL", help="article pages to download")
    fetch.add_argument("--feed", metavar="FEED_URL", help="an RSS or Atom feed: fetch its entries")
    fetch.add_argument(
        "--corpus", type=Path, metavar="DIR",
        help="folder to save into (default: the first ONRECORD_CORPUS folder, else var/fetched)",
    )
    fetch.add_argument("--delay", type=float, default=DEFAULT_DELAY_S, metavar="SECONDS",
                       help=f"pause between requests to one site (default {DEFAULT_DELAY_S:g})")
    fetch.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                       help=f"give up on a silent server (default {DEFAULT_TIMEOUT_S:g})")
    fetch.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                       help=f"skip pages larger than this (default {DEFAULT_MAX_BYTES})")
    fetch.add_argument("--no-index", action="store_true",
                       help="only download; do not add the articles to the index")
    fetch.add_argument("--index-dir", type=Path, metavar="DIR",
                       help="the index to add them to (default: ONRECORD_INDEX_DIR, var/index)")
    fetch.set_defaults(handler=run_fetch)


def run_fetch(args: argparse.Namespace) -> int:
    if not args.urls and not args.feed:
        print("onrecord fetch: give at least one URL, or --feed FEED_URL")
        return 2
    if args.delay < 0 or args.timeout <= 0 or args.max_bytes <= 0:
        print("onrecord fetch: --delay must be 0 or more, --timeout and --max-bytes above 0")
        return 2
    try:
        corpus = args.corpus or default_corpus()
    except SettingsError as error:
        print(f"onrecord fetch: {error}")
        return 2
    # the fetcher brings trafilatura and feedparser: imported when fetching, not at every start
    from search_index.articles.fetch import FetchReport, fetch_feed, fetch_urls

    options = {"delay_s": args.delay, "max_bytes": args.max_bytes, "timeout_s": args.timeout}
    report = FetchReport()
    try:
        if args.feed:
            _merge(report, fetch_feed(args.feed, corpus, **options))
        if args.urls:
            _merge(report, fetch_urls(args.urls, corpus, **options))
    except (OnRecordError, OSError) as error:
        print(f"onrecord fetch: {error}")
        return 1
    for line in report.lines():
        print(line)
    print(f"saved in {corpus}")
    if report.fetched and not args.no_index:
        try:
            index_fetched(corpus, args.index_dir or load_settings().index_dir)
        except (OnRecordError, SettingsError, OSError) as error:
            print(f"onrecord fetch: the articles are saved but not indexed: {error}")
            return 1
    return 1 if report.errors else 0


def index_fetched(corpus: Path, index_dir: Path) -> None:
    """Bring the index up to date with the corpus folder (only new and changed files are
    read: the ones just fetched), and say what changed."""
    from search_index.index.ingest import ingest  # the extraction pipeline: only when indexing

    indexed = ingest([corpus], index_dir)
    print(f"indexed in {index_dir}: {len(indexed.added)} added, {len(indexed.updated)} updated, "
          f"{indexed.statements} statements")
    for file, reason in indexed.skipped:
        print(f"not indexed {Path(file).name}: {reason}")


def default_corpus() -> Path:
    """The first ONRECORD_CORPUS folder when one is set; never seeds/, the fixed test articles."""
    settings = load_settings()
    if "corpus" in settings.model_fields_set and settings.corpus:  # set in the env or .env
        return settings.corpus[0]
    return project_root() / "var" / "fetched"


def _merge(into: FetchReport, part: FetchReport) -> None:
    into.fetched += part.fetched
    into.skipped += part.skipped
    into.errors += part.errors
