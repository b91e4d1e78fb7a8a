"""`onrecord index`, `search`, `latest`, `speakers` and `sources`: the index from a terminal.

Human output of search, latest, speakers and sources is the bot's answer as the console shows
it (matched words in bold on a terminal); `--json` prints one JSON object a line. A missing or
busy index and a bad option are one line on stderr; both, and an error answer, exit with 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from bot import commands
from bot.cli.progress import ProgressBar
from bot.console.session import print_answer
from bot.settings import SettingsError, load_settings
from search_index.errors import OnRecordError
from search_index.index.ingest import IngestReport, ingest
from search_index.models import Hit, SearchResult
from search_index.search.service import SearchService


class UsageProblem(Exception):
    """A bad argument value found after parsing (a date that is not a date)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    index = subparsers.add_parser(
        "index", help="extract statements from articles and update the index",
        description="Index every article under PATH (default: the configured corpus). "
        "Unchanged files are skipped, changed ones replaced, removed ones dropped.",
    )
    index.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="article files or folders (default: ONRECORD_CORPUS, seeds/)")
    index.add_argument("--rebuild", action="store_true", help="start from an empty index")
    _common(index)
    index.set_defaults(handler=_guarded(run_index))

    search = subparsers.add_parser("search", help="search statements")
    search.add_argument("query", nargs="+", help='words and "exact phrases"')
    search.add_argument("--speaker", help="only this speaker (fuzzy: 'miler' is Matthew Miller)")
    search.add_argument("--since", metavar="YYYY-MM-DD", help="said on or after this day")
    search.add_argument("--until", metavar="YYYY-MM-DD", help="said on or before this day")
    search.add_argument("--outlet", help="only statements reported by this outlet")
    search.add_argument("--kind", choices=["direct", "partial", "indirect"],
                        help="with --json: only this kind of quote")
    search.add_argument("--exact", action="store_true",
                        help="only the speakers' exact words (direct and partial quotes)")
    search.add_argument("--limit", type=int, default=10, metavar="N", help="hits a page (10)")
    search.add_argument("--page", type=int, default=1, metavar="N")
    _common(search)
    search.set_defaults(handler=_guarded(run_search))

    latest = subparsers.add_parser("latest", help="a speaker's most recent statements")
    latest.add_argument("speaker", nargs="+", help="the speaker's name (fuzzy)")
    latest.add_argument("--topic", help="only statements about this")
    latest.add_argument("--limit", type=int, default=5, metavar="N", help="statements a page")
    latest.add_argument("--page", type=int, default=1, metavar="N")
    _common(latest)
    latest.set_defaults(handler=_guarded(run_latest))

    speakers = subparsers.add_parser("speakers", help="list speakers, or find one by name")
    speakers.add_argument("name", nargs="*", help="a name, part of one, or a misspelling")
    speakers.add_argument("--limit", type=int, default=25, metavar="N",
                          help="with --json: at most N speakers (25)")
    speakers.add_argument("--page", type=int, default=1, metavar="N", help="10 speakers a page")
    _common(speakers)
    speakers.set_defaults(handler=_guarded(run_speakers))

    sources = subparsers.add_parser("sources", help="list the indexed articles")
    sources.add_argument("--page", type=int, default=1, metavar="N", help="10 articles a page")
    _common(sources)
    sources.set_defaults(handler=_guarded(run_sources))


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="one JSON object a line")
    parser.add_argument("--index-dir", type=Path, metavar="DIR",
                        help="the index folder (default: ONRECORD_INDEX_DIR, var/index)")


def _guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn the library's expected errors into one line on stderr and exit code 1."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except (OnRecordError, SettingsError, UsageProblem) as error:
            print(f"onrecord {args.command}: {error}", file=sys.stderr)
            return 1

    return run


def _index_dir(args: argparse.Namespace) -> Path:
    return args.index_dir or load_settings().index_dir


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageProblem(f"{option} needs a date like 2024-02-10, not {value!r}") from None


def _positive(value: int, option: str) -> int:
    if value < 1:
        raise UsageProblem(f"{option} must be 1 or more")
    return value


# -- index -------------------------------------------------------------------------------------


def run_index(args: argparse.Namespace) -> int:
    settings = None if args.paths and args.index_dir else load_settings()
    paths = args.paths or settings.corpus  # type: ignore[union-attr]
    index_dir = args.index_dir or settings.index_dir  # type: ignore[union-attr]
    bar = ProgressBar(sys.stderr)
    try:
        report = ingest(paths, index_dir, progress=bar, rebuild=args.rebuild)
    finally:
        bar.finish()
    if args.json:
        print(report.model_dump_json())
        return 0
    print(_summary(report, index_dir))
    if report.changed or not (report.unchanged or report.skipped):
        stats = SearchService(index_dir).stats()
        print(f"The index holds {stats.statements} statements by {stats.speakers} speakers "
              f"from {stats.articles} articles ({index_dir}).")
    return 0


def _summary(report: IngestReport, index_dir: Path) -> str:
    lines = [
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.removed)} removed, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} skipped; {report.statements} statements extracted."
    ]
    shown = 10
    for label, files in (("added", report.added), ("updated", report.updated),
                         ("removed", report.removed)):
        for file in files[:shown]:
            lines.append(f"  {label}: {file}")
        if len(files) > shown:
            lines.append(f"  ... and {len(files) - shown} more {label}")
    for file, reason in report.skipped[:shown]:
        lines.append(f"  skipped: {file}: {reason}")
    if len(report.skipped) > shown:
        lines.append(f"  ... and {len(report.skipped) - shown} more skipped")
    for problem in report.metadata_problems:  # each names its row: all are shown
        lines.append(f"  sources.csv: {problem}")
    return "\n".join(lines)


# -- search, latest, speakers and sources --------------------------------------------------------
# Human output is the bot's own answer (bot.commands) rendered as `onrecord ask` renders it, so
# the terminal says what Discord and the console say. `--json` reads the service directly: its
# rows are a machine contract and stay as they are.


def _open(args: argparse.Namespace) -> SearchService:
    """The service over the index, opened now so a missing or unreadable index is one line on
    stderr (the commands would turn it into a general "not available" answer)."""
    service = SearchService(_index_dir(args))
    service.stats()
    return service


def run_search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    page = _positive(args.page, "--page")
    per_page = _positive(args.limit, "--limit")
    if not args.json:
        if args.kind:
            raise UsageProblem("--kind works with --json only (/quote has no kind filter)")
        # /quote reads the dates itself (YYYY-MM and YYYY too); a bad one is its error answer
        return print_answer(commands.quote(
            _open(args), query, speaker=args.speaker, since=args.since, until=args.until,
            outlet=args.outlet, page=page, per_page=per_page, exact=args.exact,
        ))
    if args.exact and args.kind:
        raise UsageProblem("give --exact or --kind, not both")
    since, until = _day(args.since, "--since"), _day(args.until, "--until")
    result = _open(args).search(
        query, speaker=args.speaker, since=since, until=until, outlet=args.outlet,
        kind=("direct", "partial") if args.exact else args.kind, page=page, per_page=per_page,
    )
    _print_rows(result)
    return 0


def run_latest(args: argparse.Namespace) -> int:
    name = " ".join(args.speaker)
    limit = _positive(args.limit, "--limit")
    page = _positive(args.page, "--page")
    service = _open(args)
    if not args.json:
        return print_answer(commands.latest(service, name, topic=args.topic, limit=limit,
                                            page=page))
    speaker = service.resolve_speaker(name)
    if speaker is not None:
        _print_rows(service.latest(speaker.name, topic=args.topic, limit=limit, page=page))
    return 0


def hit_json(hit: Hit) -> dict[str, Any]:
    row = hit.statement.model_dump(mode="json")
    row["score"] = round(hit.score, 4)
    row["date_uncertain"] = hit.date_uncertain
    row["sources"] = [source.model_dump(mode="json") for source in hit.sources]
    return row


def _print_rows(result: SearchResult) -> None:
    for hit in result.hits:
        print(json.dumps(hit_json(hit), ensure_ascii=False))


def run_speakers(args: argparse.Namespace) -> int:
    name = " ".join(args.name)
    limit = _positive(args.limit, "--limit")
    page = _positive(args.page, "--page")
    service = _open(args)
    if not args.json:
        return print_answer(commands.speakers(service, name, page=page))
    for speaker in service.speakers(name, limit=limit):
        print(speaker.model_dump_json())
    return 0


def run_sources(args: argparse.Namespace) -> int:
    page = _positive(args.page, "--page")
    service = _open(args)
    if not args.json:
        return print_answer(commands.sources(service, page=page))
    for source in service.sources():
        print(source.model_dump_json())
    return 0
