"""API keys: created once and shown once, stored as SHA-256 hashes, each with a role; revocable."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from replycoach.errors import KeyNotFoundError
from replycoach.store.db import api_keys
from replycoach.store.keycache import RecentLookups
from replycoach.store.roles import ROLES, role_allows

KEY_PREFIX = "rc_"
_SHOWN_CHARS = 10


@dataclass(frozen=True)
class ApiKey:
    """A stored key, without its secret: who holds it, what it may do, and whether it still works."""

    id: int
    name: str
    role: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None

    def allows(self, role: str) -> bool:
        """Whether this key's role is `role` or a more trusted one."""
        return role_allows(self.role, role)


def hash_key(secret: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class KeyStore:
    """The API keys in one database. With `cache_seconds`, a live key found is trusted for that long
    without asking the database again (the service looks a key up on every request); a revocation made
    elsewhere takes effect here within that time, one made through this store at once."""

    def __init__(self, engine: Engine, cache_seconds: float = 0.0) -> None:
        self.engine = engine
        self._recent: RecentLookups[ApiKey] | None = (
            RecentLookups(cache_seconds) if cache_seconds > 0 else None
        )

    def create(self, role: str, name: str = "") -> tuple[ApiKey, str]:
        """Make a new key; returns it and its secret, which is stored only as a hash."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        secret = KEY_PREFIX + secrets.token_urlsafe(32)
        row = {
            "name": name,
            "role": role,
            "prefix": secret[:_SHOWN_CHARS],
            "key_hash": hash_key(secret),
            "created_at": datetime.now(UTC),
            "revoked_at": None,
        }
        with self.engine.begin() as conn:
            primary_key = conn.execute(insert(api_keys).values(**row)).inserted_primary_key
        if primary_key is None:  # SQLAlchemy leaves it empty only for multi-row inserts
            raise RuntimeError("the database returned no id for the new key")
        key_id = primary_key[0]
        return key_from_row({"id": key_id, **row}), secret

    def find(self, secret: str) -> ApiKey | None:
        """The live key whose secret this is, or None."""
        digest = hash_key(secret)
        if self._recent is not None:
            return self._recent.get(digest, lambda: self._find(digest))
        return self._find(digest)

    def _find(self, digest: str) -> ApiKey | None:
        query = select(api_keys).where(api_keys.c.key_hash == digest, api_keys.c.revoked_at.is_(None))
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return key_from_row(row) if row else None

    def all(self) -> list[ApiKey]:
        """Every key, revoked ones included, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(api_keys).order_by(api_keys.c.id)).mappings().all()
        return [key_from_row(row) for row in rows]

    def revoke(self, key_id: int) -> ApiKey:
        """Stop a key from working (revoking twice keeps the first time); raises KeyNotFoundError."""
        with self.engine.begin() as conn:
            conn.execute(
                update(api_keys)
                .where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
                .values(revoked_at=datetime.now(UTC))
            )
            row = conn.execute(select(api_keys).where(api_keys.c.id == key_id)).mappings().first()
        if self._recent is not None:
            self._recent.clear()
        if row is None:
            raise KeyNotFoundError(key_id)
        return key_from_row(row)


def key_from_row(row: Any) -> ApiKey:
    """An ApiKey from a row of the api_keys table."""
    return ApiKey(
        id=row["id"],
        name=row["name"],
        role=row["role"],
        prefix=row["prefix"],
        created_at=_utc(row["created_at"]),
        revoked_at=_utc(row["revoked_at"]) if row["revoked_at"] else None,
    )


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes even for timezone-aware columns; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
