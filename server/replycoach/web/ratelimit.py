"""Per-key rate limits (flask-limiter): counters in memory by default, or in Redis when REDIS_URL is set."""

from __future__ import annotations

from flask import Flask, Response, current_app
from flask_limiter import Limiter
from limits.errors import ConfigurationError

from replycoach.errors import ConfigError
from replycoach.web import limitstore
from replycoach.web.auth import current_key


def _key_id() -> str:
    key = current_key()
    return f"key:{key.id}" if key else ""


def _rate() -> str:
    rate: str = current_app.config["RATE_LIMIT"]
    return rate


def _retry_after_only_when_asked(response: Response) -> Response:
    """flask-limiter puts Retry-After (the end of the key's window) on every response; it belongs on 429,
    and on a 503 the service's own value stands (kept by error_response in `retry_after`)."""
    own = getattr(response, "retry_after_seconds", None)
    if own is not None:
        response.headers["Retry-After"] = str(own)
    elif response.status_code != 429:
        response.headers.pop("Retry-After", None)
    return response


def init_app(app: Flask) -> None:
    """Count each key's requests; only requests with a live key count (the others get 401 anyway)."""
    # Registered before the limiter's own hook, so it runs after it (Flask runs these in reverse order).
    app.after_request(_retry_after_only_when_asked)
    storage = app.config["REDIS_URL"] or f"{limitstore.SCHEME}://"
    try:
        limiter = Limiter(
            _key_id,
            default_limits=[_rate],
            default_limits_exempt_when=lambda: current_key() is None,
            storage_uri=storage,
            headers_enabled=True,
            key_prefix="replycoach",
            # Coaching must not stop because Redis is away: log the storage error and let the call through.
            swallow_errors=True,
        )
        limiter.init_app(app)
    except ConfigurationError as err:
        hint = " (for Redis: pip install 'replycoach[redis]')" if storage.startswith("redis") else ""
        raise ConfigError(f"cannot keep rate limits in {storage}: {err}{hint}") from err
