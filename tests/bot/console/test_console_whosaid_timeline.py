"""/whosaid and /timeline as commands and in the console, over a real index of seeds/ plus
the invented articles of tests/said_corpus.py."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from said_corpus import SLOGAN_PHRASE, VARGA, VARGA_MONTHS, WREN, write_said_corpus

from bot import commands
from bot.answers import AnswerKind
from bot.console.session import ConsoleSession, ask, run_console
from bot.discord.render import render
from bot.timeline_chart import PNG_SIGNATURE, timeline_figure
from search_index.index.ingest import ingest
from search_index.search.service import SearchService
from search_index.search.timeline import period_start, sparkline


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> SearchService:
    root = tmp_path_factory.mktemp("said-bot")
    ingest([seeds_dir, write_said_corpus(root / "said")], root / "index")
    return SearchService(root / "index")


@pytest.fixture
def session(service: SearchService, tmp_path: Path) -> ConsoleSession:
    return ConsoleSession(service, [tmp_path], tmp_path / "unused", charts_dir=tmp_path / "charts")


def test_whosaid_answer_lists_both_speakers_earliest_first_with_every_report(
    service: SearchService,
) -> None:
    answer = commands.whosaid(service, SLOGAN_PHRASE)
    assert answer.kind is AnswerKind.RESULTS
    assert [item.speaker for item in answer.items[:2]] == [VARGA, WREN]
    assert answer.items[0].date < answer.items[1].date
    assert answer.lines[0] == ("Results 1-2, from 2 speakers (earliest first), "
                               "quote these exact words.")
    ledger = commands.whosaid(service, "takes water from our fields").items[0]
    assert [report.split(" · ")[1] for report in ledger.reports] == [
        "Harbour Herald", "Daily Ledger"
    ]
    assert all(len(render(shown)[0]) <= 6000 for shown in (answer, commands.whosaid(
        service, "takes water from our fields")))


def test_whosaid_refuses_empty_and_overlong_phrases(service: SearchService) -> None:
    assert commands.whosaid(service, "  ").is_error
    assert commands.whosaid(service, "word " * 100).is_error


def test_timeline_answer_carries_the_chart_of_its_counts(service: SearchService) -> None:
    answer = commands.timeline(service, speaker="Varga")
    timeline = answer.timeline
    assert timeline is not None and timeline.granularity == "month"
    statements = service.latest(VARGA, limit=50).hits
    expected = Counter(period_start(hit.statement.date, "month") for hit in statements)
    assert {b.start: b.count for b in timeline.buckets if b.count} == dict(expected)
    assert [b.start for b in timeline.buckets if b.count] == list(VARGA_MONTHS)
    # The chart draws those counts: one bar per month, each as tall as its count.
    bars = timeline_figure(timeline, "t").axes[0].patches
    assert [round(bar.get_height()) for bar in bars] == [b.count for b in timeline.buckets]
    assert answer.chart_png is not None and answer.chart_png.startswith(PNG_SIGNATURE)
    assert answer.chart_filename == "timeline.png"
    assert render(answer)[0].image.url == "attachment://timeline.png"
    # the first and the latest statement, and the busiest month named
    assert [item.date.isoformat() for item in answer.items] == ["2024-01-16", "2024-06-12"]
    assert answer.fields[0].name == "Busiest periods"
    # every March statement was said on one day, so the busiest period is named by that day
    march_days = {hit.statement.date for hit in statements
                  if hit.statement.date and hit.statement.date.month == 3}
    assert len(march_days) == 1
    day = march_days.pop()
    assert answer.fields[0].lines[0].startswith(f"{day.day} Mar 2024: ")


def test_timeline_of_nothing_has_no_chart(service: SearchService) -> None:
    answer = commands.timeline(service, speaker=VARGA, since="2010", until="2010")
    assert answer.kind is AnswerKind.NO_RESULTS and answer.private
    assert answer.chart_png is None
    assert "nothing to chart" in answer.lines[0]
    assert render(answer)[0].image.url is None


def test_timeline_input_errors_are_private_one_liners(service: SearchService) -> None:
    assert commands.timeline(service).is_error
    assert commands.timeline(service, speaker="Nobody Atall").is_error
    swapped = commands.timeline(service, speaker=VARGA, since="2024-06", until="2024-01")
    assert swapped.is_error and "after" in swapped.title
    assert commands.timeline(service, topic="dam", since="soon").is_error


def test_console_timeline_writes_the_chart_and_prints_its_path_and_a_sparkline(
    session: ConsoleSession, service: SearchService
) -> None:
    out = io.StringIO()
    assert ask(session, "/timeline Elena Varga", out) == 0
    text = out.getvalue()
    saved = re.findall(r"Chart saved to\s+(\S+\.png)", text)
    assert len(saved) == 1
    chart = Path(saved[0])
    assert chart.parent == session.charts_dir
    assert chart.read_bytes().startswith(PNG_SIGNATURE)
    spark = sparkline(service.timeline(speaker=VARGA))
    assert len(spark) == 6, "January to June"
    assert f"Jan 2024 {spark} Jun 2024" in text


def test_console_whosaid_and_an_empty_timeline(session: ConsoleSession, tmp_path: Path) -> None:
    lines = iter(['/whosaid "a line in the sand"', "/timeline topic:spaceships", "quit"])
    out = io.StringIO()
    run_console(session, read=lambda prompt: next(lines), out=out)
    text = out.getvalue()
    assert text.index(VARGA) < text.index(WREN), "the earlier speaker first"
    assert "Nothing to chart" in text and "Chart saved" not in text
    assert not (tmp_path / "charts").exists()
