"""Reading a console line the way Discord's command box reads it.

`/quote security cooperation speaker:Matthew Miller since:2024-01-01` gives the command
`quote`, the query "security cooperation", the speaker "Matthew Miller" and the date: an
option's value runs to the next known `name:`, and words before any option fill the command's
main argument. A value may be wrapped in double quotes.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

# command -> (its main argument, the options it accepts)
COMMAND_OPTIONS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "quote": ("query", ("query", "speaker", "since", "until", "outlet", "exact")),
    "latest": ("speaker", ("speaker", "topic")),
    "speakers": ("name", ("name",)),
    "sources": (None, ()),
    "about": (None, ()),
    "context": ("number", ("number",)),
    "reindex": (None, ()),
    "whosaid": ("phrase", ("phrase",)),
    "timeline": ("speaker", ("speaker", "topic", "since", "until")),
}
ALIASES = {
    "next": "next", "n": "next", "prev": "prev", "previous": "prev", "p": "prev",
    "help": "help", "?": "help", "quit": "quit", "exit": "quit", "q": "quit",
}
# Search words keep their double quotes, as Discord passes them: `"free and fair elections"`
# is a phrase to search, not a value to unwrap.
KEEPS_QUOTES = frozenset({"query", "topic"})
ALL_OPTIONS = sorted({name for _, names in COMMAND_OPTIONS.values() for name in names})
_OPTION = re.compile(rf"(?:(?<=\s)|^)({'|'.join(ALL_OPTIONS)}):", re.IGNORECASE)


class ParsedLine(BaseModel):
    command: str  # a COMMAND_OPTIONS key, or next / prev / help / quit
    options: dict[str, str] = Field(default_factory=dict)


class ParseError(ValueError):
    """A line the console cannot read; the message says what to type instead."""


def parse_line(line: str) -> ParsedLine | None:
    """The command on a line, or None for a blank line."""
    text = line.strip()
    if not text:
        return None
    word, _, rest = text.partition(" ")
    name = word.lstrip("/").lower()
    if not word.startswith("/") and name in ALIASES:
        if rest.strip():
            raise ParseError(f"`{name}` takes nothing after it.")
        return ParsedLine(command=ALIASES[name])
    if name not in COMMAND_OPTIONS:
        raise ParseError(f"Unknown command “{word[:40]}”. Type help to see the commands.")
    main, allowed = COMMAND_OPTIONS[name]
    options = _read_options(rest)
    positional = options.pop("", "")
    for option in options:
        if option not in allowed:
            accepted = ", ".join(f"{known}:" for known in allowed) or "no options"
            raise ParseError(f"/{name} does not take {option}: (it takes {accepted}).")
    if positional:
        if main is None:
            raise ParseError(f"/{name} takes no words after it.")
        if main in options:
            raise ParseError(f"Give {main} once: either first or as {main}:, not both.")
        options[main] = positional
    options = {option: value if option in KEEPS_QUOTES else _unquote(value)
               for option, value in options.items()}
    return ParsedLine(command=name, options=options)


def _read_options(text: str) -> dict[str, str]:
    options: dict[str, str] = {}
    matches = list(_OPTION.finditer(text))
    starts = [match.start() for match in matches] + [len(text)]
    options[""] = text[: starts[0]].strip()
    for match, end in zip(matches, starts[1:], strict=True):
        name = match.group(1).lower()
        if name in options:
            raise ParseError(f"{name}: is given twice.")
        options[name] = text[match.end() : end].strip()
    if not options[""]:
        del options[""]
    return options


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"“”":
        return value[1:-1].strip()
    if len(value) >= 2 and value[0] == "“" and value[-1] == "”":
        return value[1:-1].strip()
    return value
