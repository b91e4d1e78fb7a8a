"""One article file -> `Article`: read it within the size cap, then hand plain text to
`parse.parse_article` and a saved web page to `html_pages.article_from_html`, applying the
sidecar either way.

It sits above `files` (reading, decoding, sidecars) and `parse` (reading the text), so neither
of them needs the other's caller.
"""

from __future__ import annotations

import re
from pathlib import Path

from search_index.articles.corpus_meta import article_meta
from search_index.articles.files import (
    MAX_ARTICLE_BYTES,
    ArticleMeta,
    apply_meta,
    decode_article_bytes,
)
from search_index.articles.parse import parse_article
from search_index.errors import ArticleError
from search_index.models import Article


def load_article(path: Path) -> Article:
    """Read, decode and parse one article file; ArticleError with a one-line reason if we can't."""
    path = Path(path)
    name = path.name or str(path)
    try:
        if path.is_dir():
            raise ArticleError(f"{name}: is a folder, not an article file")
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(
                f"{name}: {size / 1_048_576:.1f} MB is too large for an article "
                f"(limit {MAX_ARTICLE_BYTES // 1_048_576} MB)"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except ArticleError:
        raise
    except PermissionError as exc:
        raise ArticleError(f"{name}: cannot be read (permission denied)") from exc
    except FileNotFoundError as exc:
        raise ArticleError(f"{name}: no such file") from exc
    except OSError as exc:  # symlink loops, devices, vanished mounts
        raise ArticleError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"{name}: too large for an article (file grew while reading)")
    meta = article_meta(path)  # sources.csv and NAME.meta.json: before statements are dated
    if _is_html(path, data):
        return _html_article(data, path, meta)
    text = decode_article_bytes(data, name)
    return parse_article(text, path, meta)


_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>])", re.IGNORECASE)


def _is_html(path: Path, data: bytes) -> bool:
    return path.suffix.lower() in (".html", ".htm") or bool(_HTML_START.match(data[:1024]))


def _html_article(data: bytes, path: Path, meta: ArticleMeta | None) -> Article:
    """A saved web page: its markup knows the title and date, so the page reader handles it."""
    from search_index.articles.html_pages import article_from_html  # trafilatura: only when needed

    article = article_from_html(data, path, url=meta.url if meta else None)
    return apply_meta(article, meta) if meta is not None else article
