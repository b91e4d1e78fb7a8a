"""The local console: the bot's commands typed at a prompt, answered in the terminal.

A `ConsoleSession` remembers the last answer so `next`, `prev` and `/context 2` work the way
the buttons do under a Discord message. The same `bot.commands` functions build the answers.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from bot import commands
from bot.answers import Answer, AnswerField, AnswerKind, error
from bot.console.parse import ParsedLine, ParseError, parse_line
from bot.console.render import render_text
from bot.settings import project_root
from search_index.search.interface import SearchBackend

HELP = Answer(
    kind=AnswerKind.INFO,
    title="OnRecord console",
    lines=["Type a command the way you would in Discord; options are written name:value."],
    fields=[
        AnswerField(name="Commands", lines=[
            "/quote elections speaker:Miller since:2024-01-01 until:2024-12-31 outlet:Dawn",
            '/quote "free and fair elections" exact:true   (exact words only, no paraphrase)',
            "/latest Khawaja Asif topic:terrorism",
            "/whosaid major non-NATO ally",
            "/timeline Matthew Miller topic:elections since:2023 until:2024",
            "/speakers [name]   /sources   /about   /reindex",
            "/context 2: the paragraph around result 2",
        ]),
        AnswerField(name="Moving around", lines=["next, prev: other pages", "help, quit"]),
    ],
)


class ConsoleSession:
    def __init__(
        self,
        service: SearchBackend,
        corpus: Sequence[Path],
        index_dir: Path,
        charts_dir: Path | None = None,
    ) -> None:
        self.service = service
        self.corpus = list(corpus)
        self.index_dir = index_dir
        self.charts_dir = charts_dir or project_root() / "var" / "charts"
        self.current: Answer | None = None  # what next / prev / context refer to
        self.finished = False

    def handle(self, line: str) -> Answer | None:
        """The answer to one typed line; None for a blank line or `quit`."""
        try:
            parsed = parse_line(line)
        except ParseError as problem:
            return error(str(problem))
        if parsed is None:
            return None
        if parsed.command == "quit":
            self.finished = True
            return None
        answer = self.execute(parsed)
        if answer.chart_png:
            answer = self._save_chart(answer)
        if parsed.command in ("quote", "latest", "speakers", "sources", "next", "prev") and (
            answer.kind in (AnswerKind.RESULTS, AnswerKind.INFO)
        ):
            self.current = answer
        return answer

    def execute(self, parsed: ParsedLine) -> Answer:
        options = parsed.options
        service = self.service
        match parsed.command:
            case "quote":
                return commands.quote(
                    service, options.get("query", ""), options.get("speaker"),
                    options.get("since"), options.get("until"), options.get("outlet"),
                    exact=options.get("exact", False),
                )
            case "latest":
                return commands.latest(service, options.get("speaker", ""), options.get("topic"))
            case "speakers":
                return commands.speakers(service, options.get("name", ""))
            case "sources":
                return commands.sources(service)
            case "about":
                return commands.about(service)
            case "reindex":
                return commands.reindex(service, self.corpus, self.index_dir)
            case "whosaid":
                return commands.whosaid(service, options.get("phrase", ""))
            case "timeline":
                return commands.timeline(
                    service, options.get("speaker"), options.get("topic"),
                    options.get("since"), options.get("until"),
                )
            case "context":
                return self._context(options.get("number", ""))
            case "next" | "prev":
                return self._turn(1 if parsed.command == "next" else -1)
            case _:
                return HELP

    def _save_chart(self, answer: Answer) -> Answer:
        """Write the chart a terminal cannot show to a file, and say where it is."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        stem = Path(answer.chart_filename or "chart.png").stem
        try:
            self.charts_dir.mkdir(parents=True, exist_ok=True)
            handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept, not a context
                dir=self.charts_dir, prefix=f"{stem}-{stamp}-", suffix=".png", delete=False
            )
            with handle:
                handle.write(answer.chart_png or b"")
            note = f"Chart saved to {handle.name}"
        except OSError as problem:
            note = f"The chart could not be saved in {self.charts_dir}: {problem.strerror}"
        return answer.model_copy(update={"lines": [*answer.lines, note]})

    def _turn(self, step: int) -> Answer:
        current = self.current
        if current is None or current.request is None or not current.pageable:
            return error("There is nothing to page through.",
                         "Run /quote, /latest, /speakers or /sources.")
        page = current.page + step
        if not 1 <= page <= current.pages:
            edge = "last" if step > 0 else "first"
            return error(f"This is the {edge} page ({current.page}/{current.pages}).")
        return commands.turn_page(self.service, current.request, page)

    def _context(self, number: str) -> Answer:
        items = self.current.items if self.current else []
        if not items:
            return error("Run /quote or /latest first, then /context with a result's number.")
        if not number.strip().isdigit():
            return error("Give the number of a result, for example /context 1.")
        for item in items:
            if item.number == int(number):
                return commands.context(self.service, item.statement_id)
        shown = f"{items[0].number}-{items[-1].number}"
        return error(f"There is no result {number} on this page (it shows {shown}).")


def run_console(
    session: ConsoleSession,
    read: Callable[[str], str] = input,
    out: TextIO | None = None,
) -> int:
    """The prompt loop; returns the exit code."""
    stream = out or sys.stdout
    ansi = stream.isatty()
    _enable_line_editing()
    print("OnRecord console: try /quote elections, /latest Miller, help or quit.", file=stream)
    while not session.finished:
        try:
            line = read("onrecord> ")
        except EOFError:
            print(file=stream)
            break
        except KeyboardInterrupt:
            print(file=stream)
            break
        answer = session.handle(line)
        if answer is not None:
            print(render_text(answer, width=_width(stream), ansi=ansi), file=stream)
            print(file=stream)
    return 0


def ask(session: ConsoleSession, line: str, out: TextIO | None = None) -> int:
    """One answer, printed; 0 for an answer, 1 for an error answer."""
    stream = out or sys.stdout
    answer = session.handle(line)
    if answer is None:
        answer = error("Nothing to ask.", 'Give a command, for example: onrecord ask "/about"')
    return print_answer(answer, stream)


def print_answer(answer: Answer, out: TextIO | None = None) -> int:
    """One answer as a one-shot command prints it (`ask`, `onrecord search`): no hints about
    next or /context, which need a session; 0 for an answer, 1 for an error answer."""
    stream = out or sys.stdout
    text = render_text(answer, width=_width(stream), ansi=stream.isatty(), hints=False)
    print(text, file=stream)
    return 1 if answer.is_error else 0


def _width(stream: TextIO) -> int:
    columns = shutil.get_terminal_size((88, 24)).columns if stream.isatty() else 88
    return min(columns, 100)


def _enable_line_editing() -> None:
    """Arrow keys and history at the prompt, where the platform has readline."""
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (importing it is what enables line editing)
