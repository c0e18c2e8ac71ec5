"""`replycoach check` as a team runs it over a library of saved replies: folders and globs, selecting rules,
a config file, regions switched off in Markdown, and the SARIF and GitHub formats."""

from __future__ import annotations

import json
import os
import pty
import subprocess
from pathlib import Path

from conftest import BASIC_BANK
from test_cli import SCRIPT, run

CALM = "dismissive.calm-down Tells an upset customer how to feel."
WAIT = "blame.have-to-wait"


def _library(root: Path) -> Path:
    """A folder of replies: two checked kinds, one other kind, a hidden folder, a nested folder."""
    (root / "macros" / "billing").mkdir(parents=True)
    (root / "macros" / ".drafts").mkdir()
    (root / "macros" / "calm.txt").write_text("Calm down.", encoding="utf-8")
    (root / "macros" / "billing" / "wait.md").write_text(
        "Sorry to hear that. You'll have to wait 2 days.", encoding="utf-8"
    )
    (root / "macros" / "notes.csv").write_text("Calm down.", encoding="utf-8")
    (root / "macros" / ".drafts" / "old.txt").write_text("Calm down.", encoding="utf-8")
    return root / "macros"


def test_a_folder_is_walked_for_txt_and_md_files_in_order(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    result = run("check", str(folder), "--bank", str(BASIC_BANK), "-q")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{folder}/billing/wait.md:1:1: suggestion sympathy.sorry-to-hear A bare sorry that names nothing.",
        f"{folder}/billing/wait.md:1:21: warning {WAIT} Orders the customer to wait.",
        f"{folder}/calm.txt:1:1: warning {CALM}",
    ]
    assert result.stderr == ""


def test_a_glob_picks_its_matches_and_one_that_matches_nothing_is_reported(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    result = run("check", f"{folder}/**/*.md", f"{folder}/*.nothing", "--bank", str(BASIC_BANK), "-q")
    assert result.returncode == 2
    assert [line.split(" ")[0] for line in result.stdout.splitlines()] == [
        f"{folder}/billing/wait.md:1:1:",
        f"{folder}/billing/wait.md:1:21:",
    ]
    assert result.stderr == f"{folder}/*.nothing: no file matches this pattern\n"


def test_select_ignore_and_min_severity(tmp_path: Path) -> None:
    folder = _library(tmp_path)

    def rules(*options: str) -> list[str]:
        result = run("check", str(folder), "--bank", str(BASIC_BANK), "-q", *options)
        return [line.split(" ")[2] for line in result.stdout.splitlines()]

    assert rules("--select", "dismissive") == ["dismissive.calm-down"]
    assert rules("--select", "blame.have-to-wait,sympathy") == ["sympathy.sorry-to-hear", WAIT]
    assert rules("--ignore", "sympathy", "--ignore", "dismissive.calm-down") == [WAIT]
    assert rules("--min-severity", "warning") == [WAIT, "dismissive.calm-down"]
    # Nothing left to warn about: exit 0.
    assert run("check", str(folder), "--bank", str(BASIC_BANK), "--select", "sympathy").returncode == 0


def test_a_config_file_in_a_parent_folder_applies_and_the_command_line_wins(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    (tmp_path / ".replycoach.toml").write_text(
        f'ignore = ["dismissive"]\nmin_severity = "warning"\nbank = "{BASIC_BANK}"\n', encoding="utf-8"
    )
    result = run("check", str(folder), "-q", cwd=folder / "billing")
    assert result.stdout.splitlines() == [
        f"{folder}/billing/wait.md:1:21: warning {WAIT} Orders the customer to wait."
    ]
    overridden = run("check", str(folder), "-q", "--ignore", "blame", cwd=folder / "billing")
    assert [line.split(" ")[2] for line in overridden.stdout.splitlines()] == ["dismissive.calm-down"]


def test_a_broken_config_file_says_what_to_fix(tmp_path: Path) -> None:
    config = tmp_path / ".replycoach.toml"
    config.write_text('ignored = ["dismissive"]\n', encoding="utf-8")
    result = run("check", "--bank", str(BASIC_BANK), stdin=b"Calm down.", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {config}: unknown key 'ignored'; the keys are select, ignore, min_severity, bank\n"
    )
    config.write_text('min_severity = "loud"\n', encoding="utf-8")
    result = run("check", "--bank", str(BASIC_BANK), stdin=b"Calm down.", cwd=tmp_path)
    assert result.stderr == f"Error: {config}: min_severity must be one of suggestion, warning, not 'loud'\n"
    # A bank folder that is not there: the key, and the folder it resolved to.
    config.write_text('bank = "team-bank"\n', encoding="utf-8")
    result = run("check", stdin=b"Calm down.", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        2,
        f"Error: {config}: bank = 'team-bank' is the folder {tmp_path / 'team-bank'}, which does not exist; "
        "point it at your team's bank folder (relative to this file), or remove the key to use the service's "
        "bank\n",
    )


def test_markdown_comments_switch_rules_off_for_a_region(tmp_path: Path) -> None:
    page = tmp_path / "macro.md"
    page.write_text(
        "Calm down.\n"
        "<!-- replycoach-disable dismissive -->\n"
        "Calm down. You'll have to wait 2 days.\n"
        "<!-- replycoach-enable -->\n"
        "Calm down.\n"
        "<!-- replycoach-disable -->\n"
        "You'll have to wait 2 days.\n",
        encoding="utf-8",
    )
    result = run("check", str(page), "--bank", str(BASIC_BANK), "-q")
    assert [line.split(" ")[0] + " " + line.split(" ")[2] for line in result.stdout.splitlines()] == [
        f"{page}:1:1: dismissive.calm-down",
        f"{page}:3:12: {WAIT}",
        f"{page}:5:1: dismissive.calm-down",
    ]
    # In a .txt file the same comments are just text.
    plain = tmp_path / "macro.txt"
    plain.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    assert len(run("check", str(plain), "--bank", str(BASIC_BANK), "-q").stdout.splitlines()) == 5


def test_sarif_lists_each_rule_once_and_each_flag_with_its_region(tmp_path: Path) -> None:
    folder = _library(tmp_path)
    result = run("check", str(folder), "--bank", str(BASIC_BANK), "--format", "sarif")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    assert (log["version"], log["$schema"]) == ("2.1.0", "https://json.schemastore.org/sarif-2.1.0.json")
    [run_] = log["runs"]
    assert run_["tool"]["driver"]["name"] == "replycoach"
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == [
        "sympathy.sorry-to-hear",
        WAIT,
        "dismissive.calm-down",
    ]
    assert run_["tool"]["driver"]["rules"][2]["defaultConfiguration"] == {"level": "warning"}
    assert run_["tool"]["driver"]["rules"][0]["defaultConfiguration"] == {"level": "note"}
    assert run_["columnKind"] == "unicodeCodePoints"
    third = run_["results"][2]
    assert third["ruleId"] == "dismissive.calm-down" and third["ruleIndex"] == 2
    assert third["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": f"{folder}/calm.txt"},
        "region": {
            "startLine": 1,
            "startColumn": 1,
            "endLine": 1,
            "endColumn": 10,
            "snippet": {"text": "Calm down"},
        },
    }
    assert (
        third["properties"]["rewrite"]
        == "I can tell how stressful this is, and I want to fix it alongside you"
    )


def test_github_annotations_escape_what_workflow_commands_need(tmp_path: Path) -> None:
    draft = tmp_path / "a,b.txt"
    draft.write_text("Hi.\nCalm down.", encoding="utf-8")
    result = run("check", str(draft), "--bank", str(BASIC_BANK), "--format", "github")
    assert result.returncode == 1
    escaped = str(draft).replace(",", "%2C")
    assert result.stdout.splitlines() == [
        f"::warning file={escaped},line=2,col=1,endLine=2,endColumn=10,title=dismissive.calm-down::"
        "Tells an upset customer how to feel. "
        "Try: 'I can tell how stressful this is, and I want to fix it alongside you'"
    ]


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Calm down.", encoding="utf-8")
    piped = run("check", str(draft), "--bank", str(BASIC_BANK))
    assert "\x1b[" not in piped.stdout
    for no_color, coloured in ((None, True), ("1", False)):
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        if no_color:
            env["NO_COLOR"] = no_color
        leader, follower = pty.openpty()
        proc = subprocess.run(
            [SCRIPT, "check", str(draft), "--bank", str(BASIC_BANK), "-q"],
            stdout=follower,
            env=env,
            check=False,
        )
        os.close(follower)
        output = os.read(leader, 4096).decode()
        os.close(leader)
        assert proc.returncode == 1
        assert ("\x1b[1;33mwarning\x1b[0m" in output) is coloured, output
