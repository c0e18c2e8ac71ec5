"""The reports of a check: text for people (colour on a terminal), JSON, SARIF 2.1.0 for code-scanning tools,
and GitHub workflow annotations. Each takes the same results: a file's name, its text, and its analysis."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from replycoach import __version__

FORMATS = ("text", "json", "sarif", "github")
INFORMATION_URI = "https://github.com/replycoach/replycoach"


@dataclass(frozen=True)
class FileResult:
    """One checked file: its name as given, its text, and its analysis (flags already selected)."""

    name: str
    text: str
    analysis: dict[str, Any]


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in code points) of an offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def text_report(results: Sequence[FileResult], *, color: bool, quiet: bool) -> tuple[list[str], list[str]]:
    """Lines for standard output (each flag, and its top rewrite) and standard error (a summary per file)."""
    out: list[str] = []
    err: list[str] = []
    for result in results:
        flags = result.analysis["flags"]
        for flag in flags:
            line, col = position(result.text, flag["start"])
            severity = flag["severity"]
            if color:
                severity = _style(severity, "yellow" if severity == "warning" else "cyan")
            out.append(f"{result.name}:{line}:{col}: {severity} {flag['rule_id']} {flag['message']}")
            if flag["suggestions"] and not quiet:
                out.append(f"    {flag['text']!r} -> {flag['suggestions'][0]['text']!r}")
        if not quiet:
            noun = "flag" if len(flags) == 1 else "flags"
            err.append(f"{result.name}: {len(flags)} {noun}, score {result.analysis['score']}/100")
    return out, err


def json_report(results: Sequence[FileResult]) -> str:
    """Every file's analysis, as the engine reports it, with the file's name."""
    return json.dumps([{"file": r.name, **r.analysis} for r in results], indent=2, ensure_ascii=False)


def sarif_report(results: Sequence[FileResult]) -> str:
    """SARIF 2.1.0: one run, the rules that fired with their message and reason, one result per flag."""
    rules: dict[str, dict[str, Any]] = {}
    findings: list[dict[str, Any]] = []
    for result in results:
        for flag in result.analysis["flags"]:
            rule_id = flag["rule_id"]
            if rule_id not in rules:
                rules[rule_id] = {
                    "id": rule_id,
                    "shortDescription": {"text": flag["message"]},
                    "fullDescription": {"text": flag["why"] or flag["message"]},
                    "defaultConfiguration": {"level": _level(flag["severity"])},
                    "properties": {"category": flag["category"]},
                }
            start_line, start_col = position(result.text, flag["start"])
            end_line, end_col = position(result.text, flag["end"])
            finding: dict[str, Any] = {
                "ruleId": rule_id,
                "ruleIndex": list(rules).index(rule_id),
                "level": _level(flag["severity"]),
                "message": {"text": flag["message"]},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": result.name},
                            "region": {
                                "startLine": start_line,
                                "startColumn": start_col,
                                "endLine": end_line,
                                "endColumn": end_col,
                                "snippet": {"text": flag["text"]},
                            },
                        }
                    }
                ],
            }
            if flag["suggestions"]:
                finding["properties"] = {"rewrite": flag["suggestions"][0]["text"]}
            findings.append(finding)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "replycoach",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": list(rules.values()),
                    }
                },
                # Columns count code points, as the engine's offsets do.
                "columnKind": "unicodeCodePoints",
                "results": findings,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


def github_report(results: Sequence[FileResult]) -> list[str]:
    """GitHub Actions workflow commands: a warning or notice annotation per flag."""
    lines = []
    for result in results:
        for flag in result.analysis["flags"]:
            line, col = position(result.text, flag["start"])
            end_line, end_col = position(result.text, flag["end"])
            kind = "warning" if flag["severity"] == "warning" else "notice"
            properties = ",".join(
                f"{key}={_escape_property(str(value))}"
                for key, value in (
                    ("file", result.name),
                    ("line", line),
                    ("col", col),
                    ("endLine", end_line),
                    ("endColumn", end_col),
                    ("title", flag["rule_id"]),
                )
            )
            message = flag["message"]
            if flag["suggestions"]:
                message += f" Try: {flag['suggestions'][0]['text']!r}"
            lines.append(f"::{kind} {properties}::{_escape_data(message)}")
    return lines


def _level(severity: str) -> str:
    return "warning" if severity == "warning" else "note"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_ANSI = {"yellow": "33", "cyan": "36"}


def _style(text: str, colour: str) -> str:
    return f"\x1b[1;{_ANSI[colour]}m{text}\x1b[0m"
