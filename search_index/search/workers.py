"""One search worker process: its own read-only SearchService over the index, answering one
call at a time through a pipe (see search_index.search.pool for who asks it what).

A worker that dies (killed, out of memory, a crash in a C library) or does not answer within
the call's time limit is never waited on: the call fails at once with SearchFailed, a one-line
message, and a fresh worker is started in its place for the next call.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import pickle
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext, SpawnProcess
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from search_index.errors import OnRecordError, SearchFailed

log = logging.getLogger(__name__)

# Spawned, not forked: the bot's process holds threads (the event loop, its executor) and
# open searchers, which a fork would copy in whatever state they were in.
CONTEXT: SpawnContext = multiprocessing.get_context("spawn")
REFRESH = "refresh"  # the service method every worker runs after a /reindex


def serve(index_dir: str, conn: Connection) -> None:
    """The worker's loop: open the index, then answer (method, args, kwargs) until the pipe
    closes (the parent stopped or died) or None arrives."""
    from search_index.search.service import SearchService

    service = SearchService(Path(index_dir))
    with contextlib.suppress(OnRecordError):
        service.resolve_speaker("")  # open the index before the first call needs it
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        if message is None:
            break
        name, args, kwargs = message
        try:
            reply: tuple[str, Any] = ("ok", _to_wire(getattr(service, name)(*args, **kwargs)))
        except Exception as error:  # the caller gets the error it would get in-process
            reply = ("error", _sendable(error))
        try:
            conn.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            conn.send(("error", SearchFailed(f"a search answer could not be sent back ({error})")))
        except (BrokenPipeError, OSError):
            break
    service.close()


@dataclass(frozen=True)
class _Parametrized:
    """A generic pydantic model's value (Timeline[Hit]) on its way through the pipe: pickle
    finds a class by its name, and a parametrized class has none it can look up."""

    origin: type[BaseModel]
    arguments: tuple[Any, ...]
    state: dict[str, Any]

    def rebuild(self) -> BaseModel:
        model = self.origin[self.arguments]  # type: ignore[index]  # pydantic caches it
        value = model.__new__(model)
        value.__setstate__(self.state)
        return value


def _to_wire(value: Any) -> Any:
    meta = getattr(type(value), "__pydantic_generic_metadata__", None)
    if isinstance(value, BaseModel) and meta and meta["origin"] is not None:
        return _Parametrized(meta["origin"], tuple(meta["args"]), value.__getstate__())
    return value


def _from_wire(value: Any) -> Any:
    return value.rebuild() if isinstance(value, _Parametrized) else value


def _sendable(error: Exception) -> Exception:
    """`error` if it survives the trip through the pipe, else a RuntimeError naming it (an
    exception whose constructor takes other arguments than its message does not)."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


class Worker:
    """The parent's handle on one worker process. Not thread-safe: the pool's scheduler lends
    it to one call at a time."""

    def __init__(self, index_dir: Path, number: int) -> None:
        self.index_dir = Path(index_dir)
        self.number = number
        self.stale = False  # a refresh is owed before the next call (see SearchPool.refresh)
        self._process: SpawnProcess | None = None
        self._conn: Connection | None = None
        self.start()

    def start(self) -> None:
        ours, theirs = CONTEXT.Pipe()
        process = CONTEXT.Process(
            target=serve, args=(str(self.index_dir), theirs), daemon=True,
            name=f"onrecord-search-{self.number}",
        )
        process.start()
        # Only the child may hold its end: when it dies, our reads see the pipe close.
        theirs.close()
        self._process, self._conn = process, ours
        self.stale = False  # a new process opens the index as it is now

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def call(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any],
             timeout: float) -> Any:
        """What the worker's SearchService returns for name(*args, **kwargs), or the error it
        raised; SearchFailed when the worker dies or outlasts `timeout` seconds."""
        if not self.alive():
            self.restart()
        if self.stale:
            self._ask(REFRESH, (), {}, timeout)
            self.stale = False
        return self._ask(name, args, kwargs, timeout)

    def _ask(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any],
             timeout: float) -> Any:
        conn = self._conn
        assert conn is not None
        try:
            conn.send((name, args, kwargs))
            if not conn.poll(timeout):
                self.restart()
                raise SearchFailed(
                    f"a search took longer than {timeout:g} s and was stopped; try again"
                )
            status, value = conn.recv()
        except (EOFError, OSError) as error:
            code = self._exit_code()
            self.restart()
            raise SearchFailed(
                f"a search process stopped while answering (exit code {code}); "
                "it has been restarted: try again"
            ) from error
        if status == "error":
            raise value
        return _from_wire(value)

    def _exit_code(self) -> int | None:
        if self._process is None:
            return None
        self._process.join(timeout=1.0)
        return self._process.exitcode

    def restart(self) -> None:
        log.warning("restarting search worker %d (pid %s)", self.number, self.pid)
        self.stop(wait=0.0)
        self.start()

    def stop(self, wait: float = 2.0) -> None:
        """Ask the process to finish, then make sure it has."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.send(None)
            conn.close()
        if process is not None:
            process.join(timeout=wait)
            if process.is_alive():
                process.kill()
                process.join(timeout=5.0)
