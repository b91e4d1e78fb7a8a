"""Speed of the statement index: our Whoosh index and service against SQLite FTS5 (bm25).

Builds synthetic corpora of realistic-looking statements (a Zipf-like vocabulary of news
words with a long tail of rarer words, ~2,000 speakers with Zipf-like activity, ~50 outlets,
dates over 25 years, 15-60 words each), indexes the same statements both ways, then runs the
same queries against each and reports ingest rate, size, cold open plus first query, and
p50/p95/p99 latency per query type. This is a benchmark, not a test: run it by hand.

    .venv/bin/python benchmarks/search_bench.py                    # 10k and 100k
    .venv/bin/python benchmarks/search_bench.py --sizes 1000000    # 1M (slow)
    .venv/bin/python benchmarks/search_bench.py --write docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import platform
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search_index.index.ingest import index_statements  # noqa: E402
from search_index.index.schema import day_number  # noqa: E402
from search_index.models import Article, DateBasis, Paragraph, Statement  # noqa: E402
from search_index.search.service import SearchService  # noqa: E402

# The head of the vocabulary: function words and common news words, most frequent first.
_HEAD = """the of to and a in that is for on we with as be it this by will are have not
at from our has was they said an their us which or all been would more its but about
people government country support security president minister new should also can
year there other these talks state united states foreign relations cooperation economic
election elections party political leaders meeting region regional peace international
important continue believe military defence trade investment development democratic
democracy rights human war border forces army policy strategy agreement committed issue
issues relationship partner partners interests stability law rule public national
officials spokesperson statement press briefing week day today time future world
prime parliament court justice reform economy growth inflation budget tax energy climate
water food health crisis aid humanitarian refugees violence attack attacks terrorism
terrorist groups operation counter intelligence nuclear sanctions talks dialogue
negotiations ceasefire conflict troops withdrawal commitment responsibility concern
concerns welcome condemn urge call calls freedom expression media journalists civil
society institutions transparency accountability corruption investigation fraud vote
voting votes voters results commission observers process constitution opposition
coalition alliance bilateral multilateral summit visit delegation envoy ambassador
embassy ministry department office secretary general chief army navy air police
province city capital district community communities families women children youth
students workers farmers business businesses companies markets prices oil gas power
electricity infrastructure roads railway port projects project funding billion million
percent loans debt imf bank financial sector private exports imports tariffs deal
deals framework memorandum understanding framework sovereignty territorial integrity
interference domestic affairs internal matter respect mutual positive constructive"""
HEAD = _HEAD.split()

_SYLLABLES = ("ka ra mi lo ten sa vu do pre con tra nor bel gan ser ith ul mar zo fen "
             "qua dri lex tor pol ven ash ost rim cal ube nid har sol")
SYLLABLES = _SYLLABLES.split()

_FIRST = ("Ahmed Sara John Maria Li Wei Fatima Omar Anna James Priya Ivan Elena Hassan Mei "
         "Carlos Aisha David Nadia Peter Yusuf Laura Chen Amir Olga Tariq Grace Samuel Leila "
         "Kenji Rosa Daniel Zainab Marco Helen Bilal Ingrid Pablo Noor Victor Hana Tomas Imran "
         "Clara Musa Sofia Arjun Lucia Khalid Emma")
FIRST = _FIRST.split()
_LAST = ("Khan Smith Garcia Chen Ivanova Ahmed Miller Rossi Kumar Mueller Silva Haddad Tanaka "
        "Novak Okafor Johansson Baloch Asif Kirby Petrov Nguyen Cohen Mendez Sharif Qureshi "
        "Dubois Kowalski Yilmaz Farouk Larsen Moreau Santos Hoffman Iqbal Park Rahman Mensah "
        "Lindqvist Abbasi Costa Wagner Malik Bauer Suzuki Romero Dar Fischer Shah Aziz")
LAST = _LAST.split()
ROLES = ("Foreign Minister", "Defence Minister", "Spokesperson", "Prime Minister", "President",
         "Ambassador", "Finance Minister", "Army Chief", "Senator", "Analyst")


@dataclass
class Corpus:
    articles: list[tuple[Article, list[Statement]]]
    statements: list[Statement]
    vocabulary: list[str]
    speakers: list[str]


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    words = list(dict.fromkeys(HEAD))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def zipf_weights(n: int, exponent: float = 1.05) -> list[float]:
    return [1.0 / (rank**exponent) for rank in range(1, n + 1)]


def make_corpus(size: int, seed: int = 7) -> Corpus:
    rng = random.Random(seed)
    vocabulary = make_vocabulary(rng, 30_000)
    word_weights = list(__import__("itertools").accumulate(zipf_weights(len(vocabulary))))
    names = [f"{f} {last}" for f in FIRST for last in LAST]
    rng.shuffle(names)
    speakers = names[:2000]
    speaker_weights = list(__import__("itertools").accumulate(zipf_weights(len(speakers), 0.9)))
    roles = {name: rng.sample(ROLES, 2) for name in speakers}
    outlets = [f"{rng.choice(['The', 'Daily', 'Evening', 'Morning', 'Weekly'])} "
               f"{rng.choice(['Ledger', 'Courier', 'Post', 'Herald', 'Times', 'Tribune'])} "
               f"{index}" for index in range(50)]
    start = date(2000, 1, 1)
    span = (date(2024, 12, 31) - start).days
    articles: list[tuple[Article, list[Statement]]] = []
    statements: list[Statement] = []
    made = 0
    while made < size:
        count = min(rng.randint(3, 12), size - made)
        published = start + timedelta(days=rng.randint(0, span))
        outlet = rng.choice(outlets)
        article_id = hashlib.sha1(f"{seed}-{len(articles)}".encode()).hexdigest()[:16]
        title_words = rng.choices(vocabulary[:3000], cum_weights=word_weights[:3000], k=7)
        article = Article(id=article_id, path=f"/bench/{article_id}.txt",
                          file=f"{article_id}.txt", title=" ".join(title_words).capitalize(),
                          outlet=outlet, published=published, text="", paragraphs=[])
        paragraphs: list[Paragraph] = []
        batch: list[Statement] = []
        for index in range(count):
            words = rng.choices(vocabulary, cum_weights=word_weights, k=rng.randint(15, 60))
            text = " ".join(words).capitalize() + "."
            speaker = rng.choices(speakers, cum_weights=speaker_weights, k=1)[0]
            dated = rng.random() > 0.15
            said = published - timedelta(days=rng.randint(0, 3)) if dated else None
            paragraphs.append(Paragraph(index=index, text=text, start=0, end=len(text)))
            batch.append(Statement(
                id=f"{article_id}-{index}", text=text, kind="direct", speaker=speaker,
                speaker_mention=speaker.split()[-1],
                role=roles[speaker][0 if published.year < 2012 else 1],
                cue="said", date=said,
                date_basis=DateBasis.STATED if dated else DateBasis.ARTICLE,
                confidence=0.9 if dated else 0.3, article_id=article_id,
                file=article.file, title=article.title, outlet=outlet, published=published,
                paragraph=index, start=0, end=len(text)))
        article = article.model_copy(update={"paragraphs": paragraphs})
        articles.append((article, batch))
        statements.extend(batch)
        made += count
    return Corpus(articles, statements, vocabulary, speakers)


# -- SQLite FTS5 --------------------------------------------------------------------------------


def build_fts(corpus: Corpus, path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.executescript("""
        PRAGMA journal_mode=WAL;
        CREATE VIRTUAL TABLE fts USING fts5(text, context, tokenize='porter unicode61');
        CREATE TABLE meta(rowid INTEGER PRIMARY KEY, id TEXT, speaker TEXT, outlet TEXT,
                          kind TEXT, sort_day INTEGER, payload TEXT);
        CREATE TABLE speakers(name TEXT PRIMARY KEY, folded TEXT);
    """)
    rows = []
    for rowid, s in enumerate(corpus.statements, start=1):
        context = " ".join(filter(None, [s.speaker, s.role, s.title]))
        rows.append((rowid, s.text, context, s.id, s.speaker, (s.outlet or "").lower(), s.kind,
                     day_number(s.date or s.published), s.model_dump_json()))
    with db:
        db.executemany("INSERT INTO fts(rowid, text, context) VALUES (?, ?, ?)",
                       [(r[0], r[1], r[2]) for r in rows])
        db.executemany("INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [(r[0], *r[3:]) for r in rows])
        db.executemany("INSERT INTO speakers VALUES (?, ?)",
                       [(n, n.lower()) for n in corpus.speakers])
        db.executescript("""
            CREATE INDEX meta_speaker_day ON meta(speaker, sort_day);
            CREATE INDEX meta_day ON meta(sort_day);
            CREATE INDEX speakers_folded ON speakers(folded);
        """)
    return db


class Fts:
    """The same questions as SearchService asks, answered by FTS5: top 5 plus the total."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, check_same_thread=False)

    def _page(self, match: str, where: str = "", params: tuple = ()) -> tuple[list, int]:
        join = "JOIN meta ON meta.rowid = fts.rowid" if where else ""
        top = self.db.execute(
            f"SELECT fts.rowid FROM fts {join} WHERE fts MATCH ? {where} "
            "ORDER BY bm25(fts, 1.0, 0.6) LIMIT 5", (match, *params)).fetchall()
        total = self.db.execute(
            f"SELECT count(*) FROM fts {join} WHERE fts MATCH ? {where}",
            (match, *params)).fetchone()[0]
        rows = [self.db.execute("SELECT payload FROM meta WHERE rowid = ?", r).fetchone()
                for r in top]
        return rows, total

    def words(self, words: list[str]) -> int:
        return self._page(" AND ".join(f'"{w}"' for w in words))[1]

    def phrase(self, words: list[str]) -> int:
        return self._page('"' + " ".join(words) + '"')[1]

    def speaker(self, word: str, speaker: str) -> int:
        return self._page(f'"{word}"', "AND meta.speaker = ?", (speaker,))[1]

    def dates(self, word: str, since: date, until: date) -> int:
        return self._page(f'"{word}"', "AND meta.sort_day BETWEEN ? AND ?",
                          (day_number(since), day_number(until)))[1]

    def latest(self, speaker: str) -> int:
        rows = self.db.execute("SELECT payload FROM meta WHERE speaker = ? "
                               "ORDER BY sort_day DESC LIMIT 5", (speaker,)).fetchall()
        return len(rows)

    def autocomplete(self, prefix: str) -> int:
        low = prefix.lower()
        rows = self.db.execute("SELECT name FROM speakers WHERE folded >= ? AND folded < ? "
                               "LIMIT 25", (low, low + "\uffff")).fetchall()
        return len(rows)


# -- measuring ---------------------------------------------------------------------------------


@dataclass
class Run:
    size: int
    ingest: dict[str, float] = field(default_factory=dict)  # engine -> statements/s
    bytes: dict[str, int] = field(default_factory=dict)
    cold: dict[str, float] = field(default_factory=dict)  # ms
    latency: dict[tuple[str, str], tuple[float, float, float]] = field(default_factory=dict)


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)

    def at(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return at(0.50), at(0.95), at(0.99)


def timed(call: Callable[[], object], repeats: list) -> list[float]:
    samples = []
    for args in repeats:
        began = time.perf_counter()
        call(*args)
        samples.append(time.perf_counter() - began)
    return samples


def directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def workloads(corpus: Corpus, rng: random.Random, count: int) -> dict[str, list[tuple]]:
    mid = corpus.vocabulary[60:3000]  # content words, not the very commonest
    picks = rng.sample(corpus.statements, count)

    def content(statement: Statement) -> list[str]:
        words = [w.strip(".").lower() for w in statement.text.split()]
        return [w for w in words if w in set(mid)] or [rng.choice(mid)]

    pairs = []
    phrases = []
    for statement in picks:
        words = content(statement)
        pairs.append(rng.sample(words, 2) if len(set(words)) > 1 else [words[0], rng.choice(mid)])
        tokens = [w.strip(".").lower() for w in statement.text.split()]
        at = rng.randrange(0, len(tokens) - 1)
        phrases.append(tokens[at:at + 2])
    speakers = [rng.choice(corpus.speakers[:400]) for _ in range(count)]
    spans = []
    for _ in range(count):
        since = date(2000, 1, 1) + timedelta(days=rng.randint(0, 8000))
        spans.append((since, since + timedelta(days=rng.randint(30, 3 * 365))))
    return {
        "one word": [([rng.choice(mid)],) for _ in range(count)],
        "two words (AND)": [(pair,) for pair in pairs],
        "phrase": [(phrase,) for phrase in phrases],
        "word + speaker": [(rng.choice(mid[:500]), s) for s in speakers],
        "word + date range": [(rng.choice(mid[:500]), *span) for span in spans],
        "latest by speaker": [(s,) for s in speakers],
        "autocomplete": [(s.split()[rng.randint(0, 1)][: rng.randint(2, 5)],) for s in speakers],
    }


def bench(size: int, count: int, keep: Path | None) -> Run:
    run = Run(size)
    print(f"== {size:,} statements: generating", file=sys.stderr, flush=True)
    corpus = make_corpus(size)
    work = Path(tempfile.mkdtemp(prefix="onrecord-bench-", dir=keep))
    try:
        whoosh_dir = work / "whoosh"
        print("   building Whoosh", file=sys.stderr, flush=True)
        began = time.perf_counter()
        index_statements(corpus.articles, whoosh_dir)
        run.ingest["Whoosh"] = size / (time.perf_counter() - began)
        run.bytes["Whoosh"] = directory_bytes(whoosh_dir)
        print("   building FTS5", file=sys.stderr, flush=True)
        fts_path = work / "fts.sqlite"
        began = time.perf_counter()
        build_fts(corpus, fts_path).close()
        run.ingest["FTS5"] = size / (time.perf_counter() - began)
        run.bytes["FTS5"] = fts_path.stat().st_size
        # The queries, then drop the generated corpus: a service process does not hold
        # 100,000 Statement objects, and Python's full collections would walk them all in
        # the middle of timed queries (pauses that are the benchmark's, not the engines').
        loads = workloads(corpus, random.Random(11), count)
        del corpus
        gc.collect()

        began = time.perf_counter()
        service = SearchService(whoosh_dir)
        service.search("security cooperation")
        run.cold["Whoosh"] = (time.perf_counter() - began) * 1000
        began = time.perf_counter()
        fts = Fts(fts_path)
        fts.words(["security", "cooperation"])
        run.cold["FTS5"] = (time.perf_counter() - began) * 1000

        whoosh_calls: dict[str, Callable[..., object]] = {
            "one word": lambda words: service.search(" ".join(words)),
            "two words (AND)": lambda words: service.search(" ".join(words)),
            "phrase": lambda words: service.search('"' + " ".join(words) + '"'),
            "word + speaker": lambda word, who: service.search(word, speaker=who),
            "word + date range": lambda word, a, b: service.search(word, since=a, until=b),
            "latest by speaker": lambda who: service.latest(who),
            "autocomplete": lambda prefix: service.speakers(prefix, limit=25),
        }
        fts_calls: dict[str, Callable[..., object]] = {
            "one word": fts.words, "two words (AND)": fts.words, "phrase": fts.phrase,
            "word + speaker": fts.speaker, "word + date range": fts.dates,
            "latest by speaker": fts.latest, "autocomplete": fts.autocomplete,
        }
        for name, repeats in loads.items():
            print(f"   querying: {name}", file=sys.stderr, flush=True)
            for engine, calls in (("Whoosh", whoosh_calls), ("FTS5", fts_calls)):
                timed(calls[name], repeats[: max(5, count // 10)])  # warm up
                run.latency[(engine, name)] = percentiles(timed(calls[name], repeats))
        service.close()
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return run


def table(runs: list[Run]) -> str:
    lines = []
    for run in runs:
        lines.append(f"### {run.size:,} statements\n")
        lines.append("| measure | Whoosh (ours) | FTS5 | Whoosh / FTS5 |")
        lines.append("| --- | ---: | ---: | ---: |")
        w, f = run.ingest["Whoosh"], run.ingest["FTS5"]
        lines.append(f"| ingest, statements/s | {w:,.0f} | {f:,.0f} | {w / f:.2f} |")
        w, f = run.bytes["Whoosh"], run.bytes["FTS5"]
        lines.append(f"| index size, MB | {w / 1e6:.1f} | {f / 1e6:.1f} | {w / f:.2f} |")
        w, f = run.cold["Whoosh"], run.cold["FTS5"]
        lines.append(f"| cold open + first query, ms | {w:.0f} | {f:.1f} | {w / f:.1f} |")
        names = dict.fromkeys(name for _, name in run.latency)
        for name in names:
            wp = run.latency[("Whoosh", name)]
            fp = run.latency[("FTS5", name)]
            ratio = wp[2] / fp[2] if fp[2] else float("inf")
            lines.append(
                f"| {name}: p50 / p95 / p99 ms | {wp[0]:.1f} / {wp[1]:.1f} / {wp[2]:.1f} "
                f"| {fp[0]:.1f} / {fp[1]:.1f} / {fp[2]:.1f} | {ratio:.2f} (p99) |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300, help="queries per type")
    parser.add_argument("--keep", type=Path, help="build inside this folder and keep it")
    parser.add_argument("--write", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    runs = [bench(size, args.queries, args.keep) for size in args.sizes]
    machine = f"{platform.machine()}, {__import__('os').cpu_count()} CPUs, " \
              f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    text = f"Machine: {machine}\n\n{table(runs)}"
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
