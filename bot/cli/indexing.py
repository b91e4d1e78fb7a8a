"""`onrecord index`, `search`, `latest`, `speakers` and `sources`: the index from a terminal.

Human output is plain text (matched words in bold on a terminal); `--json` prints one JSON
object a line. Errors are one line on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from bot.settings import SettingsError, load_settings
from search_index.errors import OnRecordError
from search_index.index import IngestReport, ingest
from search_index.models import Hit, SearchResult, Speaker
from search_index.search import SearchService

BOLD, PLAIN = "\033[1m", "\033[0m"


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
    search.add_argument("--kind", choices=["direct", "partial", "indirect"])
    search.add_argument("--limit", type=int, default=10, metavar="N", help="hits a page (10)")
    search.add_argument("--page", type=int, default=1, metavar="N")
    _common(search)
    search.set_defaults(handler=_guarded(run_search))

    latest = subparsers.add_parser("latest", help="a speaker's most recent statements")
    latest.add_argument("speaker", nargs="+", help="the speaker's name (fuzzy)")
    latest.add_argument("--topic", help="only statements about this")
    latest.add_argument("--limit", type=int, default=5, metavar="N")
    _common(latest)
    latest.set_defaults(handler=_guarded(run_latest))

    speakers = subparsers.add_parser("speakers", help="list speakers, or find one by name")
    speakers.add_argument("name", nargs="*", help="a name, part of one, or a misspelling")
    speakers.add_argument("--limit", type=int, default=25, metavar="N")
    _common(speakers)
    speakers.set_defaults(handler=_guarded(run_speakers))

    sources = subparsers.add_parser("sources", help="list the indexed articles")
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


class ProgressBar:
    """A one-line bar on a terminal's stderr; silent when stderr is not a terminal."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.active = stream.isatty()
        self.drawn = False

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.active or total <= 0:
            return
        filled = self.WIDTH * done // total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} {label[:40]:<40}")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()


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
    return "\n".join(lines)


# -- search and latest -------------------------------------------------------------------------


def run_search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    result = SearchService(_index_dir(args)).search(
        query,
        speaker=args.speaker,
        since=_day(args.since, "--since"),
        until=_day(args.until, "--until"),
        outlet=args.outlet,
        kind=args.kind,
        page=_positive(args.page, "--page"),
        per_page=_positive(args.limit, "--limit"),
    )
    _print_result(result, args.json, f'match "{query}"')
    return 0


def run_latest(args: argparse.Namespace) -> int:
    name = " ".join(args.speaker)
    service = SearchService(_index_dir(args))
    speaker = service.resolve_speaker(name)
    if speaker is None:
        if not args.json:
            print(f"No speaker called {name!r} in the index. Try `onrecord speakers`.")
        return 0
    result = service.latest(speaker.name, topic=args.topic, limit=_positive(args.limit, "--limit"))
    about = f" about {args.topic!r}" if args.topic else ""
    _print_result(result, args.json, f"by {speaker.name}{about}", newest=True)
    return 0


def hit_json(hit: Hit) -> dict[str, Any]:
    row = hit.statement.model_dump(mode="json")
    row["score"] = round(hit.score, 4)
    row["date_uncertain"] = hit.date_uncertain
    row["sources"] = [source.model_dump(mode="json") for source in hit.sources]
    return row


def _print_result(result: SearchResult, as_json: bool, what: str, newest: bool = False) -> None:
    if as_json:
        for hit in result.hits:
            print(json.dumps(hit_json(hit), ensure_ascii=False))
        return
    if not result.hits:
        print(f"No statements {what}.")
        if result.suggestion:
            print(f"Did you mean: {result.suggestion}?")
        return
    order = "newest first" if newest else f"page {result.page} of {result.pages}"
    noun = "statement" if result.total == 1 else "statements"
    print(f"{result.total} {noun} {what} ({order}):")
    bold = sys.stdout.isatty()
    start = (result.page - 1) * result.per_page
    for number, hit in enumerate(result.hits, start=start + 1):
        print()
        print(_hit_text(number, hit, bold))


def _when(hit: Hit) -> str:
    statement = hit.statement
    if statement.date is not None:
        text = statement.date.strftime("%-d %b %Y")
        return f"{text} (date uncertain)" if hit.date_uncertain else text
    if statement.published is not None:
        return f"undated; article of {statement.published.strftime('%-d %b %Y')}"
    return "undated"


def _hit_text(number: int, hit: Hit, bold: bool) -> str:
    statement = hit.statement
    who = statement.speaker + (f", {statement.role}" if statement.role else "")
    words = "".join(
        f"{BOLD}{run.text}{PLAIN}" if run.match and bold else run.text for run in hit.highlight
    ) or statement.text
    opening, closing = ("“", "”") if statement.kind != "indirect" else ("", "")
    lines = [f"{number}. {who} · {_when(hit)} · {statement.kind}",
             f"   {opening}{words}{closing}"]
    for source in hit.sources[:3]:
        parts = [source.outlet or "unknown outlet"]
        if source.title:
            parts.append(f"“{source.title}”")
        if source.published:
            parts.append(source.published.isoformat())
        parts.append(source.url or source.file)
        lines.append("   Source: " + ", ".join(parts))
    if len(hit.sources) > 3:
        lines.append(f"   ... and {len(hit.sources) - 3} more sources")
    lines.append(f"   id: {statement.id}")
    return "\n".join(lines)


# -- speakers and sources ----------------------------------------------------------------------


def run_speakers(args: argparse.Namespace) -> int:
    name = " ".join(args.name)
    found = SearchService(_index_dir(args)).speakers(name, limit=_positive(args.limit, "--limit"))
    if args.json:
        for speaker in found:
            print(speaker.model_dump_json())
        return 0
    if not found:
        print(f"No speaker matches {name!r}." if name else "The index holds no speakers yet.")
        return 0
    for speaker in found:
        print(_speaker_text(speaker))
    return 0


def _span(first: date | None, last: date | None) -> str:
    if first is None:
        return "undated"
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"


def _speaker_text(speaker: Speaker) -> str:
    noun = "statement" if speaker.statements == 1 else "statements"
    lines = [f"{speaker.name}: {speaker.statements} {noun}, {_span(speaker.first, speaker.last)}"]
    if speaker.aliases:
        lines.append(f"   also: {', '.join(speaker.aliases)}")
    for role in speaker.roles:
        where = f" ({role.organisation})" if role.organisation else ""
        lines.append(f"   {role.role}{where}: {_span(role.first, role.last)}")
    return "\n".join(lines)


def run_sources(args: argparse.Namespace) -> int:
    sources = SearchService(_index_dir(args)).sources()
    if args.json:
        for source in sources:
            print(source.model_dump_json())
        return 0
    if not sources:
        print("No articles indexed yet. Run `onrecord index`.")
        return 0
    for source in sources:
        when = source.published.isoformat() if source.published else "undated"
        title = source.title or source.file
        print(f"{when}  {source.outlet or 'unknown outlet'}: {title} "
              f"({source.statements} statements; {source.file})")
    return 0
