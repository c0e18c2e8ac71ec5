"""The outcome of one grammar pass, and an analysis with its grammar flags merged in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from replycoach.engine import Analysis
from replycoach.grammar.flags import GrammarFlag, merge_flags

# "ok": LanguageTool checked the draft; "unavailable": it could not (down, slow, not installed), so only
# the bank's flags are there; "off": no grammar pass (no backend configured, or not asked for).
STATUSES = ("ok", "unavailable", "off")


@dataclass(frozen=True)
class GrammarResult:
    """What the grammar pass found for one draft, or why it found nothing."""

    status: str
    backend: str
    flags: tuple[GrammarFlag, ...] = ()
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The pass's status as the API and CLI report it: `{status, backend}`."""
        return {"status": self.status, "backend": self.backend}


def with_grammar(analysis: Analysis, grammar: GrammarResult) -> dict[str, Any]:
    """`analysis.to_dict()` with the grammar flags merged into `flags` and the pass's status as `grammar`."""
    merged = analysis.to_dict()
    if grammar.flags:  # without any, the flags are already in order, and serialised once
        merged["flags"] = [flag.to_dict() for flag in merge_flags(analysis.flags, grammar.flags)]
    merged["grammar"] = grammar.to_dict()
    return merged
