"""What every `replycoach` command shares: exit codes, how bad input is reported, and opening the bank,
the settings and the service's stores (imported inside the functions that need them, so `check` never pays
for a database it does not open)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

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
    help="Phrase bank folder (default: the bank in the service's database when there is one, as /v1/analyze "
    "uses it, else the curated bank).",
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


def analysis_bank(bank_dir: Path | None, settings: dict[str, Any] | None = None) -> tuple[Bank, str]:
    """The bank every command that analyzes text uses, by one rule, and its name for the user (`bank_words`):
    a folder given (`--bank`, or a config file's `bank`); else the bank in the service's database, as
    `/v1/analyze` serves it, when there is one (the same settings as `serve`: REPLYCOACH_HOME,
    REPLYCOACH_DATABASE_URL or config.toml); else the bank the service would start from (REPLYCOACH_BANK_DIR,
    or the curated bank). `settings`: the service's, if already read."""
    if bank_dir is not None:
        return load(bank_dir), f"the folder {bank_dir}"
    settings = settings if settings is not None else _settings()
    if _database_exists(settings["DATABASE_URL"]):
        store, _ = bank_store()
        return store.snapshot().bank(), "the service's database"
    if settings["BANK_DIR"]:
        return load(Path(settings["BANK_DIR"])), f"the folder {settings['BANK_DIR']}"
    return load(None), "the curated bank"


def bank_words(bank: Bank, source: str) -> str:
    """How every command names the bank it used: its revision (as /health and the entries listing name it)
    and where it came from."""
    return f"{bank.revision} ({source})"


def _settings() -> dict[str, Any]:
    """The service's settings (as `serve` reads them), or BadInput saying what is wrong with them."""
    from replycoach.errors import ConfigError
    from replycoach.settings import load_settings

    try:
        return load_settings()
    except ConfigError as err:
        raise BadInput(str(err)) from err


def _database_exists(url: str) -> bool:
    """Whether the service's database is there to read: a SQLite file that exists (a command never creates
    one), or any other database URL."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return True
    database = parsed.database
    return database is not None and database not in ("", ":memory:") and Path(database).is_file()


def service_engine(bank_dir: Path | None) -> tuple[Engine, str]:
    """The engine `/v1/analyze` runs, with its limits (REPLYCOACH_MAX_DRAFT_CHARS, REPLYCOACH_MAX_FLAGS),
    over `analysis_bank`; also the bank's name for the user (`bank_words`)."""
    settings = _settings()
    bank, source = analysis_bank(bank_dir, settings)
    engine = Engine(bank, max_chars=settings["MAX_DRAFT_CHARS"], max_flags=settings["MAX_FLAGS"])
    return engine, bank_words(bank, source)
