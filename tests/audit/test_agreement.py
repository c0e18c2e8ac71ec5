"""The audit's counts agree with /v1/analyze of a real `replycoach serve` on the same texts: the same bank
(the service's database, with the curated bank, then after a lead disables an entry there), the customer's
message as context."""

from __future__ import annotations

import csv
import json
import os
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from serving import SCRIPT, create_key, serve

UPSET_LOGIN = "I've reset my password three times and I still can't log in. This is ridiculous!!"
UPSET_DELAY = "Where is my parcel?? It's been two weeks, this is unacceptable."

# Replies of our own, cold and warm, some answering an upset customer (which changes what flags).
REPLIES = [
    ("Calm down, please. You'll have to wait 24 hours.", UPSET_DELAY),
    ("It's company policy, there's nothing I can do.", ""),
    ("Have you tried resetting your password?", UPSET_LOGIN),
    ("Have you tried resetting your password?", ""),
    ("Unfortunately we can't refund it.", ""),
    ("As I already explained, you need to read the FAQ.", ""),
    ("I'm sorry to hear that. I've sent a new parcel today; it will arrive on Friday.", UPSET_DELAY),
    ("Thanks for writing in! I've reset your account, you can log in now.", ""),
    ("No worries! Have a great day!", UPSET_DELAY),
    ("We apologize for any inconvenience this may have caused.", UPSET_DELAY),
    ("You should have read the instructions before ordering.", ""),
    ("Your parcel left our warehouse this morning.", UPSET_DELAY),
    ("I understand how frustrating this is. I'll call you back within the hour.", UPSET_LOGIN),
    ("That's not our problem, please contact the carrier.", ""),
    ("Calm down.", ""),
]


def rows() -> list[tuple[str, str, str]]:
    """Each reply three times over, by three agents."""
    return [(text, customer, agent) for agent in ("Ana", "Ben", "Chloé") for text, customer in REPLIES]


@pytest.fixture
def service(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A real service on a fresh database seeded with the curated bank, and its environment."""
    env = {
        **os.environ,
        "REPLYCOACH_HOME": str(tmp_path / "home"),
        "REPLYCOACH_RATE_LIMIT": "6000 per minute",
    }
    for name in ("REPLYCOACH_BANK_DIR", "REPLYCOACH_DATABASE_URL", "LANGUAGETOOL_URL", "REPLYCOACH_CONFIG"):
        env.pop(name, None)
    with serve(env, tmp_path / "serve.log", workers=1) as url:
        yield url, env


def key(env: dict[str, str], role: str) -> str:
    return create_key(env, role, f"test {role}")


def from_the_service(url: str, agent_key: str) -> dict[str, Any]:
    """The audit's counts, made from /v1/analyze's answers."""
    results = []
    for text, customer, agent in rows():
        body: dict[str, Any] = {"text": text, "grammar": False}
        if customer:
            body["customer_message"] = customer
        answer = requests.post(
            f"{url}/v1/analyze", json=body, headers={"Authorization": f"Bearer {agent_key}"}, timeout=10
        )
        assert answer.status_code == 200, answer.text
        results.append((agent, answer.json()))
    rule_flags: Counter[str] = Counter()
    rule_replies: Counter[str] = Counter()
    category_flags: Counter[str] = Counter()
    category_replies: Counter[str] = Counter()
    for _, result in results:
        for flag in result["flags"]:
            rule_flags[flag["rule_id"]] += 1
            category_flags[flag["category"]] += 1
        for rule in {f["rule_id"] for f in result["flags"]}:
            rule_replies[rule] += 1
        for category in {f["category"] for f in result["flags"]}:
            category_replies[category] += 1
    warned = [any(f["severity"] == "warning" for f in r["flags"]) for _, r in results]
    return {
        "replies": len(results),
        "with_warning": sum(warned),
        "with_flag": sum(bool(r["flags"]) for _, r in results),
        "mean_score": round(sum(r["score"] for _, r in results) / len(results), 2),
        "scores": dict(Counter(r["score"] for _, r in results)),
        "by_rule": dict(rule_flags),
        "rule_replies": dict(rule_replies),
        "by_category": dict(category_flags),
        "category_replies": dict(category_replies),
        "by_agent": {
            agent: sum(w for (a, _), w in zip(results, warned, strict=True) if a == agent)
            for agent in ("Ana", "Ben", "Chloé")
        },
    }


def from_the_audit(folder: Path, env: dict[str, str]) -> dict[str, Any]:
    """The same counts from `replycoach audit` of the same texts, with the service's database."""
    with (folder / "replies.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(("text", "customer_message", "agent"))
        writer.writerows(rows())
    done = subprocess.run(
        [SCRIPT, "audit", "replies.csv", "--json", "summary.json"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["skipped"]["rows"] == 0
    return {
        "replies": summary["replies"],
        "with_warning": summary["with_warning"],
        "with_flag": summary["with_flag"],
        "mean_score": summary["mean_score"],
        "scores": {s["score"]: s["replies"] for s in summary["scores"]},
        "by_rule": {r["rule_id"]: r["flags"] for r in summary["by_rule"]},
        "rule_replies": {r["rule_id"]: r["replies"] for r in summary["by_rule"]},
        "by_category": {c["category"]: c["flags"] for c in summary["by_category"]},
        "category_replies": {c["category"]: c["replies"] for c in summary["by_category"]},
        "by_agent": {g["agent"]: g["with_warning"] for g in summary["by_agent"]},
    }


def test_the_audit_counts_what_the_service_answers(
    tmp_path: Path, service: tuple[str, dict[str, str]]
) -> None:
    url, env = service
    agent_key = key(env, "agent")
    audited = from_the_audit(tmp_path, env)
    answered = from_the_service(url, agent_key)
    assert audited == answered
    # Not a trivial agreement: the texts give many rules, both severities, and context-only flags.
    assert audited["replies"] == 45
    assert len(audited["by_rule"]) >= 10
    assert 0 < audited["with_warning"] < audited["with_flag"] < 45

    # A lead disables an entry in the service's database: the next audit uses the bank as it is now.
    lead = {"Authorization": f"Bearer {key(env, 'lead')}"}
    calm = f"{url}/v1/phrasebank/entries/dismissive.calm-down"
    entry = requests.get(calm, headers=lead, timeout=10)
    assert "dismissive.calm-down" in audited["by_rule"]
    changed = requests.put(
        calm,
        json={**entry.json(), "enabled": False},
        headers={**lead, "If-Match": entry.headers["ETag"]},
        timeout=10,
    )
    assert changed.status_code == 200, changed.text
    again = from_the_audit(tmp_path, env)
    assert "dismissive.calm-down" not in again["by_rule"]
    assert again == from_the_service(url, agent_key)
