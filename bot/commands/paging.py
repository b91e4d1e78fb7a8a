"""Another page of a paged answer, asked for by the buttons or the console's next / prev."""

from __future__ import annotations

from bot.answers import Answer, PageRequest
from bot.commands.lists import sources, speakers
from bot.commands.statements import QUOTES_PER_PAGE, quote
from search_index.search.interface import SearchBackend


def turn_page(service: SearchBackend, request: PageRequest, page: int) -> Answer:
    """The same answer, another page."""
    if request.command == "quote":
        return quote(service, request.query, request.speaker, request.since, request.until,
                     request.outlet, page=page,
                     per_page=request.per_page or QUOTES_PER_PAGE)
    if request.command == "speakers":
        return speakers(service, request.name, page=page)
    return sources(service, page=page)
