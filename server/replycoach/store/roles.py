"""The roles an API key can have, from least to most trusted."""

from __future__ import annotations

# A role may do what every role before it may.
ROLES = ("agent", "lead", "admin")


def role_allows(role: str, needed: str) -> bool:
    """Whether a key of `role` may do what needs `needed`."""
    return ROLES.index(role) >= ROLES.index(needed)
