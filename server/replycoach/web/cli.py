"""`replycoach serve` and `replycoach keys`: run the HTTP service and manage its API keys."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, NoReturn

import click

from .roles import ROLES

if TYPE_CHECKING:
    from ..grammar import Grammar
    from .keys import KeyStore

# The web layer, gunicorn and SQLAlchemy are imported inside the commands: every `replycoach check`
# loads this module, and it should not pay a second for a server it does not start.

EXIT_BAD_CONFIG = 2


def _fail(err: Exception) -> NoReturn:
    click.echo(f"replycoach: {err}", err=True)
    sys.exit(EXIT_BAD_CONFIG)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1), help="Worker processes.")
def serve(host: str, port: int, workers: int) -> None:
    """Run the HTTP service under gunicorn (configuration: REPLYCOACH_* variables, see the README)."""
    from .app import create_app
    from .config import ConfigError
    from .server import Gunicorn

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        app = create_app()
    except ConfigError as err:
        _fail(err)
    click.echo(f"replycoach: serving on http://{host}:{port} (docs: http://{host}:{port}/v1/docs)", err=True)
    click.echo(f"replycoach: grammar: {_grammar_state(app.extensions['replycoach.grammar'])}", err=True)
    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "accesslog": None,  # replycoach.access logs each request, as JSON without any text
        "errorlog": "-",
        "timeout": 60,
        "control_socket_disable": True,
    }
    Gunicorn(app, options).run()


def _grammar_state(grammar: Grammar) -> str:
    """Which grammar backend is in use and whether it answers now, in a few words."""
    if grammar.backend == "off":
        return "off (set LANGUAGETOOL_URL to check grammar with a LanguageTool server)"
    probe = grammar.probe()
    where = f"{grammar.describe()} ({grammar.backend} backend)"
    if probe.status == "ok":
        return f"{where}, answering"
    return f"{where}, not answering ({probe.detail}); drafts get grammar status unavailable until it does"


def _store() -> KeyStore:
    from .config import ConfigError, load_settings
    from .keys import KeyStore
    from .storage import connect

    try:
        return KeyStore(connect(load_settings()["DATABASE_URL"]))
    except ConfigError as err:
        _fail(err)


@click.group()
def keys() -> None:
    """Create, list and revoke the service's API keys."""


@keys.command("create")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the key may do.")
@click.option("--name", default="", help="Who or what holds the key.")
def keys_create(role: str, name: str) -> None:
    """Create a key and print it (alone, on standard output); it is stored hashed and never shown again."""
    key, secret = _store().create(role, name)
    click.echo(secret)
    click.echo(f"created key {key.id} ({key.role}); keep it safe: it cannot be shown again", err=True)


@keys.command("list")
def keys_list() -> None:
    """List the keys: id, role, status, start of the key, creation date and name."""
    for key in _store().all():
        status = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
        created = f"{key.created_at:%Y-%m-%d %H:%M}"
        click.echo(f"{key.id:>4}  {key.role:<6} {status:<18} {key.prefix}…  {created}  {key.name}")


@keys.command("revoke")
@click.argument("key_id", type=int)
def keys_revoke(key_id: int) -> None:
    """Revoke a key by its id (from `keys list`); it stops working at once."""
    from .keys import KeyNotFoundError

    try:
        key = _store().revoke(key_id)
    except KeyNotFoundError as err:
        _fail(err)
    click.echo(f"revoked key {key.id} ({key.role}) {key.name}".rstrip(), err=True)
