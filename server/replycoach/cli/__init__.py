"""The `replycoach` command line: check drafts like a linter; lint, list and document a phrase bank; run the
service and manage its keys, bank and samples. One click group; each command lives in its own module."""

from __future__ import annotations

import click

from replycoach.cli.bank import bank
from replycoach.cli.check import check
from replycoach.cli.keys import keys
from replycoach.cli.samples import samples
from replycoach.cli.serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="replycoach")
def main() -> None:
    """Reply Coach: warmer customer-support replies."""


for command in (check, bank, keys, samples, serve):
    main.add_command(command)
