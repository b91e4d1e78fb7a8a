"""A realistic statement index for comparing read paths: the seed articles through the real
pipeline, then synthetic statements over the seeds' own vocabulary (Zipf-like, with every kind,
roles and titles), then a change that leaves two segments and deleted documents behind."""

from __future__ import annotations

import random
import re
from itertools import accumulate
from pathlib import Path

from statement_factory import fake_extractor, fake_loader, write_article
from whoosh import index as whoosh_index

from search_index.index.ingest import ingest
from search_index.index.records import QuoteDocument
from search_index.index.update import CODEC, statement_fields

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SPEAKERS = ["Lena Ortiz", "Omar Haddad", "Ines Varga", "John Kirby", "Maria Chen",
            "Ivan Petrov", "Sara Malik", "Priya Rao", "Hassan Ali", "Elena Rossi"]
ROLES = ["Trade Minister", "Finance Minister", "State Department spokesman",
         "Defence Secretary", "Election Commissioner", "Prime Minister"]
KINDS = ["direct", "direct", "partial", "indirect"]


def seed_vocabulary() -> list[str]:
    """The seeds' words, most frequent first."""
    counts: dict[str, int] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for word in re.findall(r"[A-Za-z][a-z]{2,}", path.read_text(encoding="utf-8")):
            counts[word.lower()] = counts.get(word.lower(), 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def synthetic_articles(folder: Path, articles: int, seed: int) -> None:
    rng = random.Random(seed)
    words = seed_vocabulary()
    weights = list(accumulate(1 / (rank + 1) for rank in range(len(words))))
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(articles):
        statements = []
        for _ in range(rng.randint(3, 9)):
            text = " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(6, 40)))
            speaker = rng.choice(SPEAKERS)
            statements.append({
                "text": text.capitalize() + ".", "speaker": speaker,
                "role": rng.choice(ROLES), "kind": rng.choice(KINDS),
                "date": f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
                if rng.random() > 0.2 else None,
            })
        title = " ".join(rng.choices(words[:400], k=6)).capitalize()
        write_article(folder, f"s{seed}_{number:03}.txt", statements, title=title)


def build(root: Path) -> Path:
    """The index (in root/index): seeds, two synthetic batches, and a last commit made
    without merging that deletes some statements and adds others (two or more segments,
    one with deletions)."""
    index_dir = root / "index"
    ingest([SEEDS], index_dir)
    synthetic_articles(root / "first", 60, seed=1)
    ingest([root / "first"], index_dir, loader=fake_loader, extractor=fake_extractor)
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as searcher:
        docs = [QuoteDocument.model_validate_json(fields["payload"])
                for fields in searcher.documents(doctype="statement")]
    writer = ix.writer(codec=CODEC)
    for doc in docs[::7]:  # every seventh statement deleted, half of them written again
        writer.delete_by_term("qkey", doc.qkey)
    for doc in docs[::14]:
        writer.add_document(**statement_fields(doc))
    writer.commit(merge=False)
    return index_dir
