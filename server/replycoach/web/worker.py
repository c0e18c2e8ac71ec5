"""Gunicorn's sync worker, answering in the service's JSON error shape when gunicorn answers itself.

Gunicorn writes its own HTML page for a request it cannot parse (400, 414, 431...), for an application
failure it catches, and for a request cut short by the worker timeout. Clients of this service read
`{"error": {"code", "message", "details"}}` for every error, so this worker lets gunicorn pick the status
(and log as it does) and writes that shape instead.
"""

from __future__ import annotations

import json
from typing import Any

from gunicorn import util
from gunicorn.workers.sync import SyncWorker

_CODES = {
    400: "bad_request",
    403: "forbidden",
    414: "uri_too_long",
    417: "expectation_failed",
    431: "headers_too_large",
    500: "internal_error",
    501: "not_implemented",
}


class _Capture:
    """Stands in for the client socket while gunicorn writes its HTML error, to learn the status it chose."""

    def __init__(self) -> None:
        self.data = b""

    def gettimeout(self) -> float:
        return 0.0

    def sendall(self, data: bytes) -> None:
        self.data += data

    def status(self) -> tuple[int, str]:
        _, code, reason = self.data.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
        return int(code), reason


def error_bytes(status: int, reason: str, code: str, message: str, headers: dict[str, str]) -> bytes:
    """A whole HTTP/1.1 response carrying the error shape, closing the connection."""
    body = json.dumps({"error": {"code": code, "message": message, "details": None}}).encode()
    lines = [
        f"HTTP/1.1 {status} {reason}",
        "Connection: close",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "X-Content-Type-Options: nosniff",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class JsonErrorWorker(SyncWorker):  # type: ignore[misc]
    """A sync worker whose own error answers are JSON."""

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        """Answer a request gunicorn could not hand to the app, or that the app could not finish."""
        if isinstance(exc, SystemExit):
            # The arbiter stops a worker that runs past its timeout; the request it held gets a 503.
            self.log.warning("Worker timeout: the request was stopped after %s s", self.cfg.timeout)
            response = error_bytes(
                503,
                "Service Unavailable",
                "request_timeout",
                f"The request took longer than {self.cfg.timeout} s and was stopped; nothing it asked for "
                "is guaranteed to have happened. Retry, with fewer or shorter drafts.",
                {"Retry-After": "2"},
            )
        else:
            capture = _Capture()
            super().handle_error(req, capture, addr, exc)
            status, reason = capture.status()
            if status >= 500:
                message = "Something went wrong on our side; the service log has the details."
            else:
                message = f"The request could not be read as HTTP: {exc}. Check the request line and headers."
            response = error_bytes(status, reason, _CODES.get(status, "http_error"), message, {})
        try:
            util.write_nonblock(client, response)
        except OSError:
            self.log.debug("Failed to send the error response.")
