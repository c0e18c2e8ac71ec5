"""Admin page sessions: a lead key signed in from a browser, held server-side.

The browser holds only a random token in an HttpOnly cookie; the database holds its hash, the key it
stands for and a CSRF token. Revoking the key ends its sessions at once; so does signing out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Engine

from replycoach.store.db import admin_sessions, api_keys
from replycoach.store.keys import ApiKey, key_from_row

# How long a sign-in lasts, whatever the browser does meanwhile.
SESSION_LIFETIME = timedelta(hours=12)


@dataclass(frozen=True)
class Session:
    """A live admin session: the key it was signed in with, and the token its requests must echo."""

    key: ApiKey
    csrf_token: str

    def accepts(self, csrf_token: str) -> bool:
        """Whether a request's CSRF token is this session's (compared in constant time)."""
        return hmac.compare_digest(self.csrf_token.encode(), csrf_token.encode())


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class SessionStore:
    """The admin sessions in one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, key: ApiKey) -> tuple[str, Session]:
        """Start a session for `key`; returns the cookie's token (stored only as a hash) and the session."""
        token = secrets.token_urlsafe(32)
        csrf_token = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            # Sessions past their end are of no use to anyone: drop them while we are here.
            conn.execute(delete(admin_sessions).where(admin_sessions.c.expires_at < now))
            conn.execute(
                insert(admin_sessions).values(
                    token_hash=_hash(token),
                    key_id=key.id,
                    csrf_token=csrf_token,
                    created_at=now,
                    expires_at=now + SESSION_LIFETIME,
                )
            )
        return token, Session(key, csrf_token)

    def find(self, token: str) -> Session | None:
        """The live session of a cookie's token: not ended, not expired, and its key not revoked."""
        query = (
            select(api_keys, admin_sessions.c.csrf_token, admin_sessions.c.expires_at)
            .join(api_keys, api_keys.c.id == admin_sessions.c.key_id)
            .where(admin_sessions.c.token_hash == _hash(token), api_keys.c.revoked_at.is_(None))
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            return None
        expires = row["expires_at"] if row["expires_at"].tzinfo else row["expires_at"].replace(tzinfo=UTC)
        if expires <= datetime.now(UTC):
            return None
        return Session(key_from_row(row), row["csrf_token"])

    def end(self, token: str) -> None:
        """Sign a session out: its cookie stops working everywhere."""
        with self.engine.begin() as conn:
            conn.execute(delete(admin_sessions).where(admin_sessions.c.token_hash == _hash(token)))
