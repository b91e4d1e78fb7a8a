"""Article files -> text: size caps, binary detection, decoding and sidecars.

Everything here happens before a line of the article is read; `parse.parse_article` takes the
decoded text from there, and `loading.load_article` puts the two together for one file.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from search_index.articles.outlets import outlet_from_url
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


def apply_meta(article: Article, meta: ArticleMeta) -> Article:
    update: dict[str, object] = {}
    if meta.title:
        update["title"] = meta.title
    if meta.outlet:
        update["outlet"] = meta.outlet
    if meta.url:
        update["url"] = meta.url
        if not meta.outlet and article.outlet is None:
            update["outlet"] = outlet_from_url(meta.url)  # the link names its publisher
    if article.via and article.via == update.get("outlet", article.outlet):
        update["via"] = None  # the wire's own page: the credit is the outlet
    if meta.published:
        update["published"] = meta.published
        update["published_basis"] = DateBasis.SIDECAR
        update["published_confidence"] = CONFIDENCE[DateBasis.SIDECAR]
    return article.model_copy(update=update)
