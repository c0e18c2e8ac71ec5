"""Shared fixtures: the curated bank's engine, the small stable test bank, and a bank-folder writer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright import sync_api
from replycoach import Engine, default_engine, load_bank

BASIC_BANK = Path(__file__).parent / "banks" / "basic"


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[sync_api.Playwright]:
    """The one Playwright driver of the run: its sync API allows one per thread, and both the admin page's
    and the extension's browser tests need one."""
    with sync_api.sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def curated() -> Engine:
    """The engine over the curated bank that ships with Reply Coach."""
    return default_engine()


@pytest.fixture(scope="session")
def basic() -> Engine:
    """The engine over tests/banks/basic, a small bank that does not change as the curated one is tuned."""
    return Engine(load_bank(BASIC_BANK))


def make_entry(**overrides: Any) -> dict[str, Any]:
    """A valid raw entry, with fields replaced or removed (value None) as a test needs."""
    entry: dict[str, Any] = {
        "id": "dismissive.relax",
        "category": "dismissive",
        "severity": "warning",
        "patterns": ["just relax"],
        "message": "Tells the customer how to feel.",
        "why": "It brushes the feeling aside.",
        "rewrites": [
            {"text": "I can see why this is stressful", "scope": "phrase"},
            {"text": "I understand this is stressful", "scope": "phrase"},
        ],
        "examples": {
            "flag": [
                {"text": "Just relax, it will arrive.", "flagged": "Just relax"},
                {"text": "Please just relax.", "flagged": "just relax"},
            ],
            "pass": ["Relaxing plans are on sale.", "We just relaxed the rules."],
        },
    }
    for key, value in overrides.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    return entry


@pytest.fixture
def write_bank(tmp_path: Path) -> Callable[..., Path]:
    """Write raw entries (or raw file contents) into a fresh bank folder and return its path."""

    def write(*entries: dict[str, Any], files: dict[str, str] | None = None) -> Path:
        folder = tmp_path / "bank"
        folder.mkdir(exist_ok=True)
        if entries:
            (folder / "entries.yml").write_text(
                yaml.safe_dump({"entries": list(entries)}, sort_keys=False), encoding="utf-8"
            )
        for name, content in (files or {}).items():
            (folder / name).write_text(content, encoding="utf-8")
        return folder

    return write
