"""`onrecord extract` and `onrecord evaluate`: print the statements found in articles, and
score extraction against hand-checked gold."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from search_index.extraction.evaluate import EvaluationReport, Miss, Score, evaluate_files
from search_index.extraction.parallel import extract_paths_parallel
from search_index.models import Statement


def register(subparsers: argparse._SubParsersAction) -> None:
    extract = subparsers.add_parser("extract", help="print the statements found in articles")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    extract.add_argument("--json", action="store_true", help="one JSON object a line")
    extract.add_argument("--workers", type=int, default=2, metavar="N",
                         help="processes for a large batch (default 2; 1 for one process)")
    extract.set_defaults(handler=run_extract)

    evaluate = subparsers.add_parser(
        "evaluate", help="score extraction against gold: quoted words, reported speech apart")
    evaluate.add_argument("gold", metavar="GOLD.jsonl", help="the gold statements")
    evaluate.add_argument("--articles", metavar="DIR", type=Path, default=None,
                          help="folder holding the gold's article files (default: seeds/)")
    evaluate.add_argument("--json", action="store_true",
                          help="print the whole report, both lines and every listing, as JSON")
    evaluate.set_defaults(handler=run_evaluate)


def _record(statement: Statement) -> dict[str, object]:
    return {
        "file": statement.file, "text": statement.text, "kind": statement.kind,
        "speaker": statement.speaker, "speaker_mention": statement.speaker_mention,
        "speaker_kind": statement.speaker_kind, "pieces": statement.pieces,
        "role": statement.role, "organisation": statement.organisation, "cue": statement.cue,
        "date": statement.date.isoformat() if statement.date else None,
        "date_basis": str(statement.date_basis), "confidence": statement.confidence,
        "start": statement.start, "end": statement.end, "paragraph": statement.paragraph,
        "title": statement.title, "outlet": statement.outlet, "id": statement.id,
    }


def run_extract(args: argparse.Namespace) -> int:
    read = 0
    for outcome in extract_paths_parallel([Path(p) for p in args.paths], args.workers):
        if outcome.article is None:
            print(f"onrecord: skipped {outcome.error}", file=sys.stderr)
            continue
        read += 1
        if outcome.error:
            print(f"onrecord: {outcome.error}", file=sys.stderr)
        if args.json:
            for statement in outcome.statements:
                print(json.dumps(_record(statement), ensure_ascii=False))
            continue
        article = outcome.article
        heading = article.title or article.file
        print(f"== {article.file}: {heading}")
        if not outcome.statements:
            print("   (no statements)")
        for statement in outcome.statements:
            when = statement.date.isoformat() if statement.date else "undated"
            role = f", {statement.role}" if statement.role else ""
            print(f"  [{statement.kind}] {statement.speaker}{role} ({when}, "
                  f"{statement.date_basis}, {statement.confidence:.2f})")
            print(f"      {statement.text}")
        print()
    if read == 0:
        print("onrecord: no article could be read", file=sys.stderr)
        return 1
    return 0


def _listing(title: str, items: list[Miss]) -> list[str]:
    lines = [f"{title} ({len(items)}):"] if items else []
    for item in items:
        detail = ""
        if item.expected or item.got:
            detail = f" expected {item.expected!r}, got {item.got!r}"
        elif item.speaker:
            detail = f" [{item.speaker}]"
        lines.append(f"  {item.file}: {item.text[:100]!r}{detail}")
    return lines


def _score_lines(score: Score) -> list[str]:
    return [
        f"  gold statements:   {score.gold}",
        f"  predictions:       {score.predicted}",
        f"  precision:         {score.precision:.3f}",
        f"  recall:            {score.recall:.3f}",
        f"  F1:                {score.f1:.3f}",
        f"  speaker accuracy:  {score.speaker_accuracy:.3f}",
        f"  date accuracy:     {score.date_accuracy:.3f}",
        f"  fully right:       {score.fully_right:.3f}",
        f"  invented dates:    {score.invented_dates}",
    ]


def _listings(score: Score) -> list[str]:
    lines = _listing("misses", score.misses)
    lines += _listing("false positives", score.false_positives)
    lines += _listing("duplicates", score.duplicates)
    lines += _listing("wrong speakers", score.wrong_speakers)
    lines += _listing("wrong dates", score.wrong_dates)
    lines += _listing("invented dates", score.invented)
    return lines


def format_report(report: EvaluationReport) -> str:
    lines = ["quoted (direct and partial):", *_score_lines(report)]
    lines += [
        f"  direct precision:  {report.direct_precision:.3f}",
        f"  direct recall:     {report.direct_recall:.3f}",
        f"  direct F1:         {report.direct_f1:.3f}",
    ]
    reported = report.reported
    lines.append("reported speech (indirect):")
    if not reported.scored:
        # a gold set annotated before reported speech was: every prediction would count as
        # false, so the line is left unscored rather than shown as 0.000
        lines.append(f"  not scored: the gold holds no reported speech "
                     f"({reported.predicted} predicted)")
    else:
        lines += _score_lines(reported)
    lines.append(f"invented dates:      {report.invented_dates + reported.invented_dates}")
    lines += _listings(report)
    if reported.scored:
        listed = _listings(reported)
        if listed:
            lines.append("reported speech:")
            lines += ["  " + line for line in listed]
    return "\n".join(lines)


def run_evaluate(args: argparse.Namespace) -> int:
    gold = Path(args.gold)
    if not gold.is_file():
        print(f"onrecord: no gold file at {gold}", file=sys.stderr)
        return 1
    if args.articles is not None and not args.articles.is_dir():
        print(f"onrecord: no article folder at {args.articles}", file=sys.stderr)
        return 1
    try:
        report = evaluate_files(gold, args.articles)
    except (ValueError, OSError) as error:
        print(f"onrecord: cannot read the gold file: {str(error).splitlines()[0]}",
              file=sys.stderr)
        return 1
    print(report.model_dump_json(indent=2) if args.json else format_report(report))
    return 0
