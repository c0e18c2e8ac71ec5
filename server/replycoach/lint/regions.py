"""Regions of a Markdown or HTML file where rules are switched off, as Vale users write them:

    <!-- replycoach-disable dismissive.calm-down -->  ...  <!-- replycoach-enable -->

`disable` with no names switches off every rule; names may be rule ids or categories, separated by spaces or
commas. `enable` with names switches those back on, with none every rule. A region left open runs to the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(r"<!--\s*replycoach-(disable|enable)\b(.*?)-->", re.IGNORECASE | re.DOTALL)
EVERY_RULE = "*"


@dataclass(frozen=True)
class Region:
    """Offsets [start, end) where the rules named (or every rule: EVERY_RULE) are off."""

    start: int
    end: int
    names: frozenset[str]

    def covers(self, offset: int, rule_id: str, category: str) -> bool:
        """Whether a flag at `offset` of this rule (or category) is switched off here."""
        named = EVERY_RULE in self.names or rule_id in self.names or category in self.names
        return named and self.start <= offset < self.end


def disabled_regions(text: str) -> list[Region]:
    """Every region of `text` in which some rule is switched off."""
    regions: list[Region] = []
    open_since: dict[str, int] = {}
    for directive in _DIRECTIVE.finditer(text):
        names = frozenset(n for n in re.split(r"[\s,]+", directive.group(2).strip()) if n) or frozenset(
            {EVERY_RULE}
        )
        if directive.group(1).lower() == "disable":
            for name in names:
                open_since.setdefault(name, directive.end())
        else:
            closing = list(open_since) if EVERY_RULE in names else [n for n in names if n in open_since]
            for name in closing:
                regions.append(Region(open_since.pop(name), directive.start(), frozenset({name})))
    regions.extend(Region(start, len(text), frozenset({name})) for name, start in open_since.items())
    return regions


def switched_off(regions: list[Region], offset: int, rule_id: str, category: str) -> bool:
    """Whether any region switches off a flag of this rule at `offset`."""
    return any(region.covers(offset, rule_id, category) for region in regions)
