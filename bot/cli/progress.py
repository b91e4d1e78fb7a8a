"""The progress line of a long ingest: count, rate and time left, on a terminal only."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO


def _clock_text(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class ProgressBar:
    """One line on a terminal's stderr, redrawn in place: `[####....] 1,200/5,000 files
    310/s ETA 0:12 label`. Silent when the stream is not a terminal (a log or a pipe gets
    nothing to scroll through). Each phase of an ingest (reading files, writing statements)
    reports its own total; the rate and the time left are of the phase in progress."""

    WIDTH = 30
    # Redrawing costs a terminal write; a few times a second is all an eye can follow.
    MIN_INTERVAL = 0.1

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.active = stream.isatty()
        self.drawn = False
        self._phase: tuple[int, float, int] | None = None  # total, started, last done
        self._last_draw = float("-inf")

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.active or total <= 0:
            return
        now = self.clock()
        if self._phase is None or self._phase[0] != total or done < self._phase[2]:
            self._phase = (total, now, done)  # a new phase: its clock starts now
        started = self._phase[1]
        self._phase = (total, started, done)
        if done < total and now - self._last_draw < self.MIN_INTERVAL:
            return
        self._last_draw = now
        self.stream.write("\r" + self.line(done, total, label, now - started))
        self.stream.flush()
        self.drawn = True

    def line(self, done: int, total: int, label: str, elapsed: float) -> str:
        filled = self.WIDTH * min(done, total) // total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        if done > 0 and elapsed > 0:
            rate = done / elapsed
            pace = f"{rate:,.0f}/s ETA {_clock_text((total - done) / rate)}"
        else:
            pace = "-/s ETA -:--"
        return f"[{bar}] {done:,}/{total:,} {pace:<18} {label[:40]:<40}"

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
