"""`replycoach check`: check draft replies for cold phrasing, like a linter."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from replycoach.cli.common import BadInput, read_text
from replycoach.cli.linting import Named, Options, engine_for, lint, lint_options, options
from replycoach.engine import Analysis
from replycoach.errors import ConfigError, DraftTooLongError, InputError
from replycoach.lint.inputs import STDIN, Unreadable, expand, read_input
from replycoach.lint.regions import disabled_regions

# Files whose comments can switch rules off for a region.
MARKUP_SUFFIXES = (".md", ".markdown", ".html", ".htm")

if TYPE_CHECKING:
    from replycoach.grammar import Grammar


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--customer", "customer_file", help="File holding the customer's message the drafts answer.")
@click.option(
    "--grammar",
    "check_grammar",
    is_flag=True,
    help="Also check grammar with LanguageTool (the server LANGUAGETOOL_URL names; see the README).",
)
@lint_options
def check(paths: tuple[str, ...], customer_file: str | None, check_grammar: bool, **chosen: Any) -> None:
    """Check draft replies for cold phrasing: PATHS are files, folders (their .txt and .md files), glob
    patterns, or - for standard input (the default).

    Settings come from the nearest .replycoach.toml too (select, ignore, min_severity, bank); the command
    line wins. Exits 2 if any file could not be read, else 1 when any warning is reported, else 0.
    """
    opts: Options = options(**chosen)
    engine, bank = engine_for(opts)
    customer = read_text(customer_file, "customer file") if customer_file else None
    if customer is not None and len(customer) > engine.max_chars:
        # Checked once, here: it is the same for every draft.
        too_long = DraftTooLongError("customer_message", len(customer), engine.max_chars)
        raise BadInput(f"customer file {customer_file}: {too_long}")
    grammar = _grammar() if check_grammar else None

    def analyze(item: Named) -> dict[str, Any]:
        analysis = engine.analyze(item.text, customer)
        return (
            analysis.to_dict() if grammar is None else _with_grammar(item.name, item.text, analysis, grammar)
        )

    try:
        lint(_inputs(paths), opts, analyze, bank)
    finally:
        if grammar is not None:
            grammar.close()


def _inputs(paths: tuple[str, ...]) -> Iterator[Named | Unreadable]:
    names, unreadable = expand(paths or (STDIN,))
    stdin = sys.stdin.buffer.read() if STDIN in names else None
    for path in names:
        name = "<stdin>" if path == STDIN else path
        try:
            text = read_input(path, stdin)
        except InputError as err:
            yield Unreadable(name, str(err))
            continue
        markup = Path(name).suffix.lower() in MARKUP_SUFFIXES
        yield Named(name, text, tuple(disabled_regions(text)) if markup else ())
    yield from unreadable


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
