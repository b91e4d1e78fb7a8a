"""Sources one can cite, through the real discord.py client and the Discord double: an
article given a link in the corpus's sources.csv is linked from every answer that shows it.

The bot reads a copy of seeds/ with a sources.csv that gives seed 001 (an untitled text that
names no outlet) a link, an outlet and a headline.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from discord_double import DiscordDouble
from double_payloads import SentMessage

from bot.discord.app import OnRecordBot
from search_index.index.ingest import ingest

pytestmark = pytest.mark.asyncio(loop_scope="module")

SEED = "001_0260c2491e78ec1b.txt"
URL = "https://news.example/2024/02/us-urges-probe-of-pakistan-vote"
OUTLET = "The Example Ledger"
HEADLINE = "US urges probe of fraud claims in Pakistan vote"


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """This module's bot reads the seeds with a sources.csv (overrides conftest's)."""
    root = tmp_path_factory.mktemp("sources-e2e")
    corpus = root / "corpus"
    shutil.copytree(seeds_dir, corpus)
    (corpus / "sources.csv").write_text(
        f"file,url,outlet,published,title\n{SEED},{URL},{OUTLET},,{HEADLINE}\n",
        encoding="utf-8",
    )
    index_dir = root / "index"
    report = ingest([corpus], index_dir)
    assert not report.metadata_problems, report.metadata_problems
    return index_dir


def plain(text: str) -> str:
    """What a reader sees: markdown escapes and bold markers gone."""
    return re.sub(r"\\(.)", r"\1", text).replace("**", "")


async def ask(double: DiscordDouble, name: str, options: dict[str, Any] | None = None
              ) -> SentMessage:
    record = await double.send_command(name, options, user=double.make_user("member"))
    return await record.reply()


async def test_a_statement_s_headline_links_to_its_article(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "quote", {"query": "undue restrictions"})
    fields = message.embeds[0].get("fields") or []
    linked = [f for f in fields if "Matthew Miller" in f["name"]]
    assert linked, f"Miller's statement not among {[f['name'] for f in fields]}"
    value = linked[0]["value"]
    assert f"[{HEADLINE}]({URL})" in plain(value), value
    assert OUTLET in plain(value)
    assert SEED not in value, "the file's name is never shown"


async def test_the_context_view_links_its_title_to_the_article(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "quote", {"query": "undue restrictions"})
    [context_select] = [c for c in message.components_flat() if c.get("type") == 3]
    option = context_select["options"][0]
    picked = await discord_rules.send_component(
        message, context_select["custom_id"], [option["value"]],
        user=discord_rules.make_user("reader"),
    )
    context = await picked.reply()
    assert context.embeds[0].get("url") == URL


async def test_sources_links_the_article_and_names_the_others_without_file_names(
    discord_rules: DiscordDouble, onrecord: OnRecordBot
) -> None:
    message = await ask(discord_rules, "sources")
    fields = message.embeds[0].get("fields") or []
    [ours] = [f for f in fields if f["name"] == HEADLINE]
    assert f"[Read the article]({URL})" in ours["value"]
    assert OUTLET in plain(ours["value"])
    text = plain(message.text())
    assert ".txt" not in text
    assert "via Pajhwok Afghan News" in text
