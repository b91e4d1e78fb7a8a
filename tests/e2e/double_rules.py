"""Discord's limits on what a bot may send, as pure checks the protocol double applies.

Each check returns a list of problems (empty when the payload is acceptable). The limits are the
ones Discord documents for messages, embeds, components, autocomplete and command registration;
Discord answers 400 Invalid Form Body when one is broken, and so does the double.
"""

from __future__ import annotations

import re
from typing import Any

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TOTAL_MAX = 6000
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_AUTHOR_NAME_MAX = 256
ACTION_ROWS_MAX = 5
BUTTONS_PER_ROW_MAX = 5
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
SELECT_OPTIONS_MAX = 25
SELECT_OPTION_TEXT_MAX = 100
SELECT_PLACEHOLDER_MAX = 150
CHOICES_MAX = 25
CHOICE_TEXT_MAX = 100
COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")
COMMAND_DESCRIPTION_MAX = 100
COMMAND_OPTIONS_MAX = 25

ACTION_ROW, BUTTON, STRING_SELECT = 1, 2, 3
SELECT_TYPES = {3, 5, 6, 7, 8}
LINK_BUTTON_STYLE, PREMIUM_BUTTON_STYLE = 5, 6
MENTION_PARSE_KINDS = ("everyone", "users", "roles")


def _is_web_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def embed_problems(embeds: list[dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    if len(embeds) > EMBEDS_MAX:
        problems.append(f"{len(embeds)} embeds (at most {EMBEDS_MAX})")
    total = 0
    for number, embed in enumerate(embeds, start=1):
        where = f"embed {number}"
        limits = [
            ("title", embed.get("title"), EMBED_TITLE_MAX),
            ("description", embed.get("description"), EMBED_DESCRIPTION_MAX),
            ("footer text", (embed.get("footer") or {}).get("text"), EMBED_FOOTER_MAX),
            ("author name", (embed.get("author") or {}).get("name"), EMBED_AUTHOR_NAME_MAX),
        ]
        fields = embed.get("fields") or []
        if len(fields) > EMBED_FIELDS_MAX:
            problems.append(f"{where}: {len(fields)} fields (at most {EMBED_FIELDS_MAX})")
        for index, field in enumerate(fields, start=1):
            name, value = field.get("name"), field.get("value")
            # Discord rejects empty field names and values ("This field is required").
            if not name or not str(name).strip():
                problems.append(f"{where}: field {index} has an empty name")
            if not value or not str(value).strip():
                problems.append(f"{where}: field {index} has an empty value")
            limits.append((f"field {index} name", name, EMBED_FIELD_NAME_MAX))
            limits.append((f"field {index} value", value, EMBED_FIELD_VALUE_MAX))
        for label, text, limit in limits:
            if text is None:
                continue
            length = len(str(text))
            total += length
            if length > limit:
                problems.append(f"{where}: {label} is {length} characters (at most {limit})")
        author_url = (embed.get("author") or {}).get("url")
        for label, url in (("url", embed.get("url")), ("author url", author_url)):
            if url is not None and not _is_web_url(url):
                problems.append(f"{where}: {label} {url!r} is not an http(s) URL")
    if total > EMBED_TOTAL_MAX:
        problems.append(f"embeds total {total} characters (at most {EMBED_TOTAL_MAX})")
    return problems


def _component_problems(component: dict[str, Any], where: str) -> list[str]:
    problems: list[str] = []
    kind = component.get("type")
    custom_id = component.get("custom_id")
    if custom_id is not None and len(str(custom_id)) > CUSTOM_ID_MAX:
        problems.append(f"{where}: custom_id is {len(str(custom_id))} characters (at most 100)")
    if kind == BUTTON:
        style = component.get("style")
        label = component.get("label") or ""
        if len(label) > BUTTON_LABEL_MAX:
            problems.append(f"{where}: button label is {len(label)} characters (at most 80)")
        if style == LINK_BUTTON_STYLE:
            if not _is_web_url(component.get("url")):
                problems.append(f"{where}: link button without an http(s) url")
            if custom_id is not None:
                problems.append(f"{where}: link button with a custom_id")
        elif style != PREMIUM_BUTTON_STYLE and not custom_id:
            problems.append(f"{where}: button without a custom_id")
        if not label and not component.get("emoji"):
            problems.append(f"{where}: button with neither label nor emoji")
    elif kind in SELECT_TYPES:
        if not custom_id:
            problems.append(f"{where}: select without a custom_id")
        placeholder = component.get("placeholder") or ""
        if len(placeholder) > SELECT_PLACEHOLDER_MAX:
            problems.append(f"{where}: placeholder is {len(placeholder)} characters (at most 150)")
        if kind == STRING_SELECT:
            options = component.get("options") or []
            if not 1 <= len(options) <= SELECT_OPTIONS_MAX:
                problems.append(f"{where}: {len(options)} select options (1 to 25)")
            for index, option in enumerate(options, start=1):
                for key in ("label", "value", "description"):
                    text = option.get(key)
                    if text is not None and len(str(text)) > SELECT_OPTION_TEXT_MAX:
                        problems.append(
                            f"{where}: option {index} {key} is {len(str(text))} characters"
                            " (at most 100)"
                        )
                if not option.get("label") or not option.get("value"):
                    problems.append(f"{where}: option {index} without a label or value")
    else:
        problems.append(f"{where}: component type {kind!r} is not allowed in an action row")
    return problems


def component_problems(rows: list[dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    if len(rows) > ACTION_ROWS_MAX:
        problems.append(f"{len(rows)} action rows (at most {ACTION_ROWS_MAX})")
    custom_ids: list[str] = []
    for number, row in enumerate(rows, start=1):
        where = f"row {number}"
        if row.get("type") != ACTION_ROW:
            problems.append(f"{where}: top-level component is not an action row")
            continue
        children = row.get("components") or []
        if not children:
            problems.append(f"{where}: empty action row")
        buttons = [child for child in children if child.get("type") == BUTTON]
        selects = [child for child in children if child.get("type") in SELECT_TYPES]
        if len(buttons) > BUTTONS_PER_ROW_MAX:
            problems.append(f"{where}: {len(buttons)} buttons (at most {BUTTONS_PER_ROW_MAX})")
        if selects and len(children) > 1:
            problems.append(f"{where}: a select must be alone in its row")
        for index, child in enumerate(children, start=1):
            problems.extend(_component_problems(child, f"{where} component {index}"))
            if child.get("custom_id"):
                custom_ids.append(str(child["custom_id"]))
    duplicates = sorted({cid for cid in custom_ids if custom_ids.count(cid) > 1})
    if duplicates:
        problems.append(f"duplicate custom_id {duplicates}")
    return problems


def message_problems(payload: dict[str, Any]) -> list[str]:
    """Limits Discord enforces on a message create or edit body (400 when broken)."""
    problems: list[str] = []
    content = payload.get("content")
    if content is not None and len(str(content)) > CONTENT_MAX:
        problems.append(f"content is {len(str(content))} characters (at most {CONTENT_MAX})")
    problems.extend(embed_problems(payload.get("embeds") or []))
    problems.extend(component_problems(payload.get("components") or []))
    return problems


def mention_problems(payload: dict[str, Any]) -> list[str]:
    """OnRecord's own rule: quoted text must never ping anyone, so every message says so."""
    allowed = payload.get("allowed_mentions")
    if allowed is None:
        return ["allowed_mentions missing (Discord would parse every mention in the content)"]
    problems = [
        f"allowed_mentions parses {kind}" for kind in allowed.get("parse", [])
        if kind in MENTION_PARSE_KINDS
    ]
    for kind in ("users", "roles"):
        if allowed.get(kind):
            problems.append(f"allowed_mentions lists {kind} {allowed[kind]}")
    if allowed.get("replied_user"):
        problems.append("allowed_mentions pings the replied-to user")
    return problems


def choice_problems(choices: list[dict[str, Any]]) -> list[str]:
    problems: list[str] = []
    if len(choices) > CHOICES_MAX:
        problems.append(f"{len(choices)} autocomplete choices (at most {CHOICES_MAX})")
    for index, choice in enumerate(choices, start=1):
        name, value = str(choice.get("name", "")), choice.get("value")
        if not 1 <= len(name) <= CHOICE_TEXT_MAX:
            problems.append(f"choice {index} name is {len(name)} characters (1 to 100)")
        if isinstance(value, str) and len(value) > CHOICE_TEXT_MAX:
            problems.append(f"choice {index} value is {len(value)} characters (at most 100)")
    return problems


def command_problems(commands: list[dict[str, Any]]) -> list[str]:
    """Registration rules Discord checks on a bulk overwrite of application commands."""
    problems: list[str] = []
    names = [command.get("name", "") for command in commands]
    for duplicate in sorted({name for name in names if names.count(name) > 1}):
        problems.append(f"command {duplicate!r} registered twice")
    for command in commands:
        chat_input = command.get("type", 1) == 1
        problems.extend(
            _option_container_problems(command, f"/{command.get('name')}", chat_input)
        )
    return problems


def _option_container_problems(
    item: dict[str, Any], where: str, needs_description: bool = True
) -> list[str]:
    problems: list[str] = []
    name = str(item.get("name", ""))
    if not COMMAND_NAME.match(name) or name != name.lower():
        problems.append(f"{where}: name {name!r} must be 1-32 lowercase letters, digits, - or _")
    description = str(item.get("description", ""))
    if needs_description and not 1 <= len(description) <= COMMAND_DESCRIPTION_MAX:
        problems.append(f"{where}: description is {len(description)} characters (1 to 100)")
    options = item.get("options") or []
    if len(options) > COMMAND_OPTIONS_MAX:
        problems.append(f"{where}: {len(options)} options (at most {COMMAND_OPTIONS_MAX})")
    seen_optional = False
    for option in options:
        label = f"{where} {option.get('name')}"
        if option.get("type") in (1, 2):
            problems.extend(_option_container_problems(option, label))
            continue
        if option.get("required"):
            if seen_optional:
                problems.append(f"{label}: required option after an optional one")
        else:
            seen_optional = True
        problems.extend(_option_container_problems({**option, "options": []}, label))
        choices = option.get("choices") or []
        if choices and option.get("autocomplete"):
            problems.append(f"{label}: autocomplete and fixed choices together")
        problems.extend(f"{label}: {problem}" for problem in choice_problems(choices))
    return problems
