"""Another page of a paged answer, asked for by the buttons or the console's next / prev."""

from __future__ import annotations

from bot.answers import Answer, PageRequest
from bot.commands.lists import sources, speakers
from bot.commands.statements import LATEST_LIMIT, QUOTES_PER_PAGE, latest, quote
from search_index.search.interface import SearchBackend


def turn_page(service: SearchBackend, request: PageRequest, page: int) -> Answer:
    """The same answer, another page."""
    if request.command == "quote":
        return quote(service, request.query, request.speaker, request.since, request.until,
                     request.outlet, page=page,
                     per_page=request.per_page or QUOTES_PER_PAGE, exact=request.exact)
    if request.command == "latest":
        return latest(service, request.speaker or "", request.query or None,
                      limit=request.per_page or LATEST_LIMIT, page=page)
    if request.command == "speakers":
        return speakers(service, request.name, page=page)
    return sources(service, page=page)
