"""Hostile input through the console's `onrecord ask`: an answer or a short error, never a crash."""

from __future__ import annotations

import pytest

from bot.cli import main

HOSTILE = [
    "", "e", "x" * 2000, "the of and", '"unbalanced', "((elections]", "AND OR NOT",
    "body:elections", "elect*", "el?ctions", ".*(a+)+$", "🗳️ elections", "انتخابات",
    "\u202eelections", "elec\u200btions", "elections\x00\x1b[31m", "@everyone <@123> <#1>",
    "**bold** [link](https://example.com)", "../../etc/passwd", "$(reboot) `id` | cat",
]
LINES = [
    *(f"/quote {text}" for text in HOSTILE),
    *(f"/latest {text}" for text in HOSTILE[::2]),
    *(f"/speakers {text}" for text in HOSTILE[::2]),
    "/quote elections since:yesterday", "/quote elections until:9999", "/quote elections since:0",
    "/quote elections since:2024-12-31 until:2024-01-01", "/quote elections speaker:@everyone",
    "/quote elections outlet:Nowhere Gazette", "/context 999", "/context x", "/qoute x", "/",
    "next", "prev",
]


@pytest.fixture
def env(monkeypatch, seeds_index, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.setenv("ONRECORD_INDEX_DIR", str(seeds_index))
    return monkeypatch


def test_every_hostile_line_gets_an_answer_or_a_short_error(env, capsys):
    for line in LINES:
        code = main(["ask", line])
        captured = capsys.readouterr()
        assert code in (0, 1), line
        assert "Traceback" not in captured.out + captured.err, line
        assert captured.out.strip(), f"{line!r} printed nothing"
        if code == 1:
            assert len(captured.out) < 800, f"{line!r}: a {len(captured.out)}-character error"
    assert main(["ask", "/quote elections"]) == 0
    assert "Matthew Miller" in capsys.readouterr().out
