"""What every `replycoach` command shares: exit codes, how bad input is reported, and opening the bank,
the settings and the service's stores (imported inside the functions that need them, so `check` never pays
for a database it does not open)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from replycoach.bank.files import curated_bank_dir
from replycoach.bank.loader import load_bank
from replycoach.engine import Bank, Engine
from replycoach.errors import BankError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine as Database

    from replycoach.store.bank import BankStore, Shipped
    from replycoach.store.keys import KeyStore
    from replycoach.store.samples import SampleStore

EXIT_FLAGS = 1
EXIT_BAD_INPUT = 2

BANK_OPTION = click.option(
    "--bank",
    "bank_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Phrase bank folder (default: the curated bank).",
)


class BadInput(click.ClickException):
    """Raised for input the CLI cannot use; exits 2 with a message saying what is wrong."""

    exit_code = EXIT_BAD_INPUT


def fail(err: Exception) -> NoReturn:
    """Stop a service command: the error on standard error, exit 2 (bad configuration or data)."""
    click.echo(f"replycoach: {err}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def load(bank_dir: Path | None) -> Bank:
    """The bank of a folder (default: the curated bank), or BadInput saying what is wrong with it."""
    try:
        return load_bank(bank_dir or curated_bank_dir())
    except BankError as err:
        raise BadInput(f"{err}\nRun `replycoach bank lint` for details.") from err


def read_text(path: str, what: str) -> str:
    """The UTF-8 text of a file (`-`: standard input), or BadInput saying why it cannot be read."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as err:
        raise BadInput(f"cannot read {what} {path}: {err.strerror}") from err
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BadInput(
            f"{what} {path} is not UTF-8 text (invalid byte at offset {err.start}); save it as UTF-8"
        ) from err


def database() -> Database:
    """The service's database, from the same settings `serve` uses (its tables upgraded)."""
    from replycoach.errors import ConfigError
    from replycoach.settings import load_settings
    from replycoach.store.db import connect

    try:
        return connect(load_settings()["DATABASE_URL"])
    except ConfigError as err:
        fail(err)


def key_store() -> KeyStore:
    """The service's key store."""

    from replycoach.store.keys import KeyStore

    return KeyStore(database())


def sample_store() -> SampleStore:
    """The service's sample replies."""
    from replycoach.store.samples import SampleStore

    return SampleStore(database())


def bank_store() -> tuple[BankStore, Shipped]:
    """The bank store `serve` would use (seeded if new) and its configured bank folder, as shipped."""
    from replycoach.errors import ConfigError
    from replycoach.settings import load_settings
    from replycoach.store.bank import open_store
    from replycoach.store.db import connect

    try:
        settings = load_settings()
        bank_dir = Path(settings["BANK_DIR"] or curated_bank_dir())
        return open_store(connect(settings["DATABASE_URL"]), bank_dir)
    except (ConfigError, BankError) as err:
        fail(err)


def service_engine(bank_dir: Path | None) -> tuple[Engine, str]:
    """The engine `/v1/analyze` runs, with its limits (REPLYCOACH_MAX_DRAFT_CHARS, REPLYCOACH_MAX_FLAGS): over
    a bank folder when one is given, else over the bank in the service's database. Also says which bank."""
    from replycoach.errors import ConfigError
    from replycoach.settings import load_settings

    try:
        settings = load_settings()
    except ConfigError as err:
        fail(err)
    if bank_dir is not None:
        bank = load(bank_dir)
        which = f"the folder {bank_dir} (revision {bank.revision})"
    else:
        store, _ = bank_store()
        snapshot = store.snapshot()
        bank = snapshot.bank()
        which = f"the service's database (bank revision {snapshot.revision})"
    return Engine(bank, max_chars=settings["MAX_DRAFT_CHARS"], max_flags=settings["MAX_FLAGS"]), which
