"""The commands' arguments checked and read: dates, date ranges, queries, speaker and outlet
names. A problem raises `BadInput`, whose message says how to fix it."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date

from bot.commands.refusals import BadInput
from search_index.models import Speaker
from search_index.search.interface import SearchBackend

MAX_QUERY_CHARS = 200
MAX_NAME_CHARS = 100
EARLIEST_YEAR = 1900


def parse_date_option(value: str | date | None, option: str, *, end: bool = False) -> date | None:
    """YYYY-MM-DD, YYYY-MM or YYYY; a month or year means its first day (or last, for `until`)."""
    if value is None or isinstance(value, date):
        parsed = value
    else:
        text = value.strip()
        if not text:
            return None
        parsed = _parse_date_text(text, end)
        if parsed is None:
            raise BadInput(
                f"{option}: “{clip(text, 40)}” is not a date.",
                "Write dates as YYYY-MM-DD, YYYY-MM or YYYY, for example 2024-02-10.",
            )
    if parsed is not None and not EARLIEST_YEAR <= parsed.year <= date.today().year + 1:
        raise BadInput(
            f"{option}: {parsed} is outside the dates news can cover.",
            f"Use a date between {EARLIEST_YEAR} and next year.",
        )
    return parsed


def _parse_date_text(text: str, end: bool) -> date | None:
    parts = text.split("-")
    if not all(part.isdigit() for part in parts) or len(parts[0]) != 4 or len(parts) > 3:
        return None
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 3:
            return date(numbers[0], numbers[1], numbers[2])
        if len(numbers) == 2:
            last_day = calendar.monthrange(numbers[0], numbers[1])[1] if end else 1
            return date(numbers[0], numbers[1], last_day)
        return date(numbers[0], 12, 31) if end else date(numbers[0], 1, 1)
    except (ValueError, calendar.IllegalMonthError):
        return None


FLAG_WORDS = {"true": True, "yes": True, "on": True, "1": True,
              "false": False, "no": False, "off": False, "0": False}


def parse_flag(value: str | bool | None, option: str) -> bool:
    """A true/false option as Discord sends it (a bool) or as typed (true, yes, false, no)."""
    if value is None or isinstance(value, bool):
        return bool(value)
    text = value.strip().casefold()
    if not text:
        return False
    if text not in FLAG_WORDS:
        raise BadInput(f"{option}: “{clip(value.strip(), 20)}” is not true or false.",
                       f"Write {option}:true or {option}:false.")
    return FLAG_WORDS[text]


def check_range(since: date | None, until: date | None) -> None:
    if since is not None and until is not None and since > until:
        raise BadInput(
            f"since ({since}) is after until ({until}).",
            f"Did you mean since:{until} until:{since}?",
        )


def collapse_spaces(text: str | None) -> str:
    """Every run of whitespace as one space, the ends trimmed: how each typed argument is read."""
    return " ".join((text or "").split())


def check_topic(topic: str | None) -> str:
    text = collapse_spaces(topic)
    if len(text) > MAX_QUERY_CHARS:
        raise BadInput(f"That topic is too long (the limit is {MAX_QUERY_CHARS} characters).")
    return text


def check_name(name: str) -> str:
    text = collapse_spaces(name)
    if len(text) > MAX_NAME_CHARS:
        raise BadInput(f"That name is too long (the limit is {MAX_NAME_CHARS} characters).")
    return text


def check_query(query: str) -> str:
    text = collapse_spaces(query)
    if not text:
        raise BadInput(
            "Type a few words to search for.",
            "For example: /quote elections, or /quote security cooperation speaker:Miller",
        )
    if len(text) > MAX_QUERY_CHARS:
        raise BadInput(
            f"That search is too long ({len(text)} characters; the limit is {MAX_QUERY_CHARS}).",
            "A few distinctive words work best.",
        )
    return text


def resolve_speaker(service: SearchBackend, name: str) -> Speaker:
    text = check_name(name)
    if not text:
        raise BadInput("Name a speaker.", "Use /speakers to see who is in the index.")
    speaker = service.resolve_speaker(text)
    if speaker is None:
        close = [candidate.name for candidate in service.speakers(text, limit=3)]
        hint = f"Did you mean {or_list(close)}?" if close else "No similar name either."
        raise BadInput(
            f"No one called “{clip(text, 60)}” is in the index.",
            hint,
            "Use /speakers to see who is.",
        )
    return speaker


def resolve_outlet(service: SearchBackend, name: str) -> str:
    text = collapse_spaces(name)
    known = service.outlets("", limit=1000)
    wanted = text.casefold()
    exact = [outlet for outlet in known if outlet.casefold() == wanted]
    if exact:
        return exact[0]
    partial = [outlet for outlet in known if wanted and wanted in outlet.casefold()]
    if len(partial) == 1:
        return partial[0]
    choices = partial or known
    hint = f"Known outlets include {or_list(choices[:5])}." if choices else "No outlets yet."
    raise BadInput(f"No outlet called “{clip(text, 60)}” is in the index.", hint,
                   "Use /sources to see them all.")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def or_list(names: Sequence[str]) -> str:
    quoted = [f"“{name}”" for name in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
