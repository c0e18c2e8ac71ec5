"""What an analysis returns: flags with their spans and suggestions, the score and the tone, and rewrites."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from replycoach.bank.model import Entry
from replycoach.engine.context import CustomerContext


@dataclass(frozen=True)
class Span:
    """A span of the draft in code points and in UTF-16 code units."""

    start: int
    end: int
    start_utf16: int
    end_utf16: int


@dataclass(frozen=True)
class Suggestion:
    """A warmer wording and the span of the draft it replaces."""

    text: str
    span: Span
    scope: str

    def to_dict(self) -> dict[str, Any]:
        """The suggestion as the API and CLI report it."""
        return {
            "text": self.text,
            "start": self.span.start,
            "end": self.span.end,
            "start_utf16": self.span.start_utf16,
            "end_utf16": self.span.end_utf16,
            "scope": self.scope,
        }


@dataclass(frozen=True)
class Flag:
    """One phrase of the draft that reads cold, why, and how to warm it up."""

    id: str
    entry: Entry
    text: str
    span: Span
    suggestions: tuple[Suggestion, ...]

    @property
    def rule_id(self) -> str:
        return self.entry.id

    @property
    def category(self) -> str:
        return self.entry.category

    @property
    def severity(self) -> str:
        """`warning` or `suggestion`, from the entry."""
        return self.entry.severity

    @property
    def message(self) -> str:
        return self.entry.message

    @property
    def why(self) -> str:
        return self.entry.why

    def to_dict(self) -> dict[str, Any]:
        """The flag as the API and CLI report it."""
        return flag_dict(self)


class FlagFields(Protocol):
    """What every flag reports, the bank's and the grammar pass's alike."""

    @property
    def id(self) -> str: ...
    @property
    def span(self) -> Span: ...
    @property
    def text(self) -> str: ...
    @property
    def suggestions(self) -> tuple[Suggestion, ...]: ...
    @property
    def rule_id(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def why(self) -> str: ...


def flag_dict(flag: FlagFields) -> dict[str, Any]:
    """A flag as the API and the CLI report it: the one JSON shape of a flag (the API documents it as
    FlagSchema, which a test holds to these keys)."""
    return {
        "id": flag.id,
        "rule_id": flag.rule_id,
        "category": flag.category,
        "severity": flag.severity,
        "text": flag.text,
        "start": flag.span.start,
        "end": flag.span.end,
        "start_utf16": flag.span.start_utf16,
        "end_utf16": flag.span.end_utf16,
        "message": flag.message,
        "why": flag.why,
        "suggestions": [s.to_dict() for s in flag.suggestions],
    }


@dataclass(frozen=True)
class Analysis:
    """The result of analyzing one draft."""

    flags: tuple[Flag, ...]
    score: int
    customer: CustomerContext = field(default_factory=CustomerContext)
    draft_polarity: float = 0.0
    # True when the draft had more flags than the engine returns (the first ones, in text order, are kept).
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The analysis as the API and CLI report it."""
        return {
            "flags": [f.to_dict() for f in self.flags],
            "truncated": self.truncated,
            "score": self.score,
            "tone": {"customer": self.customer.to_dict(), "draft": {"polarity": self.draft_polarity}},
        }


@dataclass(frozen=True)
class RewriteResult:
    """A draft with chosen suggestions applied, and which flags were applied or skipped."""

    text: str
    applied: tuple[dict[str, Any], ...]
    skipped: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        """The result as the API and CLI report it."""
        return {"text": self.text, "applied": list(self.applied), "skipped": list(self.skipped)}
