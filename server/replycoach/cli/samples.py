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
    skipped = len(texts) - added
    already = f", {skipped} already stored or repeated" if skipped else ""
    click.echo(f"{file}: {added} sample replies stored{already} ({len(store.all())} in all)", err=True)


@samples.command("list")
def samples_list() -> None:
    """List the stored sample replies: id and the start of each (one line)."""
    for sample_id, text in sample_store().listing():
        line = " ".join(text.split())
        click.echo(f"{sample_id:>5}  {line[:100]}{'…' if len(line) > 100 else ''}")


@samples.command("delete")
@click.argument("sample_id", type=int)
def samples_delete(sample_id: int) -> None:
    """Delete one sample reply by its id (from `samples list`)."""
    from replycoach.errors import SampleNotFoundError

    try:
        sample_store().delete(sample_id)
    except SampleNotFoundError as err:
        fail(err)
    click.echo(f"deleted sample reply {sample_id}", err=True)


@samples.command("clear")
def samples_clear() -> None:
    """Delete every stored sample reply."""
    click.echo(f"deleted {sample_store().clear()} sample replies", err=True)
