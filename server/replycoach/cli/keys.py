"""`replycoach keys`: create, list and revoke the service's API keys."""

from __future__ import annotations

import click

from replycoach.cli.common import fail, key_store
from replycoach.store.roles import ROLES


@click.group()
def keys() -> None:
    """Create, list and revoke the service's API keys."""


@keys.command("create")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the key may do.")
@click.option(
    "--name",
    required=True,
    callback=lambda _ctx, _param, value: _named(value),
    help="Who or what holds the key.",
)
def keys_create(role: str, name: str) -> None:
    """Create a key and print it (alone, on standard output); it is stored hashed and never shown again."""
    key, secret = key_store().create(role, name)
    click.echo(secret)
    click.echo(f"created key {key.id} ({key.role}); keep it safe: it cannot be shown again", err=True)


def _named(value: str) -> str:
    if not value.strip():
        raise click.BadParameter("give the key a name (who or what holds it), so you can tell keys apart")
    return value.strip()


@keys.command("list")
def keys_list() -> None:
    """List the keys: id, role, status, start of the key, creation date and name."""
    click.echo(f"{'id':>4}  {'role':<6} {'status':<18} {'key':<14}  {'created':<16}  name")
    for key in key_store().all():
        status = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
        created = f"{key.created_at:%Y-%m-%d %H:%M}"
        click.echo(f"{key.id:>4}  {key.role:<6} {status:<18} {key.prefix}…  {created}  {key.name}")


@keys.command("revoke")
@click.argument("key_id", type=int)
def keys_revoke(key_id: int) -> None:
    """Revoke a key by its id (from `keys list`); it stops working at once."""
    from replycoach.errors import KeyNotFoundError

    try:
        key = key_store().revoke(key_id)
    except KeyNotFoundError as err:
        fail(err)
    click.echo(f"revoked key {key.id} ({key.role}) {key.name}".rstrip(), err=True)
