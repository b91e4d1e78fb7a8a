"""What the first query would otherwise import is imported with the search service."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def test_the_search_service_brings_what_numpy_unique_imports_lazily() -> None:
    # np.unique imports numpy.ma on its first call; a member's first query must not pay it
    probe = (
        "import sys\n"
        "import search_index.search.service\n"
        "before = 'numpy.ma' in sys.modules\n"
        "import numpy as np\n"
        "np.unique(np.array([2, 1, 2]))\n"
        "print(before, 'numpy.ma' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=REPO).stdout.split()
    # the second value shows numpy.ma is what np.unique loads, so the first one means something
    assert out == ["True", "True"]
