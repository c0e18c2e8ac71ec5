"""The vocabulary lives in the database like the topics: seeded, served, exported, imported, adopted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from alembic import command
from alembic.config import Config
from click.testing import CliRunner, Result
from flask import Flask
from replycoach.bank.files import read_bank_dir
from replycoach.bank.vocabulary import Family
from replycoach.cli import main
from replycoach.store.bank import BankStore
from replycoach.store.db import MIGRATIONS
from replycoach.store.records import write_vocabulary
from replycoach.web.app import create_app

VOCABULARY_BANK = Path(__file__).parents[1] / "banks" / "vocabulary"


def _run(home: Path, *args: str) -> Result:
    env = {"REPLYCOACH_HOME": str(home), "REPLYCOACH_BANK_DIR": str(VOCABULARY_BANK)}
    return CliRunner().invoke(main, list(args), env=env)


def _app(home: Path) -> Flask:
    return create_app({"TESTING": True, "HOME": str(home), "BANK_DIR": str(VOCABULARY_BANK)})


def _flagged(app: Flask, text: str) -> list[str]:
    """The words the service flags in a draft, as an agent sees them."""
    secret = app.extensions["replycoach.keys"].create("agent")[1]
    response = app.test_client().post(
        "/v1/analyze", json={"text": text}, headers={"Authorization": f"Bearer {secret}"}
    )
    return [f["text"] for f in response.json["flags"]]


def _store(app: Flask) -> BankStore:
    store: BankStore = app.extensions["replycoach.bank"]
    return store


def test_a_family_edited_in_an_exported_folder_is_imported_and_served(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = _app(home)
    assert _flagged(app, "Settle down, and relax down there.") == ["Settle down"]

    out = tmp_path / "out"
    assert _run(home, "bank", "export", str(out)).exit_code == 0
    exported = yaml.safe_load((out / "vocabulary.yml").read_text(encoding="utf-8"))
    assert exported == {
        "vocabulary": [
            {
                "family": "settle",
                "note": "Telling someone to get their feelings under control.",
                "verbs": ["calm", "settle"],
            }
        ]
    }

    exported["vocabulary"][0]["verbs"].append("relax")
    (out / "vocabulary.yml").write_text(yaml.safe_dump(exported, sort_keys=False), encoding="utf-8")
    result = _run(home, "bank", "import", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.endswith("1 changed; live within seconds\n")
    assert [f.verbs for f in _store(app).snapshot().vocabulary] == [("calm", "settle", "relax")]
    assert _flagged(_app(home), "Settle down, and relax down there.") == ["Settle down", "relax down"]


def test_an_import_whose_entries_use_an_undefined_family_changes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = _app(home)
    before = _store(app).snapshot()
    out = tmp_path / "out"
    assert _run(home, "bank", "export", str(out)).exit_code == 0
    (out / "vocabulary.yml").unlink()
    result = _run(home, "bank", "import", str(out))
    assert result.exit_code == 1
    assert result.output.startswith(
        "entries.yml: dismissive.settle-down: patterns[0]: uses {{settle}}, which the vocabulary does not "
        "define (defined: none)"
    )
    assert _store(app).snapshot() == before


def test_a_database_from_before_the_vocabulary_takes_the_folders(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = _app(home)
    engine = app.extensions["replycoach.db"]
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")  # the schema before the vocabulary was stored
    restarted = _app(home)
    folder: Any = read_bank_dir(VOCABULARY_BANK)[0]
    assert _store(restarted).snapshot().vocabulary == tuple(folder.vocabulary)
    assert _flagged(restarted, "Please calm down.") == ["calm down"]


def test_a_database_from_before_the_check_families_takes_those_it_lacks(tmp_path: Path) -> None:
    home = tmp_path / "home"
    basic = Path(__file__).parents[1] / "banks" / "basic"

    def start() -> Flask:
        return create_app({"TESTING": True, "HOME": str(home), "BANK_DIR": str(basic)})

    app = start()
    # The vocabulary a release before the context checks read the vocabulary stored: one family of the
    # same name as a check's, with the lead's own words.
    kept = Family("condition", phrases=("if",), source="vocabulary.yml")
    with app.extensions["replycoach.db"].begin() as connection:
        write_vocabulary(connection, [kept])
    restarted = start()
    folder = read_bank_dir(basic)[0].vocabulary
    assert _store(restarted).snapshot().vocabulary == (kept, *(f for f in folder if f.name != "condition"))
    assert _flagged(restarted, "Calm down, please.") == ["Calm down"]
