"""Speed and memory of the statement index: our Whoosh service against SQLite FTS5 (bm25).

Builds a synthetic corpus of realistic-looking statements (a Zipf-like vocabulary of news
words with a long tail of rarer words, ~2,000 speakers with Zipf-like activity, ~50 outlets,
dates over 25 years, 15-60 words each), indexes the same statements both ways ONCE under
--work (reused by later runs), then measures each engine in its own fresh processes:

- cold: a new process per query type opens the index and answers one query of that type
  (and, for Whoosh, the first query of that type after a /reindex-style refresh);
- uncached: every query type (each slash command's query, /whosaid and /timeline included),
  with the caches cleared before every timed query and no query repeated; "common pair" is
  two frequent words that no earlier query in the run used;
- as served: the same queries again without clearing, for the cache hit rate a live process
  would see (the old benchmark's figures were of this kind);
- memory: RSS after opening, after all the queries (warm) and the process's peak.

A benchmark, not a test: run it by hand.

    .venv/bin/python benchmarks/search_bench.py --size 100000 --queries 200
    .venv/bin/python benchmarks/search_bench.py --size 300000 --queries 100 --rebuild
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search_index.index.schema import day_number  # noqa: E402
from search_index.models import Article, DateBasis, Paragraph, Statement  # noqa: E402

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

    def whosaid(self, words: list[str]) -> int:
        """The same shape of work as our /whosaid: the exact phrase, then every word, then
        any word (three or more), up to 200 best candidates each, payloads read."""
        matches = ['"' + " ".join(words) + '"', " AND ".join(f'"{w}"' for w in words)]
        if len(set(words)) >= 3:
            matches.append(" OR ".join(f'"{w}"' for w in words))
        seen: set[int] = set()
        for match in matches:
            for rowid, payload in self.db.execute(
                    "SELECT fts.rowid, meta.payload FROM fts JOIN meta ON meta.rowid = fts.rowid "
                    "WHERE fts MATCH ? ORDER BY bm25(fts, 1.0, 0.6) LIMIT 200", (match,)):
                if rowid not in seen:
                    seen.add(rowid)
                    json.loads(payload)
            if len(seen) >= 10:
                break
        return len(seen)

    def timeline(self, speaker: str) -> int:
        """Statements a month for a speaker, with the first and the latest statement."""
        days = [day for (day,) in self.db.execute(
            "SELECT sort_day FROM meta WHERE speaker = ? ORDER BY sort_day", (speaker,))]
        months = Counter(day // 100 for day in days if day > 0)  # sort days are YYYYMMDD
        for order in ("ASC", "DESC"):
            self.db.execute(f"SELECT payload FROM meta WHERE speaker = ? AND sort_day > 0 "
                            f"ORDER BY sort_day {order} LIMIT 1", (speaker,)).fetchone()
        return len(months)


# -- the workload ------------------------------------------------------------------------------


def directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def workloads(corpus: Corpus, rng: random.Random, count: int) -> dict[str, list[tuple]]:
    """`count` queries of each type. Words are drawn so that no two queries of a type share
    their words where the vocabulary allows (a repeated word would be served from a cache)."""
    mid = corpus.vocabulary[60:3000]  # content words, not the very commonest
    mid_set = set(mid)
    picks = rng.sample(corpus.statements, count)

    def content(statement: Statement) -> list[str]:
        words = [w.strip(".").lower() for w in statement.text.split()]
        return [w for w in words if w in mid_set] or [rng.choice(mid)]

    pairs = []
    phrases = []
    for statement in picks:
        words = content(statement)
        pairs.append(rng.sample(words, 2) if len(set(words)) > 1 else [words[0], rng.choice(mid)])
        tokens = [w.strip(".").lower() for w in statement.text.split()]
        at = rng.randrange(0, len(tokens) - 1)
        phrases.append(tokens[at:at + 2])
    # Fresh common pairs: two of the most frequent content words, each pair asked once.
    common = list(dict.fromkeys(HEAD[40:]))
    fresh: list[list[str]] = []
    used: set[frozenset[str]] = set()
    while len(fresh) < count:
        pair = rng.sample(common, 2)
        if frozenset(pair) not in used:
            used.add(frozenset(pair))
            fresh.append(pair)
    singles = rng.sample(mid, min(count, len(mid)))
    speakers = rng.sample(corpus.speakers[:1500], min(count, 1500))
    spans = []
    for _ in range(count):
        since = date(2000, 1, 1) + timedelta(days=rng.randint(0, 8000))
        until = since + timedelta(days=rng.randint(30, 3 * 365))
        spans.append((since.isoformat(), until.isoformat()))
    return {
        "one word": [([word],) for word in singles],
        "two words (AND)": [(pair,) for pair in pairs],
        "common pair (AND)": [(pair,) for pair in fresh],
        "phrase": [(phrase,) for phrase in phrases],
        "word + speaker": [(rng.choice(mid[:500]), s) for s in speakers],
        "word + date range": [(rng.choice(mid[:500]), *span) for span in spans],
        "/latest": [(s,) for s in speakers],
        "autocomplete": [(s.split()[rng.randint(0, 1)][: rng.randint(2, 5)],) for s in speakers],
        "/whosaid": [([*phrase, rng.choice(corpus.vocabulary[60:600])],) for phrase in phrases],
        "/timeline": [(s,) for s in reversed(speakers)],
    }


# -- building once ---------------------------------------------------------------------------


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (a parallel build's second
    process): on a shared machine, the figure that does not depend on the neighbours."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def ingest_rows(facts: dict[str, Any]) -> list[str]:
    rows = []
    for label, key in (("ingest, statements/s", "ingest/s"),
                       ("ingest, CPU s per 1,000 statements", "CPU s/1k")):
        a, b = facts.get(f"Whoosh {key}"), facts.get(f"FTS5 {key}")
        if a is not None and b is not None:
            rows.append(f"| {label} | {a:,.2f} | {b:,.2f} | {a / b:.2f} |")
    return rows


def build(size: int, work: Path, count: int, rebuild: bool) -> dict[str, Any]:
    """The two indexes and the workload in `work`, built unless already there."""
    built = work / "build.json"
    if built.exists() and not rebuild:
        return json.loads(built.read_text(encoding="utf-8"))
    from search_index.index.ingest import index_statements

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print(f"== {size:,} statements: generating", file=sys.stderr, flush=True)
    corpus = make_corpus(size)
    loads = workloads(corpus, random.Random(11), count)
    (work / "workload.json").write_text(json.dumps(loads), encoding="utf-8")
    facts: dict[str, Any] = {"size": len(corpus.statements), "queries": count}
    print("   building Whoosh", file=sys.stderr, flush=True)
    began, cpu = time.perf_counter(), cpu_seconds()
    index_statements(corpus.articles, work / "whoosh")
    facts["Whoosh ingest/s"] = size / (time.perf_counter() - began)
    facts["Whoosh CPU s/1k"] = (cpu_seconds() - cpu) * 1000 / size
    facts["Whoosh load"] = os.getloadavg()[0]
    facts["Whoosh MB"] = directory_bytes(work / "whoosh") / 1e6
    print("   building FTS5", file=sys.stderr, flush=True)
    began, cpu = time.perf_counter(), cpu_seconds()
    build_fts(corpus, work / "fts.sqlite").close()
    facts["FTS5 ingest/s"] = size / (time.perf_counter() - began)
    facts["FTS5 CPU s/1k"] = (cpu_seconds() - cpu) * 1000 / size
    facts["FTS5 MB"] = (work / "fts.sqlite").stat().st_size / 1e6
    built.write_text(json.dumps(facts), encoding="utf-8")
    return facts


# -- the children: one engine in a fresh process -------------------------------------------------


def memory_mb() -> tuple[float, float]:
    """(RSS now, peak RSS) of this process, MB."""
    found = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                found[line.split(":")[0]] = int(line.split()[1]) / 1024
    return found.get("VmRSS", 0.0), found.get("VmHWM", 0.0)


class Engine:
    """One engine's calls per query type, and how to clear its caches."""

    calls: dict[str, Callable[..., object]]

    def clear(self) -> None:
        pass

    def refresh(self) -> None:
        pass

    def cache_counts(self) -> tuple[int, int]:
        return 0, 0


class WhooshEngine(Engine):
    def __init__(self, work: Path) -> None:
        from search_index.search.service import SearchService

        service = self.service = SearchService(work / "whoosh")
        day = date.fromisoformat
        self.calls = {
            "one word": lambda words: service.search(" ".join(words)),
            "two words (AND)": lambda words: service.search(" ".join(words)),
            "common pair (AND)": lambda words: service.search(" ".join(words)),
            "phrase": lambda words: service.search('"' + " ".join(words) + '"'),
            "word + speaker": lambda word, who: service.search(word, speaker=who),
            "word + date range": lambda word, a, b: service.search(word, since=day(a),
                                                                   until=day(b)),
            "/latest": lambda who: service.latest(who),
            "autocomplete": lambda prefix: service.speakers(prefix, limit=25),
            "/whosaid": lambda words: service.whosaid(" ".join(words)),
            "/timeline": lambda who: service.timeline(speaker=who),
        }

    def clear(self) -> None:
        self.service.clear_caches()

    def refresh(self) -> None:
        self.service.refresh()

    def cache_counts(self) -> tuple[int, int]:
        return self.service.cache_counts()


class FtsEngine(Engine):
    def __init__(self, work: Path) -> None:
        fts = self.fts = Fts(work / "fts.sqlite")
        day = date.fromisoformat
        self.calls = {
            "one word": fts.words, "two words (AND)": fts.words,
            "common pair (AND)": fts.words, "phrase": fts.phrase,
            "word + speaker": fts.speaker,
            "word + date range": lambda word, a, b: fts.dates(word, day(a), day(b)),
            "/latest": fts.latest, "autocomplete": fts.autocomplete,
            "/whosaid": fts.whosaid, "/timeline": fts.timeline,
        }


ENGINES: dict[str, Callable[[Path], Engine]] = {"Whoosh": WhooshEngine, "FTS5": FtsEngine}


def cold_child(engine_name: str, work: Path, kind: str) -> dict[str, Any]:
    """A fresh process: open, answer the first query of `kind`; then (a /reindex) refresh and
    answer the next query of `kind` on the new searcher."""
    loads = json.loads((work / "workload.json").read_text(encoding="utf-8"))[kind]
    import search_index.search.service  # noqa: F401 - a bot imports before it answers
    began = time.perf_counter()
    engine = ENGINES[engine_name](work)
    engine.calls[kind](*loads[0])
    first = (time.perf_counter() - began) * 1000
    began = time.perf_counter()
    engine.refresh()
    engine.calls[kind](*loads[1])
    return {"first_ms": first, "after_refresh_ms": (time.perf_counter() - began) * 1000}


def percentiles(samples: list[float]) -> list[float]:
    ordered = sorted(samples)

    def at(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return [at(0.50), at(0.95), at(0.99)]


def query_child(engine_name: str, work: Path) -> dict[str, Any]:
    loads = json.loads((work / "workload.json").read_text(encoding="utf-8"))
    engine = ENGINES[engine_name](work)
    engine.calls["autocomplete"]("se")  # open the index
    out: dict[str, Any] = {"rss_open": memory_mb()[0], "uncached": {}, "served": {}}
    for kind, repeats in loads.items():
        samples = []
        for args in repeats:
            engine.clear()
            began = time.perf_counter()
            engine.calls[kind](*args)
            samples.append(time.perf_counter() - began)
        out["uncached"][kind] = percentiles(samples)
    # As served: the same queries in one shuffled stream with the caches kept, as a live
    # process would see them (the earlier benchmark's figures were of this kind).
    stream = [(kind, args) for kind, repeats in loads.items() for args in repeats]
    random.Random(3).shuffle(stream)
    engine.clear()
    hits0, misses0 = engine.cache_counts()
    served: dict[str, list[float]] = {}
    for kind, args in stream:
        began = time.perf_counter()
        engine.calls[kind](*args)
        served.setdefault(kind, []).append(time.perf_counter() - began)
    hits, misses = engine.cache_counts()
    out["served"] = {kind: percentiles(samples) for kind, samples in served.items()}
    reads = (hits - hits0) + (misses - misses0)
    out["served_hit_rate"] = (hits - hits0) / reads if reads else 0.0
    out["rss_warm"], out["rss_peak"] = memory_mb()
    return out


def child(argv: list[str]) -> dict[str, Any]:
    mode, engine_name, work = argv[0], argv[1], Path(argv[2])
    if mode == "cold":
        return cold_child(engine_name, work, argv[3])
    return query_child(engine_name, work)


def run_child(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"child {args} failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the report --------------------------------------------------------------------------------


def _triple(values: list[float]) -> str:
    return " / ".join(f"{v:.1f}" for v in values)


def report(facts: dict[str, Any], results: dict[str, dict[str, Any]],
           cold: dict[tuple[str, str], dict[str, float]]) -> str:
    w, f = results["Whoosh"], results["FTS5"]
    lines = [f"### {facts['size']:,} statements, {facts['queries']} queries a type\n",
             "| measure | Whoosh (ours) | FTS5 | Whoosh / FTS5 |", "| --- | ---: | ---: | ---: |"]
    lines += ingest_rows(facts)
    a, b = facts["Whoosh MB"], facts["FTS5 MB"]
    lines.append(f"| index size, MB | {a:,.1f} | {b:,.1f} | {a / b:.2f} |")
    for label, key in (("RSS after open, MB", "rss_open"), ("RSS warm, MB", "rss_warm"),
                       ("RSS peak, MB", "rss_peak")):
        lines.append(f"| {label} | {w[key]:.0f} | {f[key]:.0f} | {w[key] / f[key]:.1f} |")
    lines.append(f"| posting cache hit rate as served | {w['served_hit_rate']:.0%} | - | - |")
    lines += ["", "Uncached (caches cleared before every query), p50 / p95 / p99 ms:", "",
              "| query | Whoosh (ours) | FTS5 | p99 ratio |", "| --- | ---: | ---: | ---: |"]
    for kind, wp in w["uncached"].items():
        fp = f["uncached"][kind]
        ratio = wp[2] / fp[2] if fp[2] else float("inf")
        lines.append(f"| {kind} | {_triple(wp)} | {_triple(fp)} | {ratio:.2f} |")
    lines += ["", "As served (the same queries shuffled, caches kept), p50 / p95 / p99 ms:", "",
              "| query | Whoosh (ours) | FTS5 |", "| --- | ---: | ---: |"]
    for kind, wp in w["served"].items():
        lines.append(f"| {kind} | {_triple(wp)} | {_triple(f['served'][kind])} |")
    lines += ["", "First query of a type in a fresh process (open included), and after a "
              "refresh (/reindex), ms:", "",
              "| query | Whoosh fresh | Whoosh after refresh | FTS5 fresh |",
              "| --- | ---: | ---: | ---: |"]
    for kind in w["uncached"]:
        a, b = cold[("Whoosh", kind)], cold[("FTS5", kind)]
        lines.append(f"| {kind} | {a['first_ms']:.0f} | {a['after_refresh_ms']:.0f} "
                     f"| {b['first_ms']:.1f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        print(json.dumps(child(argv[1:])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200, help="queries per type")
    parser.add_argument("--work", type=Path, default=ROOT / "var" / "bench",
                        help="folder the indexes are built in once and reused from")
    parser.add_argument("--rebuild", action="store_true", help="build the indexes again")
    parser.add_argument("--write", type=Path, help="also write the report to this file")
    parser.add_argument("--ingest-only", action="store_true",
                        help="build (or reuse) the indexes and report only the ingest rows")
    args = parser.parse_args(argv)
    work = args.work / f"search-{args.size}"
    facts = build(args.size, work, args.queries, args.rebuild)
    if args.ingest_only:
        load = facts.get("Whoosh load")
        print(f"{facts['size']:,} statements; load average {load:.1f} after the Whoosh build\n"
              if load is not None else f"{facts['size']:,} statements\n")
        print("| measure | Whoosh (ours) | FTS5 | Whoosh / FTS5 |\n| --- | ---: | ---: | ---: |")
        print("\n".join(ingest_rows(facts)))
        return 0
    results = {}
    cold = {}
    for engine in ENGINES:
        print(f"   {engine}: queries", file=sys.stderr, flush=True)
        results[engine] = run_child("query", engine, str(work))
        for kind in results[engine]["uncached"]:
            cold[(engine, kind)] = run_child("cold", engine, str(work), kind)
    machine = (f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
               f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, load average "
               f"{os.getloadavg()[0]:.1f} at the end")
    text = f"Machine: {machine}\n\n{report(facts, results, cold)}"
    print(text)
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
