"""The service's database: its tables, a connection per app, and schema upgrades with Alembic."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from flask import Flask
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError

from .config import ConfigError

MIGRATIONS = Path(__file__).parent / "migrations"

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


def connect(url: str) -> Engine:
    """An engine for the database at `url`, its schema upgraded to the newest revision."""
    try:
        engine = create_engine(url)
    except (ArgumentError, ImportError) as err:
        raise ConfigError(f"cannot use the database URL {url!r}: {err}") from err
    upgrade(engine)
    # No pooled connection may outlive this call: `replycoach serve` forks workers after it.
    engine.dispose()
    return engine


def upgrade(engine: Engine) -> None:
    """Apply every Alembic migration the database lacks."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Alembic announces each step at INFO; a routine upgrade is not news in the service's log.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def init_app(app: Flask) -> None:
    """Open the configured database and keep its engine on the app."""
    app.extensions["replycoach.db"] = connect(app.config["DATABASE_URL"])
