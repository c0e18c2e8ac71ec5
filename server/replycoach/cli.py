"""The `replycoach` command line: check drafts like a linter, and lint, list and document a phrase bank."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .bank.compiled import Bank
from .bank.files import curated_bank_dir
from .engine import Analysis, Engine
from .errors import BankError, DraftTooLongError
from .lint import lint_bank_dir, load_bank
from .table import TABLE_BEGIN, entries_table, replace_table

if TYPE_CHECKING:
    from .grammar import Grammar

EXIT_FLAGS = 1
EXIT_BAD_INPUT = 2

_BANK_OPTION = click.option(
    "--bank",
    "bank_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Phrase bank folder (default: the curated bank).",
)


class BadInput(click.ClickException):
    """Raised for input the CLI cannot use; exits 2 with a message saying what is wrong."""

    exit_code = EXIT_BAD_INPUT


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="replycoach")
def main() -> None:
    """Reply Coach: warmer customer-support replies."""


def _load(bank_dir: Path | None) -> Bank:
    try:
        return load_bank(bank_dir or curated_bank_dir())
    except BankError as err:
        raise BadInput(f"{err}\nRun `replycoach bank lint` for details.") from err


def _read_text(path: str, what: str) -> str:
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as err:
        raise BadInput(f"cannot read {what} {path}: {err.strerror}") from err
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BadInput(
            f"{what} {path} is not UTF-8 text (invalid byte at offset {err.start}); save it as UTF-8"
        ) from err


@main.command()
@click.argument("files", nargs=-1)
@click.option("--customer", "customer_file", help="File holding the customer's message the drafts answer.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--grammar",
    "check_grammar",
    is_flag=True,
    help="Also check grammar with LanguageTool (the server LANGUAGETOOL_URL names; see the README).",
)
@_BANK_OPTION
def check(
    files: tuple[str, ...], customer_file: str | None, fmt: str, bank_dir: Path | None, check_grammar: bool
) -> None:
    """Check draft replies (FILES, or - for standard input) for cold phrasing.

    Exits 1 when any warning is found, 0 otherwise, 2 on input it cannot read.
    """
    engine = Engine(_load(bank_dir))
    customer = _read_text(customer_file, "customer file") if customer_file else None
    grammar = _grammar() if check_grammar else None
    results: list[tuple[str, str, dict[str, Any]]] = []
    try:
        for path in files or ("-",):
            name = "<stdin>" if path == "-" else path
            text = _read_text(path, "file")
            try:
                analysis = engine.analyze(text, customer)
            except DraftTooLongError as err:
                source = "customer file " + str(customer_file) if err.field == "customer_message" else path
                raise BadInput(f"{source}: {err}") from err
            result = analysis.to_dict() if grammar is None else _with_grammar(name, text, analysis, grammar)
            results.append((name, text, result))
    finally:
        if grammar is not None:
            grammar.close()
    if fmt == "json":
        payload = [{"file": name, **result} for name, _, result in results]
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        for name, text, result in results:
            _print_flags(name, text, result)
    if any(f["severity"] == "warning" for _, _, result in results for f in result["flags"]):
        sys.exit(EXIT_FLAGS)


def _grammar() -> Grammar:
    # The service's settings (LANGUAGETOOL_URL, REPLYCOACH_GRAMMAR_*, config.toml) say which backend.
    from .grammar import Grammar
    from .web.config import ConfigError, load_settings

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
    from .grammar import with_grammar

    found = grammar.check(text)
    if found.status == "unavailable":
        click.echo(f"{name}: grammar unavailable ({found.detail}); bank flags only", err=True)
    return with_grammar(analysis, found)


def _print_flags(name: str, text: str, result: dict[str, Any]) -> None:
    flags = result["flags"]
    for flag in flags:
        start = flag["start"]
        line = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        click.echo(f"{name}:{line}:{col}: {flag['severity']} {flag['rule_id']} {flag['message']}")
        if flag["suggestions"]:
            click.echo(f"    {flag['text']!r} -> {flag['suggestions'][0]['text']!r}")
    noun = "flag" if len(flags) == 1 else "flags"
    click.echo(f"{name}: {len(flags)} {noun}, score {result['score']}/100", err=True)


@main.group()
def bank() -> None:
    """Work with a phrase bank folder."""


@bank.command("lint")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
def bank_lint(directory: Path | None) -> None:
    """Validate every entry of a bank folder and run its examples (default: the curated bank)."""
    directory = directory or curated_bank_dir()
    loaded, problems = lint_bank_dir(directory)
    for problem in problems:
        click.echo(str(problem))
    if problems or loaded is None:
        count = len(problems)
        click.echo(f"{directory}: {count} problem{'s' if count != 1 else ''}", err=True)
        sys.exit(1)
    click.echo(f"{directory}: {len(loaded)} entries, all examples behave", err=True)


@bank.command("list")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def bank_list(directory: Path | None, fmt: str) -> None:
    """List a bank's entries (default: the curated bank)."""
    loaded = _load(directory)
    rows: list[dict[str, Any]] = [
        {"id": e.id, "category": e.category, "severity": e.severity, "message": e.message}
        | ({} if e.enabled else {"enabled": False})
        for e in loaded.all_entries
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max((len(r["id"]) for r in rows), default=0)
    for row in rows:
        severity = row["severity"] if row.get("enabled", True) else "disabled"
        click.echo(f"{row['id']:<{width}}  {severity:<10}  {row['message']}")


@bank.command("table")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option(
    "--write",
    "write_to",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Replace the generated table in this Markdown file.",
)
@click.option(
    "--check",
    "check_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Exit 1 if the table in this Markdown file is out of date.",
)
def bank_table(directory: Path | None, write_to: Path | None, check_file: Path | None) -> None:
    """Print the Markdown table of a bank's entries, or write it into a README."""
    table = entries_table(_load(directory).entries)
    target = write_to or check_file
    if target is None:
        click.echo(table, nl=False)
        return
    try:
        current = target.read_text(encoding="utf-8")
    except OSError as err:
        raise BadInput(f"cannot read {target}: {err.strerror}") from err
    if TABLE_BEGIN not in current:
        raise BadInput(f"{target} has no {TABLE_BEGIN} marker to put the table after")
    updated = replace_table(current, table)
    if check_file is not None:
        if updated != current:
            click.echo(
                f"{target}: the entries table is out of date; run `replycoach bank table --write {target}`",
                err=True,
            )
            sys.exit(1)
        return
    target.write_text(updated, encoding="utf-8")
    click.echo(f"{target}: table of {len(_load(directory).entries)} entries written", err=True)


def _add_service_commands() -> None:
    # Imported here, after the group exists, to keep the web layer out of the core CLI module's imports.
    from .web.cli import bank_export, bank_import, keys, samples, serve
    from .web.curated_cli import bank_curated_update

    main.add_command(serve)
    main.add_command(keys)
    main.add_command(samples)
    bank.add_command(bank_export)
    bank.add_command(bank_import)
    bank.add_command(bank_curated_update)


_add_service_commands()
