"""`onrecord run`, `ask` and `sync` as a user meets them: exit codes and one-line messages."""

import io
import shutil

import pytest

from bot.cli import main


@pytest.fixture
def env(monkeypatch, seeds_index, tmp_path):
    """Settings from the environment only, pointing at the session's seeds index."""
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.delenv("DISCORD_GUILD_ID", raising=False)
    monkeypatch.setenv("ONRECORD_INDEX_DIR", str(seeds_index))
    return monkeypatch


def test_ask_prints_one_answer_and_exits_0(env, capsys):
    assert main(["ask", "/quote elections speaker:Miller"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("On record: “elections”")
    assert "— Matthew Miller" in out
    assert "type " not in out  # no prompts to type next: the command has exited


def test_ask_with_an_error_answer_exits_1(env, capsys):
    assert main(["ask", "/quote elections until:9999-01-01"]) == 1
    assert "outside the dates" in capsys.readouterr().out


def test_ask_an_unknown_command(env, capsys):
    assert main(["ask", "/qoute elections"]) == 1
    assert "Unknown command" in capsys.readouterr().out


def test_a_bad_setting_is_one_line_naming_it_and_exit_2(env, capsys):
    env.setenv("DISCORD_GUILD_ID", "not-a-number")
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "DISCORD_GUILD_ID" in err[0]


def test_run_without_a_token_is_the_console(env, capsys):
    env.setattr("sys.stdin", io.StringIO("/latest Khawaja Asif\nquit\n"))
    assert main(["run"]) == 0
    out = capsys.readouterr().out
    assert "Latest from Khawaja Asif" in out


def test_run_builds_a_missing_index_from_the_corpus(env, capsys, tmp_path, seeds_dir):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    shutil.copy(seeds_dir / "001_0260c2491e78ec1b.txt", corpus)
    env.setenv("ONRECORD_CORPUS", str(corpus))
    env.setenv("ONRECORD_INDEX_DIR", str(tmp_path / "fresh-index"))
    assert main(["ask", "/quote elections"]) == 0
    captured = capsys.readouterr()
    assert "building the index" in captured.err
    assert "Millions of Pakistanis" in captured.out


def test_no_index_and_no_corpus(env, capsys, tmp_path):
    env.setenv("ONRECORD_CORPUS", str(tmp_path / "nowhere"))
    env.setenv("ONRECORD_INDEX_DIR", str(tmp_path / "no-index"))
    assert main(["ask", "/about"]) == 1
    assert "ONRECORD_CORPUS" in capsys.readouterr().err


def test_sync_needs_a_token(env, capsys):
    assert main(["sync"]) == 2
    assert "DISCORD_TOKEN" in capsys.readouterr().err
