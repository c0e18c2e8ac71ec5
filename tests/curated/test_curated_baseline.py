"""The curated baseline: backfilled for databases seeded before it existed, and kept by `bank import`."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from alembic import command
from alembic.config import Config
from click.testing import CliRunner, Result
from conftest import BASIC_BANK, NO_WORRIES
from replycoach.bank.files import read_bank_dir
from replycoach.bank.schema import dump_entry
from replycoach.cli import main
from replycoach.curated.baseline import read_baseline
from replycoach.store.bank import BankStore
from replycoach.store.db import MIGRATIONS, upgrade
from replycoach.store.records import Author
from replycoach.web.app import create_app
from sqlalchemy import create_engine

LEAD = Author(1, "Lee")


def _downgrade_to(url: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with create_engine(url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_the_migration_backfills_the_baseline_from_the_first_seed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    upgrade(engine)
    curated = read_bank_dir(BASIC_BANK)[0].entries
    store = BankStore(engine)
    assert store.seed(read_bank_dir(BASIC_BANK)[0], "old")
    raw = dump_entry(curated[2])
    store.update(raw["id"], {**raw, "message": "Edited here."}, "*", LEAD)
    store.create(NO_WORRIES, LEAD)
    _downgrade_to(url, "0003")  # the database as it was before the baseline existed
    upgrade(engine)
    # The curated entries as seeded, in the curated order: neither the edit nor the team's entry.
    assert read_baseline(engine) == curated


def test_the_migration_leaves_an_empty_baseline_for_a_database_never_seeded(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'new.db'}")
    upgrade(engine)
    assert read_baseline(engine) == []


def test_the_first_start_records_the_shipped_bank_as_the_baseline(tmp_path: Path) -> None:
    app = create_app({"TESTING": True, "HOME": str(tmp_path / "home"), "BANK_DIR": str(BASIC_BANK)})
    assert read_baseline(app.extensions["replycoach.bank"].engine) == read_bank_dir(BASIC_BANK)[0].entries


def _run(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def _changes(env: dict[str, str]) -> list[tuple[str, str, bool]]:
    app = create_app({"HOME": env["REPLYCOACH_HOME"], "BANK_DIR": env["REPLYCOACH_BANK_DIR"]})
    secret = app.extensions["replycoach.keys"].create("lead")[1]
    review = app.test_client().get(
        "/v1/phrasebank/curated-update", headers={"Authorization": f"Bearer {secret}"}
    )
    return [(c["id"], c["change"], c["edited_here"]) for c in review.json["changes"]]


def _edit(bank: Path, index: int, message: str) -> None:
    data = yaml.safe_load((bank / "entries.yml").read_text(encoding="utf-8"))
    data["entries"][index]["message"] = message
    (bank / "entries.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_a_reviewed_import_makes_the_shipped_bank_the_baseline(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(BASIC_BANK, bank)
    env = {"REPLYCOACH_HOME": str(tmp_path / "home"), "REPLYCOACH_BANK_DIR": str(bank)}
    _changes(env)  # the first start seeds the database
    _edit(bank, 0, "A newer curated message.")
    assert _changes(env) == [("blame.have-to-wait", "changed", False)]
    merged = tmp_path / "merged"
    shutil.copytree(BASIC_BANK, merged)
    _edit(merged, 0, "Our merge of the newer message.")
    result = _run(env, "bank", "import", "--curated-reviewed", str(merged))
    assert result.exit_code == 0, result.output
    assert _changes(env) == []
    # The next release is compared with the one reviewed: only its own change is offered.
    _edit(bank, 1, "A still newer message.")
    assert _changes(env) == [("dismissive.calm-down", "changed", False)]


def test_importing_the_shipped_bank_itself_makes_it_the_baseline(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(BASIC_BANK, bank)
    env = {"REPLYCOACH_HOME": str(tmp_path / "home"), "REPLYCOACH_BANK_DIR": str(bank)}
    _changes(env)
    _edit(bank, 0, "A newer curated message.")
    result = _run(env, "bank", "import", str(bank))
    assert result.exit_code == 0, result.output
    assert _changes(env) == []
    _edit(bank, 1, "A still newer message.")
    assert _changes(env) == [("dismissive.calm-down", "changed", False)]


def test_a_plain_import_leaves_the_update_pending(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(BASIC_BANK, bank)
    env = {"REPLYCOACH_HOME": str(tmp_path / "home"), "REPLYCOACH_BANK_DIR": str(bank)}
    _changes(env)
    _edit(bank, 0, "A newer curated message.")
    merged = tmp_path / "merged"
    shutil.copytree(BASIC_BANK, merged)
    _edit(merged, 0, "Our own message.")
    assert _run(env, "bank", "import", str(merged)).exit_code == 0
    assert _changes(env) == [("blame.have-to-wait", "changed", True)]
