"""GET /v1/phrasebank/vocabulary: the bank's word families, as the bank files write them."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeApp

from .helpers import error

VOCABULARY_BANK = Path(__file__).parents[1] / "banks" / "vocabulary"


def test_vocabulary_lists_the_families_with_the_bank_revision(make_app: MakeApp) -> None:
    app = make_app(BANK_DIR=str(VOCABULARY_BANK))
    secret = app.extensions["replycoach.keys"].create("agent")[1]
    client = app.test_client()
    response = client.get("/v1/phrasebank/vocabulary", headers={"Authorization": f"Bearer {secret}"})
    entries = client.get("/v1/phrasebank/entries", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response.json == {
        "revision": entries.json["revision"],
        "families": [
            {
                "family": "settle",
                "note": "Telling someone to get their feelings under control.",
                "verbs": ["calm", "settle"],
            }
        ],
    }


def test_vocabulary_needs_a_key(make_app: MakeApp) -> None:
    response = make_app().test_client().get("/v1/phrasebank/vocabulary")
    assert response.status_code == 401
    assert response.json == error(
        "unauthorized",
        "Send an API key as 'Authorization: Bearer <key>'; "
        "`replycoach keys create --role agent --name NAME` makes one.",
    )


VOCABULARY = "/v1/phrasebank/vocabulary"
SETTLE = {
    "family": "settle",
    "note": "Telling someone to get their feelings under control.",
    "verbs": ["calm", "settle"],
}


class Lead:
    """A service over the vocabulary test bank, with a lead's and an agent's headers."""

    def __init__(self, make_app: MakeApp) -> None:
        self.app = make_app(BANK_DIR=str(VOCABULARY_BANK))
        keys = self.app.extensions["replycoach.keys"]
        self.lead = {"Authorization": f"Bearer {keys.create('lead', 'Lee')[1]}"}
        self.agent = {"Authorization": f"Bearer {keys.create('agent')[1]}"}
        self.client = self.app.test_client()

    def flags(self, text: str) -> list[str]:
        response = self.client.post("/v1/analyze", json={"text": text}, headers=self.agent)
        return [f["text"] for f in response.json["flags"]]


def test_a_lead_changes_a_family_and_the_coach_uses_it_at_once(make_app: MakeApp) -> None:
    service = Lead(make_app)
    got = service.client.get(f"{VOCABULARY}/settle", headers=service.agent)
    assert (got.status_code, got.headers["ETag"], got.json) == (200, '"settle@0"', SETTLE)
    assert service.flags("Relax down, please.") == []

    changed = {**SETTLE, "verbs": ["calm", "settle", "relax"]}
    put = service.client.put(
        f"{VOCABULARY}/settle", json=changed, headers={**service.lead, "If-Match": '"settle@0"'}
    )
    assert (put.status_code, put.headers["ETag"], put.json) == (200, '"settle@1"', changed)
    assert service.flags("Relax down, please.") == ["Relax down"]

    history = service.client.get(f"{VOCABULARY}/settle/history", headers=service.agent).json["revisions"]
    assert [(r["revision"], r["author"], r["action"], r["family"]) for r in history] == [
        (1, "Lee", "update", changed)
    ]


def test_a_stale_etag_is_412_and_a_missing_one_428(make_app: MakeApp) -> None:
    service = Lead(make_app)
    stale = service.client.put(
        f"{VOCABULARY}/settle", json=SETTLE, headers={**service.lead, "If-Match": '"settle@7"'}
    )
    assert stale.status_code == 412
    assert stale.json == error(
        "precondition_failed",
        "Family 'settle' has changed since you read it (now \"settle@0\"); "
        "GET it again and redo the change on the new version.",
    )
    missing = service.client.put(f"{VOCABULARY}/settle", json=SETTLE, headers=service.lead)
    assert missing.status_code == 428
    assert missing.json["error"]["message"].startswith(
        "Send the family's ETag (from GET /v1/phrasebank/vocabulary"
    )


def test_a_change_that_breaks_an_entrys_examples_is_refused_and_changes_nothing(make_app: MakeApp) -> None:
    service = Lead(make_app)
    before = service.client.get(VOCABULARY, headers=service.agent).json
    narrowed = {**SETTLE, "verbs": ["settle"]}  # "Please calm down." must still be flagged
    response = service.client.put(
        f"{VOCABULARY}/settle", json=narrowed, headers={**service.lead, "If-Match": "*"}
    )
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid_entry"
    assert response.json["error"]["details"]["problems"] == [
        {
            "entry": "dismissive.settle-down",
            "field": "examples.flag[0]",
            "message": "'calm down' is not flagged: no pattern matches it here "
            "(check the pattern, an `unless` exception, and word boundaries)",
        }
    ]
    assert service.client.get(VOCABULARY, headers=service.agent).json == before


def test_a_family_in_use_cannot_be_deleted_an_unused_one_can(make_app: MakeApp) -> None:
    service = Lead(make_app)
    in_use = service.client.delete(f"{VOCABULARY}/settle", headers={**service.lead, "If-Match": '"settle@0"'})
    assert in_use.status_code == 422
    assert in_use.json["error"]["details"]["problems"][0]["message"].startswith(
        "uses {{settle}}, which the vocabulary does not define"
    )
    spare = {"family": "spare", "phrases": ["spare words"]}
    created = service.client.post(VOCABULARY, json=spare, headers=service.lead)
    assert (created.status_code, created.headers["ETag"], created.headers["Location"]) == (
        201,
        '"spare@1"',
        "/v1/phrasebank/vocabulary/spare",
    )
    again = service.client.post(VOCABULARY, json=spare, headers=service.lead)
    assert again.status_code == 409
    gone = service.client.delete(f"{VOCABULARY}/spare", headers={**service.lead, "If-Match": '"spare@1"'})
    assert gone.status_code == 204
    assert service.client.get(f"{VOCABULARY}/spare", headers=service.agent).status_code == 404
    history = service.client.get(f"{VOCABULARY}/spare/history", headers=service.agent).json["revisions"]
    assert [(r["revision"], r["action"], r["family"]) for r in history] == [
        (1, "create", spare),
        (2, "delete", None),
    ]


def test_agents_cannot_change_the_vocabulary(make_app: MakeApp) -> None:
    service = Lead(make_app)
    response = service.client.post(VOCABULARY, json={"family": "x", "phrases": ["y"]}, headers=service.agent)
    assert response.status_code == 403
    assert response.json["error"]["code"] == "forbidden"


def test_a_family_whose_families_multiply_past_the_limit_is_refused_with_its_size(make_app: MakeApp) -> None:
    service = Lead(make_app)
    words = {"family": "g", "phrases": [f"gword{i}" for i in range(480)]}
    assert service.client.post(VOCABULARY, json=words, headers=service.lead).status_code == 201
    nested = {"family": "f-two", "phrases": [f"{{g}} two{i}" for i in range(200)]}
    response = service.client.post(VOCABULARY, json=nested, headers=service.lead)
    message = (
        "would expand to 96,000 phrases and 1,228,893 characters through its families ({g} 480 phrases, "
        "6,133 characters), over the limit of 20,000 characters, so it was not expanded; use smaller "
        "families, or fewer levels of families inside families"
    )
    assert (response.status_code, response.json) == (
        422,
        error(
            "invalid_entry",
            f"The change would make the phrase bank invalid, so nothing changed: f-two: family: {message}",
            {"problems": [{"entry": "f-two", "field": "family", "message": message}]},
        ),
    )
    assert service.client.get(f"{VOCABULARY}/f-two", headers=service.agent).status_code == 404
