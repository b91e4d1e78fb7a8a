"""Quoted content on real news: PolNeAR scored by the shared scorer, with error classes and speed.

    POLNEAR_GIT=/path/to/PolNeAR .venv/bin/python benchmarks/polnear.py [--split train|dev]
        [--scorer PATH] [--show N]

The scorer is not part of this repository: its path comes from `--scorer`, else the
POLNEAR_SCORER environment variable, else `../shared/eval/polnear.py` beside the clone. The
official figures are the scorer's own line, computed on exactly the output timed here: the
extract command runs once over the split's articles (end to end: process start, files read,
statements printed), and the scorer then reads that output back through `--replay`.

Error classes need more than the scorer prints, so the benchmark reloads the gold through the
scorer's own `load` and `dice`, pairs them again the scorer's way and asks, for every miss,
whether the quote finder saw the span at all. Use `train` to study and `dev` to report; the
`test` split is never read.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from search_index.articles.loading import load_article
from search_index.extraction.quotes import find_quotes

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "polnear.py"
THRESHOLD = 0.5  # the scorer's default match threshold
NEAR = 0.2  # a statement this close to a gold quote is the same quote with boundaries off
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "who", "which", "that", "his", "her"}

Record = dict[str, Any]


def _scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("polnear_scorer", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pair(gold: list[Record], pred: list[Record], dice: Callable[[str, str], float]
          ) -> list[tuple[int, int]]:
    """(prediction, gold) index pairs, one to one per file, best first: the scorer's rule."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for name in sorted({g["file"] for g in gold}):
        gs = [j for j, g in enumerate(gold) if g["file"] == name]
        ps = [i for i, p in enumerate(pred) if p["file"] == name]
        cand = sorted(((dice(pred[i].get("text", ""), gold[j]["quoted"]), i, j)
                       for i in ps for j in gs), reverse=True)
        taken: set[int] = set()
        for score, i, j in cand:
            if score < THRESHOLD:
                break
            if i in used or j in taken:
                continue
            used.add(i)
            taken.add(j)
            pairs.append((i, j))
    return pairs


def _classify_missed(g: Record, pred: list[Record], matched_pred: set[int], spans: list[str],
                     dice: Callable[[str, str], float]) -> str:
    near = [i for i, p in enumerate(pred) if p["file"] == g["file"]
            and dice(p.get("text", ""), g["quoted"]) >= NEAR]
    if any(i not in matched_pred for i in near):
        return "boundaries off (a statement overlaps it)"
    if near:
        return "merged into another quote's statement"
    if any(dice(s, g["quoted"]) >= THRESHOLD for s in spans):
        return "span found but dropped"
    if any(dice(s, g["quoted"]) >= NEAR for s in spans):
        return "span found, boundaries off, dropped"
    return "no quote span found"


def _classify_extra(p: Record, gold: list[Record], matched_gold: set[int],
                    dice: Callable[[str, str], float]) -> str:
    scores = [(dice(p.get("text", ""), g["quoted"]), j) for j, g in enumerate(gold)
              if g["file"] == p["file"]]
    best = max(scores, default=(0.0, -1))
    if best[0] >= THRESHOLD and best[1] in matched_gold:
        return "duplicate of a matched quote"
    if best[0] >= NEAR:
        return "boundaries off"
    words = str(p.get("text", "")).split()
    if len(words) <= 4:
        return "short fragment (scare quotes, title, name)"
    return "quote not annotated as speech"


def _classify_source(g: Record, p: Record) -> str:
    head = (g["source"] or "").lower().split()[-1:] or [""]
    if head[0].strip(",.") in _PRONOUNS:
        return "pronoun left unresolved"
    if p.get("speaker_kind") not in (None, "person"):
        return f"gold a person, got {p.get('speaker_kind')}"
    if not str(g["source"] or "")[:1].isupper() and not any(
            w[:1].isupper() for w in str(g["source"] or "").split()):
        return "gold an unnamed source or organisation"
    if not p.get("speaker"):
        return "no speaker"
    return "another named person"


def _table(title: str, counts: Counter[str]) -> list[str]:
    lines = [f"{title} ({sum(counts.values())})"]
    lines.extend(f"  {n:5d}  {label}" for label, n in counts.most_common())
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--scorer", type=Path,
                        default=Path(os.environ.get("POLNEAR_SCORER", DEFAULT_SCORER)))
    onrecord = ROOT / ".venv" / "bin" / "onrecord"
    parser.add_argument("--command", default=f"{onrecord} extract --json",
                        help="the extract command; the articles' folder is appended")
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="print N examples of each error class")
    parser.add_argument("--replay", type=Path, help=argparse.SUPPRESS)
    args, _rest = parser.parse_known_args()
    if args.replay is not None:  # the scorer's extract command: print the timed output again
        sys.stdout.write(args.replay.read_text(encoding="utf-8"))
        return 0
    repo = os.environ.get("POLNEAR_GIT")
    if not repo or not Path(repo).exists():
        print("POLNEAR_GIT is not set to a fetched PolNeAR repository", file=sys.stderr)
        return 2
    if not args.scorer.exists():
        print(f"no scorer at {args.scorer}: pass --scorer or set POLNEAR_SCORER", file=sys.stderr)
        return 2
    scorer = _scorer(args.scorer)
    texts, gold = scorer.load(repo, args.split)

    with tempfile.TemporaryDirectory() as folder:
        for name, text in texts.items():
            Path(folder, name).write_text(text, encoding="utf-8")
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        run = subprocess.run([*args.command.split(), folder], capture_output=True, text=True,
                             check=False)
        seconds = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime
               + cpu_after.ru_stime - cpu_before.ru_stime)
        output = Path(folder, "..", f"polnear-{os.getpid()}.jsonl").resolve()
        output.write_text(run.stdout, encoding="utf-8")
        try:
            replay = f"{sys.executable} {Path(__file__).resolve()} --replay {output}"
            official = subprocess.run(
                [sys.executable, str(args.scorer), replay, "--split", args.split],
                capture_output=True, text=True, check=False, env={**os.environ})
        finally:
            output.unlink()
        spans = {name: [] for name in texts}
        for name in texts:
            article = load_article(Path(folder, name))
            spans[name] = [article.text[q.start:q.end]
                           for q in find_quotes(article.text, article.paragraphs)]

    if run.returncode != 0:
        print(f"extract exited {run.returncode}: {run.stderr[-300:]}", file=sys.stderr)
    pred: list[Record] = []
    for line in run.stdout.splitlines():
        record = json.loads(line)
        if record.get("kind", "direct") in ("direct", "partial"):
            record["file"] = Path(str(record.get("file") or "")).name
            pred.append(record)
    gold_files = {g["file"] for g in gold}
    pred = [p for p in pred if p["file"] in gold_files]
    pairs = _pair(gold, pred, scorer.dice)
    matched_pred = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}

    missed: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for j, g in enumerate(gold):
        if j not in matched_gold:
            label = _classify_missed(g, pred, matched_pred, spans[g["file"]], scorer.dice)
            missed[label] += 1
            examples.setdefault(label, []).append(f"{g['file']} [{g['source']}] {g['quoted'][:90]}")
    for i, p in enumerate(pred):
        if i not in matched_pred:
            label = _classify_extra(p, gold, matched_gold, scorer.dice)
            extra[label] += 1
            examples.setdefault(label, []).append(
                f"{p['file']} [{p.get('speaker')}] {str(p.get('text'))[:90]}")
    for i, j in pairs:
        if not scorer.source_ok(gold[j], pred[i]):
            label = _classify_source(gold[j], pred[i])
            wrong[label] += 1
            examples.setdefault(label, []).append(
                f"{gold[j]['file']} gold [{gold[j]['source']}] got [{pred[i].get('speaker')}"
                f" / {pred[i].get('speaker_mention')}] {gold[j]['quoted'][:60]}")

    print(official.stdout.strip() or official.stderr.strip()[-300:])
    lines = [*_table("missed gold", missed), *_table("extra statements", extra),
             *_table("wrong source", wrong)]
    print("\n".join(lines))
    rate = len(texts) / seconds if seconds else 0.0
    # The machine is shared: wall time depends on the load, CPU time much less.
    print(f"speed: {len(texts)} articles in {seconds:.1f} s end to end = {rate:.1f} articles/s "
          f"({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}); "
          f"{cpu:.1f} CPU s = {len(texts) / cpu if cpu else 0.0:.1f} articles per CPU second")
    if args.show:
        for label, items in examples.items():
            print(f"\n== {label}")
            for item in items[:args.show]:
                print(f"   {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
