"""The speaker registry kept beside the index, so that names learned from one article resolve
mentions in the next ("Miller" after "Matthew Miller" was seen)."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

REGISTRY_FILE = "speakers.json"


def _registry_class() -> Any | None:
    try:
        from search_index.extraction.speakers import SpeakerRegistry
    except ImportError:  # extraction not installed: index without a registry
        return None
    return SpeakerRegistry


class SpeakerStore:
    def __init__(self, index_dir: Path) -> None:
        self.path = Path(index_dir) / REGISTRY_FILE

    def load(self) -> Any | None:
        """The saved registry, a new one if none was saved or it is unreadable, or None when
        there is no registry class."""
        registry_class = _registry_class()
        if registry_class is None:
            return None
        if self.path.exists():
            try:
                return registry_class.model_validate_json(self.path.read_text(encoding="utf-8"))
            except Exception as error:  # a damaged registry is rebuilt from the next articles
                log.warning("ignoring unreadable speaker registry %s: %s", self.path, error)
        return registry_class()

    def save(self, registry: Any) -> None:
        """Write atomically: a temporary file in the same folder, then os.replace."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".speakers.", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(registry.model_dump_json())
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    @staticmethod
    def renames(registry: Any, names: Iterable[str]) -> dict[str, str]:
        """Names the registry now resolves to another canonical name: {"Miller": "Matthew
        Miller"}. A name that resolves to nothing or to itself stays."""
        renames: dict[str, str] = {}
        for name in names:
            try:
                canonical = registry.resolve(name)
            except Exception:  # a registry quirk must not stop an ingest
                log.exception("speaker registry could not resolve %r", name)
                continue
            if canonical and canonical != name:
                renames[name] = canonical
        # Follow chains ("Miller" -> "M. Miller" -> "Matthew Miller") to their end.
        for name, target in list(renames.items()):
            seen = {name}
            while target in renames and target not in seen:
                seen.add(target)
                target = renames[target]
            renames[name] = target
        return {name: target for name, target in renames.items() if name != target}
