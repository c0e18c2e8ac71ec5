"""`replycoach bank`: lint, list, document and explain a bank folder; export and import the service's bank."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from replycoach.bank.files import curated_bank_dir
from replycoach.bank.loader import bank_data, lint_bank_dir, rewritten_examples
from replycoach.bank.table import TABLE_BEGIN, entries_table, replace_table
from replycoach.cli.common import BANK_OPTION, BadInput, analysis_bank, bank_store, bank_words, fail, load
from replycoach.cli.curated import bank_curated_update
from replycoach.engine import Engine
from replycoach.engine.explain import (
    FLAGS,
    NEAR_MISS,
    QUIET,
    EntryExplanation,
    Explanation,
    PatternMatch,
    explain,
)
from replycoach.errors import EntryNotFoundError


@click.group()
def bank() -> None:
    """Work with a phrase bank folder."""


@bank.command("lint")
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option(
    "--rewrites",
    "show_rewrites",
    is_flag=True,
    help="Also print each rewrite applied to each flag example: the sentence it gives.",
)
def bank_lint(directory: Path | None, show_rewrites: bool) -> None:
    """Validate every entry of a bank folder and run its examples, each rewrite applied to each flag example
    too (default: the curated bank)."""
    directory = directory or curated_bank_dir()
    loaded, problems = lint_bank_dir(directory)
    if show_rewrites and loaded is not None:
        engine = Engine(loaded)
        for entry in loaded.entries:
            for r in rewritten_examples(engine, entry):
                mark = "ok" if not r.warnings else "still warns: " + "; ".join(r.warnings)
                click.echo(
                    f"{entry.id}: rewrites[{r.rewrite}] on examples.flag[{r.example}]: {r.text!r} ({mark})"
                )
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
    loaded = load(directory)
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
    table = entries_table(load(directory).entries)
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
    click.echo(f"{target}: table of {len(load(directory).entries)} entries written", err=True)


@bank.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def bank_export(directory: Path) -> None:
    """Write the service's phrase bank (from its database) to a new folder, in the bank file format."""
    from replycoach.bank.export import export_bank
    from replycoach.errors import ExportError

    store, _ = bank_store()
    try:
        snapshot = store.snapshot()
        entries = [s.entry for s in snapshot.entries]
        written = export_bank(entries, snapshot.topics, directory, snapshot.vocabulary)
    except ExportError as err:
        fail(err)
    click.echo(f"{directory}: {len(written)} files written", err=True)


@bank.command("import")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--curated-reviewed",
    is_flag=True,
    help="The folder merges in the newer curated bank: stop reporting it as waiting (GET /health).",
)
def bank_import(directory: Path, curated_reviewed: bool) -> None:
    """Make the service's bank exactly a folder's entries: all validated first, then applied at once."""
    from replycoach.curated.baseline import write_baseline
    from replycoach.errors import InvalidEntryError
    from replycoach.store.records import Author

    store, shipped = bank_store()
    loaded, problems = lint_bank_dir(directory)
    if loaded is None:
        for problem in problems:
            click.echo(str(problem))
        click.echo(f"{directory}: {len(problems)} problem(s); nothing was imported", err=True)
        sys.exit(1)
    data = bank_data(loaded)
    author = Author(None, f"replycoach bank import {directory}")
    taken_in = curated_reviewed or loaded.revision == shipped.revision
    try:
        # Taking in the shipped bank makes its entries the next review's baseline, in the same transaction.
        changed = store.import_bank(
            data,
            author,
            shipped.revision if taken_in else None,
            also=(lambda conn: write_baseline(conn, shipped.entries)) if taken_in else None,
        )
    except InvalidEntryError as err:
        fail(err)
    click.echo(f"{directory}: {len(loaded)} entries, {changed} changed; live within seconds", err=True)


@bank.command("explain")
@click.argument("text")
@click.option("--entry", "entry_id", metavar="ID", help="Explain this entry alone, whatever it does.")
@click.option("--customer", metavar="TEXT", help="The customer's message the draft answers.")
@BANK_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def bank_explain(
    text: str, entry_id: str | None, customer: str | None, bank_dir: Path | None, fmt: str
) -> None:
    """Say why entries flag TEXT, stay quiet on it, or nearly match it (in the bank /v1/analyze uses when
    there is one, else the curated bank)."""
    bank, source = analysis_bank(bank_dir)
    try:
        explanation = explain(bank, text, customer, entry_id)
    except EntryNotFoundError as err:
        raise BadInput(str(err)) from err
    if fmt == "json":
        click.echo(json.dumps(explanation.to_dict(), indent=2, ensure_ascii=False))
        return
    click.echo("\n".join(explanation_lines(explanation)))
    click.echo(f"bank: {bank_words(bank, source)}", err=True)


def explanation_lines(explanation: Explanation) -> list[str]:
    """An explanation as text a team lead reads: the texts patterns run over, then one block per entry."""
    lines = [f"canonical: {explanation.canonical}", f"core:      {explanation.core}"]
    if explanation.customer.mood is not None:
        lines.append(f"customer:  {explanation.customer.mood}")
    if not explanation.entries:
        lines += ["", "No entry flags this text, stays quiet on it or nearly matches it."]
    for entry in explanation.entries:
        lines += ["", f"{entry.id}: {_verdict(entry)}"]
        matches = [(p, m) for p in entry.patterns for m in p.matches]
        for pattern, match in matches:
            slots = ", ".join(f"{name}: {_quote(value)}" for name, value in match.slots.items())
            line = f"  patterns[{pattern.index}] `{pattern.pattern}` matched {_quote(match.found.text)}"
            line += f" ({slots})" if slots else ""
            if len(matches) > 1:
                line += " -> " + ("flags" if match.stands else "quiet: " + _reasons(match))
            lines.append(line)
        for pattern in entry.patterns:
            if pattern.near_miss is not None:
                miss = pattern.near_miss.describe()
                lines.append(f"  patterns[{pattern.index}] `{pattern.pattern}` did not match: {miss}")
    return lines


def _verdict(entry: EntryExplanation) -> str:
    if entry.status == FLAGS:
        return "flags " + ", ".join(_quote(found.text) for found in entry.flagged)
    quiet = entry.first_quiet()
    if entry.status == QUIET and quiet is not None:
        return "quiet: " + _reasons(quiet)
    if entry.status == NEAR_MISS:
        return "near-miss"
    return "no match: no pattern matched, nor two of its leading parts"


def _reasons(match: PatternMatch) -> str:
    return "; ".join(reason.describe() for reason in match.quiet)


def _quote(text: str) -> str:
    return f"'{text}'"


bank.add_command(bank_curated_update)
