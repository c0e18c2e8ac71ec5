"""`replycoach bank curated-update` lists what a newer curated bank would change."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import BASIC_BANK
from replycoach import load_bank
from replycoach.bank.schema import dump_entry
from replycoach.cli.curated import bank_curated_update
from replycoach.store.records import Author
from replycoach.web.app import create_app


def test_it_lists_each_change_and_says_which_were_edited_here(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(BASIC_BANK, bank)
    env = {"REPLYCOACH_HOME": str(tmp_path / "home"), "REPLYCOACH_BANK_DIR": str(bank)}
    old_revision = load_bank(bank).revision
    runner = CliRunner()
    quiet = runner.invoke(bank_curated_update, [], env=env)
    assert (quiet.exit_code, quiet.stdout) == (0, "")
    assert quiet.stderr == f"no curated update waits: the bank has taken in curated bank {old_revision}\n"

    store = create_app({"HOME": env["REPLYCOACH_HOME"], "BANK_DIR": str(bank)}).extensions["replycoach.bank"]
    raw = dump_entry(store.get("refusal.we-cant").entry)
    store.update(raw["id"], {**raw, "message": "Edited here."}, "*", Author(1, "Lee"))
    data = yaml.safe_load((bank / "entries.yml").read_text(encoding="utf-8"))
    data["entries"][0]["message"] = "Newer upstream."
    data["entries"][2]["message"] = "Newer upstream too."
    del data["entries"][1]
    (bank / "entries.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    result = runner.invoke(bank_curated_update, [], env=env)
    assert result.exit_code == 0
    assert result.stdout == (
        "changed  blame.have-to-wait\n"
        "changed  refusal.we-cant  (edited here)\n"
        "removed  dismissive.calm-down\n"
    )
    assert result.stderr == (
        f"curated bank {load_bank(bank).revision} waits (the bank took in {old_revision}): 3 change(s); "
        "take them with POST /v1/phrasebank/curated-update\n"
    )
