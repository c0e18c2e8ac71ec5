"""Throttling of failed sign-ins per client address: wrong or revoked keys, on the API and the admin page.

Requests with a live key are counted per key (ratelimit.py); a request whose key does not work has no key to
count it by, so guessing keys is counted by the address it comes from instead.
"""

from __future__ import annotations

import json
import logging
import time

from flask import Flask, current_app, request
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from replycoach.errors import ApiError

log = logging.getLogger("replycoach.web")


class FailureGuard:
    """Counts failed key checks per client address, in the rate limiter's storage."""

    def __init__(self, rate: str, storage_uri: str) -> None:
        self.rate = rate
        self._item = parse(rate)
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))

    def blocked(self, address: str) -> bool:
        """Whether the address has used up its failures for now (never, while the storage is away: like the
        rate limits, the guard lets calls through rather than stop coaching)."""
        try:
            return not self._limiter.test(self._item, "auth-failures", address)
        except Exception as err:  # the storage's own errors (Redis down, a timeout) are not ours to type
            log.warning(json.dumps({"event": "auth_guard_unavailable", "error": type(err).__name__}))
            return False

    def failed(self, address: str) -> None:
        """Count one failed key check from the address."""
        try:
            self._limiter.hit(self._item, "auth-failures", address)
        except Exception as err:
            log.warning(json.dumps({"event": "auth_guard_unavailable", "error": type(err).__name__}))

    def retry_after(self, address: str) -> int:
        """Seconds until the address may try again."""
        reset, _ = self._limiter.get_window_stats(self._item, "auth-failures", address)
        return max(1, int(reset - time.time()) + 1)


def guard() -> FailureGuard:
    """The failure guard of the current app."""
    found: FailureGuard = current_app.extensions["replycoach.guard"]
    return found


def client_address() -> str:
    """The address the request comes from (behind a proxy: the proxy's, unless it is made to pass it on)."""
    return request.remote_addr or "unknown"


def refuse_if_blocked() -> None:
    """Raise 429 when the client address has failed too many key checks lately."""
    address = client_address()
    if guard().blocked(address):
        wait = guard().retry_after(address)
        raise ApiError(
            429,
            "too_many_failures",
            f"Too many wrong or revoked keys from this address ({guard().rate}); wait {wait} s and check the "
            "key you are sending.",
            headers={"Retry-After": str(wait)},
        )


def init_app(app: Flask) -> None:
    """Keep a failure guard on the app, in the same storage as the per-key rate limits."""
    storage = app.config["REDIS_URL"] or "memory://"
    app.extensions["replycoach.guard"] = FailureGuard(app.config["AUTH_FAILURE_LIMIT"], storage)
