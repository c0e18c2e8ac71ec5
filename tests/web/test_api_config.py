"""Settings: embedded defaults, then the config file, then REPLYCOACH_* variables; bad values fail loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MakeApp
from replycoach.errors import ConfigError
from replycoach.settings import load_settings


def test_defaults_need_nothing_but_a_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    settings = load_settings(environ={})
    home = tmp_path / "data" / "replycoach"
    assert settings == {
        "HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'replycoach.db'}",
        "BANK_DIR": None,
        "MAX_DRAFT_CHARS": 20_000,
        "MAX_BODY_BYTES": 8 * 1024 * 1024,
        "MAX_BATCH_CHARS": 200_000,
        "MAX_FLAGS": 200,
        "CORS_ORIGINS": [],
        "RATE_LIMIT": "120 per minute",
        "AUTH_FAILURE_LIMIT": "20 per minute",
        "FORWARDED_ALLOW_IPS": [],
        "REDIS_URL": None,
        "LANGUAGETOOL_URL": None,
        "GRAMMAR_BACKEND": "off",
        "GRAMMAR_TIMEOUT": 2.0,
        "GRAMMAR_BACKOFF": 30.0,
        "GRAMMAR_LANGUAGE": "en-US",
        "BANK_CHECK_SECONDS": 20.0,
        "INSIGHTS": True,
        "INSIGHTS_FLUSH_SECONDS": 2.0,
    }
    assert home.is_dir()


def test_environment_variables(tmp_path: Path) -> None:
    env = {
        "REPLYCOACH_HOME": str(tmp_path),
        "REPLYCOACH_DATABASE_URL": "sqlite://",
        "REPLYCOACH_CORS_ORIGINS": "chrome-extension://abc, https://desk.example.com",
        "REPLYCOACH_MAX_DRAFT_CHARS": "5000",
        "REPLYCOACH_RATE_LIMIT": "10 per second",
        "REPLYCOACH_REDIS_URL": "redis://localhost:6379/0",
        "REPLYCOACH_FORWARDED_ALLOW_IPS": "127.0.0.1, 10.0.0.0/8,::1",
    }
    settings = load_settings(environ=env)
    assert settings["FORWARDED_ALLOW_IPS"] == ["127.0.0.1/32", "10.0.0.0/8", "::1/128"]
    assert settings["DATABASE_URL"] == "sqlite://"
    assert settings["CORS_ORIGINS"] == ["chrome-extension://abc", "https://desk.example.com"]
    assert settings["MAX_DRAFT_CHARS"] == 5000
    assert settings["RATE_LIMIT"] == "10 per second"
    assert settings["REDIS_URL"] == "redis://localhost:6379/0"


def test_config_file_in_home_then_environment_wins(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        'cors_origins = ["chrome-extension://abc"]\nmax_draft_chars = 300\nrate_limit = "5 per minute"\n',
        encoding="utf-8",
    )
    env = {"REPLYCOACH_HOME": str(tmp_path), "REPLYCOACH_MAX_DRAFT_CHARS": "400"}
    settings = load_settings(environ=env)
    assert settings["CORS_ORIGINS"] == ["chrome-extension://abc"]
    assert settings["RATE_LIMIT"] == "5 per minute"
    assert settings["MAX_DRAFT_CHARS"] == 400


def test_config_file_named_by_replycoach_config(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text('database_url = "sqlite:///x.db"\n', encoding="utf-8")
    settings = load_settings(environ={"REPLYCOACH_HOME": str(tmp_path), "REPLYCOACH_CONFIG": str(path)})
    assert settings["DATABASE_URL"] == "sqlite:///x.db"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("colour = 1\n", "unknown setting colour; the settings are: database_url, bank_dir, "),
        ("max_draft_chars = 0\n", "max_draft_chars: 0 is not a valid value"),
        ('rate_limit = "lots"\n', "rate_limit: 'lots' is not a valid value"),
        (
            'forwarded_allow_ips = ["127.0.0.1", "nginx"]\n',
            "forwarded_allow_ips: .* 'nginx' is not an IP address or network",
        ),
        ("max_draft_chars = \n", "is not valid TOML"),
    ],
)
def test_a_bad_config_file_says_what_to_fix(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "config.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(environ={"REPLYCOACH_HOME": str(tmp_path)})


def test_a_missing_named_config_file_is_an_error(tmp_path: Path) -> None:
    env = {"REPLYCOACH_HOME": str(tmp_path), "REPLYCOACH_CONFIG": str(tmp_path / "nope.toml")}
    with pytest.raises(ConfigError, match="cannot read the config file"):
        load_settings(environ=env)


def test_a_bad_environment_value_names_the_variable(tmp_path: Path) -> None:
    env = {"REPLYCOACH_HOME": str(tmp_path), "REPLYCOACH_MAX_DRAFT_CHARS": "many"}
    with pytest.raises(ConfigError, match="REPLYCOACH_MAX_DRAFT_CHARS: 'many' is not a valid value"):
        load_settings(environ=env)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"BANK_DIR": "/nonexistent/bank"}, "not a folder"),
        ({"DATABASE_URL": "nosuchdb://x"}, "cannot use the database URL 'nosuchdb://x'"),
        ({"REDIS_URL": "nosuch://x"}, "cannot keep rate limits in nosuch://x"),
    ],
)
def test_the_app_refuses_settings_it_cannot_use(
    make_app: MakeApp, settings: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        make_app(**settings)


@pytest.mark.parametrize(
    ("value", "on"), [("off", False), ("OFF", False), ("no", False), ("on", True), ("1", True)]
)
def test_insights_are_turned_on_or_off_by_name(tmp_path: Path, value: str, on: bool) -> None:
    settings = load_settings(environ={"REPLYCOACH_HOME": str(tmp_path), "REPLYCOACH_INSIGHTS": value})
    assert settings["INSIGHTS"] is on


def test_insights_in_the_config_file_and_bad_values(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        "insights = false\ninsights_flush_seconds = 0.5\n", encoding="utf-8"
    )
    settings = load_settings(environ={"REPLYCOACH_HOME": str(tmp_path)})
    assert (settings["INSIGHTS"], settings["INSIGHTS_FLUSH_SECONDS"]) == (False, 0.5)
    for name, value, reason in [
        ("REPLYCOACH_INSIGHTS", "sometimes", "must be on or off"),
        ("REPLYCOACH_INSIGHTS_FLUSH_SECONDS", "0", "must be a number of seconds above 0"),
    ]:
        with pytest.raises(ConfigError, match=f"{name}: '{value}' is not a valid value .*{reason}"):
            load_settings(environ={"REPLYCOACH_HOME": str(tmp_path), name: value})
