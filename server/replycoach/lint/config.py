"""`.replycoach.toml`: a team's check settings, found in the current folder or the nearest parent.

    select = ["dismissive", "blame.up-to-you"]   # rule ids or categories; only these
    ignore = ["uncertainty.hopefully"]          # rule ids or categories; never these
    min_severity = "warning"                    # or "suggestion" (the default)
    bank = "team-bank"                          # a bank folder, relative to this file

The command line wins over the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from replycoach.errors import ConfigError
from replycoach.lint.selection import SEVERITIES

CONFIG_NAME = ".replycoach.toml"
_KEYS = ("select", "ignore", "min_severity", "bank")


@dataclass(frozen=True)
class CheckConfig:
    """What a config file says (empty when there is none)."""

    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_severity: str | None = None
    bank: Path | None = None


def find_config(start: Path) -> Path | None:
    """The nearest `.replycoach.toml` in `start` or one of its parents."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path) -> CheckConfig:
    """Read and validate a config file; raises ConfigError naming the file and what to fix."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"{path}: cannot read it as TOML: {err}") from err
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown key {unknown[0]!r}; the keys are {', '.join(_KEYS)}")
    names = {key: _names(path, key, data.get(key, [])) for key in ("select", "ignore")}
    severity = data.get("min_severity")
    if severity is not None and severity not in SEVERITIES:
        raise ConfigError(f"{path}: min_severity must be one of {', '.join(SEVERITIES)}, not {severity!r}")
    bank = data.get("bank")
    if bank is not None and not isinstance(bank, str):
        raise ConfigError(f"{path}: bank must be a folder path (a string)")
    if bank and not (path.parent / bank).is_dir():
        raise ConfigError(
            f"{path}: bank = {bank!r} is the folder {path.parent / bank}, which does not exist; point it at "
            "your team's bank folder (relative to this file), or remove the key to use the service's bank"
        )
    return CheckConfig(
        path=path,
        select=names["select"],
        ignore=names["ignore"],
        min_severity=severity,
        bank=(path.parent / bank) if bank else None,
    )


def _names(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f'{path}: {key} must be a list of rule ids or categories, like ["dismissive"]')
    return tuple(value)
