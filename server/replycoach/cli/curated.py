"""`replycoach bank curated-update`: what a newer curated bank would change, from the command line."""

from __future__ import annotations

import click


@click.command("curated-update")
def bank_curated_update() -> None:
    """List the changes a newer curated bank brings: change, entry id, and whether it was edited here.

    Take them with POST /v1/phrasebank/curated-update (a lead key), or merge them into a folder and run
    `replycoach bank import DIR --curated-reviewed`.
    """
    from replycoach.cli.common import bank_store
    from replycoach.curated.update import CuratedUpdate

    store, shipped = bank_store()
    review = CuratedUpdate(store, shipped.revision, shipped.entries).review()
    if not review.pending:
        click.echo(f"no curated update waits: the bank has taken in curated bank {review.taken}", err=True)
        return
    for change in review.changes:
        click.echo(f"{change.change:<8} {change.id}{'  (edited here)' if change.edited_here else ''}")
    click.echo(
        f"curated bank {review.revision} waits (the bank took in {review.taken}): "
        f"{len(review.changes)} change(s); take them with POST /v1/phrasebank/curated-update",
        err=True,
    )
