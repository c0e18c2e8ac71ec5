"""The acknowledgements (topics) live in the database like the entries: imported, exported, kept."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from alembic import command
from alembic.config import Config
from click.testing import CliRunner, Result
from flask import Flask
from replycoach.bank.files import read_bank_dir
from replycoach.cli import main
from replycoach.store.bank import BankStore
from replycoach.store.db import MIGRATIONS
from replycoach.web.app import create_app

CONTEXT_BANK = Path(__file__).parents[1] / "banks" / "context"
DRAFT = "Your parcel ships on Monday."
CUSTOMER = "My parcel is late!!! I am still waiting and furious."


def _run(home: Path, bank: Path, *args: str) -> Result:
    env = {"REPLYCOACH_HOME": str(home), "REPLYCOACH_BANK_DIR": str(bank)}
    return CliRunner().invoke(main, list(args), env=env)


def _app(home: Path, bank: Path) -> Flask:
    return create_app({"TESTING": True, "HOME": str(home), "BANK_DIR": str(bank)})


def _acknowledgements(app: Flask) -> list[str]:
    """The acknowledgements the service suggests for a late parcel, as an agent sees them."""
    secret = app.extensions["replycoach.keys"].create("agent")[1]
    response = app.test_client().post(
        "/v1/analyze",
        json={"text": DRAFT, "customer_message": CUSTOMER},
        headers={"Authorization": f"Bearer {secret}"},
    )
    [flag] = [f for f in response.json["flags"] if f["rule_id"] == "structure.acknowledge-feeling"]
    return [s["text"] for s in flag["suggestions"]]


def _store(app: Flask) -> BankStore:
    store: BankStore = app.extensions["replycoach.bank"]
    return store


def _edit_topics(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data["acknowledgements"])
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_an_imported_folders_acknowledgements_are_served_and_exported(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = _app(home, CONTEXT_BANK)
    assert _acknowledgements(app) == ["I'm sorry it's running late. ", "Waiting this long is frustrating. "]

    out = tmp_path / "out"
    assert _run(home, CONTEXT_BANK, "bank", "export", str(out)).exit_code == 0
    assert (out / "topics.yml").is_file()

    def reword(topics: list[dict[str, Any]]) -> None:
        topics[0]["acknowledge"][0] = "I'm so sorry your parcel is late."

    _edit_topics(out / "topics.yml", reword)
    result = _run(home, CONTEXT_BANK, "bank", "import", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.endswith("1 changed; live within seconds\n")
    assert _store(app).topics()[0].acknowledge[0] == "I'm so sorry your parcel is late."
    assert _acknowledgements(_app(home, CONTEXT_BANK)) == [
        "I'm so sorry your parcel is late. ",
        "Waiting this long is frustrating. ",
    ]
    again = tmp_path / "again"
    assert _run(home, CONTEXT_BANK, "bank", "export", str(again)).exit_code == 0
    assert read_bank_dir(again)[0].topics == read_bank_dir(out)[0].topics


def test_after_the_first_start_the_folder_no_longer_decides_the_topics(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(CONTEXT_BANK, bank)
    home = tmp_path / "home"
    seeded = _store(_app(home, bank)).topics()

    def drop_delay(topics: list[dict[str, Any]]) -> None:
        del topics[0]

    _edit_topics(bank / "topics.yml", drop_delay)  # an upgrade ships other acknowledgements
    restarted = _app(home, bank)
    assert _store(restarted).topics() == seeded
    assert restarted.test_client().get("/health").json["bank"]["curated_update"] is not None


def test_a_database_from_before_topics_were_stored_keeps_the_folders(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = _app(home, CONTEXT_BANK)
    engine = app.extensions["replycoach.db"]
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")  # the schema before topics were stored
    restarted = _app(home, CONTEXT_BANK)
    assert _store(restarted).topics() == tuple(read_bank_dir(CONTEXT_BANK)[0].topics)
    assert _acknowledgements(restarted) == [
        "I'm sorry it's running late. ",
        "Waiting this long is frustrating. ",
    ]
