import pytest

from bot.settings import SettingsError, load_settings


def test_corpus_splits_on_path_separator(monkeypatch, tmp_path):
    monkeypatch.setenv("ONRECORD_CORPUS", f"{tmp_path}/a:{tmp_path}/b")
    settings = load_settings(_env_file=None)
    assert [p.name for p in settings.corpus] == ["a", "b"]


def test_invalid_guild_id_names_the_setting_not_the_value(monkeypatch):
    monkeypatch.setenv("DISCORD_GUILD_ID", "not-a-number")
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    assert "DISCORD_GUILD_ID" in str(caught.value)


def test_token_is_never_shown(monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", "secret-token-value")
    settings = load_settings(_env_file=None)
    assert "secret-token-value" not in repr(settings)
    assert "secret-token-value" not in str(settings.model_dump())
    assert settings.discord_token.get_secret_value() == "secret-token-value"


def test_blank_token_means_console(monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", "  ")
    assert load_settings(_env_file=None).discord_token is None
