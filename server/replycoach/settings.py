"""The service's settings: embedded defaults, then an optional TOML file, then REPLYCOACH_* variables."""

from __future__ import annotations

import ipaddress
import math
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from limits import parse_many
from platformdirs import user_data_dir

from replycoach.errors import ConfigError
from replycoach.grammar import BACKENDS, DEFAULT_BACKOFF, DEFAULT_LANGUAGE, DEFAULT_TIMEOUT

ENV_PREFIX = "REPLYCOACH_"
CONFIG_FILE_NAME = "config.toml"


def _positive_int(value: Any) -> int:
    number = int(value)
    if number < 1:
        raise ValueError("must be 1 or more")
    return number


def _origins(value: Any) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value)
    return [str(item).strip() for item in items if str(item).strip()]


def networks(value: Any) -> list[str]:
    """IP addresses or networks, comma-separated or a list, each checked; ValueError names a bad one."""
    found = []
    for item in _origins(value):
        try:
            found.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise ValueError(f"{item!r} is not an IP address or network") from None
    return found


def _rate(value: Any) -> str:
    parse_many(_text(value))
    return str(value)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a string")
    return value


def _seconds(value: Any) -> float:
    number = float(value)
    if not 0 < number < math.inf:
        raise ValueError("must be a number of seconds above 0")
    return number


def _http_url(value: Any) -> str | None:
    if _text(value) == "":
        return None
    if not value.startswith(("http://", "https://")):
        raise ValueError("must start with http:// or https://")
    return str(value)


def _backend(value: Any) -> str:
    if _text(value) not in BACKENDS:
        raise ValueError(f"must be one of {', '.join(BACKENDS)}")
    return str(value)


def _on_off(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = _text(value).strip().lower()
    if word in ("on", "true", "1", "yes"):
        return True
    if word in ("off", "false", "0", "no"):
        return False
    raise ValueError("must be on or off")


@dataclass(frozen=True)
class Setting:
    """One setting: its key in the Flask config, how to read it, its default and what it does."""

    key: str
    parse: Callable[[Any], Any]
    default: Any
    help: str
    env_name: str = ""

    @property
    def env(self) -> str:
        """The environment variable that sets it: REPLYCOACH_<key> unless it has a name of its own."""
        return self.env_name or ENV_PREFIX + self.key

    @property
    def file_key(self) -> str:
        """Its name in the config file."""
        return self.key.lower()


SETTINGS: tuple[Setting, ...] = (
    Setting("DATABASE_URL", _text, None, "SQLAlchemy URL of the key store (default: SQLite in the home)"),
    Setting("BANK_DIR", _text, None, "phrase bank folder (default: the curated bank)"),
    Setting("MAX_DRAFT_CHARS", _positive_int, 20_000, "longest draft or customer message, in characters"),
    Setting("MAX_BODY_BYTES", _positive_int, 8 * 1024 * 1024, "largest request body, in bytes"),
    Setting("MAX_BATCH_CHARS", _positive_int, 200_000, "most characters of drafts and messages per batch"),
    Setting("MAX_FLAGS", _positive_int, 200, "most flags returned per draft (the rest: truncated)"),
    Setting("CORS_ORIGINS", _origins, [], "origins allowed to call from a browser, comma-separated"),
    Setting("RATE_LIMIT", _rate, "120 per minute", "requests each key may make, e.g. '120 per minute'"),
    Setting("AUTH_FAILURE_LIMIT", _rate, "20 per minute", "wrong or revoked keys one address may send"),
    Setting("FORWARDED_ALLOW_IPS", networks, [], "proxies whose X-Forwarded-For is read, comma-separated"),
    Setting("REDIS_URL", _text, None, "Redis URL for rate-limit counters shared by workers and hosts"),
    Setting("LANGUAGETOOL_URL", _http_url, None, "URL of a LanguageTool server", env_name="LANGUAGETOOL_URL"),
    Setting("GRAMMAR_BACKEND", _backend, None, "url, local or off (default: url if LANGUAGETOOL_URL is set)"),
    Setting("GRAMMAR_TIMEOUT", _seconds, DEFAULT_TIMEOUT, "seconds a grammar check may take"),
    Setting("GRAMMAR_BACKOFF", _seconds, DEFAULT_BACKOFF, "seconds without grammar calls after one fails"),
    Setting("GRAMMAR_LANGUAGE", _text, DEFAULT_LANGUAGE, "LanguageTool's language code, e.g. en-GB"),
    Setting("BANK_CHECK_SECONDS", _seconds, 20.0, "seconds a change's check of the bank may take"),
    Setting("INSIGHTS", _on_off, True, "count rule fires and agents' actions per day (no text): on or off"),
    Setting(
        "INSIGHTS_FLUSH_SECONDS", _seconds, 2.0, "seconds between a worker's writes of its insight counts"
    ),
)


def load_settings(
    test_config: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The settings in force: defaults, then the config file and environment, or `test_config` instead."""
    settings: dict[str, Any] = {s.key: s.default for s in SETTINGS}
    if test_config is None:
        env = os.environ if environ is None else environ
        settings["HOME"] = env.get(ENV_PREFIX + "HOME") or user_data_dir("replycoach", appauthor=False)
        config_file = env.get(ENV_PREFIX + "CONFIG")
        path = Path(config_file) if config_file else Path(settings["HOME"]) / CONFIG_FILE_NAME
        if config_file or path.is_file():
            settings.update(_read_file(path))
        for setting in SETTINGS:
            if setting.env in env:
                settings[setting.key] = _parse(setting, env[setting.env], setting.env)
    else:
        settings["HOME"] = test_config.get("HOME")
        settings.update(test_config)
        for setting in SETTINGS:
            if test_config.get(setting.key) is not None:
                settings[setting.key] = _parse(setting, test_config[setting.key], setting.key)
    _resolve_grammar_backend(settings)
    if settings["DATABASE_URL"] is None:
        if settings["HOME"] is None:
            raise ConfigError("set HOME or DATABASE_URL: the key store needs a place to live")
        home = Path(settings["HOME"])
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise ConfigError(f"cannot create the data folder {home}: {err.strerror}") from err
        settings["DATABASE_URL"] = f"sqlite:///{home / 'replycoach.db'}"
    return settings


def _resolve_grammar_backend(settings: dict[str, Any]) -> None:
    if settings["GRAMMAR_BACKEND"] is None:
        settings["GRAMMAR_BACKEND"] = "url" if settings["LANGUAGETOOL_URL"] else "off"
    elif settings["GRAMMAR_BACKEND"] == "url" and not settings["LANGUAGETOOL_URL"]:
        raise ConfigError("REPLYCOACH_GRAMMAR_BACKEND is url, but LANGUAGETOOL_URL is not set")


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ConfigError(f"cannot read the config file {path}: {err.strerror}") from err
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path} is not valid TOML: {err}") from err
    by_name = {s.file_key: s for s in SETTINGS}
    unknown = sorted(set(data) - set(by_name))
    if unknown:
        known = ", ".join(by_name)
        raise ConfigError(f"{path}: unknown setting {', '.join(unknown)}; the settings are: {known}")
    return {
        by_name[name].key: _parse(by_name[name], value, f"{path}: {name}") for name, value in data.items()
    }


def _parse(setting: Setting, value: Any, where: str) -> Any:
    try:
        return setting.parse(value)
    except (TypeError, ValueError) as err:
        raise ConfigError(f"{where}: {value!r} is not a valid value ({setting.help}): {err}") from err
