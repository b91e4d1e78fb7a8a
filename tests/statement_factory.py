"""Articles and statements for index tests, without the extraction pipeline.

An "article file" here is a small JSON document naming its statements; `fake_loader` and
`fake_extractor` turn it into the Article and Statements the real pipeline would give, so the
index is tested on exactly the statements a test writes.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from search_index.errors import ArticleError
from search_index.models import Article, DateBasis, Paragraph, Statement


def write_article(
    folder: Path,
    name: str,
    statements: list[dict[str, Any]],
    *,
    title: str = "A news report",
    outlet: str = "Daily Ledger",
    published: str | None = "2024-02-11",
) -> Path:
    """Write an article file; each statement is a dict of text, speaker and optional date,
    role, organisation, kind, mention and paragraph (the surrounding words)."""
    path = folder / name
    path.write_text(
        json.dumps(
            {"title": title, "outlet": outlet, "published": published, "statements": statements},
            indent=1,
        ),
        encoding="utf-8",
    )
    return path


def fake_loader(path: Path) -> Article:
    raw = path.read_bytes()
    if not raw.strip():
        raise ArticleError(f"{path.name}: the file is empty")
    if b"\x00" in raw:
        raise ArticleError(f"{path.name}: binary file, not text")
    text = raw.decode("utf-8")
    try:
        spec = json.loads(text)
    except json.JSONDecodeError:
        raise ArticleError(f"{path.name}: not a news article") from None
    paragraphs: list[Paragraph] = []
    offset = 0
    for index, item in enumerate(spec["statements"]):
        words = item.get("paragraph") or f"{item['speaker']} said: “{item['text']}”"
        paragraphs.append(Paragraph(index=index, text=words, start=offset, end=offset + len(words)))
        offset += len(words) + 1
    published = spec.get("published")
    return Article(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        path=str(path),
        file=path.name,
        title=spec.get("title"),
        outlet=spec.get("outlet"),
        published=date.fromisoformat(published) if published else None,
        text=text,
        paragraphs=paragraphs,
    )


def fake_extractor(article: Article, registry: object = None) -> list[Statement]:
    spec = json.loads(article.text)
    if spec.get("explode"):
        raise RuntimeError("extraction blew up")
    return [
        make_statement(
            article,
            index,
            item["text"],
            item["speaker"],
            said=item.get("date"),
            role=item.get("role"),
            organisation=item.get("organisation"),
            kind=item.get("kind", "direct"),
            mention=item.get("mention"),
        )
        for index, item in enumerate(spec["statements"])
    ]


def make_statement(
    article: Article,
    index: int,
    text: str,
    speaker: str,
    *,
    said: str | None = None,
    role: str | None = None,
    organisation: str | None = None,
    kind: str = "direct",
    mention: str | None = None,
) -> Statement:
    return Statement(
        id=f"{article.id}-{index}",
        text=text,
        kind=kind,  # type: ignore[arg-type]
        speaker=speaker,
        speaker_mention=mention or speaker.split()[-1],
        role=role,
        organisation=organisation,
        cue="said",
        date=date.fromisoformat(said) if said else None,
        date_basis=DateBasis.STATED if said else DateBasis.ARTICLE,
        confidence=0.9 if said else 0.3,
        article_id=article.id,
        file=article.file,
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        paragraph=index,
        start=0,
        end=len(text),
    )
