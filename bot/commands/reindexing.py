"""/reindex: re-read the corpus into the index and have the service use it at once."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.answers import Answer, AnswerKind, error
from search_index.search.interface import SearchBackend

if TYPE_CHECKING:  # the ingest itself is imported when a reindex runs, not with the commands
    from search_index.index.ingest import IngestReport
from search_index.errors import IndexBusy, OnRecordError

log = logging.getLogger(__name__)


def reindex(
    service: SearchBackend,
    corpus: Sequence[Path],
    index_dir: Path,
    ingest: Callable[[list[Path], Path], IngestReport] | None = None,
) -> Answer:
    """Re-read the corpus into the index and have the service use it at once."""
    existing = [path for path in corpus if path.exists()]
    if not existing:
        return error("None of the corpus folders exist.",
                     "Check ONRECORD_CORPUS; it lists the article folders, separated by ':'.")
    if ingest is None:
        from search_index.index.ingest import ingest as ingest_function

        ingest = ingest_function
    try:
        report = ingest(existing, index_dir)
    except IndexBusy:
        return error("Another reindex is running.", "Try again in a minute.")
    except OnRecordError as failure:
        log.warning("reindex failed: %s", failure)
        return error("The reindex failed.", str(failure))
    service.refresh()
    lines = [
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.removed)} removed, {len(report.unchanged)} unchanged; "
        f"{report.statements} statements in all.",
    ]
    skipped = list(report.skipped)
    for file, reason in skipped[:5]:
        lines.append(f"skipped {file}: {reason}")
    if len(skipped) > 5:
        lines.append(f"and {len(skipped) - 5} more skipped")
    problems = report.metadata_problems
    lines.extend(problems[:5])
    if len(problems) > 5:
        lines.append(f"and {len(problems) - 5} more sources.csv problems: run `onrecord index`")
    return Answer(kind=AnswerKind.INFO, title="Index rebuilt", lines=lines, private=True)
