"""Alembic's entry point: runs migrations on the connection `replycoach.store.db.upgrade` hands over."""

from __future__ import annotations

from alembic import context
from replycoach.store.db import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through replycoach.store.db.upgrade, which passes a connection")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
