"""The phrase bank in the database: seeded once, the source of truth after, shared live by every instance."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
import yaml
from conftest import BASIC_BANK, NO_WORRIES, MakeApp
from flask import Flask
from replycoach.bank.files import read_bank_dir
from replycoach.bank.schema import dump_entry
from replycoach.errors import InvalidEntryError, StaleEntryError
from replycoach.store.bank import BankStore
from replycoach.store.records import Author
from sqlalchemy import create_engine, inspect
from sqlalchemy.exc import OperationalError

LEAD = Author(1, "Lee")


def _flags(app: Flask, text: str) -> list[str]:
    secret = app.extensions["replycoach.keys"].create("agent")[1]
    response = app.test_client().post(
        "/v1/analyze", json={"text": text}, headers={"Authorization": f"Bearer {secret}"}
    )
    return [flag["rule_id"] for flag in response.json["flags"]]


def test_the_migrations_create_the_bank_tables(app: Flask, tmp_path: Path) -> None:
    tables = set(inspect(create_engine(f"sqlite:///{tmp_path / 'home' / 'replycoach.db'}")).get_table_names())
    assert {
        "api_keys",
        "bank_entries",
        "bank_revisions",
        "bank_state",
        "samples",
        "alembic_version",
    } <= tables


def test_the_first_start_seeds_the_bank_and_later_starts_keep_the_edits(make_app: MakeApp) -> None:
    first = make_app()
    store = first.extensions["replycoach.bank"]
    assert [s.entry.id for s in store.snapshot().entries] == [
        e.id for e in read_bank_dir(BASIC_BANK)[0].entries
    ]
    store.create(NO_WORRIES, LEAD)
    second = make_app()
    assert second.extensions["replycoach.bank"].get("dismissive.no-worries").revision == 1
    assert _flags(second, "No worries.") == ["dismissive.no-worries"]


def test_two_instances_sharing_a_database_see_each_others_change_within_2_seconds(make_app: MakeApp) -> None:
    one, two = make_app(), make_app()
    assert _flags(two, "No worries.") == []
    one.extensions["replycoach.bank"].create(NO_WORRIES, LEAD)
    deadline = time.monotonic() + 2
    while _flags(two, "No worries.") != ["dismissive.no-worries"]:
        assert time.monotonic() < deadline, "the other instance did not see the change within 2 s"
        time.sleep(0.1)


def test_a_refused_write_leaves_the_database_as_it_was(app: Flask) -> None:
    store = app.extensions["replycoach.bank"]
    before = (store.revision(), store.snapshot(), store.audit_log())
    with pytest.raises(InvalidEntryError):
        store.create({**NO_WORRIES, "patterns": ["(unclosed"]}, LEAD)
    assert (store.revision(), store.snapshot(), store.audit_log()) == before


def test_a_newer_curated_bank_is_reported_not_applied(make_app: MakeApp, tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(BASIC_BANK, bank)
    old = make_app(BANK_DIR=str(bank))
    assert old.test_client().get("/health").json["bank"]["curated_update"] is None

    data = yaml.safe_load((bank / "entries.yml").read_text(encoding="utf-8"))
    data["entries"][0]["message"] = "Tells the customer to wait, a newer way."
    (bank / "entries.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    upgraded = make_app(BANK_DIR=str(bank))
    health = upgraded.test_client().get("/health").json["bank"]
    assert health["curated_update"] is not None and health["curated_update"] != health["revision"]
    entry = upgraded.extensions["replycoach.bank"].get("blame.have-to-wait").entry
    assert entry.message == "Orders the customer to wait."


def test_a_database_outage_keeps_serving_the_bank_the_worker_has(
    app: Flask, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def down() -> int:
        raise OperationalError("SELECT revision", {}, Exception("database is locked"))

    live = app.extensions["replycoach.engine"]
    monkeypatch.setattr(live.store, "revision", down)
    live.expire()
    assert _flags(app, "Please calm down.") == ["dismissive.calm-down"]
    assert '"event": "bank_reload_failed", "error": "OperationalError"' in caplog.text


def test_of_two_writers_with_the_same_etag_one_wins_and_the_other_gets_stale(make_app: MakeApp) -> None:
    stores = [make_app().extensions["replycoach.bank"] for _ in range(2)]
    etag = stores[0].get("dismissive.calm-down").etag
    entry = dump_entry(stores[0].get("dismissive.calm-down").entry)
    outcomes: list[str] = []

    def write(store: BankStore, why: str) -> None:
        try:
            store.update("dismissive.calm-down", {**entry, "why": why}, etag, LEAD)
            outcomes.append("saved")
        except StaleEntryError:
            outcomes.append("stale")

    threads = [threading.Thread(target=write, args=(store, f"Writer {n}.")) for n, store in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["saved", "stale"]
    assert stores[1].get("dismissive.calm-down").revision == 2
    assert [r.action for r in stores[1].history("dismissive.calm-down")] == ["import", "update"]


def test_the_app_holds_no_pooled_connection_for_gunicorn_to_fork(app: Flask) -> None:
    assert app.extensions["replycoach.db"].pool.checkedin() == 0
