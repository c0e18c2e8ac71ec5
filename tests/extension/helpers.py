"""Helpers for the extension's end-to-end tests: paths, the real service, and typing into editors."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from serving import create_key, serve

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
PAGES = Path(__file__).parent / "pages"
BANK = ROOT / "tests" / "banks" / "basic"
ARTIFACTS = ROOT / "test-artifacts" / "extension"

DRAFT = "Hi Sam,\nCalm down, the parcel is on its way."
RULE = "dismissive.calm-down"

# Seconds between the test service's writes of its insight counts (2 s by default): the tests that check
# what is counted, or that nothing is, wait for the counts that long less.
INSIGHTS_FLUSH_S = 0.25


class Service:
    """A running `replycoach serve` (started with `env`) and an agent key made with the CLI."""

    def __init__(self, url: str, env: dict[str, str], log: Path) -> None:
        self.url = url
        self.env = env
        self.log = log
        self.key = self.create_key("agent", "extension-tests")

    def create_key(self, role: str, name: str) -> str:
        """A new API key for `role`, made with the CLI against the service's database."""
        return create_key(self.env, role, name)

    def analyze(self, text: str) -> dict[str, Any]:
        """The service's analysis of `text`, to compute what a test expects."""
        response = requests.post(
            f"{self.url}/v1/analyze",
            json={"text": text},
            headers={"Authorization": f"Bearer {self.key}"},
            timeout=10,
        )
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def analyze_calls(self) -> int:
        """How many /v1/analyze requests the service has answered (from its access log)."""
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return sum('"path": "/v1/analyze"' in line for line in lines)


@contextlib.contextmanager
def running_service(home: Path, bank: Path) -> Iterator[Service]:
    """`replycoach serve` on a free port with its own home and `bank`, and a key made with the CLI."""
    # A limit well above what the tests type: they check the extension, not the service's limits.
    env = {
        **os.environ,
        "REPLYCOACH_HOME": str(home),
        "REPLYCOACH_BANK_DIR": str(bank),
        "REPLYCOACH_RATE_LIMIT": "6000 per minute",
        "REPLYCOACH_INSIGHTS_FLUSH_SECONDS": str(INSIGHTS_FLUSH_S),
    }
    env.pop("REPLYCOACH_CORS_ORIGINS", None)  # the extension reaches 127.0.0.1 through host_permissions
    log_path = home / "serve.log"
    with serve(env, log_path) as url:
        yield Service(url, env, log_path)


def set_settings(worker: Any, **values: Any) -> None:
    """Write settings straight into chrome.storage.sync, as a test harness or an admin policy would."""
    worker.evaluate("values => chrome.storage.sync.set(values)", values)


def node_modules_ready() -> bool:
    """Whether `npm ci` ran in tests/extension/pages (scripts/test does it)."""
    return (PAGES / "node_modules").is_dir()


def require_tool(name: str) -> str:
    """The path of a command the tests need, or a failure saying so."""
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} is not installed")
    return path


def expected_after(service: Service, text: str, rule: str) -> tuple[str, str]:
    """The rewrite the card offers first for `rule` in `text`, and the text once it is applied."""
    flag = next(flag for flag in service.analyze(text)["flags"] if flag["rule_id"] == rule)
    top = flag["suggestions"][0]
    return top["text"], text[: top["start_utf16"]] + top["text"] + text[top["end_utf16"] :]


def expected_change(service: Service, text: str, rule: str) -> str:
    """What the card's first rewrite button for `rule` in `text` says: the words it replaces, an arrow, and
    the rewrite (the drafts here are short enough to show the words whole)."""
    flag = next(flag for flag in service.analyze(text)["flags"] if flag["rule_id"] == rule)
    top = flag["suggestions"][0]
    return f"{text[top['start_utf16'] : top['end_utf16']]} → {top['text']}"


def open_editor(page: Any, pages_url: str, editor: Any) -> Any:
    """The editor's test page opened, the editor ready and clicked into; the frame (or page) it is in."""
    page.goto(f"{pages_url}/{editor.page}")
    page.wait_for_function(editor.ready, timeout=15000)
    scope = page.frame_locator(editor.frame) if editor.frame else page
    scope.locator(editor.editable).click()
    return scope


def type_keys(page: Any, text: str) -> None:
    """Type `text` into the focused editor with real keystrokes (Enter for line breaks)."""
    for index, line in enumerate(text.split("\n")):
        if index:
            page.keyboard.press("Enter")
            page.wait_for_timeout(100)  # Trix sometimes doubles a line break typed within a few ms
        page.keyboard.type(line, delay=5)


def type_draft(page: Any, selector: str, text: str) -> None:
    """Click into the editor and type `text` with real keystrokes."""
    page.click(selector)
    type_keys(page, text)


def marker(page: Any, rule: str) -> Any:
    """The overlay marker of `rule` (Playwright pierces the open shadow root)."""
    return page.locator(f"replycoach-ui .marker[data-rc-rule='{rule}']").first


def open_card(page: Any, rule: str) -> Any:
    """Click `rule`'s marker and return the card it opens."""
    marker(page, rule).click()
    card = page.locator("replycoach-ui .card")
    card.wait_for()
    return card
