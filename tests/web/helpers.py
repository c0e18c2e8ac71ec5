"""Helpers for the HTTP service's tests."""

from __future__ import annotations

from typing import Any


def error(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The service's error body."""
    return {"error": {"code": code, "message": message, "details": details}}
