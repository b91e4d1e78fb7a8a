"""Saved web pages -> Article: the article's text and metadata, extracted with trafilatura.

The page's own markup (meta tags, JSON-LD, <link rel="canonical">) names the title, outlet,
author, date and URL; trafilatura reads them and strips navigation, footers and related-links
furniture, so no HTML is scraped by hand here.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from search_index.articles.outlets import outlet_from_url, outlet_name
from search_index.errors import ArticleError
from search_index.models import Article, DateBasis, Paragraph

# A date from the page's metadata (article:published_time, JSON-LD datePublished, <time>) is
# what the publisher states about the article, so it outranks any date in the body text.
# DateBasis is a shared enum, so instead of a new member it is filed as PUBLISHED_LINE (the
# nearest in meaning: the publisher's own date line) with a confidence just below a sidecar's.
METADATA_DATE_BASIS = DateBasis.PUBLISHED_LINE
METADATA_DATE_CONFIDENCE = 0.95

# The page's date is htmldate's `find_date`, which trafilatura runs with these parameters:
# no date is read from markup by hand here. htmldate's extensive search reads dates out of the
# body text; the body's dates are the date resolver's business, so only markup is consulted.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

# When a page has no article, trafilatura's fallback may return its menu ("Home | World");
# a news article, even a brief, has a couple of sentences.
MIN_ARTICLE_WORDS = 20


def article_from_html(html: str | bytes, path: str | Path, url: str | None = None) -> Article:
    """Extract one article from a saved page; `url` is where it was fetched from, if known.

    Article.text is the title line, a blank line, then the body paragraphs separated by blank
    lines, ending in a newline: exactly what `fetch` writes to NAME.txt, so the page and its
    text file share one Article.id.
    """
    path = Path(path)
    if not html.strip():
        raise ArticleError(f"{path.name}: the page is empty")
    try:
        # imported here: it costs more than half a second, and most corpora are plain text
        import trafilatura

        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            favor_precision=True,  # news pages: rather lose a caption than keep a menu
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as error:  # lxml and trafilatura raise many kinds on broken markup
        raise ArticleError(f"{path.name}: the page could not be parsed ({error})") from error
    if document is None or not (document.text or "").strip():
        raise ArticleError(f"{path.name}: no article text found in the page")

    title = _clean(document.title)
    body = _body_paragraphs(document.text or "", title)
    if sum(len(paragraph.split()) for paragraph in body) < MIN_ARTICLE_WORDS:
        raise ArticleError(f"{path.name}: no article text found in the page")

    head = f"{title}\n\n" if title else ""
    text = head + "\n\n".join(body) + "\n"
    published = _parse_date(document.date)
    link = _clean(document.url) or url  # trafilatura reads <link rel=canonical> and og:url
    return Article(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        path=str(path),
        file=path.name,
        title=title,
        outlet=outlet_name(document.sitename) or outlet_from_url(link),
        url=link,
        byline=_clean(document.author),
        published=published,
        published_basis=METADATA_DATE_BASIS if published else DateBasis.UNKNOWN,
        published_confidence=METADATA_DATE_CONFIDENCE if published else 0.0,
        text=text,
        paragraphs=_paragraphs(body, offset=len(head)),
    )


def _body_paragraphs(extracted: str, title: str | None) -> list[str]:
    """trafilatura's plain text has one paragraph a line; the page's headline often leads it."""
    lines = [" ".join(line.split()) for line in extracted.splitlines()]
    paragraphs = [line for line in lines if line]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return paragraphs


def _paragraphs(body: list[str], offset: int) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    start = offset
    for index, paragraph in enumerate(body):
        paragraphs.append(
            Paragraph(index=index, text=paragraph, start=start, end=start + len(paragraph))
        )
        start += len(paragraph) + 2  # the blank line between paragraphs
    return paragraphs


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None
