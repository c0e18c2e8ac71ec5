"""A small stand-in for a LanguageTool server, speaking its documented HTTP API (/v2/languages, /v2/check).

It knows three rules, enough to test the grammar pass with exact outputs:

- MORFOLOGIK_RULE_EN_US (misspelling): the words in `MISSPELLINGS`;
- EN_A_VS_AN (misspelling, like LanguageTool's own): "a" before a word starting with a vowel;
- WHITESPACE_RULE (whitespace): two spaces or more between words.

Offsets and lengths are in UTF-16 code units, as LanguageTool (a Java program) counts them. `delay` makes it
slow and `status` makes it fail; `checks` counts the /v2/check requests it received.

Run it alone with `python tests/fake_languagetool.py --port 8081`.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

MISSPELLINGS = {"teh": ["the", "ten", "tea"], "recieve": ["receive"], "definately": ["definitely"]}
LANGUAGES = [
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
]
_WORD = re.compile(r"\w+")
_A_BEFORE_VOWEL = re.compile(r"\b([Aa]) (?=[aeiouAEIOU]\w)")
_SPACES = re.compile(r"(?<=\S)  +(?=\S)")


def utf16_len(text: str) -> int:
    """The length of `text` in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _match(
    text: str,
    start: int,
    end: int,
    message: str,
    short: str,
    replacements: list[str],
    rule: dict[str, Any],
) -> dict[str, Any]:
    before = text[max(0, start - 20) : start]
    return {
        "message": message,
        "shortMessage": short,
        "replacements": [{"value": value} for value in replacements],
        "offset": utf16_len(text[:start]),
        "length": utf16_len(text[start:end]),
        "context": {
            "text": text[max(0, start - 20) : end + 20],
            "offset": utf16_len(before),
            "length": utf16_len(text[start:end]),
        },
        "sentence": text.strip(),
        "type": {"typeName": "Other"},
        "rule": rule,
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def check(text: str) -> list[dict[str, Any]]:
    """The matches the fake finds in `text`, in order of offset."""
    found: list[tuple[int, dict[str, Any]]] = []
    for word in _WORD.finditer(text):
        if word.group().lower() in MISSPELLINGS:
            rule = {
                "id": "MORFOLOGIK_RULE_EN_US",
                "description": "Possible spelling mistake",
                "issueType": "misspelling",
                "category": {"id": "TYPOS", "name": "Possible Typo"},
            }
            replacements = MISSPELLINGS[word.group().lower()]
            found.append(
                (
                    word.start(),
                    _match(
                        text,
                        word.start(),
                        word.end(),
                        "Possible spelling mistake found.",
                        "Spelling mistake",
                        replacements,
                        rule,
                    ),
                )
            )
    for article in _A_BEFORE_VOWEL.finditer(text):
        rule = {
            "id": "EN_A_VS_AN",
            "description": "Use of 'a' vs. 'an'",
            "issueType": "misspelling",
            "category": {"id": "MISC", "name": "Miscellaneous"},
        }
        message = (
            "Use “an” instead of ‘a’ if the following word starts with a vowel sound, e.g. ‘an article’."
        )
        replacement = "An" if article.group(1) == "A" else "an"
        found.append(
            (
                article.start(1),
                _match(text, article.start(1), article.end(1), message, "Wrong article", [replacement], rule),
            )
        )
    for spaces in _SPACES.finditer(text):
        rule = {
            "id": "WHITESPACE_RULE",
            "description": "Whitespace repetition (bad formatting)",
            "issueType": "whitespace",
            "category": {"id": "TYPOGRAPHY", "name": "Typography"},
        }
        message = "Possible typo: you repeated a whitespace"
        found.append((spaces.start(), _match(text, spaces.start(), spaces.end(), message, "", [" "], rule)))
    return [match for _, match in sorted(found, key=lambda pair: pair[0])]


class FakeLanguageTool(ThreadingHTTPServer):
    """The fake server; `delay`, `status` and `checks` are for the tests."""

    daemon_threads = True

    def __init__(self, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.delay = 0.0
        self.status = 200
        self.checks = 0
        self.released = threading.Event()

    @property
    def url(self) -> str:
        """The server's base URL, as LANGUAGETOOL_URL would name it."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client gave up waiting (a timeout test) and closed the connection."""


class _Handler(BaseHTTPRequestHandler):
    server: FakeLanguageTool

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/v2/languages":
            self._answer(200, LANGUAGES)
        elif url.path == "/v2/check":
            self._check(parse_qs(url.query))
        elif url.path == "/v2/healthcheck":
            self._answer(200, "OK")
        else:
            self._answer(404, f"Error: unknown path {url.path}")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode("utf-8"))
        if urlsplit(self.path).path == "/v2/check":
            self._check(form)
        else:
            self._answer(404, f"Error: unknown path {self.path}")

    def _check(self, form: dict[str, list[str]]) -> None:
        self.server.checks += 1
        if self.server.delay:
            # An Event, not sleep: stopping the fake releases every request still waiting.
            self.server.released.wait(self.server.delay)
        if self.server.status != 200:
            self._answer(self.server.status, "Error: internal error")
            return
        if "language" not in form:
            self._answer(400, "Error: Missing 'language' parameter")
            return
        text = form.get("text", [""])[0]
        language = form["language"][0]
        body = {
            "software": {"name": "LanguageTool", "version": "6.6-fake", "apiVersion": 1},
            "language": {"name": "English (US)", "code": language},
            "matches": check(text),
        }
        self._answer(200, body)

    def _answer(self, status: int, body: Any) -> None:
        is_text = isinstance(body, str)
        data = (body if is_text else json.dumps(body)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if is_text else "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@contextmanager
def running(port: int = 0) -> Iterator[FakeLanguageTool]:
    """A fake LanguageTool serving on 127.0.0.1 (a free port unless given) for the duration of the block."""
    server = FakeLanguageTool(port)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.released.set()
        server.shutdown()
        server.server_close()
        thread.join()


def main() -> None:
    """Serve until interrupted (for trying the service by hand, or as the local backend's 'java')."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", "-p", type=int, default=8081)
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each answer")
    args = parser.parse_args()
    with FakeLanguageTool(args.port) as server:
        server.delay = args.delay
        server.serve_forever()


if __name__ == "__main__":
    main()
