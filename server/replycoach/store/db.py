"""The service's database: all its tables, opening one by URL, and schema upgrades with Alembic."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    text,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

from replycoach.errors import ConfigError

MIGRATIONS = Path(__file__).parent / "migrations"

# The PostgreSQL advisory lock instances take while they upgrade the schema (any constant, the same for all).
MIGRATION_LOCK = 0x5265706C79436F61

metadata = MetaData()

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("prefix", String(16), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

# The phrase bank, once seeded from the curated files: the database is its source of truth.
bank_entries = Table(
    "bank_entries",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("source", String(200), nullable=False),
    Column("entry", Text, nullable=False),  # the entry as JSON, in the bank file format
    Column("revision", Integer, nullable=False),
    Column("enabled", Boolean, nullable=False),
)

bank_revisions = Table(
    "bank_revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", String(200), nullable=False, index=True),
    Column("revision", Integer, nullable=False),
    Column("author_id", Integer, nullable=True),
    Column("author", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("action", String(16), nullable=False),
    Column("entry", Text, nullable=False),
    Column("bank_revision", Integer, nullable=False),
    # For a rollback: the revision it restored (None for other actions, and rollbacks made before 0007).
    Column("restored", Integer, nullable=True),
)

# One row: the bank-wide revision every worker polls, and the curated bank the database was seeded from.
bank_state = Table(
    "bank_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("revision", Integer, nullable=False),
    Column("curated_revision", String(64), nullable=False),
    Column("topics_stored", Boolean, nullable=False),
    Column("vocabulary_stored", Boolean, nullable=False),
)

# The acknowledgements: topics of customer messages with what to say to them (structure checks).
bank_topics = Table(
    "bank_topics",
    metadata,
    Column("topic", String(100), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("source", String(200), nullable=False),
    Column("data", Text, nullable=False),  # the topic as JSON, in the bank file format
)

# The vocabulary: word families that patterns reference as {{name}}.
bank_vocabulary = Table(
    "bank_vocabulary",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("source", String(200), nullable=False),
    Column("data", Text, nullable=False),  # the family as JSON, in the bank file format
)

# Every change of a word family made through the service: who, when, how, and the family as of then.
bank_vocabulary_revisions = Table(
    "bank_vocabulary_revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, index=True),
    Column("revision", Integer, nullable=False),
    Column("author_id", Integer, nullable=True),
    Column("author", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("action", String(16), nullable=False),
    Column("data", Text, nullable=False),  # the family as JSON, in the bank file format
    Column("bank_revision", Integer, nullable=False),
)

# Browsers signed in to the admin page: the hash of each session cookie, its key and its CSRF token.
admin_sessions = Table(
    "admin_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("key_id", Integer, ForeignKey("api_keys.id"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

# The curated entries the database last took in: the base of a curated update's three-way review.
# Created by migration 0004, which backfills it from the revisions the first seed recorded.
curated_baseline = Table(
    "curated_baseline",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("entry", Text, nullable=False),  # the entry as JSON, in the bank file format
)

samples = Table(
    "samples",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("text", Text, nullable=False),
)

# Insight counters (no text, no draft id): per day, how many drafts were analyzed and how many of them had a
# warning; per day and rule, how often it fired and what agents did with its flags. Rows are only ever added
# to (an upsert that adds), by each worker's batched writes.
insight_days = Table(
    "insight_days",
    metadata,
    Column("day", Date, primary_key=True),
    Column("analyzed", Integer, nullable=False),
    Column("warnings", Integer, nullable=False),
)

insight_rules = Table(
    "insight_rules",
    metadata,
    Column("day", Date, primary_key=True),
    Column("rule_id", String(200), primary_key=True),
    Column("fired", Integer, nullable=False),
    Column("applied", Integer, nullable=False),
    Column("dismissed", Integer, nullable=False),
    Column("muted", Integer, nullable=False),
)


# How long an SQLite writer waits for another's lock before giving up (then the API answers 503).
SQLITE_BUSY_SECONDS = 10


def connect(url: str) -> Engine:
    """An engine for the database at `url`, its schema upgraded to the newest revision."""
    try:
        parsed = make_url(url)
        options: dict[str, object] = {}
        if parsed.get_backend_name() == "sqlite":
            options["connect_args"] = {"timeout": SQLITE_BUSY_SECONDS}
            _prepare_sqlite_file(parsed.database)
        engine = create_engine(url, **options)
    except (ArgumentError, ImportError) as err:
        raise ConfigError(f"cannot use the database URL {url!r}: {err}") from err
    upgrade(engine)
    # No pooled connection may outlive this call: `replycoach serve` forks workers after it.
    engine.dispose()
    return engine


def _prepare_sqlite_file(database: str | None) -> None:
    """Refuse a database file in a folder that does not exist, and create a new one readable by its owner
    only: it holds key hashes and admin sessions."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if not path.parent.is_dir():
        raise ConfigError(
            f"the database folder {path.parent} does not exist; create it, or point "
            "REPLYCOACH_DATABASE_URL at another place"
        )
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as err:
        raise ConfigError(f"cannot create the database file {path}: {err.strerror}") from err


def upgrade(engine: Engine) -> None:
    """Apply every Alembic migration the database lacks."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Alembic announces each step at INFO; a routine upgrade is not news in the service's log.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Instances started at once would each create the same tables, and all but one would fail: one
            # upgrades at a time; the lock lasts until this transaction commits, the others then find no work.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
