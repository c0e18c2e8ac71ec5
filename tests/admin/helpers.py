"""Helpers for the admin page's browser tests: the real service with lead and agent keys, entries made
through the API, and steps every test takes in the page (signing in, opening an entry, screenshots)."""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import requests
from playwright.sync_api import Page, expect
from serving import create_key, serve

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "tests" / "banks" / "basic"
ARTIFACTS = ROOT / "test-artifacts" / "admin"
BASIC_IDS = [
    "blame.have-to-wait",
    "dismissive.calm-down",
    "refusal.we-cant",
    "negative-framing.unfortunately-we-cant",
    "sympathy.sorry-to-hear",
    "toxic-positivity.have-a-great-day",
]
# Edits reach every worker within about 2 s (workers poll the database each second); tests allow 3 s.
LIVE_WITHIN = 3.0

T = TypeVar("T")


class Service:
    """A running `replycoach serve` over a copy of the basic bank, with a lead key and an agent key."""

    def __init__(self, url: str, env: dict[str, str], log: Path) -> None:
        self.url = url
        self.env = env
        self.log = log
        self.lead_key = self.make_key("lead", "Ana Lead")
        self.agent_key = self.make_key("agent", "Agent Tests")

    def make_key(self, role: str, name: str) -> str:
        """A new key made with the CLI, as an admin would."""
        return create_key(self.env, role, name)

    def call(self, method: str, path: str, key: str | None = None, **kwargs: Any) -> requests.Response:
        """A request to the API with the lead key (or `key`)."""
        headers = {"Authorization": f"Bearer {key or self.lead_key}", **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.url}{path}", headers=headers, timeout=10, **kwargs)

    def create(self, entry: dict[str, Any]) -> dict[str, Any]:
        """Add an entry through the API; fails the test if the service refuses it."""
        response = self.call("POST", "/v1/phrasebank/entries", json=entry)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    def get(self, entry_id: str) -> requests.Response:
        """GET one entry (its body and ETag)."""
        return self.call("GET", f"/v1/phrasebank/entries/{entry_id}")

    def put(self, entry: dict[str, Any]) -> dict[str, Any]:
        """Replace an entry through the API, with its current ETag."""
        etag = self.get(entry["id"]).headers["ETag"]
        response = self.call(
            "PUT", f"/v1/phrasebank/entries/{entry['id']}", json=entry, headers={"If-Match": etag}
        )
        assert response.status_code == 200, response.text
        replaced: dict[str, Any] = response.json()
        return replaced

    def flags(self, text: str, rule_id: str) -> list[dict[str, Any]]:
        """The flags of `rule_id` that POST /v1/analyze (agent key) raises on `text`."""
        response = self.call("POST", "/v1/analyze", key=self.agent_key, json={"text": text, "grammar": False})
        assert response.status_code == 200, response.text
        return [flag for flag in response.json()["flags"] if flag["rule_id"] == rule_id]


@contextlib.contextmanager
def running_service(home: Path) -> Iterator[Service]:
    """`replycoach serve` with its own home and its own copy of the basic bank (home/bank, made the first
    time; a test may change it between two services on one home, as a release changes the curated bank)."""
    bank = home / "bank"
    if not bank.exists():
        shutil.copytree(BANK, bank)
    env = {
        **os.environ,
        "REPLYCOACH_HOME": str(home),
        "REPLYCOACH_BANK_DIR": str(bank),
        "REPLYCOACH_RATE_LIMIT": "6000 per minute",
    }
    env.pop("REPLYCOACH_CORS_ORIGINS", None)
    log = home / "serve.log"
    with serve(env, log) as url:
        yield Service(url, env, log)


def eventually(check: Callable[[], T], within: float = LIVE_WITHIN, what: str = "") -> T:
    """Call `check` until it returns a truthy value or `within` seconds pass; returns that value."""
    deadline = time.monotonic() + within
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"not within {within} s: {what}"
        time.sleep(0.1)


def make_entry(name: str, **overrides: Any) -> dict[str, Any]:
    """A valid entry of its own (id dismissive.<name>) flagging "just forget the <name>"."""
    entry: dict[str, Any] = {
        "id": f"dismissive.{name}",
        "category": "dismissive",
        "severity": "warning",
        "patterns": [f"just forget (?:about )?the {name}"],
        "message": f"Brushes off the {name} problem.",
        "why": "It tells the customer their problem does not matter.",
        "rewrites": [
            {"text": f"let's get the {name} sorted for you", "scope": "phrase"},
            {"text": f"I'll look into the {name} right away", "scope": "phrase"},
        ],
        "examples": {
            "flag": [
                {"text": f"Just forget the {name}, it will be fine.", "flagged": f"Just forget the {name}"},
                {"text": f"Please just forget about the {name}.", "flagged": f"just forget about the {name}"},
            ],
            "pass": [f"We will not forget the {name}.", f"Just remember the {name} is covered."],
        },
    }
    entry.update(overrides)
    return entry


def draft_for(name: str) -> str:
    """A draft that the entry made by make_entry(name) flags."""
    return f"Hi Sam, just forget the {name} and carry on."


def screenshot(page: Page, name: str) -> None:
    """Keep a full-page screenshot as test-artifacts/admin/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(page: Page, url: str, key: str) -> None:
    """Sign in through the sign-in form (the key is typed, as a lead would)."""
    page.goto(f"{url}/admin")
    page.get_by_label("Lead API key").fill(key)
    page.get_by_role("button", name="Sign in").click()


def open_entry(page: Page, url: str, entry_id: str) -> None:
    """Open an entry's form and wait until its first check has run."""
    page.goto(f"{url}/admin#/entry/{entry_id}")
    expect(page.locator("#f-id")).to_have_value(entry_id)
    expect(page.locator("#validation-summary")).not_to_have_text("Checking…")


def wait_checked(page: Page) -> str:
    """Wait for live validation to settle after typing; returns the summary the lead sees."""
    summary = page.locator("#validation-summary")
    expect(summary).not_to_have_text("Checking…", timeout=5000)
    expect(summary).not_to_have_text("", timeout=5000)
    return summary.inner_text()
