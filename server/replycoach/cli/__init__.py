"""The `replycoach` command line: check drafts like a linter; audit past replies; lint, list and document a
phrase bank; run the service and manage its keys, bank and samples. One click group; each command lives in
its own module."""

from __future__ import annotations

import sys
from typing import Any

import click

from replycoach.cli.audit import audit
from replycoach.cli.bank import bank
from replycoach.cli.check import check
from replycoach.cli.keys import keys
from replycoach.cli.macros import macros
from replycoach.cli.samples import samples
from replycoach.cli.serve import serve


class _Main(click.Group):
    """The command group, turning a database that refuses to work (full disk, locked, unreachable) into one
    line on standard error instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as err:
            # SQLAlchemy is imported only by the commands that use a database; `check` never pays for it.
            if type(err).__name__ != "OperationalError" or not type(err).__module__.startswith("sqlalchemy"):
                raise
            reason = str(getattr(err, "orig", err)).strip() or type(err).__name__
            click.echo(f"replycoach: the database refused the operation: {reason}; nothing changed", err=True)
            sys.exit(2)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="replycoach")
def main() -> None:
    """Reply Coach: warmer customer-support replies."""


for command in (check, audit, bank, macros, keys, samples, serve):
    main.add_command(command)
