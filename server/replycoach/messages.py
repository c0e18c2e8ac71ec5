"""Marshmallow's nested validation messages as flat (field path, message) pairs."""

from __future__ import annotations

from typing import Any


def flatten_messages(messages: Any, prefix: str = "", root: str = "") -> list[tuple[str, str]]:
    """Pairs like ('rewrites[1].text', 'Not a valid string.'); `root` names the whole document."""
    if isinstance(messages, dict):
        out: list[tuple[str, str]] = []
        for key, value in messages.items():
            if isinstance(key, int):
                path = f"{prefix or root}[{key}]"
            elif key == "_schema":
                path = prefix
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            out.extend(flatten_messages(value, path, root))
        return out
    if isinstance(messages, list):
        return [pair for item in messages for pair in flatten_messages(item, prefix, root)]
    return [(prefix or root, str(messages))]
