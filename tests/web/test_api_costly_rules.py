"""A lead's rule may not slow every draft: a pattern without a word it needs, or a change that makes the bank
much slower on a long draft, is refused with what was measured."""

from __future__ import annotations

import fcntl
import os
import re
import tempfile
from pathlib import Path

from conftest import NO_WORRIES, MakeApp
from costly_rules import COST_MESSAGE, COSTLY, WORDLESS, WORDLESS_PATTERNS
from flask import Flask
from flask.testing import FlaskClient
from replycoach.store.keys import KeyStore
from replycoach.web.live import check_lock_file

from .helpers import error

ENTRIES = "/v1/phrasebank/entries"


def test_an_entry_whose_patterns_need_no_word_is_refused_naming_each(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    response = client.post(ENTRIES, json={**NO_WORRIES, "patterns": WORDLESS_PATTERNS}, headers=lead)
    problems = [
        {"entry": "dismissive.no-worries", "field": f"patterns[{n}]", "message": WORDLESS} for n in range(15)
    ]
    message = "The change would make the phrase bank invalid, so nothing changed: " + "; ".join(
        f"dismissive.no-worries: patterns[{n}]: {WORDLESS}" for n in range(15)
    )
    assert (response.status_code, response.json) == (
        422,
        error("invalid_entry", message, {"problems": problems}),
    )
    assert client.get(f"{ENTRIES}/dismissive.no-worries", headers=lead).status_code == 404


def test_an_entry_that_makes_a_long_draft_much_slower_is_refused_with_both_figures(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    response = client.post(ENTRIES, json=COSTLY, headers=lead)
    assert response.status_code == 422, response.json
    [problem] = response.json["error"]["details"]["problems"]
    assert (problem["entry"], problem["field"]) == ("dismissive.zero-fuss", "")
    measured = re.fullmatch(COST_MESSAGE, problem["message"])
    assert measured, problem["message"]
    chars, candidate, current = measured.groups()
    assert chars in ("2,500", "20,000")
    assert float(candidate) > 2 * float(current)
    assert response.json["error"]["message"] == (
        "The change would make the phrase bank invalid, so nothing changed: dismissive.zero-fuss: "
        + problem["message"]
    )
    assert client.get(f"{ENTRIES}/dismissive.zero-fuss", headers=lead).status_code == 404


def test_an_ordinary_entry_is_measured_and_saved(client: FlaskClient, lead: dict[str, str]) -> None:
    response = client.post(ENTRIES, json=NO_WORRIES, headers=lead)
    assert response.status_code == 201, response.json


def test_a_change_while_another_is_being_checked_is_503_busy(
    app: Flask, client: FlaskClient, lead: dict[str, str]
) -> None:
    # Another worker of the service holds the check's lock file.
    handle = os.open(Path(app.config["HOME"]) / "bank-check.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(handle, fcntl.LOCK_EX)
    try:
        busy = client.post(ENTRIES, json=NO_WORRIES, headers=lead)
    finally:
        os.close(handle)
    assert (busy.status_code, busy.headers["Retry-After"], busy.json) == (
        503,
        "2",
        error(
            "busy",
            "Another change to the phrase bank is being checked right now; nothing changed. "
            "Try again in 2 s.",
        ),
    )
    assert client.get(f"{ENTRIES}/dismissive.no-worries", headers=lead).status_code == 404
    assert client.post(ENTRIES, json=NO_WORRIES, headers=lead).status_code == 201


def test_a_check_past_its_time_budget_is_refused_saying_where_it_got(make_app: MakeApp) -> None:
    app = make_app(BANK_CHECK_SECONDS=0.001)
    keys: KeyStore = app.extensions["replycoach.keys"]
    lead = {"Authorization": f"Bearer {keys.create('lead', 'Lee')[1]}"}
    response = app.test_client().post(ENTRIES, json=NO_WORRIES, headers=lead)
    assert response.status_code == 422
    [problem] = response.json["error"]["details"]["problems"]
    assert (problem["entry"], problem["field"]) == ("dismissive.no-worries", "")
    where = r"starting the check|compiling (the family )?[a-z.-]+|running the examples of [a-z.-]+"
    assert re.fullmatch(
        r"checking the bank with this change took longer than 0\.001 s \(it was (" + where + r") when it "
        r"stopped\), so nothing changed; a rule that makes the bank this slow to check also slows every "
        r"draft: make its patterns need more words and fewer repeated or optional parts",
        problem["message"],
    ), problem["message"]


def test_the_check_lock_is_in_the_home_or_else_in_the_temporary_folder(tmp_path: Path) -> None:
    assert (
        check_lock_file({"HOME": str(tmp_path), "DATABASE_URL": "sqlite://"}) == tmp_path / "bank-check.lock"
    )
    elsewhere = check_lock_file({"HOME": str(tmp_path / "not-made"), "DATABASE_URL": "postgresql://db/bank"})
    assert elsewhere.parent == Path(tempfile.gettempdir())
    assert elsewhere.name.startswith("replycoach-bank-check-")
    assert elsewhere == check_lock_file({"HOME": None, "DATABASE_URL": "postgresql://db/bank"})
