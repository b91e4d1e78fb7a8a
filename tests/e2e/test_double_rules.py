"""The double's copy of Discord's limits: each limit is accepted at its edge, refused past it."""

from __future__ import annotations

from typing import Any

import pytest
from double_rules import (
    choice_problems,
    command_problems,
    component_problems,
    embed_problems,
    mention_problems,
    message_problems,
)


def row(*children: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(children)}


def button(custom_id: str, label: str = "Go") -> dict[str, Any]:
    return {"type": 2, "style": 1, "label": label, "custom_id": custom_id}


@pytest.mark.parametrize(
    ("embed", "limit"),
    [
        ({"title": "t" * 256}, None),
        ({"title": "t" * 257}, "title is 257 characters"),
        ({"description": "d" * 4096}, None),
        ({"description": "d" * 4097}, "description is 4097"),
        ({"footer": {"text": "f" * 2049}}, "footer text is 2049"),
        ({"author": {"name": "a" * 257}}, "author name is 257"),
        ({"fields": [{"name": "n" * 257, "value": "v"}]}, "field 1 name is 257"),
        ({"fields": [{"name": "n", "value": "v" * 1025}]}, "field 1 value is 1025"),
        ({"fields": [{"name": "n", "value": "v"}] * 26}, "26 fields"),
        ({"fields": [{"name": "n", "value": ""}]}, "empty value"),
        ({"url": "javascript:alert(1)"}, "not an http(s) URL"),
    ],
)
def test_embed_limits(embed: dict[str, Any], limit: str | None) -> None:
    problems = embed_problems([embed])
    if limit is None:
        assert problems == []
    else:
        assert any(limit in problem for problem in problems), problems


def test_embed_total_counts_every_embed_of_the_message() -> None:
    two = [{"description": "d" * 3000}, {"description": "d" * 3000}]
    assert embed_problems(two) == []
    assert any("total 6001" in p for p in embed_problems([*two, {"title": "x"}]))
    assert any("11 embeds" in p for p in embed_problems([{"title": "x"}] * 11))


def test_content_limit_is_2000() -> None:
    assert message_problems({"content": "c" * 2000}) == []
    too_long = message_problems({"content": "c" * 2001})
    assert too_long == ["content is 2001 characters (at most 2000)"]


def test_component_limits() -> None:
    five_rows = [row(*(button(f"b{r}{n}") for n in range(5))) for r in range(5)]
    assert component_problems(five_rows) == []
    assert any("6 action rows" in p for p in component_problems([*five_rows, row(button("x"))]))
    six = row(*(button(f"b{n}") for n in range(6)))
    assert any("6 buttons" in p for p in component_problems([six]))
    assert any("custom_id is 101" in p for p in component_problems([row(button("i" * 101))]))
    assert any("duplicate" in p for p in component_problems([row(button("a"), button("a"))]))
    select = {"type": 3, "custom_id": "s", "options": [{"label": "l", "value": "v"}]}
    assert any("alone" in p for p in component_problems([row(select, button("b"))]))


def test_mentions_must_be_switched_off_explicitly() -> None:
    assert mention_problems({"content": "hi", "allowed_mentions": {"parse": []}}) == []
    assert mention_problems({"content": "hi"}) == [
        "allowed_mentions missing (Discord would parse every mention in the content)"
    ]
    everything = {"allowed_mentions": {"parse": ["everyone", "users", "roles"]}}
    assert len(mention_problems(everything)) == 3
    assert mention_problems({"allowed_mentions": {"parse": [], "users": ["1"]}})


def test_autocomplete_choices() -> None:
    ok = [{"name": "n" * 100, "value": "v" * 100}] * 25
    assert choice_problems(ok) == []
    assert choice_problems(ok + ok[:1]) == ["26 autocomplete choices (at most 25)"]
    assert choice_problems([{"name": "n" * 101, "value": "v"}])
    assert choice_problems([{"name": "n", "value": "v" * 101}])
    assert choice_problems([{"name": "", "value": "v"}])


def test_command_registration_rules() -> None:
    good = {
        "name": "quote", "description": "Find statements", "type": 1,
        "options": [
            {"type": 3, "name": "query", "description": "words", "required": True},
            {"type": 3, "name": "speaker", "description": "who", "autocomplete": True},
        ],
    }
    assert command_problems([good]) == []
    assert command_problems([good, good]) == ["command 'quote' registered twice"]
    shouting = {**good, "name": "Quote"}
    assert any("lowercase" in p for p in command_problems([shouting]))
    backwards = {**good, "options": list(reversed(good["options"]))}
    assert any("required option after" in p for p in command_problems([backwards]))
    undescribed = {**good, "options": [{"type": 3, "name": "query", "description": ""}]}
    assert any("description is 0" in p for p in command_problems([undescribed]))
