"""The draft score: 100 for a draft with nothing to warm up, less for each flag by its severity."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

WARNING_COST = 15
SUGGESTION_COST = 5


class _Scored(Protocol):
    @property
    def severity(self) -> str: ...


def score_flags(flags: Iterable[_Scored]) -> int:
    """100 minus 15 per warning and 5 per suggestion, never below 0; fixing a flag never lowers it."""
    cost = sum(WARNING_COST if f.severity == "warning" else SUGGESTION_COST for f in flags)
    return max(0, 100 - cost)
