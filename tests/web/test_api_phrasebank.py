"""GET /v1/phrasebank/entries and /v1/phrasebank/entries/<id>: the live bank, read-only."""

from __future__ import annotations

from flask.testing import FlaskClient
from replycoach import Engine

from .helpers import error

HAVE_A_GREAT_DAY = {
    "id": "toxic-positivity.have-a-great-day",
    "category": "toxic-positivity",
    "severity": "warning",
    "enabled": True,
    "patterns": ["have a (?:great|nice|wonderful) day!?"],
    "unless": [],
    "words": {},
    "quiet_when": [],
    "warning_with": [],
    "when": {"customer_mood": ["upset"]},
    "message": "Cheerful sign-off to an upset customer.",
    "why": "Cheer skips the feeling they just told you about.",
    "rewrites": [
        {"text": "I'll stay on this until it's fixed", "scope": "phrase"},
        {"text": "thank you for bearing with me while I fix this", "scope": "phrase"},
    ],
    "examples": {
        "flag": [
            {
                "text": "Your refund is on its way. Have a great day!",
                "flagged": "Have a great day!",
                "customer": "This is ridiculous!!! Third time I've asked for my refund.",
            },
            {
                "text": "Done. Have a nice day",
                "flagged": "Have a nice day",
                "customer": "Absolutely unacceptable, I am furious.",
            },
        ],
        "pass": [
            {"text": "Have a great day!", "customer": "Thanks so much, that was wonderful help."},
            {"text": "Have a great day!"},
        ],
    },
}


def test_entries_lists_the_bank_with_its_revision(
    client: FlaskClient, auth: dict[str, str], basic: Engine
) -> None:
    response = client.get("/v1/phrasebank/entries", headers=auth)
    assert response.status_code == 200
    assert response.json["revision"] == basic.bank.revision
    assert [e["id"] for e in response.json["entries"]] == [e.id for e in basic.bank.entries]
    assert response.json["entries"][-1] == HAVE_A_GREAT_DAY


def test_one_entry(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.get("/v1/phrasebank/entries/toxic-positivity.have-a-great-day", headers=auth)
    assert (response.status_code, response.json) == (200, HAVE_A_GREAT_DAY)


def test_entry_without_condition_has_null_when(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.get("/v1/phrasebank/entries/blame.have-to-wait", headers=auth)
    assert response.json["when"] is None
    assert response.json["unless"] == ["if you'll have to wait"]


def test_an_unknown_entry_is_404(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.get("/v1/phrasebank/entries/no.such-entry", headers=auth)
    assert response.status_code == 404
    assert response.json == error("not_found", "No phrase bank entry has the id 'no.such-entry'.")


def test_entries_need_a_key(client: FlaskClient) -> None:
    for path in ("/v1/phrasebank/entries", "/v1/phrasebank/entries/blame.have-to-wait"):
        response = client.get(path)
        assert response.status_code == 401
        assert response.json["error"]["code"] == "unauthorized"


def test_entries_are_read_only_for_agents(client: FlaskClient, auth: dict[str, str]) -> None:
    response = client.post("/v1/phrasebank/entries", json={}, headers=auth)
    assert response.status_code == 403
    assert response.json == error(
        "forbidden", "This needs a lead key or a more trusted one; this key's role is agent."
    )
