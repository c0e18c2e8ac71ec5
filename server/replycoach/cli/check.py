"""`replycoach check`: check draft replies for cold phrasing, like a linter."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from replycoach.cli.common import BANK_OPTION, EXIT_FLAGS, BadInput, load, read_text
from replycoach.engine import Analysis, Engine
from replycoach.errors import DraftTooLongError

if TYPE_CHECKING:
    from replycoach.grammar import Grammar


@click.command()
@click.argument("files", nargs=-1)
@click.option("--customer", "customer_file", help="File holding the customer's message the drafts answer.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--grammar",
    "check_grammar",
    is_flag=True,
    help="Also check grammar with LanguageTool (the server LANGUAGETOOL_URL names; see the README).",
)
@BANK_OPTION
def check(
    files: tuple[str, ...], customer_file: str | None, fmt: str, bank_dir: Path | None, check_grammar: bool
) -> None:
    """Check draft replies (FILES, or - for standard input) for cold phrasing.

    Exits 1 when any warning is found, 0 otherwise, 2 on input it cannot read.
    """
    engine = Engine(load(bank_dir))
    customer = read_text(customer_file, "customer file") if customer_file else None
    grammar = _grammar() if check_grammar else None
    results: list[tuple[str, str, dict[str, Any]]] = []
    try:
        for path in files or ("-",):
            name = "<stdin>" if path == "-" else path
            text = read_text(path, "file")
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
    from replycoach.errors import ConfigError
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
