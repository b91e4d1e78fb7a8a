"""What a searcher needs the moment it opens, written beside the index when the index is written.

Opening a searcher on the 100k-statement index spent most of its time building what every
searcher builds the same way: validating the speaker directory (2,000 `Speaker` models, about
100 ms on a busy machine), folding 6,000 names for autocomplete, and reading postings to put
the index and each speaker's statements in date order. These files hold the result, in forms
read without per-row work:

- `opening-G.json`: the directory's names, statement counts and span, the outlets, the sorted
  folded names autocomplete bisects, and where each speaker's statements start in the array;
- `opening-G.speakers.jsonl`: each speaker's entry as JSON, one a line, validated by pydantic
  when it was written and read back into a `Speaker` only when a call shows it;
- `opening-G.arrays.npy`: one int32 array in sections: every docnum's sort day and article
  day (numeric columns), the live statements in sort-day order (date ranges bisect it), and
  every speaker's statements newest first (sort day, article day, docnum, descending: what
  /latest shows).

G is the index generation they describe, and each file carries the index's state (generation,
segments and their deletions) so that no reader takes another commit's files for its own. When
they are missing or stale a reader builds the same data from the index and writes it (if the
folder is writable); an ingest writes them right after its commit.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, overload

import numpy as np
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from search_index.index.postings import live_postings
from search_index.index.records import IndexMeta
from search_index.index.schema import DOCTYPE_STATEMENT, META_KEY
from search_index.index.whoosh_internals import numeric_column
from search_index.models import Speaker

log = logging.getLogger(__name__)

VERSION = 1  # of the files' layout: a reader ignores files of another
EMPTY = np.zeros(0, dtype=np.int64)
KEY_SEPARATOR = "\x1f"  # the ASCII unit separator: in no folded name (fold drops controls)
_FILES = re.compile(r"opening-(\d+)\.(json|speakers\.jsonl|arrays\.npy)")
SECTIONS = ("days", "reports", "by_day", "newest")  # of the arrays file, in this order


def fold(text: str) -> str:
    """Lower case without accents or control characters, for matching names as people type
    them."""
    if text.isascii() and text.isprintable():  # most names: nothing to decompose or drop
        return text.lower().strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed
                   if not unicodedata.combining(ch) and ch.isprintable()).strip()


def state_key(reader: IndexReader) -> str:
    """The index's state as a reader sees it: its generation, and each segment with its
    deletions. A folder deleted and built again starts over at the same generation, but not
    with the same (random) segment ids."""
    parts = [str(reader.generation())]
    for leaf, _ in reader.leaf_readers():
        segment = leaf.segment()
        if segment is not None:
            parts.append(f"{segment.segment_id()}-{segment.deleted_count()}")
    return ":".join(parts)


class SpeakerDirectory(Mapping[str, Speaker]):
    """The speaker directory by name. An entry becomes a `Speaker` when it is first looked up,
    so opening costs nothing per speaker; counts are at hand for ranking without that."""

    def __init__(self, names: list[str], counts: list[int], entries: list[bytes]) -> None:
        self._rows = {name: row for row, name in enumerate(names)}
        self._names = names
        self._counts = counts
        self._entries = entries
        self._built: dict[int, Speaker] = {}

    def __getitem__(self, name: str) -> Speaker:
        row = self._rows[name]
        found = self._built.get(row)
        if found is None:
            # Validated when written; validating one entry again costs microseconds and keeps
            # a hand-edited or damaged file from handing out a malformed Speaker.
            found = self._built[row] = Speaker.model_validate_json(self._entries[row])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._rows

    def statements(self, name: str) -> int:
        return self._counts[self._rows[name]]


class NamePairs(Sequence[tuple[str, str]]):
    """(folded name, alias or name word; the speaker it names) pairs in folded order, kept as
    two columns so that opening builds no tuple per name."""

    def __init__(self, keys: list[str], rows: list[int], names: list[str]) -> None:
        self.keys = keys
        self._rows = rows
        self._names = names

    @overload
    def __getitem__(self, index: int) -> tuple[str, str]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[str, str]]: ...
    def __getitem__(self, index: int | slice) -> tuple[str, str] | list[tuple[str, str]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self.keys[index], self._names[self._rows[index]]

    def __len__(self) -> int:
        return len(self.keys)


@dataclass
class Opening:
    """What a searcher reads at open (see the module docstring)."""

    key: str
    directory: SpeakerDirectory
    outlets: dict[str, str]  # lower-case outlet term -> display name
    first: date | None  # the earliest and latest day any listed speaker spoke
    last: date | None
    names: NamePairs
    offsets: list[int]  # speaker row -> where its docnums start in `newest_docs`
    newest_docs: np.ndarray
    days: np.ndarray  # docnum -> sort day (YYYYMMDD, NO_DAY when undated)
    reports: np.ndarray  # docnum -> article day
    by_day: np.ndarray  # live statement docnums by sort day (stable: docnum within a day)

    def newest(self, name: str) -> list[int] | None:
        """The speaker's statement docnums, newest first; None for a name not listed."""
        row = self.directory._rows.get(name)
        if row is None:
            return None
        return self.newest_docs[self.offsets[row]:self.offsets[row + 1]].tolist()


# -- building from the index -------------------------------------------------------------------


def _name_pairs(speakers: list[Speaker]) -> list[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for speaker in speakers:
        pairs.add((fold(speaker.name), speaker.name))
        pairs.update((fold(alias), speaker.name) for alias in speaker.aliases)
        # Surnames and other name words, so "kirby" finds John Kirby by prefix.
        pairs.update((fold(part), speaker.name) for part in speaker.name.split()[1:])
    return sorted(pairs)


def _arrays(reader: IndexReader, names: list[str]) -> tuple[list[int], dict[str, np.ndarray]]:
    leaves = reader.leaf_readers()
    days = np.concatenate([numeric_column(leaf, "sort_day") for leaf, _ in leaves] or [EMPTY])
    reports = np.concatenate([numeric_column(leaf, "report_day") for leaf, _ in leaves]
                             or [EMPTY])
    statements = live_postings(reader, "doctype", DOCTYPE_STATEMENT)
    by_day = statements[np.argsort(days[statements], kind="stable")]
    offsets = [0]
    parts = []
    for name in names:
        docnums = live_postings(reader, "speaker", name)
        order = np.lexsort((docnums, reports[docnums], days[docnums]))
        parts.append(docnums[order[::-1]])
        offsets.append(offsets[-1] + len(docnums))
    newest = np.concatenate(parts) if parts else EMPTY
    arrays = {"days": days, "reports": reports, "by_day": by_day, "newest": newest}
    return offsets, {key: value.astype(np.int32) for key, value in arrays.items()}


def build(searcher: Searcher) -> tuple[dict[str, Any], list[bytes], dict[str, np.ndarray]]:
    """The files' contents, from the index as `searcher` sees it."""
    fields = searcher.document(meta_key=META_KEY)
    meta = IndexMeta.model_validate_json(fields["meta"]) if fields else IndexMeta()
    speakers = meta.speakers
    names = [speaker.name for speaker in speakers]
    rows = {name: row for row, name in enumerate(names)}
    pairs = _name_pairs(speakers)
    offsets, arrays = _arrays(searcher.reader(), names)
    firsts = [s.first for s in speakers if s.first]
    lasts = [s.last for s in speakers if s.last]
    head = {
        "version": VERSION,
        "key": state_key(searcher.reader()),
        "speakers": names,
        "counts": [speaker.statements for speaker in speakers],
        "first": min(firsts).isoformat() if firsts else None,
        "last": max(lasts).isoformat() if lasts else None,
        "outlets": meta.outlets,
        # one string: splitting it is several times quicker than decoding a JSON list
        "name_keys": KEY_SEPARATOR.join(key for key, _ in pairs),
        "name_rows": [rows[name] for _, name in pairs],
        "offsets": offsets,
        "sections": [len(arrays[key]) for key in SECTIONS],
    }
    entries = [speaker.model_dump_json().encode("utf-8") for speaker in speakers]
    return head, entries, arrays


def _opening(head: dict[str, Any], entries: list[bytes], arrays: dict[str, np.ndarray]
             ) -> Opening:
    names: list[str] = head["speakers"]
    keys = head["name_keys"].split(KEY_SEPARATOR) if head["name_rows"] else []
    if len(keys) != len(head["name_rows"]):
        raise ValueError("the opening files' names do not match their rows")
    return Opening(
        key=head["key"],
        directory=SpeakerDirectory(names, head["counts"], entries),
        outlets=head["outlets"],
        first=date.fromisoformat(head["first"]) if head["first"] else None,
        last=date.fromisoformat(head["last"]) if head["last"] else None,
        names=NamePairs(keys, head["name_rows"], names),
        offsets=head["offsets"],
        newest_docs=arrays["newest"],
        days=arrays["days"],
        reports=arrays["reports"],
        by_day=arrays["by_day"],
    )


# -- the files -------------------------------------------------------------------------------


def _paths(index_dir: Path, generation: int) -> tuple[Path, Path, Path]:
    stem = f"opening-{generation}"
    return (index_dir / f"{stem}.json", index_dir / f"{stem}.speakers.jsonl",
            index_dir / f"{stem}.arrays.npy")


def _replace(path: Path, data: bytes) -> None:
    """Write atomically: a temporary file in the same folder, then os.replace."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write(index_dir: Path, searcher: Searcher) -> Opening:
    """Build the files for the index as `searcher` sees it and write them (the head last: it
    names the state the others describe), removing other generations' files."""
    head, entries, arrays = build(searcher)
    generation = searcher.reader().generation()
    head_path, entries_path, arrays_path = _paths(Path(index_dir), generation)
    try:
        _replace(arrays_path, _npy_bytes(np.concatenate([arrays[key] for key in SECTIONS])))
        _replace(entries_path, b"\n".join(entries))
        _replace(head_path, json.dumps(head).encode("utf-8"))
        _remove_older(Path(index_dir), generation)
    except OSError as error:  # a read-only snapshot: serve from memory
        log.debug("could not write the opening files in %s: %s", index_dir, error)
    return _opening(head, entries, arrays)


def _npy_bytes(values: np.ndarray) -> bytes:
    out = io.BytesIO()
    np.save(out, values, allow_pickle=False)
    return out.getvalue()


def _remove_older(index_dir: Path, generation: int) -> None:
    """Older generations' files (a reader still on one has read them when it opened; newer
    ones are another process's, written for a commit this reader has not seen)."""
    for name in os.listdir(index_dir):
        found = _FILES.fullmatch(name)
        if found and int(found.group(1)) < generation:
            with contextlib.suppress(OSError):
                os.unlink(index_dir / name)


def read(index_dir: Path, reader: IndexReader) -> Opening | None:
    """The files for the index as `reader` sees it, or None when missing, stale or damaged."""
    head_path, entries_path, arrays_path = _paths(Path(index_dir), reader.generation())
    try:
        head = json.loads(head_path.read_bytes())
        if head.get("version") != VERSION or head.get("key") != state_key(reader):
            return None
        entries = entries_path.read_bytes().split(b"\n") if head["speakers"] else []
        values = np.load(arrays_path, allow_pickle=False)
        ends = np.cumsum(head["sections"]).tolist()
        if (len(entries) != len(head["speakers"]) or values.dtype != np.int32
                or len(values) != ends[-1] or head["sections"][-1] != head["offsets"][-1]):
            return None
        arrays = dict(zip(SECTIONS, np.split(values, ends[:-1]), strict=True))
        return _opening(head, entries, arrays)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def load(index_dir: Path | str | None, searcher: Searcher) -> Opening:
    """What a searcher needs at open: read from the files in index_dir, or built and written
    afresh (only built, for an index with no folder)."""
    if index_dir is None:
        return _opening(*build(searcher))
    found = read(Path(index_dir), searcher.reader())
    if found is not None:
        return found
    return write(Path(index_dir), searcher)
