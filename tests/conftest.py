from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def _gold_path() -> Path:
    # The hand-checked gold lives in shared/ beside the clone; CI clones with shared/ beside it.
    for candidate in (REPO.parent / "shared" / "eval" / "gold_seeds.jsonl",
                      REPO / "tests" / "data" / "gold_seeds.jsonl"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError("gold_seeds.jsonl")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold_path() -> Path:
    return _gold_path()
