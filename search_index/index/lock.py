"""The index's writer lock: one ingest at a time per index folder.

A file lock (the `filelock` package, an OS lock on Linux), so the kernel drops it when the
holder dies and a killed ingest never leaves a stale lock behind. A second ingest waits up to
`timeout` seconds, then gives up with IndexBusy.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from search_index.errors import IndexBusy

LOCK_FILE = "ingest.lock"


@contextlib.contextmanager
def ingest_lock(index_dir: Path, timeout: float = 5.0) -> Iterator[None]:
    """Hold index_dir/ingest.lock for the block; IndexBusy when another holder keeps it."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    # thread_local=False: a holder is a process, so another thread of this process that asks
    # waits like another process would (the tests hold it from a thread).
    lock = FileLock(index_dir / LOCK_FILE, timeout=timeout, poll_interval=0.1,
                    thread_local=False, preserve_lock_file=True)
    try:
        lock.acquire()
    except Timeout:
        raise IndexBusy(
            f"another `onrecord index` is updating {index_dir}; try again when it has finished"
        ) from None
    try:
        yield
    finally:
        lock.release()
