"""`replycoach macros check`: lint a library of saved replies exported from a helpdesk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from replycoach.cli.common import BadInput
from replycoach.cli.linting import Named, Options, engine_for, lint, lint_options, options
from replycoach.errors import InputError
from replycoach.lint.macros import read_macros


@click.group()
def macros() -> None:
    """Work with saved replies (macros) exported from a helpdesk."""


@macros.command("check")
@click.argument("export", type=click.Path(dir_okay=False, path_type=Path))
@lint_options
def check_macros(export: Path, **chosen: Any) -> None:
    """Check every saved reply of EXPORT: a Zendesk macros export (JSON from /api/v2/macros) or a CSV with
    title and text columns. Flags are reported per macro, by title; formats and exit codes as `check`."""
    opts: Options = options(**chosen)
    engine, bank = engine_for(opts)
    try:
        found = read_macros(export)
    except InputError as err:
        raise BadInput(str(err)) from err

    by_name = {}
    for macro in found:
        name = f"{export}: {macro.name}"
        # A macro with two replies (plain and HTML) is named twice: number the second.
        while name in by_name:
            name += "'"
        by_name[name] = macro

    def analyze(item: Named) -> dict[str, Any]:
        result = engine.analyze(item.text).to_dict()
        offsets = by_name[item.name].html_offsets
        if offsets:
            # Where each flag sits in the macro's HTML, for tools that edit the HTML itself.
            for flag in result["flags"]:
                flag["html_start"], flag["html_end"] = offsets[flag["start"]], offsets[flag["end"] - 1] + 1
        return result

    lint((Named(name, macro.text) for name, macro in by_name.items()), opts, analyze, bank)
