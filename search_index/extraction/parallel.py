"""A large batch extracted by a pool of processes, with the result of a single pass.

The batch's two passes are kept: every worker reads its share of the files and returns the
full names it found; the names are put into one registry in file order, exactly as a single
process would; then every worker extracts its share against a copy of that registry. Only what
one article's statements teach the registry (a role seen with a date) no longer reaches the
articles of the other share.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from search_index.extraction.pipeline import (
    ExtractionOutcome,
    expand_paths,
    extract_one,
    extract_paths,
    full_names,
    load_one,
)
from search_index.extraction.speakers import SpeakerRegistry
from search_index.models import Article

# Below this many files a pool costs more (start-up, pickling) than it saves.
MIN_FILES_FOR_POOL = 24

_Loaded = tuple[Path, Article | None, str | None]


def _read_share(paths: list[Path]) -> list[tuple[_Loaded, list[str]]]:
    loaded = [load_one(path) for path in paths]
    return [(item, full_names(item[1]) if item[1] is not None else []) for item in loaded]


def _extract_share(share: list[_Loaded], registry: SpeakerRegistry) -> list[ExtractionOutcome]:
    return [extract_one(path, article, error, registry) for path, article, error in share]


def _shares(items: list, workers: int) -> list[list]:
    size = -(-len(items) // workers)
    return [items[n:n + size] for n in range(0, len(items), size)]


def extract_paths_parallel(paths: Iterable[Path], workers: int = 2
                           ) -> Iterator[ExtractionOutcome]:
    """`extract_paths` over `workers` processes, outcomes in file order."""
    files = expand_paths(paths)
    if workers < 2 or len(files) < MIN_FILES_FOR_POOL:
        yield from extract_paths(files)
        return
    registry = SpeakerRegistry()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        loaded: list[_Loaded] = []
        for share in pool.map(_read_share, _shares(files, workers)):
            for item, names in share:
                for name in names:
                    registry.observe(name)
                loaded.append(item)
        shares = _shares(loaded, workers)
        for outcomes in pool.map(_extract_share, shares, [registry] * len(shares)):
            yield from outcomes
