"""Extraction speed: the seed articles parsed and extracted over and over.

    .venv/bin/python benchmarks/extract_bench.py [--articles 500]

Reports articles per second for extraction alone (articles parsed once) and for
parse + extraction, with one shared speaker registry as in a batch.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from search_index.articles.loading import load_article
from search_index.articles.parse import parse_article
from search_index.extraction.pipeline import extract_article
from search_index.extraction.speakers import SpeakerRegistry

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()
    paths = sorted(SEEDS.glob("*.txt"))
    articles = [load_article(p) for p in paths]
    texts = [(p.read_text(encoding="utf-8-sig"), p) for p in paths]
    registry = SpeakerRegistry()

    started = time.perf_counter()
    statements = 0
    for n in range(args.articles):
        statements += len(extract_article(articles[n % len(articles)], registry))
    extract_seconds = time.perf_counter() - started

    started = time.perf_counter()
    for n in range(args.articles):
        text, path = texts[n % len(texts)]
        extract_article(parse_article(text, path), registry)
    full_seconds = time.perf_counter() - started

    print(f"{args.articles} articles, {statements} statements")
    print(f"extraction only:      {args.articles / extract_seconds:8.1f} articles/s")
    print(f"parse + extraction:   {args.articles / full_seconds:8.1f} articles/s")


if __name__ == "__main__":
    main()
