"""A lead's costly rule against a real `replycoach serve` (2 workers, SQLite, the curated bank): refused with
what was measured, while /health keeps answering from the other worker."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from costly_rules import COST_MESSAGE, COSTLY, WORDLESS, WORDLESS_PATTERNS
from serving import create_key, serve

ENTRIES = "/v1/phrasebank/entries"
BUSY = {
    "error": {
        "code": "busy",
        "message": "Another change to the phrase bank is being checked right now; nothing changed. "
        "Try again in 2 s.",
        "details": None,
    }
}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="module")
def env(home: Path) -> dict[str, str]:
    return {**os.environ, "REPLYCOACH_HOME": str(home), "REPLYCOACH_RATE_LIMIT": "100000 per minute"}


@pytest.fixture(scope="module")
def server(env: dict[str, str], home: Path) -> Iterator[str]:
    with serve(env, home / "serve.log") as url:
        yield url


@pytest.fixture(scope="module")
def lead(server: str, env: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_key(env, 'lead', 'Lee')}"}


def _assert_cost_refusal(response: requests.Response) -> None:
    assert response.status_code == 422, response.text
    [problem] = response.json()["error"]["details"]["problems"]
    assert problem["entry"] == "dismissive.zero-fuss"
    measured = re.fullmatch(COST_MESSAGE, problem["message"])
    assert measured, problem["message"]
    assert float(measured.group(2)) > 2 * float(measured.group(3))


def test_health_answers_while_a_costly_save_is_checked_and_the_save_is_refused(
    server: str, lead: dict[str, str]
) -> None:
    saved: list[requests.Response] = []
    save = threading.Thread(
        target=lambda: saved.append(
            requests.post(f"{server}{ENTRIES}", json=COSTLY, headers=lead, timeout=60)
        )
    )
    save.start()
    answered_during_the_save = 0
    while save.is_alive():
        health = requests.get(f"{server}/health", timeout=10)
        assert health.status_code == 200
        answered_during_the_save += save.is_alive()
    save.join()
    assert answered_during_the_save >= 1
    _assert_cost_refusal(saved[0])
    assert (
        requests.get(f"{server}{ENTRIES}/dismissive.zero-fuss", headers=lead, timeout=10).status_code == 404
    )


def test_two_costly_saves_at_once_are_both_refused_and_health_answers(
    server: str, lead: dict[str, str]
) -> None:
    start = threading.Barrier(3)

    def save() -> requests.Response:
        start.wait()
        return requests.post(f"{server}{ENTRIES}", json=COSTLY, headers=lead, timeout=60)

    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(save) for _ in range(2)]
        start.wait()
        assert requests.get(f"{server}/health", timeout=10).status_code == 200
        responses = [future.result() for future in futures]
    for response in responses:
        if response.status_code == 503:
            assert (response.headers["Retry-After"], response.json()) == ("2", BUSY)
        else:
            _assert_cost_refusal(response)
    assert requests.get(f"{server}/health", timeout=10).status_code == 200


def test_the_probes_wordless_entry_and_nested_families_are_refused(server: str, lead: dict[str, str]) -> None:
    wordless = requests.post(
        f"{server}{ENTRIES}",
        json={**COSTLY, "unless": [], "patterns": WORDLESS_PATTERNS},
        headers=lead,
        timeout=60,
    )
    assert wordless.status_code == 422
    assert wordless.json()["error"]["details"]["problems"] == [
        {"entry": "dismissive.zero-fuss", "field": f"patterns[{n}]", "message": WORDLESS} for n in range(15)
    ]
    words = {"family": "g", "phrases": [f"gword{i}" for i in range(480)]}
    vocabulary = f"{server}/v1/phrasebank/vocabulary"
    assert requests.post(vocabulary, json=words, headers=lead, timeout=60).status_code == 201
    nested = {"family": "f-two", "phrases": [f"{{g}} two{i}" for i in range(200)]}
    refused = requests.post(vocabulary, json=nested, headers=lead, timeout=60)
    assert refused.status_code == 422
    assert refused.json()["error"]["details"]["problems"] == [
        {
            "entry": "f-two",
            "field": "family",
            "message": "would expand to 96,000 phrases and 1,228,893 characters through its families "
            "({g} 480 phrases, 6,133 characters), over the limit of 20,000 characters, so it was not "
            "expanded; use smaller families, or fewer levels of families inside families",
        }
    ]
