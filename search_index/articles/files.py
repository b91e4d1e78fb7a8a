"""Article files -> text: size caps, binary detection, decoding, sidecars, and the
plain-text / saved-page dispatch of `load_article`.

Everything here happens before a line of the article is read; `articles.parse_article` takes
the decoded text from there.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from search_index.articles.publication import CONFIDENCE
from search_index.errors import ArticleError
from search_index.models import Article, DateBasis

log = logging.getLogger(__name__)

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # a news article is kilobytes; megabytes means a wrong file
_BINARY_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.05  # more control characters than this and it is not text


class ArticleMeta(BaseModel):
    """The optional sidecar NAME.meta.json: what the operator knows better than the text."""

    model_config = ConfigDict(extra="ignore")

    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    title: str | None = None


def sidecar_path(path: Path) -> Path:
    """x.txt -> x.meta.json."""
    return path.with_suffix(".meta.json")


def read_sidecar(path: Path) -> ArticleMeta | None:
    """The article's sidecar, or None when absent; a broken one is logged and ignored."""
    side = sidecar_path(path)
    try:
        if not side.is_file():
            return None
        data = json.loads(side.read_text(encoding="utf-8-sig"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return ArticleMeta.model_validate(data)
    except (OSError, ValueError, ValidationError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        log.warning("ignoring sidecar %s: %s", side, reason)
        return None


_MAGIC = {
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a zip archive (or a Word document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"{\\rtf": "an RTF document",
}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Notepad's "Unicode": UTF-16 with a BOM


def _looks_binary(data: bytes) -> bool:
    sample = data[:_BINARY_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > _MAX_CONTROL_SHARE * max(1, len(sample))


def decode_article_bytes(data: bytes, name: str = "article") -> str:
    """Bytes -> normalised text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252;
    newlines to "\\n"."""
    if not data.strip():
        raise ArticleError(f"{name}: the file is empty")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise ArticleError(f"{name}: this is {kind}, not article text")
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"{name}: broken UTF-16 text") from exc
        return _checked_text(text, name)
    if _looks_binary(data):
        raise ArticleError(f"{name}: this is a binary file, not article text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Old Windows editors and some scrapers save as cp1252 ("\x93quoted\x94").
        text = data.decode("cp1252", errors="replace")
    return _checked_text(text, name)


def _checked_text(text: str, name: str) -> str:
    text = normalise_text(text)
    if not text.strip():
        raise ArticleError(f"{name}: the file has only white space")
    return text


def normalise_text(text: str) -> str:
    """BOM removed, CRLF and lone CR turned into "\\n"."""
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
    # parse_article's module imports this one (and re-exports load_article for older callers),
    # so the reader is looked up at call time to keep the two modules out of an import cycle.
    from search_index.articles.parse import parse_article

    meta = read_sidecar(path)
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


def apply_meta(article: Article, meta: ArticleMeta) -> Article:
    update: dict[str, object] = {}
    if meta.title:
        update["title"] = meta.title
    if meta.outlet:
        update["outlet"] = meta.outlet
    if meta.url:
        update["url"] = meta.url
    if meta.published:
        update["published"] = meta.published
        update["published_basis"] = DateBasis.SIDECAR
        update["published_confidence"] = CONFIDENCE[DateBasis.SIDECAR]
    return article.model_copy(update=update)
