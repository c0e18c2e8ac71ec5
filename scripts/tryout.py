"""What the scripts that try LanguageTool's clients against Reply Coach share (try-libreoffice.py,
try-languagetool-addon.py): a service of their own, a recording proxy between the client and the service,
and small local servers. Standard library only: the scripts run under different Pythons (LibreOffice's UNO
needs the system one)."""

from __future__ import annotations

import argparse
import contextlib
import http.server
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# Request headers passed on to the service (CORS needs Origin), and answer headers passed back.
REQUEST_HEADERS = (
    "Content-Type",
    "Origin",
    "Access-Control-Request-Method",
    "Access-Control-Request-Headers",
)
ANSWER_HEADERS = ("Content-Type", "Vary", "Retry-After")


# The repository, whose .venv/bin/replycoach starts a service by default.
ROOT = Path(__file__).resolve().parent.parent


def add_service_arguments(parser: argparse.ArgumentParser) -> None:
    """The options that choose the service a tryout talks to: one running (`--service`, `--key`), or one it
    starts (`--replycoach`, `--bank`)."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--service", help="a running service's URL, e.g. http://127.0.0.1:8080 (needs --key)")
    where.add_argument(
        "--replycoach",
        default=str(ROOT / ".venv" / "bin" / "replycoach"),
        help="the replycoach program that starts a service (default: the repository's .venv/bin/replycoach)",
    )
    parser.add_argument("--key", help="an agent key of --service")
    parser.add_argument("--bank", help="REPLYCOACH_BANK_DIR for the started service (default: its own bank)")


class SetupError(Exception):
    """Something a check needs is missing or did not start."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def hide(text: str, key: str) -> str:
    """`text` with the key written as [key]."""
    return text.replace(key, "[key]") if key else text


@contextlib.contextmanager
def started_service(
    replycoach: str, bank: str | None, key_name: str, env: dict[str, str] | None = None
) -> Iterator[tuple[str, str]]:
    """`replycoach serve` on a free port with a temporary home (and `env`); yields its URL and a new agent key
    named `key_name`."""
    if shutil.which(replycoach) is None:
        raise SetupError(
            f"no replycoach program at {replycoach!r} (give --replycoach PATH, e.g. .venv/bin/replycoach)"
        )
    with tempfile.TemporaryDirectory(prefix="replycoach-tryout-home-") as home:
        environment = {**os.environ, "REPLYCOACH_HOME": home, **(env or {})}
        if bank:
            environment["REPLYCOACH_BANK_DIR"] = bank
        made = subprocess.run(
            [replycoach, "keys", "create", "--role", "agent", "--name", key_name],
            env=environment,
            capture_output=True,
            text=True,
        )
        if made.returncode != 0:
            raise SetupError(f"`replycoach keys create` failed: {made.stderr.strip()}")
        key = made.stdout.strip()
        port = free_port()
        log_path = Path(home) / "serve.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                [replycoach, "serve", "--port", str(port), "--workers", "1"],
                env=environment,
                stdout=log,
                stderr=log,
            )
            url = f"http://127.0.0.1:{port}"
            try:
                _wait_for_health(proc, url, log_path)
                yield url, key
            finally:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=30)


def _wait_for_health(proc: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise SetupError(f"replycoach serve stopped:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=1):
                return
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise SetupError("replycoach serve did not answer /health within 60 s") from None
            time.sleep(0.3)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> None:
        return None


@contextlib.contextmanager
def recording_proxy(
    upstream: str, key: str, summarize: Callable[[bytes], str] | None = None
) -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that passes each request on to `upstream` (with its Origin, and the CORS
    headers of the answer back; a redirect goes back as it came) and notes it, the key hidden, with
    `summarize` of each /check answer; yields its URL and the notes."""
    notes: list[str] = []
    opener = urllib.request.build_opener(_NoRedirect)

    class Handler(http.server.BaseHTTPRequestHandler):
        def _pass_on(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            origin = self.headers.get("Origin")
            note = f"{self.command} {hide(self.path, key)}"
            if origin is not None:
                note += f"\n    Origin: {origin}"
            if body is not None:
                note += f"\n    Content-Type: {self.headers.get('Content-Type')}"
                note += f"\n    body: {hide(body.decode('utf-8', 'replace'), key)}"
            forwarded = urllib.request.Request(upstream + self.path, data=body, method=self.command)
            for name in REQUEST_HEADERS:
                if self.headers.get(name) is not None:
                    forwarded.add_header(name, self.headers[name])
            try:
                with opener.open(forwarded, timeout=30) as answer:
                    status, headers, payload = answer.status, answer.headers, answer.read()
            except urllib.error.HTTPError as error:
                status, headers, payload = error.code, error.headers, error.read()
            except (urllib.error.URLError, OSError) as error:
                status, headers = 502, None
                payload = f"the service did not answer: {error}".encode()
            note += f"\n    answer: {status} {headers.get('Content-Type') if headers else 'text/plain'}"
            note += f", {len(payload)} bytes"
            if origin is not None:
                allowed = headers.get("Access-Control-Allow-Origin") if headers else None
                note += f", Access-Control-Allow-Origin: {allowed}"
            if summarize is not None and self.path.split("?")[0].endswith("/check"):
                summary = summarize(payload)
                note += f"\n{summary}" if summary else ""
            notes.append(note)
            self.send_response(status)
            for name, value in headers.items() if headers else [("Content-Type", "text/plain")]:
                if name in ANSWER_HEADERS or name.startswith("Access-Control-"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_OPTIONS = _pass_on

        def log_message(self, format: str, *args: Any) -> None:
            pass

    with serving(Handler) as url:
        yield url, notes


@contextlib.contextmanager
def serving(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """`handler` served on a free port of 127.0.0.1 in a thread; yields its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
