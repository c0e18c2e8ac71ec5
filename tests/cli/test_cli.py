"""The `replycoach` command as a user runs it: output lines, JSON, exit codes and error messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import BASIC_BANK, make_entry
from replycoach import load_bank

REPO = Path(__file__).resolve().parents[2]
# The console script installed beside the interpreter running the tests (a venv's bin/ need not be on PATH).
SCRIPT = str(Path(sys.executable).parent / "replycoach")


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console script."""
    proc = subprocess.run([SCRIPT, *args], input=stdin, capture_output=True, cwd=cwd, check=False)
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def test_check_prints_linter_lines_and_exits_1_on_warning(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Hello,\nSorry, you'll have to wait 24 hours.\n", encoding="utf-8")
    result = run("check", str(draft), "--bank", str(BASIC_BANK))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{draft}:2:8: warning blame.have-to-wait Orders the customer to wait.",
        '    "you\'ll have to wait 24 hours" -> "I\'ll make sure you hear from me within 24 hours"',
    ]
    bank = load_bank(BASIC_BANK).revision
    assert result.stderr == f"{draft}: 1 flag, score 85/100\nbank: {bank} (the folder {BASIC_BANK})\n"


def test_check_exits_0_when_only_suggestions(tmp_path: Path) -> None:
    result = run("check", "-", "--bank", str(BASIC_BANK), stdin=b"Sorry to hear that. Fixed now.")
    assert result.returncode == 0
    assert result.stdout.startswith("<stdin>:1:1: suggestion sympathy.sorry-to-hear ")


def test_check_clean_draft_exits_0() -> None:
    result = run("check", "--bank", str(BASIC_BANK), stdin=b"All fixed, thanks for writing in.")
    assert (result.returncode, result.stdout) == (0, "")


def test_check_json_one_object_per_input(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Please calm down.", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("All good.", encoding="utf-8")
    result = run("check", str(a), str(b), "--format", "json", "--bank", str(BASIC_BANK))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [d["file"] for d in data] == [str(a), str(b)]
    assert [d["score"] for d in data] == [85, 100]
    assert data[0]["flags"][0]["rule_id"] == "dismissive.calm-down"
    assert data[0]["flags"][0]["start_utf16"] == 0
    assert data[1]["flags"] == []


def test_check_customer_file_sets_context(tmp_path: Path) -> None:
    customer = tmp_path / "customer.txt"
    customer.write_text("This is unacceptable!!! I am furious.", encoding="utf-8")
    draft = b"Refund sent. Have a great day!"
    assert run("check", "--bank", str(BASIC_BANK), stdin=draft).returncode == 0
    result = run("check", "--customer", str(customer), "--bank", str(BASIC_BANK), stdin=draft)
    assert result.returncode == 1
    assert "warning toxic-positivity.have-a-great-day" in result.stdout


def test_unreadable_files_are_reported_and_the_rest_still_checked(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    long = tmp_path / "long.txt"
    long.write_text("a" * 20_001, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Calm down.", encoding="utf-8")
    result = run("check", str(missing), str(latin), str(long), str(good), "--bank", str(BASIC_BANK))
    assert result.returncode == 2
    assert result.stdout == (
        f"{good}:1:1: warning dismissive.calm-down Tells an upset customer how to feel.\n"
        "    'Calm down' -> 'I can tell how stressful this is, and I want to fix it alongside you'\n"
    )
    assert result.stderr == (
        f"{good}: 1 flag, score 85/100\n"
        f"{missing}: cannot read it: No such file or directory\n"
        f"{latin}: not UTF-8 text (invalid byte at offset 3); save it as UTF-8\n"
        f"{long}: text is 20,001 characters long; the limit is 20,000. "
        "Shorten it or split it into several parts.\n"
        f"bank: {load_bank(BASIC_BANK).revision} (the folder {BASIC_BANK})\n"
    )


def test_check_with_broken_bank_exits_2(tmp_path: Path) -> None:
    (tmp_path / "bad.yml").write_text("entries:\n  - id: nope\n", encoding="utf-8")
    result = run("check", "--bank", str(tmp_path), stdin=b"hi")
    assert result.returncode == 2
    assert "bad.yml: nope: id: must look like category.name" in result.stderr


def test_bank_lint_clean_and_broken(tmp_path: Path) -> None:
    clean = run("bank", "lint", str(BASIC_BANK))
    assert clean.returncode == 0
    assert clean.stderr == f"{BASIC_BANK}: 6 entries, all examples behave\n"

    import yaml

    (tmp_path / "b.yml").write_text(yaml.safe_dump({"entries": [make_entry(severity="loud")]}))
    broken = run("bank", "lint", str(tmp_path))
    assert broken.returncode == 1
    assert broken.stdout == "b.yml: dismissive.relax: severity: must be warning or suggestion\n"
    assert broken.stderr == f"{tmp_path}: 1 problem\n"


def test_bank_lint_refuses_a_rewrite_that_still_warns_and_shows_every_rewritten_example(
    tmp_path: Path,
) -> None:
    import yaml

    rewrites = [{"text": "just relax, I can see why this is stressful", "scope": "phrase"}]
    entry = make_entry(rewrites=[*rewrites, {"text": "I understand this is stressful", "scope": "phrase"}])
    (tmp_path / "b.yml").write_text(yaml.safe_dump({"entries": [entry]}))
    result = run("bank", "lint", str(tmp_path), "--rewrites")
    assert result.returncode == 1
    refused = (
        "b.yml: dismissive.relax: rewrites[0]: applied to examples.flag[{}] it gives {!r}, which still "
        "gets a warning in the rewritten words (dismissive.relax: {!r}); reword the rewrite"
    )
    assert result.stdout.splitlines() == [
        refused.format(0, "Just relax, I can see why this is stressful, it will arrive.", "Just relax"),
        refused.format(1, "Please just relax, I can see why this is stressful.", "just relax"),
    ]
    fixed = make_entry()
    (tmp_path / "b.yml").write_text(yaml.safe_dump({"entries": [fixed]}))
    shown = run("bank", "lint", str(tmp_path), "--rewrites")
    assert shown.returncode == 0
    given = "dismissive.relax: rewrites[{}] on examples.flag[{}]: {!r} (ok)"
    assert shown.stdout.splitlines() == [
        given.format(0, 0, "I can see why this is stressful, it will arrive."),
        given.format(1, 0, "I understand this is stressful, it will arrive."),
        given.format(0, 1, "Please I can see why this is stressful."),
        given.format(1, 1, "Please I understand this is stressful."),
    ]


def test_curated_bank_lints_clean() -> None:
    result = run("bank", "lint")
    assert result.stdout == ""
    assert result.returncode == 0


def test_bank_list_json_and_text() -> None:
    result = run("bank", "list", str(BASIC_BANK), "--format", "json")
    rows = json.loads(result.stdout)
    assert rows[0] == {
        "id": "blame.have-to-wait",
        "category": "blame",
        "severity": "warning",
        "message": "Orders the customer to wait.",
    }
    assert len(rows) == 6
    text = run("bank", "list", str(BASIC_BANK)).stdout.splitlines()
    assert text[0].split()[:2] == ["blame.have-to-wait", "warning"]


def test_bank_readme_table_is_up_to_date() -> None:
    readme = REPO / "phrasebank" / "README.md"
    result = run("bank", "table", "--check", str(readme))
    assert result.returncode == 0, result.stderr


def test_bank_table_write(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("# Bank\n<!-- BEGIN GENERATED TABLE -->\nold\n<!-- END GENERATED TABLE -->\nend\n")
    assert run("bank", "table", str(BASIC_BANK), "--check", str(doc)).returncode == 1
    assert run("bank", "table", str(BASIC_BANK), "--write", str(doc)).returncode == 0
    lines = doc.read_text().splitlines()
    assert lines[2] == "| id | severity | when | message | first rewrite |"
    assert "| `toxic-positivity.have-a-great-day` | warning | upset |" in doc.read_text()
    assert lines[-1] == "end"
    assert run("bank", "table", str(BASIC_BANK), "--check", str(doc)).returncode == 0


def test_module_runs_without_console_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "replycoach", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip().endswith("0.1.0")
