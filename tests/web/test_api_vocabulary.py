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
        "Send an API key as 'Authorization: Bearer <key>'; `replycoach keys create --role agent` makes one.",
    )
