from collections.abc import Iterator

import pytest
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route
from discord.webhook import async_ as webhook_async

from bot.discord.endpoints import (
    DISCORD_API_BASE,
    DISCORD_GATEWAY_URL,
    EndpointError,
    apply_endpoints,
    current_endpoints,
    restore_default_endpoints,
)


@pytest.fixture(autouse=True)
def _restore_defaults() -> Iterator[None]:
    yield
    restore_default_endpoints()


def test_defaults_are_discords_own() -> None:
    assert DISCORD_API_BASE == "https://discord.com/api/v10"
    assert str(DISCORD_GATEWAY_URL) == "wss://gateway.discord.gg/"


def test_rest_routes_follow_the_api_base() -> None:
    apply_endpoints("http://127.0.0.1:8123/api/v10", None)
    route = Route("GET", "/users/@me")
    assert route.url == "http://127.0.0.1:8123/api/v10/users/@me"


def test_trailing_slash_on_the_api_base_does_not_double_up() -> None:
    apply_endpoints("http://127.0.0.1:8123/api/v10/", None)
    assert Route("GET", "/gateway/bot").url == "http://127.0.0.1:8123/api/v10/gateway/bot"


def test_interaction_callbacks_and_follow_ups_follow_the_api_base() -> None:
    apply_endpoints("http://127.0.0.1:8123/api/v10", None)
    # The webhook adapter builds its routes with the very same Route class.
    assert webhook_async.Route is Route
    callback = webhook_async.Route(
        "POST",
        "/interactions/{webhook_id}/{webhook_token}/callback",
        webhook_id=42,
        webhook_token="tok",
    )
    assert callback.url == "http://127.0.0.1:8123/api/v10/interactions/42/tok/callback"


def test_gateway_url_is_used_for_the_first_connection() -> None:
    apply_endpoints("http://127.0.0.1:8123/api/v10", "ws://127.0.0.1:8123/gateway")
    assert yarl.URL("ws://127.0.0.1:8123/gateway") == DiscordWebSocket.DEFAULT_GATEWAY
    assert current_endpoints() == (
        "http://127.0.0.1:8123/api/v10",
        "ws://127.0.0.1:8123/gateway",
    )


def test_gateway_query_is_dropped_because_discord_py_adds_its_own() -> None:
    apply_endpoints("https://discord.com/api/v10", "ws://127.0.0.1:8123/gateway?v=9")
    assert DiscordWebSocket.DEFAULT_GATEWAY.query_string == ""


def test_no_gateway_url_means_discords_gateway_even_after_another_was_applied() -> None:
    apply_endpoints("http://127.0.0.1:8123/api/v10", "ws://127.0.0.1:8123/gateway")
    apply_endpoints("https://discord.com/api/v10", None)
    assert DiscordWebSocket.DEFAULT_GATEWAY == DISCORD_GATEWAY_URL


def test_restore_puts_back_both_defaults() -> None:
    apply_endpoints("http://127.0.0.1:8123/api/v10", "ws://127.0.0.1:8123/gateway")
    restore_default_endpoints()
    assert current_endpoints() == (DISCORD_API_BASE, str(DISCORD_GATEWAY_URL))


@pytest.mark.parametrize(
    ("api_base", "gateway", "setting"),
    [
        ("ftp://127.0.0.1/api/v10", None, "DISCORD_API_BASE"),
        ("not a url", None, "DISCORD_API_BASE"),
        ("http://127.0.0.1/api/v10", "http://127.0.0.1/gateway", "DISCORD_GATEWAY_URL"),
    ],
)
def test_unusable_urls_name_the_setting_and_change_nothing(
    api_base: str, gateway: str | None, setting: str
) -> None:
    with pytest.raises(EndpointError, match=setting):
        apply_endpoints(api_base, gateway)
    assert current_endpoints() == (DISCORD_API_BASE, str(DISCORD_GATEWAY_URL))


def test_settings_urls_are_accepted_as_pydantic_renders_them() -> None:
    from bot.settings import Settings

    settings = Settings(
        DISCORD_API_BASE="http://127.0.0.1:8123/api/v10",
        DISCORD_GATEWAY_URL="ws://127.0.0.1:8123/gateway",
    )
    apply_endpoints(str(settings.discord_api_base), str(settings.discord_gateway_url))
    assert current_endpoints() == (
        "http://127.0.0.1:8123/api/v10",
        "ws://127.0.0.1:8123/gateway",
    )
