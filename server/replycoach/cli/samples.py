"""`replycoach samples`: store sample replies in the service's database, for previews of new entries."""

from __future__ import annotations

from pathlib import Path

import click

from replycoach.cli.common import fail, sample_store


@click.group()
def samples() -> None:
    """Store sample replies (locally, in the service's database) for previews of new entries."""


@samples.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def samples_import(file: Path) -> None:
    """Add the replies of a CSV file (a text column) or a JSON Lines file ({"text": ...} per line)."""
    from replycoach.errors import SampleFileError
    from replycoach.store.samples import read_samples

    try:
        texts = read_samples(file)
    except SampleFileError as err:
        fail(err)
    store = sample_store()
    added = store.add(texts)
    click.echo(f"{file}: {added} sample replies stored ({len(store.all())} in all)", err=True)
