"""Reply Coach's exceptions: one base class, one subclass per thing a caller can get wrong."""

from __future__ import annotations

from dataclasses import dataclass


class ReplyCoachError(Exception):
    """Base class of every error Reply Coach raises on purpose."""


class DraftTooLongError(ReplyCoachError):
    """Raised when a draft or customer message is longer than the configured limit."""

    def __init__(self, field: str, length: int, limit: int) -> None:
        self.field = field
        self.length = length
        self.limit = limit
        super().__init__(
            f"{field} is {length:,} characters long; the limit is {limit:,}. "
            f"Shorten it or split it into several parts."
        )


class UnknownFlagError(ReplyCoachError):
    """Raised when `rewrite` is asked to apply a flag id the analysis did not produce."""

    def __init__(self, flag_ids: list[str]) -> None:
        self.flag_ids = flag_ids
        super().__init__(
            "no flag with id "
            + ", ".join(repr(f) for f in flag_ids)
            + " in this draft; analyze the same text again and use the ids it returns"
        )


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a phrase bank: where it is and what to change."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.file, self.entry, self.field) if part)
        return f"{where}: {self.message}"


class BankError(ReplyCoachError):
    """Raised when a phrase bank does not load: carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"the phrase bank has {count} problem{'s' if count != 1 else ''}:\n{lines}")
