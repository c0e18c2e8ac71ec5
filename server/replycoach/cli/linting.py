"""What `replycoach check` and `replycoach macros check` share: the options that choose flags and formats,
running the engine over named texts with a team's selection, the report, and the exit status."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from replycoach.cli.common import BANK_OPTION, EXIT_BAD_INPUT, EXIT_FLAGS, BadInput, service_engine
from replycoach.engine import Engine
from replycoach.engine.score import score_flags
from replycoach.errors import ConfigError, DraftTooLongError
from replycoach.lint.config import CheckConfig, find_config, load_config
from replycoach.lint.inputs import Unreadable
from replycoach.lint.regions import Region, switched_off
from replycoach.lint.report import FORMATS, FileResult, github_report, json_report, sarif_report, text_report
from replycoach.lint.selection import SEVERITIES, Selection

F = TypeVar("F", bound=Callable[..., Any])
# The grammar pass's flags' category (grammar/flags.py, not imported: a check without --grammar loads none of
# the grammar pass).
GRAMMAR_CATEGORY = "grammar"


@dataclass(frozen=True)
class Options:
    """How a check reports: format, selection and quietness, from the command line and the config file."""

    fmt: str
    selection: Selection
    quiet: bool
    bank_dir: Path | None


@dataclass(frozen=True)
class Named:
    """One text to check, the name reports give it, and the regions in which rules are switched off."""

    name: str
    text: str
    regions: tuple[Region, ...] = ()


def lint_options(command: F) -> F:
    """The options every linting command takes."""
    for option in reversed(
        [
            click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True),
            click.option(
                "--select",
                multiple=True,
                help="Only these rule ids or categories (repeat, or comma-separate).",
            ),
            click.option("--ignore", multiple=True, help="Never these rule ids or categories."),
            click.option(
                "--min-severity",
                type=click.Choice(SEVERITIES),
                help="Lowest severity to report (default: suggestion, or the config file's).",
            ),
            click.option(
                "-q", "--quiet", is_flag=True, help="Only the flag lines: no rewrites, no summaries."
            ),
            BANK_OPTION,
        ]
    ):
        command = option(command)
    return command


def options(
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    min_severity: str | None,
    quiet: bool,
    bank_dir: Path | None,
) -> Options:
    """The options of a run: the command line's, else the nearest .replycoach.toml's, else the defaults."""
    config = _config()
    selection = Selection(
        select=frozenset(_split(select) or config.select),
        ignore=frozenset(_split(ignore) or config.ignore),
        min_severity=min_severity or config.min_severity or "suggestion",
    )
    return Options(fmt, selection, quiet, bank_dir or config.bank)


def engine_for(opts: Options) -> tuple[Engine, str]:
    """The engine `/v1/analyze` runs over the bank the options name (`common.analysis_bank`: a folder, else
    the service's bank, else the curated one), and that bank's name for the user."""
    return service_engine(opts.bank_dir)


def lint(
    texts: Iterable[Named | Unreadable],
    opts: Options,
    analyze: Callable[[Named], dict[str, Any]],
    bank: str,
) -> None:
    """Analyze each text, keep the flags the team wants (the score counts those), report, and exit: 2 if any
    input was unreadable, else 1 if any warning was reported, else 0. `bank` names the bank used (a line on
    standard error in the text format)."""
    results: list[FileResult] = []
    unreadable: list[Unreadable] = []
    for item in texts:
        if isinstance(item, Unreadable):
            unreadable.append(item)
            continue
        try:
            result = analyze(item)
        except DraftTooLongError as err:
            unreadable.append(Unreadable(item.name, str(err)))
            continue
        result["flags"] = [
            f
            for f in result["flags"]
            if opts.selection.keeps(f)
            and not switched_off(list(item.regions), f["start"], f["rule_id"], f["category"])
        ]
        # The score counts the flags reported, as the engine counts them (grammar flags never).
        result["score"] = score_flags(
            _Severity(f["severity"]) for f in result["flags"] if f["category"] != GRAMMAR_CATEGORY
        )
        results.append(FileResult(item.name, item.text, result))
    _report(results, opts)
    for problem in unreadable:
        click.echo(f"{problem.name}: {problem.reason}", err=True)
    if opts.fmt == "text" and not opts.quiet:
        click.echo(f"bank: {bank}", err=True)
    if unreadable:
        sys.exit(EXIT_BAD_INPUT)
    if any(f["severity"] == "warning" for r in results for f in r.analysis["flags"]):
        sys.exit(EXIT_FLAGS)


@dataclass(frozen=True)
class _Severity:
    severity: str


def _config() -> CheckConfig:
    found = find_config(Path.cwd())
    if found is None:
        return CheckConfig()
    try:
        return load_config(found)
    except ConfigError as err:
        raise BadInput(str(err)) from err


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for value in values for name in value.replace(",", " ").split())


def _report(results: list[FileResult], opts: Options) -> None:
    if opts.fmt == "json":
        click.echo(json_report(results))
    elif opts.fmt == "sarif":
        click.echo(sarif_report(results))
    elif opts.fmt == "github":
        for line in github_report(results):
            click.echo(line)
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        out, err = text_report(results, color=color, quiet=opts.quiet)
        for line in out:
            click.echo(line, color=color)
        for line in err:
            click.echo(line, err=True)
