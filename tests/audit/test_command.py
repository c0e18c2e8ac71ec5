"""`replycoach audit` as a team lead runs it: summary.json's exact counts on a generated export with bad rows,
the lines it prints, the columns it maps, and the errors that stop it before any work."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import termios
from collections import Counter
from pathlib import Path

from conftest import BASIC_BANK
from replycoach import load_bank
from serving import SCRIPT

from .data import GOOD_ROWS, KNOWN, good_row, write_export

RULES_FLAGGED = (
    "blame.have-to-wait",
    "dismissive.calm-down",
    "sympathy.sorry-to-hear",
    "toxic-positivity.have-a-great-day",
)
SKIPPED_ROWS = [
    {"row": 5, "line": 5, "reason": "empty", "detail": "the reply is empty"},
    {"row": 13, "line": 13, "reason": "empty", "detail": "the reply is empty"},
    {
        "row": 24,
        "line": 25,
        "reason": "too_long",
        "detail": "the reply has 20,001 characters; the limit is 20,000",
    },
    {
        "row": 35,
        "line": 36,
        "reason": "too_long",
        "detail": "the customer message has 20,001 characters; the limit is 20,000",
    },
    {"row": 46, "line": 47, "reason": "bad_row", "detail": "has 2 fields; the header has 5"},
    {"row": 57, "line": 58, "reason": "bad_row", "detail": "the column 'agent' is not UTF-8 text"},
    {
        "row": 68,
        "line": 70,
        "reason": "bad_row",
        "detail": "created_at '03/09/2026' is not an ISO 8601 date or time (like 2026-03-05 or "
        "2026-03-05T10:22:00Z)",
    },
]


def audit(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `replycoach audit` with a data folder of its own (the service's database is not touched when a
    test names a bank folder)."""
    environment = {**os.environ, "REPLYCOACH_HOME": str(cwd / "home"), **(env or {})}
    environment.pop("REPLYCOACH_DATABASE_URL", None)
    return subprocess.run(
        [SCRIPT, "audit", *args], capture_output=True, text=True, cwd=cwd, env=environment, check=False
    )


def expected_groups(key: object) -> dict[str, dict[str, int | float | bool]]:
    """Replies, with a warning, with any flag and mean score per agent, team or week, from the known flags
    of each generated row (not from the engine)."""
    totals: dict[str, Counter[str]] = {}
    for i in range(GOOD_ROWS):
        known, agent, team, day = good_row(i)
        year, week, _ = day.isocalendar()
        name = {"agent": agent, "team": team, "week": f"{year}-W{week:02d}"}[str(key)]
        count = totals.setdefault(name, Counter())
        count["replies"] += 1
        count["with_warning"] += any(severity == "warning" for _, _, severity in known.rules)
        count["with_flag"] += bool(known.rules)
        count["score"] += known.score
    return {
        name: {
            "replies": c["replies"],
            "with_warning": c["with_warning"],
            "with_flag": c["with_flag"],
            "mean_score": round(c["score"] / c["replies"], 2),
            "small_sample": c["replies"] < 10,
        }
        for name, c in totals.items()
    }


def test_a_generated_export_with_bad_rows_gives_exact_counts(tmp_path: Path) -> None:
    write_export(tmp_path / "replies.csv")
    result = audit("replies.csv", "--json", "summary.json", "--bank", str(BASIC_BANK), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))

    assert summary["replies"] == 70
    assert summary["skipped"] == {"rows": 7, "empty": 2, "too_long": 2, "bad_row": 3}
    assert summary["skipped_rows"] == SKIPPED_ROWS
    # Per 7 rows: 4 with a warning, 5 with any flag, scores 85 85 70 95 100 85 100.
    assert (summary["with_warning"], summary["with_flag"], summary["mean_score"]) == (40, 50, 88.57)
    assert (summary["flags"], summary["warnings"], summary["truncated"]) == (60, 50, 0)
    assert summary["scores"] == [
        {"score": 100, "replies": 20},
        {"score": 95, "replies": 10},
        {"score": 85, "replies": 30},
        {"score": 70, "replies": 10},
    ]
    assert summary["suggestions"] == 10
    assert summary["by_category"] == [
        {"category": "blame", "flags": 20, "warnings": 20, "suggestions": 0, "replies": 20},
        {"category": "dismissive", "flags": 20, "warnings": 20, "suggestions": 0, "replies": 20},
        {"category": "sympathy", "flags": 10, "warnings": 0, "suggestions": 10, "replies": 10},
        {"category": "toxic-positivity", "flags": 10, "warnings": 10, "suggestions": 0, "replies": 10},
    ]

    def rule(rule_id: str, message: str, severity: str, flags: int) -> dict[str, object]:
        warnings = flags if severity == "warning" else 0
        return {
            "rule_id": rule_id,
            "message": message,
            "category": rule_id.split(".")[0],
            "severity": severity,
            "flags": flags,
            "warnings": warnings,
            "suggestions": flags - warnings,
            "replies": flags,
        }

    assert summary["by_rule"] == [
        rule("blame.have-to-wait", "Orders the customer to wait.", "warning", 20),
        rule("dismissive.calm-down", "Tells an upset customer how to feel.", "warning", 20),
        rule("sympathy.sorry-to-hear", "A bare sorry that names nothing.", "suggestion", 10),
        rule("toxic-positivity.have-a-great-day", "Cheerful sign-off to an upset customer.", "warning", 10),
    ]
    for key, column in (("by_agent", "agent"), ("by_team", "team"), ("by_week", "week")):
        assert {
            g[column]: {k: v for k, v in g.items() if k != column} for g in summary[key]
        } == expected_groups(column), key
    # Agents and teams by most replies; weeks in time order.
    assert [g["agent"] for g in summary["by_agent"]] == ["Ana", "Ben", "Chloé"]
    assert [g["week"] for g in summary["by_week"]] == ["2026-W10", "2026-W11"]
    assert [g["replies"] for g in summary["by_week"]] == [35, 35]
    assert summary["bank"] == f"{load_bank(BASIC_BANK).revision} (the folder {BASIC_BANK})"

    assert result.stdout.splitlines() == [
        "replies.csv: 70 replies analyzed, 7 rows skipped (2 empty, 2 too long, 3 bad)",
        "with a warning: 40 (57.1%); with any flag: 50 (71.4%); mean score: 88.57",
        summary["bank"].join(("bank: ", "")),
        "written: summary.json",
    ]
    assert result.stderr.splitlines() == [
        f"replies.csv: row {r['row']} (line {r['line']}) skipped, {str(r['reason']).replace('_', ' ')}: "
        f"{r['detail']}"
        for r in SKIPPED_ROWS
    ]


def test_a_bom_and_other_column_names_are_read_alike(tmp_path: Path) -> None:
    write_export(tmp_path / "plain.csv")
    write_export(
        tmp_path / "mapped.csv", bom=True, header=("Body", "Customer Comment", "Assignee", "Group", "Sent At")
    )
    bank = ("--bank", str(BASIC_BANK))
    plain = audit("plain.csv", "--json", "plain.json", *bank, cwd=tmp_path)
    mapped = audit(
        "mapped.csv",
        "--json",
        "mapped.json",
        "--text-column",
        "body",  # header names match whatever their case
        "--customer-column",
        "Customer Comment",
        "--agent-column",
        "Assignee",
        "--team-column",
        "Group",
        "--date-column",
        "Sent At",
        *bank,
        cwd=tmp_path,
    )
    assert plain.returncode == mapped.returncode == 0, mapped.stderr
    first = json.loads((tmp_path / "plain.json").read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "mapped.json").read_text(encoding="utf-8"))
    assert second["file"] == "mapped.csv"
    assert second["skipped_rows"][-1]["detail"].startswith("Sent At '03/09/2026' is not an ISO 8601 date")
    for key in ("file", "skipped_rows"):
        del first[key], second[key]
    assert second == first
    # The customer's message was read from its mapped column: the upset customer's "Have a great day!" counts.
    assert {r["rule_id"]: r["flags"] for r in second["by_rule"]}["toxic-positivity.have-a-great-day"] == 10


def test_without_optional_columns_there_are_no_breakdowns(tmp_path: Path) -> None:
    lines = ["text"] + [KNOWN[i % 3].text.join('""') for i in range(6)]
    (tmp_path / "replies.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = audit("replies.csv", "--json", "out.json", "--bank", str(BASIC_BANK), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert (summary["replies"], summary["with_warning"], summary["mean_score"]) == (6, 6, 80.0)
    assert not {"by_agent", "by_team", "by_week"} & summary.keys()


def test_the_limit_is_the_services(tmp_path: Path) -> None:
    write_export(tmp_path / "replies.csv")
    result = audit(
        "replies.csv",
        "--json",
        "out.json",
        "--bank",
        str(BASIC_BANK),
        cwd=tmp_path,
        env={"REPLYCOACH_MAX_DRAFT_CHARS": "30"},
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    # Over 30 characters: "Calm down, you'll have to wait 3 days.", "Sorry to hear that. It is fixed now.",
    # "All fixed, thanks for writing in." and the upset customer's message: 40 of the 70 good rows.
    assert summary["replies"] == 30
    assert summary["skipped"] == {"rows": 47, "empty": 2, "too_long": 42, "bad_row": 3}
    assert summary["skipped_rows"][0] == {
        "row": 4,
        "line": 4,
        "reason": "too_long",
        "detail": "the reply has 38 characters; the limit is 30",
    }
    # Ten skipped rows are named on standard error, the others counted.
    errors = result.stderr.splitlines()
    assert len(errors) == 11
    assert (
        errors[0]
        == "replies.csv: row 4 (line 4) skipped, too long: the reply has 38 characters; the limit is 30"
    )
    assert errors[-1] == "replies.csv: 37 more rows skipped (the first 100 are listed in the outputs)"


def test_mistakes_stop_it_before_any_work_with_what_to_fix(tmp_path: Path) -> None:
    write_export(tmp_path / "replies.csv")
    bank = ("--bank", str(BASIC_BANK))
    cases = [
        (("replies.csv",), "nothing to write: give --html REPORT.html, --json SUMMARY.json, or both"),
        (("missing.csv", "--json", "s.json"), "missing.csv: cannot read it: No such file or directory"),
        (
            ("replies.csv", "--json", "s.json", "--text-column", "body"),
            "replies.csv: no column named 'body' in the header ('text', 'customer_message', 'agent', 'team', "
            "'created_at'); name the column that holds it with --text-column",
        ),
        (
            ("replies.csv", "--json", "s.json", "--agent-column", "owner"),
            "replies.csv: no column named 'owner' in the header ('text', 'customer_message', 'agent', "
            "'team', 'created_at'); name the column that holds it with --agent-column",
        ),
        (
            ("replies.csv", "--html", "no/such/folder/r.html"),
            "no/such/folder/r.html: the folder no/such/folder does not exist",
        ),
    ]
    for args, message in cases:
        result = audit(*args, *bank, cwd=tmp_path)
        assert (result.returncode, result.stdout) == (2, ""), args
        assert result.stderr == f"Error: {message}\n", args
    assert not (tmp_path / "s.json").exists()

    (tmp_path / "semicolons.csv").write_text("text;agent\nCalm down.;Ana\n", encoding="utf-8")
    (tmp_path / "utf16.csv").write_bytes("text\nCalm down.\n".encode("utf-16"))
    (tmp_path / "empty.csv").write_bytes(b"")
    for name, message in (
        (
            "semicolons.csv",
            "semicolons.csv: no column named 'text' in the header ('text;agent'); name the column that holds "
            "it with --text-column; the file looks separated by semicolons: add --delimiter ';'",
        ),
        ("utf16.csv", "utf16.csv: the file is UTF-16; export or save it as CSV in UTF-8"),
        ("empty.csv", "empty.csv: the file is empty; expected a header row with a text column"),
    ):
        result = audit(name, "--json", "s.json", *bank, cwd=tmp_path)
        assert (result.returncode, result.stderr) == (2, f"Error: {message}\n"), name
    result = audit("semicolons.csv", "--json", "s.json", "--delimiter", ";", *bank, cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["by_agent"][0]["agent"] == "Ana"


def test_an_existing_report_is_replaced_whole(tmp_path: Path) -> None:
    write_export(tmp_path / "replies.csv")
    (tmp_path / "report.html").write_text("old report", encoding="utf-8")
    result = audit("replies.csv", "--html", "report.html", "--bank", str(BASIC_BANK), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    # No temporary file is left beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "replies.csv", "report.html"]


def test_a_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    write_export(tmp_path / "replies.csv")
    args = ("replies.csv", "--json", "s.json", "--bank", str(BASIC_BANK))
    piped = audit(*args, cwd=tmp_path)
    assert "rows" not in piped.stderr and "\r" not in piped.stderr

    main, secondary = pty.openpty()
    # A terminal of 30 rows by 100 columns (a new pseudo-terminal has no size, and tqdm draws to its width).
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "REPLYCOACH_HOME": str(tmp_path / "home")}
    proc = subprocess.run(
        [SCRIPT, "audit", *args], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=secondary, check=False
    )
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        seen += chunk
    os.close(main)
    assert proc.returncode == 0
    terminal = seen.decode("utf-8")
    assert "replies.csv: 100%|" in terminal and "77 rows" in terminal
    # The summary still goes to standard output, without the bar.
    assert proc.stdout.decode().startswith("replies.csv: 70 replies analyzed")


def test_the_report_keeps_as_many_worst_replies_as_asked(tmp_path: Path) -> None:
    write_export(tmp_path / "replies.csv")
    bank = ("--bank", str(BASIC_BANK))
    for examples, shown in (("3", 3), ("0", 0), ("500", 50)):
        result = audit("replies.csv", "--html", "r.html", "--examples", examples, *bank, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        page = (tmp_path / "r.html").read_text(encoding="utf-8")
        articles = re.findall(r'<article class="example"[^>]*>', page)
        # Only flagged replies are examples: 50 of the 70. The page shows the worst `--examples`.
        assert sum(" hidden>" not in a for a in articles) == shown, examples
        # It also keeps, hidden until a lead clicks a rule or an agent, the 5 worst of each: every rule
        # flagged 10 or more replies and every agent has 16 or more flagged, so 5 of each are kept.
        for attribute, values in (("rules", RULES_FLAGGED), ("agent", ("Ana", "Ben", "Chloé"))):
            for value in values:
                holding = [a for a in articles if re.search(f'data-{attribute}="[^"]*{value}', a)]
                assert len(holding) >= 5, (examples, value)
        assert len(articles) <= int(examples) + 5 * (len(RULES_FLAGGED) + 3)
    assert "None kept: the audit was run with <code>--examples 0</code>." not in page
    result = audit("replies.csv", "--html", "r.html", "--examples", "0", *bank, cwd=tmp_path)
    assert "None kept: the audit was run with <code>--examples 0</code>." in (tmp_path / "r.html").read_text(
        encoding="utf-8"
    )


def test_parallel_jobs_give_the_same_counts_and_report(tmp_path: Path) -> None:
    write_export(tmp_path / "replies.csv")
    pages = {}
    for jobs in ("1", "2", "3"):
        result = audit(
            "replies.csv",
            *("--json", f"s{jobs}.json", "--html", f"r{jobs}.html", "--jobs", jobs),
            *("--bank", str(BASIC_BANK)),
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr
        page = (tmp_path / f"r{jobs}.html").read_text(encoding="utf-8")
        # Equal but for when it was made and the ids pygal gives its charts at random.
        page = re.sub(r"generated [0-9-]+ [0-9:]+ UTC", "generated (when)", page)
        pages[jobs] = re.sub(r"chart-[0-9a-f]{8}-[0-9a-f-]{27}", "chart-(id)", page)
    one = (tmp_path / "s1.json").read_text(encoding="utf-8")
    assert json.loads(one)["replies"] == 70
    assert (tmp_path / "s2.json").read_text(encoding="utf-8") == one
    assert (tmp_path / "s3.json").read_text(encoding="utf-8") == one
    assert pages["2"] == pages["1"] and pages["3"] == pages["1"]


def test_the_outputs_are_private_unless_asked(tmp_path: Path) -> None:
    write_export(tmp_path / "replies.csv")
    bank = ("--bank", str(BASIC_BANK))
    assert audit("replies.csv", "--json", "s.json", "--html", "r.html", *bank, cwd=tmp_path).returncode == 0
    assert [(tmp_path / name).stat().st_mode & 0o777 for name in ("s.json", "r.html")] == [0o600, 0o600]
    result = audit("replies.csv", "--json", "s.json", "--mode", "644", *bank, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "s.json").stat().st_mode & 0o777 == 0o644
    refused = audit("replies.csv", "--json", "t.json", "--mode", "rw-r--r--", *bank, cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.strip().endswith(
        "--mode must be permissions in octal, like 600 or 644, not 'rw-r--r--'"
    )
    assert not (tmp_path / "t.json").exists()


def test_a_comparison_file_that_is_not_an_earlier_summary_is_refused_before_any_work(tmp_path: Path) -> None:
    write_export(tmp_path / "replies.csv")
    (tmp_path / "notes.txt").write_text("last month: fine\n", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"replies": 3}\n', encoding="utf-8")
    cases = {
        "missing.json": "missing.json: cannot read it: No such file or directory",
        "notes.txt": "notes.txt: not JSON (line 1, column 1: Expecting value); give the summary.json of an "
        "earlier `replycoach audit --json`",
        "other.json": "other.json: not a summary.json of `replycoach audit`: `with_warning` is missing or "
        "not a number",
    }
    for name, message in cases.items():
        result = audit(
            "replies.csv", "--json", "s.json", "--compare", name, "--bank", str(BASIC_BANK), cwd=tmp_path
        )
        assert result.returncode == 2, name
        assert result.stderr.strip().splitlines()[-1].endswith(message), result.stderr
        assert not (tmp_path / "s.json").exists()
