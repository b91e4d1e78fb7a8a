"""Security checks that are not about a running bot: secrets kept out of git, pinned
dependencies, and user text kept away from shells, file paths and Whoosh's query parser."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from whoosh import query as whoosh_query

from search_index.search.querying import build_query, parse_query

REPO = Path(__file__).resolve().parents[2]
RUNTIME_PACKAGES = [REPO / "bot", REPO / "search_index"]
# Installed with the virtual environment itself, not dependencies of OnRecord.
VENV_TOOLING = {"pip", "setuptools", "wheel", "onrecord"}


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def constraints() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not pinned with =="
            pins[normalise(name)] = version.strip()
    return pins


def test_env_file_is_ignored_by_git() -> None:
    assert ".env" in (REPO / ".gitignore").read_text().split()
    checked = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=REPO)
    assert checked.returncode == 0, "git would offer to commit .env (the bot token)"


def test_every_installed_package_is_pinned_in_constraints_at_its_installed_version() -> None:
    pins = constraints()
    installed = {normalise(dist.metadata["Name"]): dist.version
                 for dist in importlib.metadata.distributions()}
    unpinned = sorted(set(installed) - set(pins) - VENV_TOOLING)
    assert unpinned == [], f"installed but not in constraints.txt: {unpinned}"
    differ = {name: (installed[name], pins[name]) for name in installed
              if name in pins and installed[name] != pins[name]}
    assert differ == {}, f"installed version differs from the pin: {differ}"


def test_direct_dependencies_are_pinned_exactly_and_agree_with_constraints() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    pins = constraints()
    for requirement in requirements:
        name, _, version = requirement.partition("==")
        assert version, f"pyproject.toml: {requirement!r} is not pinned with =="
        assert pins.get(normalise(name)) == version, f"{requirement} vs constraints.txt"
    assert "-c constraints.txt" in (REPO / "Makefile").read_text()


def runtime_sources() -> list[Path]:
    return [path for package in RUNTIME_PACKAGES for path in sorted(package.rglob("*.py"))]


def test_no_runtime_module_runs_a_shell_or_whooshs_query_parser() -> None:
    banned_modules = {"subprocess", "whoosh.qparser", "os.system", "pty", "shlex"}
    banned_calls = {"system", "popen", "eval", "exec", "QueryParser", "MultifieldParser"}
    found: list[str] = []
    for path in runtime_sources():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [f"{path.name}: import {a.name}" for a in node.names
                          if a.name in banned_modules]
            elif isinstance(node, ast.ImportFrom) and node.module:
                if node.module in banned_modules or node.module.startswith("whoosh.qparser"):
                    found.append(f"{path.name}: from {node.module} import ...")
            elif isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in banned_calls:
                    found.append(f"{path.name}:{node.lineno}: {name}(...)")
    assert found == [], found


ATTACKS = [
    "speaker:Miller", "payload:x doctype:article", "meta_key:meta", "path:/etc/passwd",
    "elect*", "el?ctions", "*", "elections~2", "elections^10", "[a TO z]", "{a TO z}",
    "(elections OR x) AND NOT y", '"unbalanced', "a" * 5000, "\x00\x01\x7f", "<@123> @everyone",
]


def leaves(query: whoosh_query.Query) -> list[whoosh_query.Query]:
    children = [] if query.is_leaf() else list(query.children())
    if not children:
        return [query]
    return [leaf for child in children for leaf in leaves(child)]


@pytest.mark.parametrize("text", ATTACKS)
def test_user_text_becomes_only_literal_terms_and_phrases_on_the_search_field(text: str) -> None:
    # The fields an ordinary search looks in: nothing a user types may add another.
    searched = {leaf.field() for leaf in leaves(build_query(parse_query("elections minister")))}
    query = build_query(parse_query(text))
    if query is whoosh_query.NullQuery:
        return
    for leaf in leaves(query):
        assert type(leaf) in (whoosh_query.Term, whoosh_query.Phrase), (text, leaf)
        assert leaf.field() in searched, (text, leaf)


def test_command_arguments_never_name_a_file() -> None:
    # The only paths commands touch come from settings (the corpus and index folders).
    modules = sorted((REPO / "bot" / "commands").glob("*.py"))
    assert len(modules) > 1, "the command modules are where this test expects them"
    opened = [f"{module.name}:{node.lineno}" for module in modules
              for node in ast.walk(ast.parse(module.read_text())) if isinstance(node, ast.Call)
              and getattr(node.func, "id", getattr(node.func, "attr", "")) in
              {"open", "read_text", "read_bytes", "write_text", "unlink", "rmtree"}]
    assert opened == [], f"bot/commands/ opens files at {opened}"
