"""Load: the real bot, through the real discord.py client, against the Discord protocol double,
over a 100,000-statement index, with N members asking at once.

Each simulated member sends /quote, /latest or an autocomplete, waits for the answer, pauses,
and asks again, for a bounded time per N. By default the pause is 2-6 s (a member asking as
often as the bot's cooldown allows, 5 commands in 20 s); `--pause 0` asks again at once, the
worst case, where latency is simply members / throughput. Per N it
reports requests answered and lost, time to the first response (Discord's 3 s rule) and to the
final answer, event-loop lag (a ticker task), and peak memory. This is a benchmark, not a test.

    .venv/bin/python benchmarks/load_bench.py                      # N = 1, 10, 50, 200
    .venv/bin/python benchmarks/load_bench.py --members 50 --seconds 30
    .venv/bin/python benchmarks/load_bench.py --pause 0 0            # back to back

The index is built once from benchmarks/search_bench.py's synthetic corpus and kept under
var/bench/. The double, the bot and the members share one process and one event loop, as in
the end-to-end tests: the times include the double's own work.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import platform
import random
import resource
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from discord_double import DiscordDouble  # noqa: E402
from e2e_harness import running_client  # noqa: E402
from search_bench import HEAD, make_corpus  # noqa: E402
from whoosh import index as whoosh_index  # noqa: E402

from bot.discord.app import create_bot  # noqa: E402
from bot.discord.endpoints import restore_default_endpoints  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from search_index.index.ingest import index_statements  # noqa: E402
from search_index.search.service import SearchService  # noqa: E402

CACHE = ROOT / "var" / "bench"
ANSWER_WAIT_S = 15.0  # an answer later than this counts as lost
TICK_S = 0.05
TOPIC_WORDS = [word for word in HEAD if len(word) > 4]


def cached_index(size: int) -> Path:
    index_dir = CACHE / f"load-{size}"
    if whoosh_index.exists_in(str(index_dir)):
        return index_dir
    print(f"building the {size:,}-statement index once under {index_dir} ...", file=sys.stderr)
    began = time.perf_counter()
    index_statements(make_corpus(size).articles, index_dir)
    print(f"  built in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    return index_dir


class TimedService(SearchService):
    """The real service, adding up the time its calls hold the index (they run one at a
    time under its lock): busy / wall time is how close the lock is to saturation."""

    busy = 0.0

    def _run(self, call):  # type: ignore[no-untyped-def]
        def timed(view):  # type: ignore[no-untyped-def]
            began = time.perf_counter()
            try:
                return call(view)
            finally:
                self.busy += time.perf_counter() - began

        return super()._run(timed)


@dataclass
class Sample:
    kind: str
    first: float  # seconds from dispatch to the bot's first callback
    final: float  # seconds from dispatch to the answer the member ends up reading
    empty: bool = False  # an autocomplete answered with no choices


@dataclass
class Round:
    members: int
    seconds: float
    samples: list[Sample] = field(default_factory=list)
    lost: int = 0
    lags: list[float] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    peak_mb: float = 0.0
    index_busy: float = 0.0  # share of the wall time the index lock was held


async def member(double: DiscordDouble, speakers: list[str], rng: random.Random,
                 deadline: float, pause: tuple[float, float], result: Round) -> None:
    loop = asyncio.get_running_loop()
    user = double.make_user(f"member{rng.random():.6f}")
    await asyncio.sleep(rng.uniform(0, pause[1]))  # members do not all start on the same tick
    while loop.time() < deadline:
        kind = rng.choices(["quote", "latest", "autocomplete"], weights=[5, 2, 3])[0]
        try:
            if kind == "quote":
                words = " ".join(rng.sample(TOPIC_WORDS, rng.choice([1, 1, 2])))
                record = await double.send_command("quote", {"query": words}, user=user)
            elif kind == "latest":
                record = await double.send_command(
                    "latest", {"speaker": rng.choice(speakers)}, user=user
                )
            else:
                typed = rng.choice(speakers)[: rng.randint(2, 6)]
                record = await double.send_autocomplete("latest", {"speaker": typed}, user=user)
            if kind == "autocomplete":
                empty = not await record.autocomplete_choices(timeout=ANSWER_WAIT_S)
            else:
                empty = False
                await record.reply(timeout=ANSWER_WAIT_S)
        except AssertionError:  # the double timed out waiting: the member saw nothing
            result.lost += 1
            continue
        final = loop.time() - record.dispatched_at
        result.samples.append(
            Sample(kind, record.responses[0].seconds_after_dispatch, final, empty)
        )
        await asyncio.sleep(rng.uniform(*pause))


async def ticker(lags: list[float], stop: asyncio.Event) -> None:
    """How late the event loop wakes a task that asked to sleep TICK_S."""
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        before = loop.time()
        await asyncio.sleep(TICK_S)
        lags.append(max(0.0, loop.time() - before - TICK_S))


async def run_round(double: DiscordDouble, service: TimedService, speakers: list[str],
                    members: int, seconds: float, pause: tuple[float, float]) -> Round:
    result = Round(members, seconds)
    busy_before = service.busy
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    tick = asyncio.create_task(ticker(result.lags, stop))
    deadline = loop.time() + seconds
    rng = random.Random(members)
    await asyncio.gather(*(
        member(double, speakers, random.Random(rng.random()), deadline, pause, result)
        for _ in range(members)
    ))
    stop.set()
    await tick
    await double.settle()
    result.violations = [str(v) for v in double.take_violations()]
    result.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result.index_busy = (service.busy - busy_before) / seconds
    return result


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def row(result: Round) -> str:
    firsts = [s.first * 1000 for s in result.samples]
    finals = [s.final * 1000 for s in result.samples]
    lags = [lag * 1000 for lag in result.lags]
    late = sum(1 for s in result.samples if s.final > 3.0)
    empty = sum(1 for s in result.samples if s.empty)
    rate = len(result.samples) / result.seconds

    def trio(values: list[float]) -> str:
        return " / ".join(f"{percentile(values, p):,.0f}" for p in (0.5, 0.95, 0.99))

    return (f"| {result.members} | {len(result.samples):,} ({rate:,.0f}/s) | {empty} "
            f"| {result.lost} "
            f"| {len(result.violations)} | {trio(firsts)} | {trio(finals)} | {max(finals):,.0f} "
            f"| {late} | {statistics.mean(lags):.1f} / {max(lags):,.0f} "
            f"| {result.index_busy:.0%} | {result.peak_mb:,.0f} |")


HEADER = (
    "| members | answered (rate) | autocompletes with no choices | lost | Discord rules broken "
    "| first response p50 / p95 / p99 ms | final answer p50 / p95 / p99 ms | slowest final ms "
    "| final > 3 s | loop lag mean / max ms | index lock busy | peak RSS MB |\n"
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


async def bench(
    index_dir: Path, members: list[int], seconds: float, pause: tuple[float, float]
) -> list[Round]:
    double = DiscordDouble(heartbeat_interval_ms=41_250)  # Discord's usual interval
    await double.start()
    settings = load_settings(
        DISCORD_TOKEN=double.token, DISCORD_API_BASE=double.api_base,
        DISCORD_GATEWAY_URL=double.gateway_url, DISCORD_GUILD_ID=double.guild.id,
        ONRECORD_INDEX_DIR=str(index_dir),
    )
    service = TimedService(index_dir)
    service.stats()  # open the index before the clock starts, as a running bot has
    speakers = [speaker.name for speaker in service.speakers("", limit=100)]
    # Members never wait out the per-member cooldown here: the point is the work behind it.
    bot = create_bot(settings, service, cooldown_rate=1_000_000, cooldown_per=1.0)
    rounds: list[Round] = []
    try:
        async with running_client(bot, double):
            await double.wait_commands_synced()
            await run_round(double, service, speakers, 2, 2.0, (0.0, 0.0))  # warm up
            for count in members:
                print(f"  {count} members for {seconds:g} s ...", file=sys.stderr, flush=True)
                result = await run_round(double, service, speakers, count, seconds, pause)
                print(row(result), file=sys.stderr, flush=True)
                rounds.append(result)
    finally:
        restore_default_endpoints()
        await double.stop()
        service.close()
    return rounds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, nargs="+", default=[1, 10, 50, 200])
    parser.add_argument("--seconds", type=float, default=20.0, help="per N (20)")
    parser.add_argument("--size", type=int, default=100_000, help="statements (100,000)")
    parser.add_argument("--pause", type=float, nargs=2, default=[2.0, 6.0], metavar=("MIN", "MAX"),
                        help="seconds a member waits between commands (2 6)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("discord_double").setLevel(logging.CRITICAL)  # counted, not printed
    index_dir = cached_index(args.size)
    pause = (args.pause[0], args.pause[1])
    rounds = asyncio.run(bench(index_dir, args.members, args.seconds, pause))
    print(f"{args.size:,} statements, {args.seconds:g} s per N, pause {pause[0]:g}-{pause[1]:g} s "
          f"between a member's commands; {platform.machine()}, Python {platform.python_version()}")
    print()
    print(HEADER)
    for result in rounds:
        print(row(result))
    for result in rounds:
        for violation in result.violations[:3]:
            print(f"- N={result.members}: {violation}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
