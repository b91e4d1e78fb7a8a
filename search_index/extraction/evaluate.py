"""Score extracted statements against hand-checked gold, by the rules of the eval README.

Two lines, never mixed: the quoted score (direct and partial predictions against direct and
partial gold, token-multiset Dice >= 0.8) and reported speech (indirect against indirect, Dice
>= 0.6, since clause boundaries vary). Each pairs one to one within a file, best first; lists
duplicates without counting them; leaves optional gold neutral; matches speakers after
normalising (aliases, honorifics, fuller forms); scores dates over non-null gold, and counts
"invented dates": a date given where the gold says a careful reader cannot tell the day."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field

from search_index.models import Statement
from search_index.text.lexicon import HONORIFICS

MATCH_THRESHOLD = 0.8
REPORTED_MATCH_THRESHOLD = 0.6
QUOTED_KINDS = frozenset({"direct", "partial"})
REPORTED_KINDS = frozenset({"indirect"})
_QUOTE_CHARS = "\"'“”‘’«»„‟‚‛"
_GOLD_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "gen", "general", "sir", "prof"})


class GoldStatement(BaseModel):
    file: str
    quote: str
    speaker: str
    speaker_aliases: list[str] = []
    kind: str = "direct"
    date: datetime.date | None = None
    optional: bool = False
    note: str | None = None


class Miss(BaseModel):
    file: str
    text: str
    speaker: str | None = None
    expected: str | None = None  # the gold speaker or date, for wrong ones
    got: str | None = None


class Score(BaseModel):
    """One line of the evaluation: a set of kinds scored against the gold of those kinds."""

    scored: bool = True  # False when the gold holds no record of these kinds at all
    gold: int = 0  # gold records counted (optional ones are not)
    predicted: int = 0  # predictions counted: matched to required gold, or unmatched
    matched: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    speaker_accuracy: float = 0.0
    date_accuracy: float = 0.0
    fully_right: float = 0.0
    invented_dates: int = 0  # matched pairs whose gold date is null but which carry a date
    misses: list[Miss] = []
    false_positives: list[Miss] = []
    duplicates: list[Miss] = []
    wrong_speakers: list[Miss] = []
    wrong_dates: list[Miss] = []
    invented: list[Miss] = []


class EvaluationReport(Score):
    """The quoted score (direct and partial) in the fields it inherits, direct quotes alone,
    and reported speech on its own line."""

    direct_precision: float = 0.0
    direct_recall: float = 0.0
    direct_f1: float = 0.0
    reported: Score = Field(default_factory=Score)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    text = re.sub(r"\s+", " ", text).strip().strip(_QUOTE_CHARS).strip()
    return text.lower()


def tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"[^\W_]+", normalise(text)))


def dice(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def _name_words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKC", name).lower()
    words = re.findall(r"[^\W_]+", text.replace("-", " "))
    return [w for w in words if w not in _GOLD_HONORIFICS and w not in {"the"}]


def speaker_matches(predicted: str, gold: GoldStatement) -> bool:
    mine = _name_words(predicted)
    for name in (gold.speaker, *gold.speaker_aliases):
        theirs = _name_words(name)
        if mine == theirs:
            return True
        if theirs and set(theirs) <= set(mine) and len(mine) - len(theirs) <= 2:
            return True
    return False


def load_gold(path: Path) -> list[GoldStatement]:
    records = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            records.append(GoldStatement.model_validate(json.loads(line)))
    return records


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(golds: list[GoldStatement], preds: list[Statement], threshold: float
           ) -> dict[int, int]:
    """Prediction index -> gold index, one to one, best score first."""
    gold_tokens = [tokens(g.quote) for g in golds]
    pred_tokens = [tokens(s.text) for s in preds]
    scored = sorted(((dice(pt, gt), p, g) for p, pt in enumerate(pred_tokens)
                     for g, gt in enumerate(gold_tokens)), key=lambda x: -x[0])
    paired_pred: dict[int, int] = {}
    paired_gold: set[int] = set()
    for score, p, g in scored:
        if score < threshold:
            break
        if p in paired_pred or g in paired_gold:
            continue
        paired_pred[p] = g
        paired_gold.add(g)
    return paired_pred


@dataclass
class _Tally:
    """Counts of one line, and of its direct-only part."""

    predicted: int = 0
    matched_predictions: int = 0
    gold: int = 0
    matched_gold: int = 0
    speaker_right: int = 0
    date_right: int = 0
    date_total: int = 0
    fully: int = 0
    direct: Counter[str] = field(default_factory=Counter)


def _judge_pair(score: Score, tally: _Tally, file: str, record: GoldStatement,
                prediction: Statement) -> None:
    tally.matched_gold += 1
    speaker_ok = speaker_matches(prediction.speaker, record)
    tally.speaker_right += speaker_ok
    if not speaker_ok:
        score.wrong_speakers.append(Miss(file=file, text=record.quote, expected=record.speaker,
                                         got=prediction.speaker))
    date_ok = True
    if record.date is not None:
        tally.date_total += 1
        date_ok = prediction.date == record.date
        tally.date_right += date_ok
        if not date_ok:
            score.wrong_dates.append(Miss(
                file=file, text=record.quote, speaker=record.speaker,
                expected=record.date.isoformat(),
                got=prediction.date.isoformat() if prediction.date else None))
    elif prediction.date is not None:
        score.invented.append(Miss(file=file, text=record.quote, speaker=record.speaker,
                                   expected=None, got=prediction.date.isoformat()))
    tally.fully += speaker_ok and date_ok


def _score_file(score: Score, tally: _Tally, file: str, golds: list[GoldStatement],
                preds: list[Statement], threshold: float) -> None:
    paired = _pairs(golds, preds, threshold)
    by_gold = {g: p for p, g in paired.items()}
    for g, record in enumerate(golds):
        if record.optional:
            continue
        tally.gold += 1
        tally.direct["gold"] += record.kind == "direct"
        if g not in by_gold:
            score.misses.append(Miss(file=file, text=record.quote, expected=record.speaker))
            continue
        tally.direct["gold_matched"] += record.kind == "direct"
        _judge_pair(score, tally, file, record, preds[by_gold[g]])
    matched_texts = [normalise(golds[g].quote) for g in by_gold]
    for p, prediction in enumerate(preds):
        if p in paired:
            if golds[paired[p]].optional:
                continue
            tally.predicted += 1
            tally.matched_predictions += 1
            tally.direct["predicted"] += prediction.kind == "direct"
            tally.direct["predicted_matched"] += prediction.kind == "direct"
            continue
        text = normalise(prediction.text)
        miss = Miss(file=file, text=prediction.text, speaker=prediction.speaker)
        if text and any(text in m for m in matched_texts):
            score.duplicates.append(miss)
            continue
        tally.predicted += 1
        tally.direct["predicted"] += prediction.kind == "direct"
        score.false_positives.append(miss)


def _score(score: Score, gold: list[GoldStatement], predictions: list[Statement],
           kinds: frozenset[str], threshold: float) -> _Tally:
    golds = [g for g in gold if g.kind in kinds]
    preds = [s for s in predictions if s.kind in kinds]
    tally = _Tally()
    score.scored = bool(golds)
    for file in sorted({g.file for g in golds} | {s.file for s in preds}):
        _score_file(score, tally, file, [g for g in golds if g.file == file],
                    [s for s in preds if s.file == file], threshold)
    score.gold, score.predicted, score.matched = tally.gold, tally.predicted, tally.matched_gold
    score.precision = _ratio(tally.matched_predictions, tally.predicted)
    score.recall = _ratio(tally.matched_gold, tally.gold)
    score.f1 = _f1(score.precision, score.recall)
    score.speaker_accuracy = _ratio(tally.speaker_right, tally.matched_gold)
    score.date_accuracy = _ratio(tally.date_right, tally.date_total)
    score.fully_right = _ratio(tally.fully, tally.gold)
    score.invented_dates = len(score.invented)
    return tally


def _pieces(statement: Statement) -> list[Statement]:
    """A statement joined from the pieces of one utterance, scored piece by piece: our gold
    records each quoted piece verbatim, so "A … B" is two quotes there."""
    texts = statement.text.split(" … ")
    if len(statement.pieces) < 2 or len(texts) != len(statement.pieces):
        return [statement]
    return [statement.model_copy(update={"text": text, "start": a, "end": b, "pieces": []})
            for text, (a, b) in zip(texts, statement.pieces, strict=True)]


def evaluate(gold: list[GoldStatement], predictions: Iterable[Statement]) -> EvaluationReport:
    statements = [piece for statement in predictions for piece in _pieces(statement)]
    report = EvaluationReport()
    tally = _score(report, gold, statements, QUOTED_KINDS, MATCH_THRESHOLD)
    report.direct_precision = _ratio(tally.direct["predicted_matched"],
                                     tally.direct["predicted"])
    report.direct_recall = _ratio(tally.direct["gold_matched"], tally.direct["gold"])
    report.direct_f1 = _f1(report.direct_precision, report.direct_recall)
    _score(report.reported, gold, statements, REPORTED_KINDS, REPORTED_MATCH_THRESHOLD)
    return report


def evaluate_files(gold_path: Path, articles_dir: Path | None = None) -> EvaluationReport:
    """Extract the gold's files (from `articles_dir`, by default the gold's folder or the
    project's seeds/) and score them."""
    from search_index.extraction.pipeline import extract_paths

    gold = load_gold(gold_path)
    folder = articles_dir or _default_articles(gold_path, gold)
    paths = [folder / name for name in sorted({g.file for g in gold})]
    statements: list[Statement] = []
    for outcome in extract_paths(paths):
        statements.extend(outcome.statements)
    return evaluate(gold, statements)


def _default_articles(gold_path: Path, gold: list[GoldStatement]) -> Path:
    first = gold[0].file if gold else ""
    here = Path(gold_path).resolve().parent
    candidates = [here, here.parent / "seeds", Path(__file__).resolve().parents[1] / "seeds",
                  Path.cwd() / "seeds"]
    for folder in candidates:
        if (folder / first).exists():
            return folder
    return candidates[2]


__all__ = ["HONORIFICS", "EvaluationReport", "Score", "evaluate", "evaluate_files", "load_gold"]
