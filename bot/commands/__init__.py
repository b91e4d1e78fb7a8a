"""One function per command: plain arguments in, an `Answer` out.

No transport lives here (no discord import): the Discord layer and the console both call these
functions, off the event loop, and render what they return. Bad input never raises: it comes
back as a private error answer that says what to try instead.

The commands live in modules by job (statements, lists, who_said, over_time, reindexing,
paging); their arguments are checked in `inputs`, and `refusals` turns a problem into an answer.
Callers use this package: `commands.quote(service, ...)`.
"""

from bot.commands.lists import about, sources, speakers
from bot.commands.over_time import timeline
from bot.commands.paging import turn_page
from bot.commands.reindexing import reindex
from bot.commands.statements import context, latest, quote
from bot.commands.who_said import whosaid

__all__ = [
    "about",
    "context",
    "latest",
    "quote",
    "reindex",
    "sources",
    "speakers",
    "timeline",
    "turn_page",
    "whosaid",
]
