"""Which files under the paths given are articles to read (one rule for every command).

A folder is walked recursively, hidden files and folders skipped; a file named directly is
always read. Symbolic links that lead nowhere are reported, not silently skipped.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from pathlib import Path

# What a folder's article files are called; a file named on the command line is always read.
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ""})
PAGE_SUFFIXES = frozenset({".html", ".htm"})


def _is_article_file(path: Path) -> bool:
    name = path.name
    if name.startswith(".") or name.endswith(".meta.json"):
        return False
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return False
    # `onrecord fetch` saves NAME.html beside NAME.txt: the text is the article, once.
    return not (path.suffix.lower() in PAGE_SUFFIXES and path.with_suffix(".txt").exists())


def collect_files(paths: Sequence[Path]) -> tuple[list[Path], list[Path], list[tuple[str, str]]]:
    """(files to ingest, the roots they came from, paths that do not exist)."""
    files: list[Path] = []
    roots: list[Path] = []
    missing: list[tuple[str, str]] = []
    for given in paths:
        path = Path(given).expanduser()
        if path.is_symlink() and not path.exists():
            missing.append((str(given), _dangling_link(path)))
            continue
        if path.is_dir():
            roots.append(path.resolve())
            for found in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in found.relative_to(path).parts):
                    continue
                if found.is_file() and _is_article_file(found):
                    files.append(found.resolve())
                elif found.is_symlink() and not found.exists() and _is_article_file(found):
                    missing.append((str(found), _dangling_link(found)))
        elif path.is_file():
            roots.append(path.resolve())
            files.append(path.resolve())
        else:
            # A file that was indexed and is now gone is removed, not reported as missing.
            roots.append(path.resolve())
            if not path.suffix:
                missing.append((str(given), "no such file or folder"))
    unique = list(dict.fromkeys(files))
    return unique, roots, missing


def _dangling_link(path: Path) -> str:
    """Why a symbolic link leads to no file, in words (rglob skips these silently)."""
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symbolic link loop, not a file"
        return "a symbolic link to a file that does not exist"
    return "a symbolic link that leads to no file"


def within(path: str, roots: Sequence[Path]) -> bool:
    candidate = Path(path)
    return any(candidate == root or root in candidate.parents for root in roots)
