"""One bank everywhere: a rule a lead adds through the API is in the verdict of `check`, `macros check`,
`audit`, `bank explain` and /v1/analyze alike, and each names the bank by the revision /health shows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import BASIC_BANK, make_entry
from replycoach import load_bank
from replycoach.web.app import create_app

SCRIPT = str(Path(sys.executable).parent / "replycoach")
DRAFT = "Please just relax, the parcel is on its way."
NEW_RULE = "dismissive.relax"


def _run(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *args], env=env, input=stdin, capture_output=True, text=True, check=False, timeout=120
    )


@pytest.fixture
def edited(tmp_path: Path) -> dict[str, Any]:
    """A service home whose database holds the basic bank and a rule a lead added through the API."""
    home = tmp_path / "home"
    app = create_app({"HOME": str(home), "BANK_DIR": str(BASIC_BANK)})
    secret = app.extensions["replycoach.keys"].create("lead", "Lee")[1]
    client = app.test_client()
    lead = {"Authorization": f"Bearer {secret}"}
    assert client.post("/v1/phrasebank/entries", json=make_entry(), headers=lead).status_code == 201
    analysis = client.post("/v1/analyze", json={"text": DRAFT}, headers=lead).json
    revision = client.get("/health").json["bank"]["revision"]
    env = {**os.environ, "REPLYCOACH_HOME": str(home), "REPLYCOACH_BANK_DIR": str(BASIC_BANK)}
    return {"env": env, "analysis": analysis, "revision": revision, "tmp": tmp_path}


def test_every_command_gives_the_services_verdict_on_the_edited_bank(edited: dict[str, Any]) -> None:
    env, revision, tmp = edited["env"], edited["revision"], edited["tmp"]
    named = f"bank: {revision} (the service's database)"
    assert [f["rule_id"] for f in edited["analysis"]["flags"]] == [NEW_RULE]
    assert revision != load_bank(BASIC_BANK).revision

    checked = _run(env, "check", "-", stdin=DRAFT)
    assert checked.returncode == 1, checked.stderr
    assert checked.stdout.startswith(f"<stdin>:1:8: warning {NEW_RULE} ")
    assert checked.stderr.splitlines() == [f"<stdin>: 1 flag, score {edited['analysis']['score']}/100", named]

    macros = tmp / "macros.json"
    macros.write_text(
        json.dumps(
            {"macros": [{"id": 7, "title": "Calm", "actions": [{"field": "comment_value", "value": DRAFT}]}]}
        ),
        encoding="utf-8",
    )
    linted = _run(env, "macros", "check", str(macros))
    assert NEW_RULE in linted.stdout, linted.stderr
    assert linted.stderr.splitlines()[-1] == named

    replies = tmp / "replies.csv"
    replies.write_text(f'text\n"{DRAFT}"\n', encoding="utf-8")
    audited = _run(env, "audit", str(replies), "--json", str(tmp / "summary.json"))
    assert audited.returncode == 0, audited.stderr
    summary = json.loads((tmp / "summary.json").read_text(encoding="utf-8"))
    assert [r["rule_id"] for r in summary["by_rule"]] == [NEW_RULE]
    assert named in audited.stdout.splitlines()

    explained = _run(env, "bank", "explain", DRAFT)
    assert f"{NEW_RULE}: flags 'just relax'" in explained.stdout
    assert explained.stderr == named + "\n"


def test_without_a_service_database_the_bank_the_service_would_start_from(tmp_path: Path) -> None:
    env = {**os.environ, "REPLYCOACH_HOME": str(tmp_path / "home")}
    curated = _run(env, "check", "-", stdin="Calm down.")
    assert curated.stderr.splitlines()[-1].endswith(" (the curated bank)")
    # Nothing was created: a command that only reads never makes the service's database.
    assert not (tmp_path / "home" / "replycoach.db").exists()
    folder = _run({**env, "REPLYCOACH_BANK_DIR": str(BASIC_BANK)}, "check", "-", stdin="Calm down.")
    assert folder.stderr.splitlines()[-1] == (
        f"bank: {load_bank(BASIC_BANK).revision} (the folder {BASIC_BANK})"
    )


def test_the_score_counts_the_flags_shown(tmp_path: Path) -> None:
    env = {**os.environ, "REPLYCOACH_HOME": str(tmp_path / "home")}
    draft = "Calm down. You'll have to wait 24 hours."
    both = _run(env, "check", "-", "--bank", str(BASIC_BANK), stdin=draft)
    one = _run(env, "check", "-", "--bank", str(BASIC_BANK), "--select", "blame", stdin=draft)
    none = _run(env, "check", "-", "--bank", str(BASIC_BANK), "--select", "condescension", stdin=draft)
    assert [r.stderr.splitlines()[0] for r in (both, one, none)] == [
        "<stdin>: 2 flags, score 70/100",
        "<stdin>: 1 flag, score 85/100",
        "<stdin>: 0 flags, score 100/100",
    ]
