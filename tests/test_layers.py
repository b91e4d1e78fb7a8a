"""The import graph: no cycle between modules, and no package importing one above it.

Each module's imports are read with `ast` (module level, inside functions and under
TYPE_CHECKING alike: a lazy or type-only import still ties the two modules together), so a
failure names the file, the line and the import to move.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("search_index", "bot")

# Lowest first. A module may import from its own unit or from a unit in a lower layer; units
# that share a layer are peers and never import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("search_index.errors",),
    ("search_index.models",),
    ("search_index.text",),
    ("search_index.articles",),
    ("search_index.extraction",),
    ("search_index.index",),
    ("search_index.search",),
    ("bot.settings", "bot.source_line", "bot.role_spans"),
    ("bot.answers",),
    ("bot.text_format", "bot.timeline_chart"),
    ("bot.commands",),
    ("bot.discord", "bot.console"),
    ("bot.cli",),
    ("bot.__main__",),
)
# The package roots hold only a docstring: anyone may import them, they import nothing.
ROOTS = frozenset(PACKAGES)
# The outside libraries each stage rests on, and the only units that may import them: the
# library never imports discord, the commands and the console never touch a transport's
# library, and only the index and the search service speak Whoosh.
LIBRARY_ROOMS: dict[str, tuple[str, ...]] = {
    "discord": ("bot.discord", "bot.cli"),
    "aiohttp": ("bot.discord", "bot.cli"),
    "whoosh": ("search_index.index", "search_index.search"),
    "trafilatura": ("search_index.articles",),
    "feedparser": ("search_index.articles",),
    "courlan": ("search_index.articles",),
    "urllib3": ("search_index.articles",),
    "matplotlib": ("bot.timeline_chart",),
}


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    path: Path
    line: int

    def where(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.line} imports {self.imported}"


def _modules() -> dict[str, tuple[Path, bool]]:
    found: dict[str, tuple[Path, bool]] = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts.pop()
            found[".".join(parts)] = (path, is_package)
    return found


def _imports(modules: dict[str, tuple[Path, bool]]) -> list[Import]:
    edges: list[Import] = []
    for name, (path, is_package) in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    here = name.split(".") if is_package else name.split(".")[:-1]
                    here = here[: len(here) - node.level + 1]
                    base = ".".join([*here, base] if base else here)
                for alias in node.names:
                    # `from bot import commands` ties us to bot.commands, not to bot's root
                    submodule = f"{base}.{alias.name}"
                    targets.append(submodule if submodule in modules else base)
            for target in dict.fromkeys(targets):
                if target in modules and target != name:
                    edges.append(Import(name, target, path, node.lineno))
    return edges


def _unit(module: str) -> str:
    for layer in LAYERS:
        for unit in layer:
            if module == unit or module.startswith(unit + "."):
                return unit
    return module


def _layer(unit: str) -> int | None:
    for rank, layer in enumerate(LAYERS):
        if unit in layer:
            return rank
    return None


def _libraries(modules: dict[str, tuple[Path, bool]]) -> list[Import]:
    """Every import of an outside library, by its top-level name."""
    found: list[Import] = []
    for name, (path, _) in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                tops = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                tops = [node.module.split(".")[0]]
            else:
                continue
            found += [Import(name, top, path, node.lineno) for top in tops if top in LIBRARY_ROOMS]
    return found


MODULES = _modules()
IMPORTS = _imports(MODULES)
LIBRARIES = _libraries(MODULES)


def test_the_graph_is_read() -> None:
    # a reader that found nothing would pass every check below
    assert len(MODULES) > 60
    assert any(i.importer == "search_index.search.service" for i in IMPORTS)
    assert any(i.imported == "search_index.models" for i in IMPORTS)


def test_every_module_belongs_to_a_layer() -> None:
    orphans = [m for m in MODULES if m not in ROOTS and _layer(_unit(m)) is None]
    assert not orphans, f"modules in no layer of tests/test_layers.py: {orphans}"


def test_the_package_roots_import_nothing() -> None:
    from_roots = [i.where() for i in IMPORTS if i.importer in ROOTS]
    assert not from_roots, from_roots


def test_no_import_reaches_up_or_sideways() -> None:
    bad: list[str] = []
    for edge in IMPORTS:
        if edge.importer in ROOTS or edge.imported in ROOTS:
            continue
        source, target = _unit(edge.importer), _unit(edge.imported)
        if source == target:
            continue
        below = _layer(target), _layer(source)
        if below[0] is None or below[1] is None or below[0] >= below[1]:
            bad.append(f"{edge.where()} ({source} may not import {target})")
    assert not bad, "imports against the layers:\n" + "\n".join(bad)


def test_outside_libraries_stay_in_their_rooms() -> None:
    assert {i.imported for i in LIBRARIES} >= {"discord", "whoosh"}  # the reader sees them
    bad = [
        f"{edge.where()} (only {', '.join(LIBRARY_ROOMS[edge.imported])} may)"
        for edge in LIBRARIES
        if _unit(edge.importer) not in LIBRARY_ROOMS[edge.imported]
    ]
    assert not bad, "outside libraries imported out of place:\n" + "\n".join(bad)


def _cycle_through(start: str, graph: dict[str, list[Import]]) -> list[Import] | None:
    """The imports of one cycle back to `start`, found depth first, or None."""
    stack: list[tuple[str, list[Import]]] = [(start, [])]
    seen: set[str] = set()
    while stack:
        module, path = stack.pop()
        for edge in graph.get(module, []):
            if edge.imported == start:
                return [*path, edge]
            if edge.imported not in seen:
                seen.add(edge.imported)
                stack.append((edge.imported, [*path, edge]))
    return None


def test_no_import_cycle() -> None:
    graph: dict[str, list[Import]] = {}
    for edge in IMPORTS:
        graph.setdefault(edge.importer, []).append(edge)
    cycles: list[str] = []
    reported: set[frozenset[str]] = set()
    for module in MODULES:
        cycle = _cycle_through(module, graph)
        if cycle is None:
            continue
        members = frozenset(edge.importer for edge in cycle)
        if members not in reported:
            reported.add(members)
            cycles.append("  " + "\n  ".join(edge.where() for edge in cycle))
    assert not cycles, "import cycles:\n" + "\n\n".join(cycles)


@pytest.mark.parametrize(
    ("importer", "imported", "allowed"),
    [
        ("search_index.search.service", "search_index.index.schema", True),
        ("search_index.index.ingest", "search_index.search.service", False),
        ("bot.discord.app", "bot.console.session", False),
        ("bot.cli.serve", "bot.discord.app", True),
        ("search_index.text.dates", "search_index.models", True),
    ],
)
def test_the_layer_rule_itself(importer: str, imported: str, allowed: bool) -> None:
    source, target = _unit(importer), _unit(imported)
    low, high = _layer(target), _layer(source)
    assert low is not None and high is not None
    assert (source == target or low < high) is allowed
