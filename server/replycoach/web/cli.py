"""`replycoach serve`, `keys`, `samples` and `bank export/import`: run the service and manage its data."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from .roles import ROLES

if TYPE_CHECKING:
    from ..grammar import Grammar
    from .bankstore import BankStore, Shipped
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


def _bank_store() -> tuple[BankStore, Shipped]:
    """The bank store `serve` would use (seeded if new) and its configured bank folder, as shipped."""
    from ..bank.files import curated_bank_dir
    from ..errors import BankError
    from .bankstore import open_store
    from .config import ConfigError, load_settings
    from .storage import connect

    try:
        settings = load_settings()
        bank_dir = Path(settings["BANK_DIR"] or curated_bank_dir())
        return open_store(connect(settings["DATABASE_URL"]), bank_dir)
    except (ConfigError, BankError) as err:
        _fail(err)


@click.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def bank_export(directory: Path) -> None:
    """Write the service's phrase bank (from its database) to a new folder, in the bank file format."""
    from .bankexport import ExportError, export_bank

    store, _ = _bank_store()
    try:
        snapshot = store.snapshot()
        written = export_bank(snapshot.entries, snapshot.topics, directory)
    except ExportError as err:
        _fail(err)
    click.echo(f"{directory}: {len(written)} files written", err=True)


@click.command("import")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--curated-reviewed",
    is_flag=True,
    help="The folder merges in the newer curated bank: stop reporting it as waiting (GET /health).",
)
def bank_import(directory: Path, curated_reviewed: bool) -> None:
    """Make the service's bank exactly a folder's entries: all validated first, then applied at once."""
    from ..bank.files import BankData
    from ..lint import lint_bank_dir
    from .bankstore import Author, InvalidEntryError
    from .curatedbaseline import write_baseline

    store, shipped = _bank_store()
    loaded, problems = lint_bank_dir(directory)
    if loaded is None:
        for problem in problems:
            click.echo(str(problem))
        click.echo(f"{directory}: {len(problems)} problem(s); nothing was imported", err=True)
        sys.exit(1)
    data = BankData(list(loaded.all_entries), [compiled.topic for compiled in loaded.topics])
    author = Author(None, f"replycoach bank import {directory}")
    taken_in = curated_reviewed or loaded.revision == shipped.revision
    try:
        # Taking in the shipped bank makes its entries the next review's baseline, in the same transaction.
        changed = store.import_bank(
            data,
            author,
            shipped.revision if taken_in else None,
            also=(lambda conn: write_baseline(conn, shipped.entries)) if taken_in else None,
        )
    except InvalidEntryError as err:
        _fail(err)
    click.echo(f"{directory}: {len(loaded)} entries, {changed} changed; live within seconds", err=True)


@click.group()
def samples() -> None:
    """Store sample replies (locally, in the service's database) for previews of new entries."""


@samples.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def samples_import(file: Path) -> None:
    """Add the replies of a CSV file (a text column) or a JSON Lines file ({"text": ...} per line)."""
    from .samples import SampleFileError, read_samples

    try:
        texts = read_samples(file)
    except SampleFileError as err:
        _fail(err)
    store, _ = _bank_store()
    added = store.add_samples(texts)
    click.echo(f"{file}: {added} sample replies stored ({len(store.samples())} in all)", err=True)
