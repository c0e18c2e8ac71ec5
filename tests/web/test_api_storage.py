"""When storage fails the client can act on: full storage (507), a database locked by other writers (503),
a broken bank folder beside a database that has its bank (the service still starts)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MakeApp, make_entry
from flask import Flask
from replycoach.errors import ConfigError
from replycoach.store import db
from sqlalchemy import event


def _lead(app: Flask) -> dict[str, str]:
    return {"Authorization": f"Bearer {app.extensions['replycoach.keys'].create('lead', 'Lee')[1]}"}


def _new_entry(n: int) -> dict[str, Any]:
    return make_entry(
        id=f"dismissive.relax-{n}",
        patterns=[f"just relax{n}"],
        why="It brushes the feeling aside. " * 40,
        examples={
            "flag": [
                {"text": f"Just relax{n}, it will arrive.", "flagged": f"Just relax{n}"},
                {"text": f"Please just relax{n}.", "flagged": f"just relax{n}"},
            ],
            "pass": ["Relaxing plans are on sale.", "We just relaxed the rules."],
        },
    )


def test_a_write_on_full_storage_is_a_507_and_changes_nothing(make_app: MakeApp) -> None:
    app = make_app()
    lead = _lead(app)
    client = app.test_client()
    before = client.get("/v1/phrasebank/entries", headers=lead).json["entries"]

    # SQLite's page limit makes the database "full" exactly as a full disk does (SQLITE_FULL).
    @event.listens_for(app.extensions["replycoach.db"], "connect")
    def _cap(connection: Any, _: Any) -> None:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    app.extensions["replycoach.db"].dispose()
    statuses = [client.post("/v1/phrasebank/entries", json=_new_entry(n), headers=lead) for n in range(20)]
    full = [r for r in statuses if r.status_code != 201]
    assert full, "the capped database never filled up"
    assert (full[0].status_code, full[0].json["error"]["code"]) == (507, "storage_full")
    assert full[0].json["error"]["message"] == (
        "The service's storage is full, so nothing was saved; tell whoever runs the service."
    )
    after = client.get("/v1/phrasebank/entries", headers=lead).json["entries"]
    assert len(after) == len(before) + sum(r.status_code == 201 for r in statuses)


def test_a_write_while_another_writer_holds_the_lock_is_a_503(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "SQLITE_BUSY_SECONDS", 0.2)
    app = make_app()
    lead = _lead(app)
    client = app.test_client()
    url = "/v1/phrasebank/entries/dismissive.calm-down"
    entry = client.get(url, headers=lead).json
    holder = sqlite3.connect(tmp_path / "home" / "replycoach.db")
    holder.execute("BEGIN IMMEDIATE")
    try:
        response = client.put(url, json={**entry, "message": "Changed."}, headers=lead | {"If-Match": "*"})
    finally:
        holder.rollback()
        holder.close()
    assert (response.status_code, response.json["error"]["code"]) == (503, "busy")
    assert response.headers["Retry-After"] == "2"
    assert client.get(url, headers=lead).json["message"] == entry["message"]
    # Once the lock is free, the same write goes through.
    again = client.put(url, json={**entry, "message": "Changed."}, headers=lead | {"If-Match": "*"})
    assert (again.status_code, again.json["message"]) == (200, "Changed.")


def _broken_bank(tmp_path: Path) -> Path:
    folder = tmp_path / "broken"
    folder.mkdir()
    entry = make_entry(patterns=["just (?=relax)"])
    (folder / "entries.yml").write_text(yaml.safe_dump({"entries": [entry]}), encoding="utf-8")
    return folder


def test_a_broken_bank_folder_does_not_stop_a_service_whose_database_has_its_bank(
    make_app: MakeApp, tmp_path: Path
) -> None:
    make_app()  # seeds the database from the test bank
    app = make_app(BANK_DIR=str(_broken_bank(tmp_path)))
    client = app.test_client()
    lead = _lead(app)
    analysis = client.post("/v1/analyze", json={"text": "Calm down."}, headers=lead)
    assert [f["rule_id"] for f in analysis.json["flags"]] == ["dismissive.calm-down"]
    assert client.get("/health").json["bank"]["curated_update"] is None
    review = client.get("/v1/phrasebank/curated-update", headers=lead)
    assert (review.status_code, review.json["error"]["code"]) == (409, "curated_bank_unavailable")
    assert "does not load (1 problems)" in review.json["error"]["message"]


def test_a_broken_bank_folder_with_a_new_database_stops_the_service(
    make_app: MakeApp, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError, match="RE2 cannot compile"):
        make_app(BANK_DIR=str(_broken_bank(tmp_path)))


def test_a_database_in_a_missing_folder_is_a_clear_config_error(make_app: MakeApp, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "replycoach.db"
    with pytest.raises(ConfigError) as raised:
        make_app(DATABASE_URL=f"sqlite:///{missing}")
    assert str(raised.value) == (
        f"the database folder {missing.parent} does not exist; create it, or point "
        "REPLYCOACH_DATABASE_URL at another place"
    )
