"""The console: reading Discord-style lines, the session (paging, context) and terminal text."""

import io
from pathlib import Path

import pytest
from fake_search_service import FakeSearchService, statement

from bot import commands
from bot.answers import AnswerKind
from bot.console.parse import ParsedLine, ParseError, parse_line
from bot.console.render import BOLD, RESET, render_text, wrap_runs
from bot.console.session import ConsoleSession, ask, run_console
from search_index.models import TextRun


@pytest.mark.parametrize(("line", "expected"), [
    ("/quote elections", ParsedLine(command="quote", options={"query": "elections"})),
    ("/quote security cooperation speaker:Matthew Miller since:2024-01-01",
     ParsedLine(command="quote", options={"query": "security cooperation",
                                          "speaker": "Matthew Miller", "since": "2024-01-01"})),
    # a quoted query stays a phrase to search, as Discord passes it; other values are unwrapped
    ('/quote query:"free and fair" outlet:"Daily Ledger"',
     ParsedLine(command="quote", options={"query": '"free and fair"', "outlet": "Daily Ledger"})),
    ('/quote "free and fair elections" exact:true',
     ParsedLine(command="quote", options={"query": '"free and fair elections"',
                                          "exact": "true"})),
    ("/latest Khawaja Asif topic:terrorism",
     ParsedLine(command="latest", options={"speaker": "Khawaja Asif", "topic": "terrorism"})),
    ("/quote Pakistan's elections", ParsedLine(command="quote",
                                               options={"query": "Pakistan's elections"})),
    ("/quote time:now", ParsedLine(command="quote", options={"query": "time:now"})),
    ("/speakers", ParsedLine(command="speakers")),
    ("/context 3", ParsedLine(command="context", options={"number": "3"})),
    ("quote elections", ParsedLine(command="quote", options={"query": "elections"})),
    ("  next ", ParsedLine(command="next")),
    ("prev", ParsedLine(command="prev")),
    ("QUIT", ParsedLine(command="quit")),
])
def test_parse_line(line, expected):
    assert parse_line(line) == expected


def test_a_blank_line_is_nothing():
    assert parse_line("   ") is None


@pytest.mark.parametrize(("line", "message"), [
    ("/qoute elections", "Unknown command “/qoute”"),
    ("/sources everything", "/sources takes no words"),
    ("/latest Miller since:2024-01-01", "/latest does not take since:"),
    ("/quote x speaker:A speaker:B", "speaker: is given twice"),
    ("/quote x query:y", "Give query once"),
    ("next page", "`next` takes nothing after it"),
])
def test_lines_the_console_cannot_read(line, message):
    with pytest.raises(ParseError, match=message):
        parse_line(line)


@pytest.fixture
def session(tmp_path) -> ConsoleSession:
    many = [statement(n, f"Turnout in the elections rose in district {n}.", "Matthew Miller",
                      role="State Department Spokesperson") for n in range(1, 9)]
    return ConsoleSession(FakeSearchService(many), [tmp_path], tmp_path / "index")


def test_next_prev_and_context_follow_the_last_answer(session):
    first = session.handle("/quote elections")
    assert (first.page, first.pages) == (1, 2)
    second = session.handle("next")
    assert second.page == 2
    assert [item.number for item in second.items] == [6, 7, 8]
    assert session.handle("next").title == "This is the last page (2/2)."
    context = session.handle("/context 7")
    assert context.items[0].statement_id == second.items[1].statement_id
    assert session.handle("/context 2").title.startswith("There is no result 2 on this page")
    assert session.handle("prev").page == 1  # context did not replace the page it came from


def test_context_before_any_search(session):
    assert session.handle("/context 1").is_error


def test_an_unreadable_line_is_an_error_answer(session):
    answer = session.handle("/frobnicate")
    assert answer.is_error
    assert "help" in answer.title


def test_help_and_quit(session):
    assert session.handle("help").title == "OnRecord console"
    assert session.handle("quit") is None
    assert session.finished


def test_run_console_reads_until_quit(session):
    lines = iter(["/quote elections", "next", "quit", "/about"])
    out = io.StringIO()
    assert run_console(session, read=lambda prompt: next(lines), out=out) == 0
    text = out.getvalue()
    assert "On record: “elections”" in text
    assert "Page 2/2" in text
    assert "About OnRecord" not in text  # nothing runs after quit


def test_run_console_ends_on_end_of_input(session):
    def read(prompt: str) -> str:
        raise EOFError

    assert run_console(session, read=read, out=io.StringIO()) == 0


def test_ask_exit_codes(session):
    out = io.StringIO()
    assert ask(session, "/quote elections", out) == 0
    assert "Turnout in the elections rose" in out.getvalue()
    assert ask(session, "/quote elections since:someday", io.StringIO()) == 1
    assert ask(session, "/quote zzzz", io.StringIO()) == 0  # no results is still an answer
    assert ask(session, "", io.StringIO()) == 1


def test_render_text_for_a_pipe_is_plain_and_complete():
    answer = commands.quote(FakeSearchService(), "elections")
    text = render_text(answer, width=70)
    assert "\x1b" not in text
    lines = text.splitlines()
    assert lines[0] == "On record: “elections”"
    assert "1.  “We look forward to timely, complete results from the elections.”" in lines
    assert "    — Matthew Miller, State Department Spokesperson" in lines
    assert "    said 10 Feb 2024 · Daily Ledger · Officials speak on the vote" in lines
    assert "    https://news.example/vote" in lines
    assert "reported 1 Jun 2023 · Evening Star" in text  # the report's date, said so
    assert all(len(line) <= 70 for line in lines)
    assert lines[-1] == "3 statements · type /context 1"


def test_render_text_for_a_terminal_bolds_matches():
    answer = commands.quote(FakeSearchService(), "elections")
    text = render_text(answer, ansi=True)
    assert f"{BOLD}elections.{RESET}" not in text
    assert f"{BOLD}elections{RESET}." in text


def test_quotes_cannot_send_terminal_control_codes():
    runs = [TextRun(text="safe \x1b[2J\x1b]0;title\x07 words\r\nnext")]
    assert wrap_runs(runs, 80, "", ansi=False) == ["safe [2J]0;title words next"]


def test_wrap_keeps_punctuation_glued_to_a_bold_word():
    runs = [TextRun(text="the "), TextRun(text="vote", match=True), TextRun(text=", then")]
    assert wrap_runs(runs, 80, "", ansi=True) == [f"the {BOLD}vote{RESET}, then"]


def test_long_quotes_are_cut_in_the_terminal_too():
    words = " ".join(["elections"] * 200)
    service = FakeSearchService([statement(1, words, "Matthew Miller")])
    text = render_text(commands.quote(service, "elections"))
    assert "elections…”" in text
    assert len(text) < 900


def test_error_answers_are_flagged():
    answer = commands.quote(FakeSearchService(), "")
    assert answer.kind is AnswerKind.ERROR
    assert render_text(answer).startswith("! Type a few words")


def test_speakers_render_as_indented_blocks():
    text = render_text(commands.speakers(FakeSearchService(), "asif"))
    assert ("Khawaja Asif\n    Foreign Minister: 4 Oct 2017\n    Defence Minister: 7 Nov 2024\n"
            in text)


def test_session_reindex_uses_the_configured_paths(tmp_path: Path):
    session = ConsoleSession(FakeSearchService(), [tmp_path / "missing"], tmp_path / "index")
    answer = session.handle("/reindex")
    assert answer.is_error and "ONRECORD_CORPUS" in answer.lines[0]
