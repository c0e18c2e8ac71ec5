"""A client of a LanguageTool server's documented HTTP API (/v2/check, /v2/languages), with a deadline.

Why not `language_tool_python.LanguageTool(remote_server=...)`: its request timeout is a class constant of
300 s (`LanguageTool._TIMEOUT`) and `check` tries twice, so a dead server would hold a request for minutes;
its constructor asks the server for its languages and raises when the server is down, so no client exists
until the server answers; and its `Match` converts LanguageTool's UTF-16 offset to code points but not the
length, keeping the conversion in class attributes that every thread shares. So this module speaks the
same API itself, with `requests` (what language-tool-python uses underneath), and language-tool-python
serves the `local` backend (see `local.py`), which it knows how to find and start.
"""

from __future__ import annotations

import json
import time
from typing import Any

import requests

from replycoach.errors import GrammarUnavailableError

# LanguageTool's answer for a 20,000-character draft full of errors stays well under this.
MAX_RESPONSE_BYTES = 8 * 1024 * 1024


def api_root(url: str) -> str:
    """The server's base URL without a trailing slash or `/v2`: `http://lt:8081/v2/` -> `http://lt:8081`."""
    root = url.strip().rstrip("/")
    return root[: -len("/v2")] if root.endswith("/v2") else root


class LanguageToolClient:
    """Asks one LanguageTool server to check texts; every call has a deadline and raises on any failure."""

    def __init__(self, url: str, language: str) -> None:
        self.url = api_root(url)
        self.language = language

    def check(self, text: str, timeout: float) -> list[dict[str, Any]]:
        """LanguageTool's `matches` for `text` (offsets in UTF-16 code units)."""
        body = self._call("POST", "/v2/check", timeout, {"text": text, "language": self.language})
        matches = body.get("matches") if isinstance(body, dict) else None
        if not isinstance(matches, list):
            raise GrammarUnavailableError("the server's answer has no list of matches")
        return [m for m in matches if isinstance(m, dict)]

    def languages(self, timeout: float) -> list[dict[str, Any]]:
        """The languages the server checks: `[{name, code, longCode}, ...]`."""
        body = self._call("GET", "/v2/languages", timeout)
        if not isinstance(body, list):
            raise GrammarUnavailableError("the server's answer is not a list of languages")
        return body

    def _call(self, method: str, path: str, timeout: float, data: dict[str, str] | None = None) -> Any:
        # requests' timeout bounds each wait on the socket, not the whole call: the deadline check while
        # reading the body stops a server that trickles its answer.
        deadline = time.monotonic() + timeout
        too_slow = f"no answer within {timeout:g} s"
        try:
            with requests.request(method, self.url + path, data=data, timeout=timeout, stream=True) as resp:
                content = bytearray()
                for chunk in resp.iter_content(64 * 1024):
                    content += chunk
                    if time.monotonic() > deadline:
                        raise GrammarUnavailableError(too_slow)
                    if len(content) > MAX_RESPONSE_BYTES:
                        raise GrammarUnavailableError("the server's answer is too large")
                status = resp.status_code
        except requests.Timeout as err:
            raise GrammarUnavailableError(too_slow) from err
        except requests.ConnectionError as err:
            # requests reports a read timeout in the middle of the body as a connection error.
            reason = too_slow if time.monotonic() >= deadline else "cannot connect"
            raise GrammarUnavailableError(reason) from err
        except requests.RequestException as err:
            raise GrammarUnavailableError(f"the request failed ({type(err).__name__})") from err
        if status != 200:
            raise GrammarUnavailableError(f"the server answered HTTP {status}")
        try:
            return json.loads(content)
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise GrammarUnavailableError("the server's answer is not JSON") from err
