"""What the files OnRecord writes beside each Whoosh segment share (the compact posting files
of posting_store and the statement files of statement_store): where one lives, how it is
framed (magic, header length, a JSON header padded to 8 bytes, then the body), how it is
written (whole or not at all), and the rule that a missing or unusable file is rebuilt from
the segment rather than trusted."""

from __future__ import annotations

import json
import logging
import mmap
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from whoosh.reading import IndexReader

from search_index.index.whoosh_internals import segment_id, storage_folder

log = logging.getLogger(__name__)

ALIGN = 8
T = TypeVar("T")


def file_path(leaf: IndexReader, suffix: str) -> Path | None:
    """Where the segment's file with `suffix` lives; None for an index held in memory."""
    folder = storage_folder(leaf)
    return None if folder is None else Path(folder) / f"{segment_id(leaf)}{suffix}"


def frame(magic: bytes, header: dict[str, Any], body: bytes) -> bytes:
    """Magic, header length, the JSON header padded so the body starts 8-aligned, the body."""
    data = json.dumps(header).encode()
    data += b" " * (-(len(magic) + 8 + len(data)) % ALIGN)
    return magic + len(data).to_bytes(8, "little") + data + body


def read_header(buffer: mmap.mmap | bytes, magic: bytes, expected: dict[str, Any],
                error: type[Exception], what: str) -> tuple[dict[str, Any], int]:
    """The header of a framed file and where its body starts; `error` unless the file is one
    of these and its header holds every `expected` value (version, segment, ...)."""
    if len(buffer) < len(magic) + 8 or buffer[:len(magic)] != magic:
        raise error(f"not a {what}")
    length = int.from_bytes(buffer[len(magic):len(magic) + 8], "little")
    base = len(magic) + 8 + length
    try:
        header = json.loads(bytes(buffer[len(magic) + 8:base]))
    except ValueError as failure:
        raise error("unreadable header") from failure
    if not isinstance(header, dict) or any(header.get(k) != v for k, v in expected.items()):
        raise error(f"a {what} of another version or segment")
    return header, base


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the segment under a dot-name (which Whoosh's clean-up leaves alone) and
    rename into place, so a reader sees the whole file or none."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with open(partial, "wb") as handle:
            handle.write(data)
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()


def load_or_build(leaf: IndexReader, suffix: str, what: str, error: type[Exception],
                  mapped: Callable[[Path, str, int], T], build: Callable[[IndexReader], bytes],
                  decode: Callable[[bytes, str, int], T]) -> T:
    """The segment's file, built (and written, where the folder allows) when missing or
    unusable; kept in memory when it cannot be written."""
    path = file_path(leaf, suffix)
    segment, count = segment_id(leaf), leaf.doc_count_all()
    if path is not None:
        try:
            return mapped(path, segment, count)
        except FileNotFoundError:
            pass
        except (error, OSError, ValueError) as failure:
            log.warning("rebuilding the %s %s: %s", what, path.name, failure)
    data = build(leaf)
    if path is not None:
        try:
            write_atomically(path, data)
            return mapped(path, segment, count)
        except OSError as failure:
            log.warning("cannot write the %s %s (%s): kept in memory", what, path, failure)
    return decode(data, segment, count)


def write_missing(reader: IndexReader, suffix: str, error: type[Exception],
                  mapped: Callable[[Path, str, int], object],
                  build: Callable[[IndexReader], bytes]) -> int:
    """Write the file of every segment of `reader` that lacks a usable one (after a commit,
    so that no searcher has to build them); returns how many were written."""
    written = 0
    for leaf, _ in reader.leaf_readers():
        path = file_path(leaf, suffix)
        if path is None:
            continue
        try:
            mapped(path, segment_id(leaf), leaf.doc_count_all())
            continue
        except (error, OSError, ValueError):
            pass
        write_atomically(path, build(leaf))
        written += 1
    return written
