"""What one OnRecord search process holds: statements, memory, and queries per second.

For each corpus size this builds an index of synthetic statements (search_bench's generator),
then starts fresh processes that open it read-only through `SearchService`, as a bot process
does, and measures:

- memory: resident set size (RSS) after imports, after opening and answering one query, after
  a warm-up over the whole query mix, and the process's peak;
- saturation: one process answering the mix back to back (SearchService serialises calls with
  one lock, so a process uses about one core) and two such processes at once (this machine's
  cores), in queries per second;
- latency under load: queries arriving at random (Poisson) at fixed fractions of saturation,
  answered by a pool of worker threads as the bot's `asyncio.to_thread` does, so the times
  include waiting for the lock: p50 / p95 / p99 per rate.

The mix is what a busy server sends: searches (one word, two words, a phrase, with a speaker
or a date range), /latest, /whosaid and /timeline when the service has them, and speaker
autocomplete (several keystrokes per command). A benchmark, not a test: run it by hand, in
the background for the larger sizes.

    .venv/bin/python benchmarks/capacity_bench.py --sizes 100000 300000 --write var/capacity.md
    .venv/bin/python benchmarks/capacity_bench.py --reuse var/bench/search-100000 --seconds 10

With --workers N the offered load goes through a pool of N search processes
(search_index.search.pool, as `onrecord run` serves), and --rates compares designs at the same
fixed rates on a machine whose saturation moves between runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

# How often each kind of call arrives, per 100 calls. Autocomplete fires while members type a
# speaker's name, so it is frequent; the rest follows the commands' expected use.
MIX = {
    "one word": 18,
    "two words (AND)": 14,
    "phrase": 6,
    "word + speaker": 10,
    "word + date range": 6,
    "/latest": 10,
    "/whosaid": 6,
    "/timeline": 4,
    "autocomplete": 26,
}
LOAD_FRACTIONS = (0.3, 0.5, 0.7, 0.85)
WORKER_THREADS = 8  # the size of a small asyncio default executor
AUTOCOMPLETE_THREADS = 2  # the bot's own for autocomplete


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the parent: build, then probe in fresh processes ------------------------------------------


def build(size: int, work: Path, queries: int) -> dict[str, Any]:
    from search_bench import directory_bytes, make_corpus, workloads

    from search_index.index.ingest import index_statements

    print(f"== {size:,} statements: generating", file=sys.stderr, flush=True)
    corpus = make_corpus(size)
    rng = random.Random(11)
    loads = workloads(corpus, rng, queries)
    index_dir = work / f"index-{size}"
    print(f"   building the index in {index_dir}", file=sys.stderr, flush=True)
    began = time.perf_counter()
    index_statements(corpus.articles, index_dir)
    seconds = time.perf_counter() - began
    workload = work / f"workload-{size}.json"
    workload.write_text(json.dumps(loads, default=str), encoding="utf-8")
    statements = len(corpus.statements)
    del corpus
    return {
        "size": statements,
        "build_s": seconds,
        "ingest_per_s": statements / seconds,
        "index_mb": directory_bytes(index_dir) / 1e6,
        "index_dir": str(index_dir),
        "workload": str(workload),
    }


def probe(index_dir: str, workload: str, mode: str, seconds: float, rate: float = 0.0,
          workers: int = 0) -> dict:
    command = [sys.executable, __file__, "--probe", index_dir, workload, mode, str(seconds),
               str(rate), str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"probe failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def probe_pair(index_dir: str, workload: str, seconds: float) -> list[dict]:
    """Two saturating processes at once: what this machine's two cores give together."""
    command = [sys.executable, __file__, "--probe", index_dir, workload, "saturate",
               str(seconds), "0", "0"]
    running = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for _ in range(2)]
    results = []
    for process in running:
        out, err = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"probe failed: {err[-2000:]}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def reuse(folder: Path) -> dict[str, Any]:
    """An index and workload that search_bench.py built (its --work folder for one size)."""
    facts = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    return {
        "size": facts["size"],
        "build_s": facts["size"] / facts["Whoosh ingest/s"],
        "ingest_per_s": facts["Whoosh ingest/s"],
        "index_mb": facts["Whoosh MB"],
        "index_dir": str(folder / "whoosh"),
        "workload": str(folder / "workload.json"),
        "reused": True,
    }


def measure(size: int, work: Path, queries: int, seconds: float,
            reused: Path | None = None, fractions: tuple[float, ...] = LOAD_FRACTIONS,
            workers: int = 0, rates: tuple[float, ...] = ()) -> dict[str, Any]:
    run = reuse(reused) if reused else build(size, work, queries)
    print("   one process, back to back", file=sys.stderr, flush=True)
    run["single"] = probe(run["index_dir"], run["workload"], "saturate", seconds)
    print("   two processes, back to back", file=sys.stderr, flush=True)
    run["pair"] = probe_pair(run["index_dir"], run["workload"], seconds)
    saturation = run["single"]["qps"]
    run["load"] = []
    # Fixed rates compare designs on a shared machine, where saturation moves between runs.
    for rate in rates or tuple(saturation * fraction for fraction in fractions):
        print(f"   open load at {rate:.1f} calls/s", file=sys.stderr, flush=True)
        result = probe(run["index_dir"], run["workload"], "load", seconds, rate, workers)
        result["fraction"] = rate / saturation
        result["workers"] = workers
        run["load"].append(result)
    if not run.get("reused"):
        shutil.rmtree(run["index_dir"], ignore_errors=True)
    return run


# -- the child: one search process -------------------------------------------------------------


def calls_for(service: Any) -> dict[str, Callable[..., object]]:
    def day(value: str) -> date:
        return date.fromisoformat(value)

    calls: dict[str, Callable[..., object]] = {
        "one word": lambda words: service.search(" ".join(words)),
        "two words (AND)": lambda words: service.search(" ".join(words)),
        "phrase": lambda words: service.search('"' + " ".join(words) + '"'),
        "word + speaker": lambda word, who: service.search(word, speaker=who),
        "word + date range": lambda word, a, b: service.search(word, since=day(a), until=day(b)),
        "/latest": lambda who: service.latest(who),
        "autocomplete": lambda prefix: service.speakers(prefix, limit=25),
        "/whosaid": lambda words: service.whosaid(" ".join(words)),
        "/timeline": lambda who: service.timeline(speaker=who),
    }
    return calls


def mixed(loads: dict[str, list], calls: dict, rng: random.Random, count: int) -> list:
    kinds = [kind for kind in MIX if kind in calls]
    weights = [MIX[kind] for kind in kinds]
    picked = rng.choices(kinds, weights=weights, k=count)
    return [(kind, rng.choice(loads[kind])) for kind in picked]


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    if not ordered:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0, "n": 0}

    def at(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 2)

    return {"p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "n": len(ordered)}


def child(index_dir: str, workload: str, mode: str, seconds: float, rate: float,
          workers: int = 0) -> dict:
    from search_index.search.pool import SearchPool
    from search_index.search.service import SearchService

    memory = {"imports_mb": rss_mb()}
    loads = json.loads(Path(workload).read_text(encoding="utf-8"))
    # workers > 0: the calls go through a pool of search processes, as `onrecord run` does
    service: Any = (SearchPool(Path(index_dir), workers=workers) if workers
                    else SearchService(Path(index_dir)))
    began = time.perf_counter()
    service.search("security cooperation")
    cold_ms = (time.perf_counter() - began) * 1000
    memory["open_mb"] = rss_mb()
    calls = calls_for(service)
    rng = random.Random(os.getpid())
    for kind, args in mixed(loads, calls, rng, 400):  # warm: every speaker list, the vocabulary
        calls[kind](*args)
    memory["warm_mb"] = rss_mb()
    plan = mixed(loads, calls, rng, 200_000)
    by_kind: dict[str, list[float]] = defaultdict(list)
    overall: list[float] = []
    if mode == "saturate":
        deadline = time.perf_counter() + seconds
        done = 0
        started = time.perf_counter()
        while time.perf_counter() < deadline:
            kind, args = plan[done % len(plan)]
            t0 = time.perf_counter()
            calls[kind](*args)
            elapsed = time.perf_counter() - t0
            by_kind[kind].append(elapsed)
            overall.append(elapsed)
            done += 1
        qps = done / (time.perf_counter() - started)
    else:
        qps = offered(plan, calls, rate, seconds, by_kind, overall)
    memory["peak_mb"] = peak_mb()
    service.close()
    return {
        "mode": mode,
        "rate": rate,
        "qps": qps,
        "cold_ms": cold_ms,
        "memory": memory,
        "overall": percentiles(overall),
        "kinds": {kind: percentiles(samples) for kind, samples in by_kind.items()},
    }


def offered(
    plan: list, calls: dict, rate: float, seconds: float,
    by_kind: dict[str, list[float]], overall: list[float],
) -> float:
    """Poisson arrivals at `rate` per second; each response time counts from its arrival."""
    rng = random.Random(5)
    lock = threading.Lock()

    def answer(kind: str, args: list, arrived: float) -> None:
        calls[kind](*args)
        elapsed = time.perf_counter() - arrived
        with lock:
            by_kind[kind].append(elapsed)
            overall.append(elapsed)

    started = time.perf_counter()
    next_at = started
    sent = 0
    # Autocomplete on threads of its own, as the bot's (bot/discord/autocomplete.py) does.
    with ThreadPoolExecutor(max_workers=WORKER_THREADS) as pool, \
            ThreadPoolExecutor(max_workers=AUTOCOMPLETE_THREADS) as typing_pool:
        while next_at < started + seconds:
            now = time.perf_counter()
            if next_at > now:
                time.sleep(next_at - now)
            kind, args = plan[sent % len(plan)]
            (typing_pool if kind == "autocomplete" else pool).submit(answer, kind, args, next_at)
            sent += 1
            next_at += rng.expovariate(rate)
    return sent / seconds


# -- the report --------------------------------------------------------------------------------


def report(runs: list[dict[str, Any]], machine: str, command: str) -> str:
    lines = [f"Machine: {machine}", f"Command: `{command}`", ""]
    for run in runs:
        single, pair = run["single"], run["pair"]
        memory = single["memory"]
        lines += [
            f"### {run['size']:,} statements",
            "",
            "| measure | value |",
            "| --- | ---: |",
            f"| build, statements/s (2 writer processes) | {run['ingest_per_s']:,.0f} |",
            f"| build time, s | {run['build_s']:,.0f} |",
            f"| index on disk, MB | {run['index_mb']:,.0f} |",
            f"| cold open + first query, ms | {single['cold_ms']:,.0f} |",
            f"| RSS after imports / open / warm / peak, MB | {memory['imports_mb']:.0f} / "
            f"{memory['open_mb']:.0f} / {memory['warm_mb']:.0f} / {memory['peak_mb']:.0f} |",
            f"| one process, back to back, queries/s | {single['qps']:,.1f} |",
            f"| two processes, back to back, queries/s (sum) | "
            f"{sum(p['qps'] for p in pair):,.1f} |",
            f"| one process, back to back, mix p50 / p95 / p99 ms | "
            f"{_triple(single['overall'])} |",
            "",
            "| call (back to back, one process) | p50 / p95 / p99 ms |",
            "| --- | ---: |",
        ]
        for kind, stats in sorted(single["kinds"].items(), key=lambda item: MIX.get(item[0], 0),
                                  reverse=True):
            lines.append(f"| {kind} | {_triple(stats)} |")
        served_by = (f"a pool of {run['load'][0]['workers']} search processes"
                     if run["load"] and run["load"][0].get("workers") else "one process")
        lines += ["", f"Offered load, answered by {served_by}:", "",
                  "| offered load, queries/s (share of one process's saturation) "
                  "| response p50 / p95 / p99 ms | autocomplete, /latest p99 ms "
                  "| slowest kind's p99 ms |",
                  "| --- | ---: | ---: | ---: |"]
        for load in run["load"]:
            kinds = load["kinds"]
            kind, worst = max(kinds.items(), key=lambda item: item[1]["p99"])
            cheap = " / ".join(f"{kinds[k]['p99']:.1f}" if k in kinds else "-"
                               for k in ("autocomplete", "/latest"))
            lines.append(f"| {load['qps']:,.1f} ({load['fraction']:.0%}) | "
                         f"{_triple(load['overall'])} | {cheap} | {kind} {worst['p99']:.1f} |")
        lines.append("")
    return "\n".join(lines)


def _triple(stats: dict[str, float]) -> str:
    return f"{stats['p50']:.1f} / {stats['p95']:.1f} / {stats['p99']:.1f}"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--probe"]:
        index_dir, workload, mode, seconds, rate, workers = argv[1:7]
        print(json.dumps(child(index_dir, workload, mode, float(seconds), float(rate),
                               int(workers))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000])
    parser.add_argument("--queries", type=int, default=300, help="distinct queries per kind")
    parser.add_argument("--seconds", type=float, default=15.0, help="per measurement")
    parser.add_argument("--work", type=Path, help="build inside this folder (default: /tmp)")
    parser.add_argument("--write", type=Path, help="also write the report to this file")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    parser.add_argument("--fractions", type=float, nargs="+", default=list(LOAD_FRACTIONS),
                        help="offered load as shares of one process's saturation")
    parser.add_argument("--rates", type=float, nargs="+", default=[],
                        help="offered load in calls/s instead of --fractions")
    parser.add_argument("--workers", type=int, default=0,
                        help="answer the offered load through a pool of this many search "
                             "processes (search_index.search.pool); saturation stays one "
                             "process's")
    parser.add_argument("--reuse", type=Path, nargs="+",
                        help="search_bench.py's built folders (var/bench/search-N) instead of "
                             "building: one a size, and --sizes is ignored")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="onrecord-capacity-", dir=args.work))
    runs = []
    try:
        for size, reused in (((0, r) for r in args.reuse) if args.reuse
                             else ((size, None) for size in args.sizes)):
            runs.append(measure(size, work, args.queries, args.seconds, reused,
                                tuple(args.fractions), args.workers, tuple(args.rates)))
            if args.json:
                args.json.write_text(json.dumps(runs, indent=2), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    machine = (f"{platform.machine()}, {os.cpu_count()} CPUs, "
               f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
               f"Python {platform.python_version()}")
    command = ".venv/bin/python benchmarks/capacity_bench.py " + " ".join(argv)
    text = report(runs, machine, command)
    print(text)
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
