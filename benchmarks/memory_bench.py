"""What a serving process holds, structure by structure, over an index search_bench.py built.

Opens the index as a bot process does, answers the benchmark's queries, and reports RSS
after the imports, after opening and warm, then the Python heap by the line that allocated it
(tracemalloc) and the sizes of the view's arrays. A benchmark, not a test: run it by hand.

    .venv/bin/python benchmarks/memory_bench.py var/bench/search-100000
"""

from __future__ import annotations

import argparse
import json
import sys
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="search_bench.py's folder for one size")
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args(argv)
    from search_index.search.service import SearchService

    lines = [f"RSS after imports: {rss_mb():.0f} MB"]
    tracemalloc.start()
    service = SearchService(args.folder / "whoosh")
    service.speakers("se")
    opened = tracemalloc.take_snapshot()
    lines.append(f"RSS after opening: {rss_mb():.0f} MB")
    loads = json.loads((args.folder / "workload.json").read_text(encoding="utf-8"))
    for words, in loads["two words (AND)"] + loads["phrase"]:
        service.search(" ".join(words))
    for word, since, until in loads["word + date range"]:
        service.search(word, since=date.fromisoformat(since), until=date.fromisoformat(until))
    for words, in loads["/whosaid"][:50]:
        service.whosaid(" ".join(words))
    warm = tracemalloc.take_snapshot()
    lines.append(f"RSS warm: {rss_mb():.0f} MB")
    view = service._searchers.view
    assert view is not None
    order = view.order
    lines.append(f"posting cache: {view.postings.held:,} postings held "
                 f"(budget {view.postings.budget:,})")
    arrays = order.statements_by_day.nbytes + order.days_in_order.nbytes
    lines.append(f"date order arrays: {arrays:,} bytes; "
                 f"sort days: {len(order.days) * order.days.itemsize:,} bytes")
    for label, snapshot in (("open", opened), ("warm", warm)):
        stats = snapshot.statistics("lineno")
        total = sum(stat.size for stat in stats)
        lines.append(f"\nPython heap {label}: {total / 1e6:.1f} MB; the largest by line:")
        for stat in stats[: args.top]:
            frame = stat.traceback[0]
            where = f"{Path(frame.filename).name}:{frame.lineno}"
            lines.append(f"  {stat.size / 1e6:7.2f} MB  {stat.count:>8,}  {where}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
