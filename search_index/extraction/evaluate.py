"""Score extracted statements against hand-checked gold, by the rules of the eval README:
token-multiset Dice >= 0.8 within a file, one-to-one pairing best first, only direct and
partial predictions scored, duplicates listed but not counted, optional gold neutral, speakers
matched after normalising (aliases, honorifics, fuller forms), dates over non-null gold."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from search_index.models import Statement
from search_index.text.lexicon import HONORIFICS

MATCH_THRESHOLD = 0.8
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


class EvaluationReport(BaseModel):
    gold: int
    predicted: int  # direct and partial predictions scored
    matched: int
    precision: float
    recall: float
    f1: float
    direct_precision: float
    direct_recall: float
    direct_f1: float
    speaker_accuracy: float
    date_accuracy: float
    fully_right: float
    misses: list[Miss] = []
    false_positives: list[Miss] = []
    duplicates: list[Miss] = []
    wrong_speakers: list[Miss] = []
    wrong_dates: list[Miss] = []


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


def evaluate(gold: list[GoldStatement], predictions: Iterable[Statement]) -> EvaluationReport:
    scored = [s for s in predictions if s.kind in {"direct", "partial"}]
    files = sorted({g.file for g in gold} | {s.file for s in scored})
    report = EvaluationReport(gold=0, predicted=0, matched=0, precision=0, recall=0, f1=0,
                              direct_precision=0, direct_recall=0, direct_f1=0,
                              speaker_accuracy=0, date_accuracy=0, fully_right=0)
    counted_predictions = matched_predictions = counted_gold = matched_gold = 0
    direct_pred = direct_pred_matched = direct_gold = direct_gold_matched = 0
    speaker_right = speaker_total = date_right = date_total = fully = 0
    for file in files:
        golds = [g for g in gold if g.file == file]
        preds = [s for s in scored if s.file == file]
        gold_tokens = [tokens(g.quote) for g in golds]
        pred_tokens = [tokens(s.text) for s in preds]
        pairs = sorted(((dice(pt, gt), p, g) for p, pt in enumerate(pred_tokens)
                        for g, gt in enumerate(gold_tokens)), key=lambda x: -x[0])
        paired_pred: dict[int, int] = {}
        paired_gold: dict[int, int] = {}
        for score, p, g in pairs:
            if score < MATCH_THRESHOLD:
                break
            if p in paired_pred or g in paired_gold:
                continue
            paired_pred[p], paired_gold[g] = g, p
        for g, record in enumerate(golds):
            if record.optional:
                continue
            counted_gold += 1
            direct_gold += record.kind == "direct"
            if g not in paired_gold:
                report.misses.append(Miss(file=file, text=record.quote,
                                          expected=record.speaker))
                continue
            matched_gold += 1
            direct_gold_matched += record.kind == "direct"
            prediction = preds[paired_gold[g]]
            speaker_total += 1
            speaker_ok = speaker_matches(prediction.speaker, record)
            speaker_right += speaker_ok
            if not speaker_ok:
                report.wrong_speakers.append(Miss(
                    file=file, text=record.quote, expected=record.speaker,
                    got=prediction.speaker))
            date_ok = True
            if record.date is not None:
                date_total += 1
                date_ok = prediction.date == record.date
                date_right += date_ok
                if not date_ok:
                    report.wrong_dates.append(Miss(
                        file=file, text=record.quote, speaker=record.speaker,
                        expected=record.date.isoformat(),
                        got=prediction.date.isoformat() if prediction.date else None))
            fully += speaker_ok and date_ok
        matched_texts = [normalise(golds[g].quote) for g in paired_gold]
        for p, prediction in enumerate(preds):
            if p in paired_pred:
                if golds[paired_pred[p]].optional:
                    continue
                counted_predictions += 1
                matched_predictions += 1
                direct_pred += prediction.kind == "direct"
                direct_pred_matched += prediction.kind == "direct"
                continue
            text = normalise(prediction.text)
            miss = Miss(file=file, text=prediction.text, speaker=prediction.speaker)
            if text and any(text in m for m in matched_texts):
                report.duplicates.append(miss)
                continue
            counted_predictions += 1
            direct_pred += prediction.kind == "direct"
            report.false_positives.append(miss)
    report.gold, report.predicted, report.matched = counted_gold, counted_predictions, matched_gold
    report.precision = _ratio(matched_predictions, counted_predictions)
    report.recall = _ratio(matched_gold, counted_gold)
    report.f1 = _f1(report.precision, report.recall)
    report.direct_precision = _ratio(direct_pred_matched, direct_pred)
    report.direct_recall = _ratio(direct_gold_matched, direct_gold)
    report.direct_f1 = _f1(report.direct_precision, report.direct_recall)
    report.speaker_accuracy = _ratio(speaker_right, speaker_total)
    report.date_accuracy = _ratio(date_right, date_total)
    report.fully_right = _ratio(fully, counted_gold)
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


__all__ = ["HONORIFICS", "EvaluationReport", "evaluate", "evaluate_files", "load_gold"]
