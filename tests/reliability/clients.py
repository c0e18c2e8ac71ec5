"""Clients of the topology test: calls from a chosen loopback address (on Linux all of 127.0.0.0/8 is this
machine, so each address is a different client to nginx), and slow clients that hold connections open."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: Any  # the JSON body, or its text when it is not JSON

    def error_code(self) -> str | None:
        """The `error.code` of an error body."""
        return self.body["error"]["code"] if isinstance(self.body, dict) and "error" in self.body else None


def call(
    port: int,
    method: str,
    path: str,
    source: str = "127.0.0.1",
    headers: dict[str, str] | None = None,
    body: Any = None,
    timeout: float = 10,
) -> Answer:
    """One HTTP call to 127.0.0.1:`port` from the address `source`, on a connection of its own."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        sent = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=sent)
        response = conn.getresponse()
        raw = response.read().decode("utf-8", errors="replace")
        try:
            parsed: Any = json.loads(raw)
        except ValueError:
            parsed = raw
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, parsed)
    finally:
        conn.close()


class SlowClients:
    """`count` connections from `source`, each sending its request a line (slow headers) or a byte (slow body)
    every `every` seconds; one closed by the server is opened again, as an attacker would."""

    def __init__(self, port: int, source: str, count: int, body: bool, every: float = 2.0) -> None:
        self.port, self.source, self.body, self.every = port, source, body, every
        self.stop = threading.Event()
        self.sent = [0] * count  # pieces each connection got out
        self.threads = [threading.Thread(target=self._run, args=(i,), daemon=True) for i in range(count)]

    def __enter__(self) -> SlowClients:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=10)

    def _start(self) -> tuple[bytes, bytes]:
        if self.body:
            head = b"POST /v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            return head + b"Content-Length: 100000\r\n\r\n", b" "
        return b"GET /health HTTP/1.1\r\n", b"X-Slow: 1\r\n"

    def _run(self, index: int) -> None:
        start, piece = self._start()
        while not self.stop.is_set():
            with contextlib.suppress(OSError):
                sock = socket.create_connection(
                    ("127.0.0.1", self.port), timeout=5, source_address=(self.source, 0)
                )
                with sock:
                    sock.sendall(start)
                    while not self.stop.wait(self.every):
                        sock.sendall(piece)
                        self.sent[index] += 1
            if not self.stop.is_set():
                time.sleep(0.2)  # closed by the server: open the next one
