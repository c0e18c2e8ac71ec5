"""Request ids and the access log: one JSON line per request, holding no draft or message text."""

from __future__ import annotations

import json
import logging
import time
import uuid

from flask import Flask, Response, g, request

from replycoach.web.auth import current_key
from replycoach.web.ltpath import redacted

log = logging.getLogger("replycoach.access")


def _start() -> None:
    g.request_id = uuid.uuid4().hex
    g.started = time.perf_counter()


def _finish(response: Response) -> Response:
    response.headers["X-Request-ID"] = g.get("request_id", "")
    key = current_key()
    record = {
        "event": "request",
        "request_id": g.get("request_id", ""),
        "method": request.method,
        "path": redacted(request.path),
        "status": response.status_code,
        "ms": round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1),
        "key_id": key.id if key else None,
        "bytes_in": request.content_length or 0,
    }
    log.info(json.dumps(record))
    return response


def init_app(app: Flask) -> None:
    """Give every request an id (the X-Request-ID header) and log it when it is answered."""
    # Registered first so that the id exists before any other hook can fail.
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    app.after_request(_finish)
