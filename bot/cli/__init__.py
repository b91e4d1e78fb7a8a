"""The `onrecord` command. Each module in this package registers its own subcommands."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from bot.cli import extraction, fetching, indexing, parsing, serve

# A subcommand module exposes register(subparsers) and sets `handler` on each parser it adds;
# a handler takes the parsed arguments and returns the exit code.
Handler = Callable[[argparse.Namespace], int]
SUBCOMMAND_MODULES = [extraction, indexing, serve, parsing, fetching]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onrecord",
        description="Who said what, when and where: statements from news coverage.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `onrecord extract ... | head` closes the pipe early
        return 0


if __name__ == "__main__":
    sys.exit(main())
