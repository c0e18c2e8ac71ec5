"""`replycoach bank export/import` and `replycoach samples import` over the service's database."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import BASIC_BANK, NO_WORRIES
from replycoach.bank.files import curated_bank_dir, read_bank_dir
from replycoach.bank.schema import dump_entry
from replycoach.cli import main
from replycoach.store.bank import BankStore
from replycoach.store.samples import SampleStore
from replycoach.web.app import create_app


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of a service with a fresh data folder over the small test bank."""
    return {"REPLYCOACH_HOME": str(tmp_path / "home"), "REPLYCOACH_BANK_DIR": str(BASIC_BANK)}


def _run(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def _samples(env: dict[str, str]) -> SampleStore:
    app = create_app({"HOME": env["REPLYCOACH_HOME"], "BANK_DIR": env["REPLYCOACH_BANK_DIR"]})
    samples: SampleStore = app.extensions["replycoach.samples"]
    return samples


def _store(env: dict[str, str]) -> BankStore:
    app = create_app({"HOME": env["REPLYCOACH_HOME"], "BANK_DIR": env["REPLYCOACH_BANK_DIR"]})
    store: BankStore = app.extensions["replycoach.bank"]
    return store


@pytest.mark.parametrize("bank", [BASIC_BANK, curated_bank_dir()], ids=["basic", "curated"])
def test_exporting_an_unedited_bank_gives_the_same_bank_back(bank: Path, tmp_path: Path) -> None:
    env = {"REPLYCOACH_HOME": str(tmp_path / "home"), "REPLYCOACH_BANK_DIR": str(bank)}
    result = _run(env, "bank", "export", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in bank.glob("*.yml"))
    original, exported = read_bank_dir(bank)[0], read_bank_dir(tmp_path / "out")[0]
    assert exported.entries == original.entries
    assert [e.source for e in exported.entries] == [e.source for e in original.entries]
    assert exported.topics == original.topics
    assert _run(env, "bank", "lint", str(tmp_path / "out")).exit_code == 0


def test_export_shows_edits_and_refuses_a_folder_with_bank_files(env: dict[str, str], tmp_path: Path) -> None:
    from replycoach.store.records import Author

    _store(env).create(NO_WORRIES, Author(1, "Lee"))
    out = tmp_path / "out"
    assert _run(env, "bank", "export", str(out)).exit_code == 0
    written = yaml.safe_load((out / "dismissive.yml").read_text(encoding="utf-8"))
    assert written["entries"][0]["id"] == "dismissive.no-worries"
    again = _run(env, "bank", "export", str(out))
    assert again.exit_code == 2
    assert again.output == f"replycoach: {out} already holds bank files; export into a new or empty folder\n"


def _edited_copy(tmp_path: Path) -> Path:
    bank = tmp_path / "edited"
    shutil.copytree(BASIC_BANK, bank)
    data = yaml.safe_load((bank / "entries.yml").read_text(encoding="utf-8"))
    data["entries"][0]["message"] = "Tells the customer to wait."
    del data["entries"][1]  # dismissive.calm-down
    (bank / "entries.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return bank


def test_import_makes_the_bank_the_folders_entries_with_history(env: dict[str, str], tmp_path: Path) -> None:
    bank = _edited_copy(tmp_path)
    result = _run(env, "bank", "import", str(bank))
    assert result.exit_code == 0, result.output
    assert result.output == f"{bank}: 5 entries, 2 changed; live within seconds\n"
    store = _store(env)
    assert store.get("blame.have-to-wait").entry.message == "Tells the customer to wait."
    assert "dismissive.calm-down" not in [s.entry.id for s in store.snapshot().entries]
    author = f"replycoach bank import {bank}"
    assert [(r.action, r.author) for r in store.history("blame.have-to-wait")] == [
        ("import", "curated bank"),
        ("import", author),
    ]
    assert [(r.action, r.author) for r in store.history("dismissive.calm-down")][-1] == ("delete", author)


def test_import_of_an_invalid_folder_changes_nothing(env: dict[str, str], tmp_path: Path) -> None:
    bank = _edited_copy(tmp_path)
    data = yaml.safe_load((bank / "entries.yml").read_text(encoding="utf-8"))
    data["entries"][0]["patterns"] = ["(?<=x)wait"]
    (bank / "entries.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    before = _store(env).snapshot()
    result = _run(env, "bank", "import", str(bank))
    assert result.exit_code == 1
    assert result.output.startswith("entries.yml: blame.have-to-wait: patterns[0]: ")
    assert result.output.endswith(f"{bank}: 1 problem(s); nothing was imported\n")
    assert _store(env).snapshot() == before


def test_importing_the_newer_curated_bank_clears_the_pending_update(
    env: dict[str, str], tmp_path: Path
) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(BASIC_BANK, bank)
    env = {**env, "REPLYCOACH_BANK_DIR": str(bank)}
    _store(env)
    shutil.rmtree(bank)
    shutil.copytree(_edited_copy(tmp_path), bank)
    app = create_app({"HOME": env["REPLYCOACH_HOME"], "BANK_DIR": str(bank)})
    assert app.test_client().get("/health").json["bank"]["curated_update"] is not None
    assert _run(env, "bank", "import", str(bank)).exit_code == 0
    assert app.test_client().get("/health").json["bank"]["curated_update"] is None


def test_a_merged_import_marked_reviewed_clears_the_pending_update(
    env: dict[str, str], tmp_path: Path
) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(BASIC_BANK, bank)
    env = {**env, "REPLYCOACH_BANK_DIR": str(bank)}
    _store(env)
    data = yaml.safe_load((bank / "entries.yml").read_text(encoding="utf-8"))
    data["entries"][0]["message"] = "A newer curated message."
    (bank / "entries.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    merged = _edited_copy(tmp_path)
    assert _run(env, "bank", "import", str(merged)).exit_code == 0
    app = create_app({"HOME": env["REPLYCOACH_HOME"], "BANK_DIR": str(bank)})
    assert app.test_client().get("/health").json["bank"]["curated_update"] is not None
    assert _run(env, "bank", "import", "--curated-reviewed", str(merged)).exit_code == 0
    assert app.test_client().get("/health").json["bank"]["curated_update"] is None


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("replies.csv", 'id,text\n1,"Hi, no worries."\n2,"Thanks, done."\n'),
        ("replies.jsonl", '{"text": "Hi, no worries."}\n\n{"text": "Thanks, done.", "agent": "Sam"}\n'),
    ],
)
def test_samples_import_stores_replies(env: dict[str, str], tmp_path: Path, name: str, content: str) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = _run(env, "samples", "import", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    assert result.output == f"{tmp_path / name}: 2 sample replies stored (2 in all)\n"
    assert _samples(env).all() == ["Hi, no worries.", "Thanks, done."]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("replies.csv", "reply\nHi\n", "the first row must name the columns, one of them text"),
        ("replies.csv", 'text\nHi\n""\n', '3: no reply text (expected a non-empty "text")'),
        ("replies.jsonl", '{"text": "Hi"}\n{"text": 3}\n', '2: no reply text (expected a non-empty "text")'),
        ("replies.jsonl", "{oops\n", "1: not valid JSON: Expecting property name enclosed in double quotes"),
        ("replies.txt", "Hi\n", "name a .csv file (with a text column) or a .jsonl file"),
    ],
)
def test_a_bad_samples_file_exits_2_and_stores_nothing(
    env: dict[str, str], tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = _run(env, "samples", "import", str(path))
    separator = "" if message[0].isdigit() else " "
    assert (result.exit_code, result.output) == (2, f"replycoach: {path}:{separator}{message}\n")
    assert _samples(env).all() == []


def test_samples_are_kept_in_the_database_not_sent(env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "r.jsonl").write_text(json.dumps({"text": "Hello"}) + "\n", encoding="utf-8")
    _run(env, "samples", "import", str(tmp_path / "r.jsonl"))
    assert (tmp_path / "home" / "replycoach.db").is_file()


def test_a_disabled_entry_round_trips_through_export_and_import(env: dict[str, str], tmp_path: Path) -> None:
    from replycoach.store.records import Author

    store = _store(env)
    current = store.get("dismissive.calm-down")
    raw = {**dump_entry(current.entry), "enabled": False}
    store.update("dismissive.calm-down", raw, current.etag, Author(1, "Lee"))
    out = tmp_path / "out"
    assert _run(env, "bank", "export", str(out)).exit_code == 0
    written = yaml.safe_load((out / "entries.yml").read_text(encoding="utf-8"))
    calm = next(e for e in written["entries"] if e["id"] == "dismissive.calm-down")
    assert list(calm)[:4] == ["id", "category", "severity", "enabled"] and calm["enabled"] is False
    assert _run(env, "bank", "lint", str(out)).exit_code == 0

    other = {"REPLYCOACH_HOME": str(tmp_path / "other-home"), "REPLYCOACH_BANK_DIR": str(BASIC_BANK)}
    assert _run(other, "bank", "import", str(out)).exit_code == 0
    imported = _store(other)
    assert imported.get("dismissive.calm-down").entry.enabled is False
    assert "dismissive.calm-down" not in {
        e.id
        for e in create_app({"HOME": other["REPLYCOACH_HOME"], "BANK_DIR": str(BASIC_BANK)})
        .extensions["replycoach.engine"]
        .current()
        .bank.entries
    }


def test_samples_are_stored_once_listed_deleted_and_cleared(env: dict[str, str], tmp_path: Path) -> None:
    replies = tmp_path / "replies.csv"
    replies.write_text('text\n"Hi, no worries."\n"Thanks,\n  done."\n"Hi, no worries."\n', encoding="utf-8")
    assert _run(env, "samples", "import", str(replies)).output == (
        f"{replies}: 2 sample replies stored, 1 already stored or repeated (2 in all)\n"
    )
    assert _run(env, "samples", "import", str(replies)).output == (
        f"{replies}: 0 sample replies stored, 3 already stored or repeated (2 in all)\n"
    )
    assert _run(env, "samples", "list").output == "    1  Hi, no worries.\n    2  Thanks, done.\n"
    assert _run(env, "samples", "delete", "1").output == "deleted sample reply 1\n"
    missing = _run(env, "samples", "delete", "1")
    assert (missing.exit_code, missing.output) == (
        2,
        "replycoach: no sample reply has the id 1; `samples list` shows them\n",
    )
    assert _run(env, "samples", "clear").output == "deleted 1 sample replies\n"
    assert _samples(env).all() == []


def test_keys_list_has_a_header_and_a_key_needs_a_name(env: dict[str, str]) -> None:
    assert _run(env, "keys", "create", "--role", "agent", "--name", "Sam").exit_code == 0
    listing = _run(env, "keys", "list").output.splitlines()
    assert listing[0].split() == ["id", "role", "status", "key", "created", "name"]
    assert listing[1].split()[:3] == ["1", "agent", "active"] and listing[1].endswith("  Sam")
    for name in ("", "   "):
        refused = _run(env, "keys", "create", "--role", "agent", "--name", name)
        assert refused.exit_code == 2
        assert "Invalid value for '--name': give the key a name (who or what holds it)" in refused.output
    assert len(_run(env, "keys", "list").output.splitlines()) == 2
