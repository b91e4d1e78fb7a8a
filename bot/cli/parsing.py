"""`onrecord parse FILE...`: how an article file is read (title, byline, date, body paragraphs).

For operators checking a new outlet's pages: what was kept as body and what was taken for
page furniture, and which line the article's date came from.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from search_index.articles.loading import load_article
from search_index.errors import ArticleError
from search_index.models import Article

_PREVIEW = 100  # characters of each paragraph shown without --full


def register(subparsers: argparse._SubParsersAction) -> None:
    parse = subparsers.add_parser(
        "parse",
        help="show how article files are read: title, byline, date and body paragraphs",
    )
    parse.add_argument("paths", nargs="+", type=Path, metavar="FILE", help="article text files")
    parse.add_argument("--json", action="store_true", help="one JSON object a line")
    parse.add_argument("--full", action="store_true", help="print whole paragraphs")
    parse.set_defaults(handler=run_parse)


def run_parse(args: argparse.Namespace) -> int:
    failed = 0
    for path in args.paths:
        try:
            article = load_article(path)
        except ArticleError as error:
            failed += 1
            print(f"onrecord parse: {error}")
            continue
        if args.json:
            print(article.model_dump_json(exclude={"text"}))
        else:
            print(describe(article, full=args.full))
    return 1 if failed else 0


def describe(article: Article, full: bool = False) -> str:
    """A short human-readable account of one parsed article."""
    if article.published is None:
        published = "unknown"
    else:
        published = (
            f"{article.published.isoformat()} ({article.published_basis.value}, "
            f"confidence {article.published_confidence:.2f})"
        )
    lines = [
        f"== {article.file}  [{article.id}]",
        f"title:     {json.dumps(article.title, ensure_ascii=False)}",
        f"byline:    {article.byline or '-'}",
        f"dateline:  {article.dateline or '-'}",
        f"outlet:    {article.outlet or '-'}",
        f"published: {published}",
        f"paragraphs: {len(article.paragraphs)}",
    ]
    for para in article.paragraphs:
        text = para.text.replace("\n", " ")
        if not full and len(text) > _PREVIEW:
            text = text[: _PREVIEW - 1] + "…"
        lines.append(f"  {para.index:>3}  {text}")
    return "\n".join(lines)
