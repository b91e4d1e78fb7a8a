"""How an answer names where words were published: outlet, wire credit, headline, the
article's date and what that date rests on. Both renderers and every command use these, so a
source reads the same everywhere and is never a file name."""

from __future__ import annotations

import datetime as dt

from search_index.models import DateBasis, Source
from search_index.search.timeline import day_label  # one way of writing a day everywhere

OUTLET_NOT_STATED = "outlet not stated"
UNTITLED = "untitled article"

# What an article's own date rests on, in words (its statements' dates have their own table).
ARTICLE_DATE_BASIS: dict[DateBasis, str] = {
    DateBasis.SIDECAR: "given by the operator",
    DateBasis.PUBLISHED_LINE: "from its publication line",
    DateBasis.STATED: "from a date in the text",
    DateBasis.DATELINE: "from its dateline",
    DateBasis.MONTH_DAY: "from a day named in the text",
    DateBasis.DAY_WEEKDAY: "from a day named in the text",
    DateBasis.WEEKDAY: "from a weekday named in the text",
    DateBasis.RELATIVE: "worked out from the text",
    DateBasis.ARTICLE: "the article's own date",
    DateBasis.REPORTED: "the report's date",
}


def outlet_text(outlet: str | None, via: str | None) -> str:
    """ "Dawn", "Dawn · via Reuters", "outlet not stated · via Pajhwok Afghan News"."""
    named = outlet or OUTLET_NOT_STATED
    return f"{named} · via {via}" if via and via != outlet else named


def article_name(title: str | None, opening: str | None) -> str:
    """The headline, else the first words of an untitled text."""
    return title or opening or UNTITLED


def article_date_text(published: dt.date | None, basis: DateBasis | None) -> str:
    """The article's date with what it rests on. A masthead's date is the day the page was
    copied, not the article's, so it is named as the page's and never as the article's."""
    if published is None:
        return "date not stated"
    if basis is DateBasis.MASTHEAD:
        return f"date not stated (the page is dated {day_label(published)})"
    words = ARTICLE_DATE_BASIS.get(basis) if basis is not None else None
    return f"{day_label(published)}, {words}" if words else day_label(published)


def report_line(source: Source) -> str:
    """One article that carried some words: "18 Dec 2023 · Dawn · Headline"."""
    when = day_label(source.article_date) if source.article_date else "date not stated"
    return " · ".join([when, outlet_text(source.outlet, source.via),
                       article_name(source.title, source.opening)])
