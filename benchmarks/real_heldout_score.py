"""Score extraction on the blind held-out set of real news pages (tests/data/real_heldout/).

`onrecord evaluate` prints the quoted line (direct and partial, rule 4 of the shared eval README)
and the reported-speech line (rule 9) apart. The extraction issue's target counts both: the share
of every required gold statement, quoted or reported, that comes out fully right (quote, speaker
and date). This prints the two lines in brief and that share.

A measurement, not a test: run it by hand, and never tune the extractor on this set.

    .venv/bin/python benchmarks/real_heldout_score.py
"""

from __future__ import annotations

import argparse
from pathlib import Path

from search_index.extraction.evaluate import Score, evaluate_files

REPO = Path(__file__).resolve().parents[1]
HELDOUT = REPO / "tests" / "data" / "real_heldout"


def _line(label: str, score: Score) -> str:
    return (f"{label:<10} gold {score.gold:>3}  predicted {score.predicted:>3}  "
            f"P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}  "
            f"speaker {score.speaker_accuracy:.3f}  date {score.date_accuracy:.3f}  "
            f"fully right {score.fully_right:.3f}  invented dates {score.invented_dates}")


def fully_right_share(lines: list[Score]) -> tuple[int, float]:
    """Required gold statements over all lines, and the share of them fully right."""
    required = sum(s.gold for s in lines)
    right = sum(s.fully_right * s.gold for s in lines)
    return required, (right / required if required else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=HELDOUT / "gold.jsonl")
    parser.add_argument("--articles", type=Path, default=HELDOUT)
    args = parser.parse_args()
    report = evaluate_files(args.gold, args.articles)
    print(_line("quoted", report))
    print(_line("reported", report.reported))
    required, share = fully_right_share([report, report.reported])
    print(f"all statements: {required} required, fully right {share:.3f}")


if __name__ == "__main__":
    main()
