"""`replycoach check`: check draft replies for cold phrasing, like a linter."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from replycoach.cli.common import BANK_OPTION, EXIT_BAD_INPUT, EXIT_FLAGS, BadInput, load, read_text
from replycoach.engine import Analysis, Engine
from replycoach.errors import ConfigError, DraftTooLongError, InputError
from replycoach.lint.config import CheckConfig, find_config, load_config
from replycoach.lint.inputs import STDIN, Unreadable, expand, read_input
from replycoach.lint.regions import disabled_regions, switched_off
from replycoach.lint.report import FORMATS, FileResult, github_report, json_report, sarif_report, text_report
from replycoach.lint.selection import SEVERITIES, Selection

# Files whose comments can switch rules off for a region.
MARKUP_SUFFIXES = (".md", ".markdown", ".html", ".htm")

if TYPE_CHECKING:
    from replycoach.grammar import Grammar


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--customer", "customer_file", help="File holding the customer's message the drafts answer.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--select", "select", multiple=True, help="Only these rule ids or categories (repeat, or comma-separate)."
)
@click.option("--ignore", "ignore", multiple=True, help="Never these rule ids or categories.")
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES),
    help="Lowest severity to report (default: suggestion, or the config file's).",
)
@click.option("-q", "--quiet", is_flag=True, help="Only the flag lines: no rewrites, no summaries.")
@click.option(
    "--grammar",
    "check_grammar",
    is_flag=True,
    help="Also check grammar with LanguageTool (the server LANGUAGETOOL_URL names; see the README).",
)
@BANK_OPTION
def check(
    paths: tuple[str, ...],
    customer_file: str | None,
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    min_severity: str | None,
    quiet: bool,
    bank_dir: Path | None,
    check_grammar: bool,
) -> None:
    """Check draft replies for cold phrasing: PATHS are files, folders (their .txt and .md files), glob
    patterns, or - for standard input (the default).

    Settings come from the nearest .replycoach.toml too (select, ignore, min_severity, bank); the command
    line wins. Exits 2 if any file could not be read, else 1 when any warning is reported, else 0.
    """
    config = _config()
    selection = Selection(
        select=frozenset(_split(select) or config.select),
        ignore=frozenset(_split(ignore) or config.ignore),
        min_severity=min_severity or config.min_severity or "suggestion",
    )
    engine = Engine(load(bank_dir or config.bank))
    customer = read_text(customer_file, "customer file") if customer_file else None
    grammar = _grammar() if check_grammar else None
    names, unreadable = expand(paths or (STDIN,))
    stdin = sys.stdin.buffer.read() if STDIN in names else None
    results: list[FileResult] = []
    try:
        for path in names:
            name = "<stdin>" if path == STDIN else path
            try:
                text = read_input(path, stdin)
            except InputError as err:
                unreadable.append(Unreadable(name, str(err)))
                continue
            try:
                analysis = engine.analyze(text, customer)
            except DraftTooLongError as err:
                if err.field == "customer_message":
                    raise BadInput(f"customer file {customer_file}: {err}") from err
                unreadable.append(Unreadable(name, str(err)))
                continue
            result = analysis.to_dict() if grammar is None else _with_grammar(name, text, analysis, grammar)
            regions = disabled_regions(text) if Path(name).suffix.lower() in MARKUP_SUFFIXES else []
            result["flags"] = [
                f
                for f in result["flags"]
                if selection.keeps(f) and not switched_off(regions, f["start"], f["rule_id"], f["category"])
            ]
            results.append(FileResult(name, text, result))
    finally:
        if grammar is not None:
            grammar.close()
    _report(results, fmt, quiet)
    for problem in unreadable:
        click.echo(f"{problem.name}: {problem.reason}", err=True)
    if unreadable:
        sys.exit(EXIT_BAD_INPUT)
    if any(f["severity"] == "warning" for r in results for f in r.analysis["flags"]):
        sys.exit(EXIT_FLAGS)


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


def _report(results: list[FileResult], fmt: str, quiet: bool) -> None:
    if fmt == "json":
        click.echo(json_report(results))
    elif fmt == "sarif":
        click.echo(sarif_report(results))
    elif fmt == "github":
        for line in github_report(results):
            click.echo(line)
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        out, err = text_report(results, color=color, quiet=quiet)
        for line in out:
            click.echo(line, color=color)
        for line in err:
            click.echo(line, err=True)


def _grammar() -> Grammar:
    # The service's settings (LANGUAGETOOL_URL, REPLYCOACH_GRAMMAR_*, config.toml) say which backend.
    from replycoach.grammar import Grammar
    from replycoach.settings import load_settings

    try:
        settings = load_settings()
    except ConfigError as err:
        raise BadInput(str(err)) from err
    if settings["GRAMMAR_BACKEND"] == "off":
        raise BadInput(
            "--grammar needs a grammar backend: set LANGUAGETOOL_URL to a LanguageTool server's URL "
            "(or REPLYCOACH_GRAMMAR_BACKEND=local); see the README"
        )
    return Grammar.configured(
        settings["GRAMMAR_BACKEND"],
        settings["LANGUAGETOOL_URL"],
        language=settings["GRAMMAR_LANGUAGE"],
        timeout=settings["GRAMMAR_TIMEOUT"],
        backoff=settings["GRAMMAR_BACKOFF"],
    )


def _with_grammar(name: str, text: str, analysis: Analysis, grammar: Grammar) -> dict[str, Any]:
    # Imported here, like the grammar pass in `_grammar`: a check without --grammar does not load them.
    from replycoach.grammar import with_grammar

    found = grammar.check(text)
    if found.status == "unavailable":
        click.echo(f"{name}: grammar unavailable ({found.detail}); bank flags only", err=True)
    return with_grammar(analysis, found)
