"""Which flags a team wants to see: rules or categories selected or ignored, and a lowest severity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from replycoach.bank.model import SEVERITIES as _MOST_SEVERE_FIRST

# From the least severe to the most: a lowest severity keeps itself and those after it.
SEVERITIES = tuple(reversed(_MOST_SEVERE_FIRST))


@dataclass(frozen=True)
class Selection:
    """`select` (when given) keeps only those rule ids or categories; `ignore` drops rule ids or categories;
    `min_severity` drops suggestions when it is "warning"."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    min_severity: str = "suggestion"

    def keeps(self, flag: dict[str, Any]) -> bool:
        """Whether a flag (as the engine reports it) is one the team wants."""
        names = {flag["rule_id"], flag["category"]}
        if self.select and not names & self.select:
            return False
        if names & self.ignore:
            return False
        return SEVERITIES.index(flag["severity"]) >= SEVERITIES.index(self.min_severity)
