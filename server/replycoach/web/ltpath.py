"""Which requests speak LanguageTool's API (/v2/..., or /lt/<key>/v2/... for clients that can only be given
a URL), and those paths with their key hidden, for the log."""

from __future__ import annotations

import re

# /v2/check, /v2/languages, /v2/configinfo; the same under /lt/<key>/.
LT_PATH = re.compile(r"^/(?:lt/(?P<key>[^/]*)/)?v2/")
_KEY_IN_PATH = re.compile(r"^/lt/[^/]*/")
REDACTED = "/lt/[key]/"


def is_lt_path(path: str) -> bool:
    """Whether a request path is one of LanguageTool's API."""
    return LT_PATH.match(path) is not None


def key_in_path(path: str) -> str | None:
    """The key a /lt/<key>/v2/... path carries (None: none)."""
    found = LT_PATH.match(path)
    return found.group("key") if found else None


def redacted(path: str) -> str:
    """The path as the log and error messages may show it: a key in it replaced by [key]."""
    return _KEY_IN_PATH.sub(REDACTED, path)
