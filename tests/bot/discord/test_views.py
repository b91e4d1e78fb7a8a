"""The answer view: invoker-only paging, the context select and switching off on timeout.

Presses go through View._scheduled_task, the path discord.py's view store uses for a real
click: state refresh, interaction_check, then the callback.
"""

from datetime import date

import discord
import pytest
from discord_fakes import component_interaction
from fake_search_service import FakeSearchService, statement

from bot import commands
from bot.answers import Answer
from bot.discord.views import NOT_YOURS, AnswerView

OWNER = 11
SOMEONE_ELSE = 22


@pytest.fixture
def service() -> FakeSearchService:
    return FakeSearchService([
        statement(n, f"Turnout in the elections rose in district {n}.", "Matthew Miller",
                  when=date(2024, 1, n)) for n in range(1, 13)
    ])


@pytest.fixture
def client() -> discord.Client:
    return discord.Client(intents=discord.Intents.none())


def make_view(service: FakeSearchService) -> tuple[AnswerView, list[int]]:
    answer = commands.quote(service, "elections")
    asked: list[int] = []

    async def fetch_page(page: int) -> Answer:
        asked.append(page)
        assert answer.request is not None
        return commands.turn_page(service, answer.request, page)

    async def fetch_context(statement_id: str) -> Answer:
        return commands.context(service, statement_id)

    return AnswerView(answer, OWNER, fetch_page, fetch_context), asked


async def test_first_page_layout(service):
    view, _ = make_view(service)
    assert view.previous_button.disabled
    assert not view.next_button.disabled
    assert view.page_label.label == "1/3"
    assert [option.value for option in view.context_select.options] == ["0", "1", "2", "3", "4"]
    assert view.context_select.options[0].label == "1. Matthew Miller"
    assert all(len(option.label) <= 100 and len(option.description or "") <= 100
               for option in view.context_select.options)


async def test_the_owner_pages_forward(service, client):
    view, asked = make_view(service)
    press = component_interaction(client, view.next_button.custom_id, OWNER)
    await view._scheduled_task(view.next_button, press)
    assert asked == [2]
    assert press.recorder.names() == ["defer", "edit_original"]
    edit = press.recorder.calls[1][1]
    assert edit["view"] is view
    assert edit["embeds"][0].fields[0].name.startswith("6. ")
    assert view.page_label.label == "2/3"
    assert not view.previous_button.disabled


async def test_someone_else_cannot_page(service, client):
    view, asked = make_view(service)
    press = component_interaction(client, view.next_button.custom_id, SOMEONE_ELSE)
    assert await view.interaction_check(press) is False
    assert press.recorder.calls == [
        ("send_message", {"content": NOT_YOURS, "ephemeral": True,
                          "allowed_mentions": press.recorder.calls[0][1]["allowed_mentions"]})
    ]
    await view._scheduled_task(view.next_button, component_interaction(
        client, view.next_button.custom_id, SOMEONE_ELSE))
    assert asked == []
    assert view.answer.page == 1


async def test_anyone_may_read_a_statement_in_context_privately(service, client):
    view, _ = make_view(service)
    pick = component_interaction(client, view.context_select.custom_id, SOMEONE_ELSE,
                                 values=["1"])
    await view._scheduled_task(view.context_select, pick)
    assert pick.recorder.names() == ["defer", "followup"]
    assert pick.recorder.calls[0][1] == {"ephemeral": True, "thinking": True}
    followup = pick.recorder.calls[1][1]
    assert followup["ephemeral"] is True
    assert "Turnout in the elections rose in district 11." in followup["embeds"][0].description


async def test_timeout_switches_every_component_off(service):
    view, _ = make_view(service)
    edits: list[dict] = []

    class Origin:
        async def edit_original_response(self, **kwargs):
            edits.append(kwargs)

    view.origin = Origin()  # type: ignore[assignment]
    await view.on_timeout()
    assert edits == [{"view": view}]
    assert all(child.disabled for child in view.children)


async def test_a_failing_fetch_is_reported_privately(service, client):
    view, _ = make_view(service)

    async def broken(page: int) -> Answer:
        raise RuntimeError("disk on fire")

    view._fetch_page = broken
    press = component_interaction(client, view.next_button.custom_id, OWNER)
    await view._scheduled_task(view.next_button, press)
    name, sent = press.recorder.calls[-1]
    assert name == "followup" and sent["ephemeral"] is True
    assert "disk on fire" not in sent["content"]


async def test_a_single_page_without_items_needs_no_view():
    answer = commands.about(FakeSearchService())

    async def never(_: object) -> Answer:
        raise AssertionError

    assert not AnswerView(answer, OWNER, never, never).has_components
