"""Builds small saved news pages for the html_pages and fetch tests (all text written here)."""

from __future__ import annotations

from html import escape

FURNITURE_HEADER = (
    '<header><nav><a href="/">Home</a> <a href="/world">World</a> '
    '<a href="/business">Business</a> <a href="/subscribe">Subscribe for full access</a></nav>'
    "</header>"
)
FURNITURE_RELATED = (
    '<aside class="related"><h2>Related stories</h2><ul>'
    '<li><a href="/a">Dock strike ends after three days</a></li>'
    '<li><a href="/b">Ferry fares to rise in the spring</a></li></ul></aside>'
)
FURNITURE_FOOTER = (
    "<footer><p>© 2024 The Harbour Gazette. All rights reserved.</p>"
    '<a href="/privacy">Privacy policy</a> <a href="/contact">Contact the newsroom</a></footer>'
)

PORT_DEAL_PARAGRAPHS = [
    "The transport minister on Wednesday defended the agreement to expand the northern "
    "port, saying the deal would bring jobs to the region within two years.",
    "“We have negotiated the best terms this country has seen in a generation,” Minister "
    "Clara Voss told reporters outside parliament. She added that the contract included "
    "strict environmental safeguards.",
    "Opposition leaders said the terms had been kept secret for too long and called for "
    "the full text to be published before the vote on March 20, 2023.",
    "Talks with the shipping consortium resume next week, according to officials familiar "
    "with the plan.",
]


def news_page(
    title: str = "Minister defends port deal as talks resume",
    paragraphs: list[str] | None = None,
    *,
    site_name: str | None = "The Harbour Gazette",
    published: str | None = "2024-03-14T09:30:00+00:00",
    author: str | None = "Ada Morgan",
    canonical: str | None = "https://gazette.example/news/port-deal",
) -> str:
    """A page with head metadata, navigation, a byline, related links and a footer."""
    head = [f"<title>{escape(title)} | The Harbour Gazette</title>"]
    head.append(f'<meta property="og:title" content="{escape(title)}">')
    if site_name:
        head.append(f'<meta property="og:site_name" content="{escape(site_name)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if author:
        head.append(f'<meta name="author" content="{escape(author)}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    body = "\n".join(
        f"<p>{escape(p, quote=False)}</p>" for p in (paragraphs or PORT_DEAL_PARAGRAPHS)
    )
    byline = f'<p class="byline">By {escape(author)}</p>' if author else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        + "\n".join(head)
        + "\n</head><body>\n"
        + FURNITURE_HEADER
        + f"\n<main><article>\n<h1>{escape(title)}</h1>\n{byline}\n{body}\n</article>\n"
        + FURNITURE_RELATED
        + "\n</main>\n"
        + FURNITURE_FOOTER
        + "\n</body></html>\n"
    )
