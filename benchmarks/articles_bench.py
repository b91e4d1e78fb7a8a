"""Speed of article parsing and date finding: articles a second on one core.

Parses the seed articles over and over (and one large synthetic article, to show the cost
grows with length, not with its square), then times date_of_speech on typical sentences.
This is a benchmark, not a test: run it by hand.

    .venv/bin/python benchmarks/articles_bench.py
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from search_index.articles.parse import parse_article
from search_index.text.speech_dates import date_of_speech

REPO = Path(__file__).resolve().parents[1]


def _rate(label: str, work: list[str], rounds: int) -> None:
    started = time.perf_counter()
    for _ in range(rounds):
        for text in work:
            parse_article(text)
    elapsed = time.perf_counter() - started
    count = rounds * len(work)
    print(f"{label:<34} {count / elapsed:10.1f} articles/s  ({elapsed / count * 1000:.2f} ms each)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()

    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    parse_article(seeds[0])  # warm the regex cache
    _rate("seed articles", seeds, args.rounds)

    paragraph = (
        "The minister said on Tuesday that talks with the lender would resume on March 3, "
        "2024, and that “we are close to an agreement,” according to a statement.\n\n"
    )
    for size in (10, 100, 1000):
        body = "".join(f"{n}. {paragraph}" for n in range(size))
        text = "Talks to resume next month, says minister\n\n" + body
        _rate(f"synthetic, {size} paragraphs", [text], max(1, args.rounds // size))

    sentences = [
        "In a press briefing on Tuesday, spokesperson John Carter said the talks were useful.",
        "Speaking on television a day ago, the minister said he expected no call.",
        "The spokesman said elections are slated to take place on February 8 next year.",
        "“We are ready,” the minister said.",
    ]
    anchor = date(2024, 11, 7)
    rounds = args.rounds * 100
    started = time.perf_counter()
    for _ in range(rounds):
        for sentence in sentences:
            date_of_speech(sentence, anchor)
    elapsed = time.perf_counter() - started
    count = rounds * len(sentences)
    print(f"{'date_of_speech':<34} {count / elapsed:10.1f} sentences/s")


if __name__ == "__main__":
    main()
