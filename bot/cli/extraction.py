"""`onrecord extract` and `onrecord evaluate`: the extraction commands (work in progress)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    extract = subparsers.add_parser("extract", help="print the statements found in articles")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    extract.add_argument("--json", action="store_true", help="one JSON object a line")
    extract.set_defaults(handler=_not_ready)


def _not_ready(args: argparse.Namespace) -> int:
    print("onrecord: extraction is not built yet")
    return 1
