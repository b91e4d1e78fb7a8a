"""The README's `make run`, as a person without a Discord token meets it: the index is built from
seeds/ and the console answers /quote elections."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow  # builds the index from seeds/ in a fresh process
@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_without_a_token_answers_quote_elections_in_the_console(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "ONRECORD_"))}
    env["ONRECORD_INDEX_DIR"] = str(tmp_path / "index")
    env["DISCORD_TOKEN"] = ""  # a developer's own .env must not turn this into a Discord run
    done = subprocess.run(
        ["make", "--no-print-directory", "run"],
        cwd=REPO, env=env, input="/quote elections\nquit\n",
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "5 added" in done.stdout  # the index was built from the five seeds
    assert "On record: “elections”" in done.stdout
    assert "— Matthew Miller" in done.stdout
    assert "said 10 Feb 2024" in done.stdout
