"""The ingest's progress line: count, rate and time left on a terminal, nothing elsewhere."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from bot.cli import main
from bot.cli.progress import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_terminal_gets_count_rate_and_time_left():
    stream, clock = Terminal(), Clock()
    bar = ProgressBar(stream, clock=clock)
    bar(0, 5000, "a.txt")
    clock.now += 4.0
    bar(1000, 5000, "writing statements")
    bar.finish()
    last = stream.getvalue().split("\r")[-1]
    assert "1,000/5,000" in last
    assert "250/s" in last  # 1,000 in 4 s
    assert "ETA 0:16" in last  # 4,000 left at 250/s
    assert "writing statements" in last
    assert stream.getvalue().endswith("\n")


def test_each_phase_has_its_own_rate():
    stream, clock = Terminal(), Clock()
    bar = ProgressBar(stream, clock=clock)
    bar(0, 10, "reading")
    clock.now += 10.0
    bar(10, 10, "extracted")  # 1 file a second
    clock.now += 1.0
    bar(0, 3000, "writing statements")
    clock.now += 2.0
    bar(3000, 3000, "writing statements")
    assert "1,500/s" in stream.getvalue().split("\r")[-1]


def test_redraws_are_spaced_but_the_end_is_always_drawn():
    stream, clock = Terminal(), Clock()
    bar = ProgressBar(stream, clock=clock)
    for done in range(0, 101):
        bar(done, 100, "x")  # all at the same instant
    drawn = stream.getvalue().split("\r")[1:]
    assert len(drawn) == 2  # the first and the last
    assert "100/100" in drawn[-1]


def test_a_long_wait_reads_in_hours():
    stream, clock = Terminal(), Clock()
    bar = ProgressBar(stream, clock=clock)
    bar(0, 100_000, "x")
    clock.now += 10.0
    bar(10, 100_000, "x")
    assert "ETA 27:46:30" in stream.getvalue().split("\r")[-1]  # 99,990 s left


def test_not_a_terminal_gets_nothing():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(5, 10, "x")
    bar.finish()
    assert stream.getvalue() == ""


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, words in (("one.txt", "Talks with Washington will continue"),
                        ("two.txt", "Trade talks were useful")):
        (corpus / name).write_text(
            f"Minister speaks\n\n\"{words},\" Defence Minister Khawaja Asif said on "
            "Monday.\n", encoding="utf-8")
    return corpus


def _index(tmp_path: Path, monkeypatch, stderr: io.StringIO) -> str:
    monkeypatch.setattr(sys, "stderr", stderr)
    code = main(["index", str(_corpus(tmp_path)), "--index-dir", str(tmp_path / "index")])
    assert code == 0
    return stderr.getvalue()


def test_onrecord_index_draws_the_line_on_a_terminal(tmp_path: Path, monkeypatch):
    drawn = _index(tmp_path, monkeypatch, Terminal())
    assert "2/2" in drawn and "/s ETA" in drawn and "writing statements" in drawn
    assert drawn.endswith("\n")


def test_onrecord_index_is_quiet_when_stderr_is_not_a_terminal(tmp_path: Path, monkeypatch):
    assert _index(tmp_path, monkeypatch, io.StringIO()) == ""
