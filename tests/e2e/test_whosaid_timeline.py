"""/whosaid and /timeline through the real discord.py client and the Discord double.

The bot runs over an index of seeds/ plus a few invented articles (tests/said_corpus.py) in
which two ministers say the same words weeks apart. The timeline's chart arrives as a PNG
attachment of the answer, shown by the embed; the test reads the attachment's bytes.
"""

from __future__ import annotations

import datetime
import re
import struct
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from discord_double import DEFERRED_CHANNEL_MESSAGE, DiscordDouble
from double_payloads import SentMessage
from said_corpus import SLOGAN_PHRASE, VARGA, WREN, write_said_corpus

import bot.timeline_chart as timeline_chart
from bot.discord import timing as discord_timing
from bot.discord.app import OnRecordBot
from search_index.index.ingest import ingest
from search_index.search.timeline import Timeline, day_label, period_start

pytestmark = pytest.mark.asyncio(loop_scope="module")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DATE = re.compile(r"\bsaid (\d{1,2} [A-Z][a-z]{2} \d{4})\b")  # "said 5 Mar 2024"


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """This module's bot reads the seeds and the invented articles (overrides conftest's)."""
    root = tmp_path_factory.mktemp("said-e2e")
    index_dir = root / "index"
    ingest([seeds_dir, write_said_corpus(root / "said")], index_dir)
    return index_dir


def plain(text: str) -> str:
    """What a reader sees: markdown escapes and bold markers gone."""
    return re.sub(r"\\(.)", r"\1", text).replace("**", "")


def results(message: SentMessage) -> list[str]:
    fields = message.embeds[0].get("fields") or []
    return [plain(f"{field['name']}\n{field['value']}") for field in fields]


async def ask(double: DiscordDouble, name: str, options: dict[str, Any]) -> SentMessage:
    record = await double.send_command(name, options, user=double.make_user("member"))
    return await record.reply()


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE), "the attachment is a PNG"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Timeline, bytes]]:
    """Every chart the bot draws: the Timeline it was given and the PNG it made."""
    charts: list[tuple[Timeline, bytes]] = []
    draw = timeline_chart.draw_timeline_png

    def recording(timeline: Timeline, title: str) -> bytes:
        png = draw(timeline, title)
        charts.append((timeline, png))
        return png

    monkeypatch.setattr(timeline_chart, "draw_timeline_png", recording)
    return charts


async def test_whosaid_major_non_nato_ally_finds_millers_december_2023_words(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "whosaid", {"phrase": "major non-NATO ally"})
    assert not message.ephemeral
    first = results(message)[0]
    assert "Matthew Miller" in first
    assert "said 18 Dec 2023" in first
    assert "major non-NATO ally" in first
    assert "these exact words" in plain(message.embeds[0]["description"])


async def test_whosaid_of_words_two_people_said_lists_both_earliest_first(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "whosaid", {"phrase": SLOGAN_PHRASE})
    listed = results(message)
    speakers = [VARGA if VARGA in r else WREN if WREN in r else None for r in listed[:2]]
    assert speakers == [VARGA, WREN], listed
    days = [datetime.datetime.strptime(DATE.search(r).group(1), "%d %b %Y").date()  # type: ignore[union-attr]
            for r in listed[:2]]
    assert days == sorted(days) and days[0] == datetime.date(2024, 3, 5)
    assert "from 2 speakers (earliest first)" in plain(message.embeds[0]["description"])


async def test_whosaid_lists_every_outlet_that_reported_the_words(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "whosaid", {"phrase": "takes water from our fields"})
    first = results(message)[0]
    herald, ledger = first.find("Harbour Herald"), first.find("Daily Ledger")
    assert 0 <= herald < ledger, f"both outlets, earliest first: {first!r}"


async def test_whosaid_of_unknown_words_answers_privately(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "whosaid", {"phrase": "zebra crossing quantum"})
    assert message.ephemeral
    assert "Nobody on record said" in plain(message.text())


async def test_timeline_of_matthew_miller_attaches_a_png_of_his_statements_per_period(
    discord_rules: DiscordDouble, onrecord: OnRecordBot, drawn: list[tuple[Timeline, bytes]]
) -> None:
    typing = await discord_rules.send_autocomplete("timeline", {"speaker": "mill"})
    choices = await typing.autocomplete_choices()
    assert any(choice["value"] == "Matthew Miller" for choice in choices), choices

    message = await ask(discord_rules, "timeline", {"speaker": "Matthew Miller"})
    assert not message.ephemeral
    attachment = message.attachment("timeline.png")
    assert png_size(attachment.data) == (800, 400)
    assert message.embeds[0]["image"]["url"] == "attachment://timeline.png"

    # The PNG is the chart of this Timeline, whose bars count Miller's statements per period.
    assert len(drawn) == 1
    timeline, png = drawn[0]
    assert png == attachment.data
    statements = onrecord.service.latest("Matthew Miller", limit=50).hits
    expected = Counter(period_start(hit.statement.date, timeline.granularity)
                       for hit in statements if hit.statement.date)
    counts = {bucket.start: bucket.count for bucket in timeline.buckets}
    assert {start: n for start, n in counts.items() if n} == dict(expected)
    assert sum(counts.values()) == len(statements) > 1

    text = plain(message.text())
    assert timeline.first_date and timeline.latest_date
    assert (timeline.first_date.year, timeline.first_date.month) == (2023, 12)
    assert (timeline.latest_date.year, timeline.latest_date.month) == (2024, 2)
    first, latest = day_label(timeline.first_date), day_label(timeline.latest_date)
    assert first in text and latest in text, "the first and latest statements are listed"
    busiest = timeline.busiest[0]
    assert f"{timeline.busy_label(busiest)}: {busiest.count} statements" in text


async def test_a_slow_timeline_is_deferred_then_the_chart_arrives_with_the_edit(
    discord_rules: DiscordDouble, onrecord: OnRecordBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discord_timing, "DEFER_AFTER", 0.0)
    record = await discord_rules.send_command(
        "timeline", {"topic": "elections"}, user=discord_rules.make_user("member")
    )
    assert (await record.response()).type == DEFERRED_CHANNEL_MESSAGE
    # drawing the first chart imports matplotlib: on a busy machine that alone can pass the
    # double's usual five seconds, and this test is about what arrives, not how fast
    message = await record.reply(timeout=30)
    assert png_size(message.attachment("timeline.png").data) == (800, 400)
    assert message.embeds[0]["image"]["url"] == "attachment://timeline.png"


async def test_a_timeline_of_nothing_says_so_without_a_chart(
    discord_rules: DiscordDouble, onrecord: OnRecordBot, drawn: list[tuple[Timeline, bytes]]
) -> None:
    message = await ask(
        discord_rules, "timeline",
        {"speaker": "Matthew Miller", "since": "2010-01-01", "until": "2010-12-31"},
    )
    assert message.ephemeral
    assert message.attachments == []
    assert "image" not in message.embeds[0]
    assert "nothing to chart" in plain(message.text())
    assert drawn == [], "no empty axes are drawn"


async def test_a_timeline_needs_a_speaker_or_a_topic(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "timeline", {})
    assert message.ephemeral
    assert "Name a speaker, a topic, or both" in plain(message.text())
