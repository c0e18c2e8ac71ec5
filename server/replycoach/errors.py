"""Every error Reply Coach raises on purpose: one base class, one shallow tree, grouped by who raises it.

Each layer raises these and nothing web-specific; the service maps them to HTTP statuses in one place
(`replycoach.web.errors`), the command line to exit codes and messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class ReplyCoachError(Exception):
    """Base class of every error Reply Coach raises on purpose."""


# The engine


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


class BatchTooLargeError(ReplyCoachError):
    """Raised when a batch's drafts and customer messages together are longer than the configured budget."""

    def __init__(self, length: int, limit: int) -> None:
        self.length = length
        self.limit = limit
        super().__init__(
            f"the drafts and customer messages of this batch come to {length:,} characters; the limit is "
            f"{limit:,} per batch. Send them in several smaller batches."
        )


class InputError(ReplyCoachError):
    """Raised when a file given to check cannot be read as text; the message says why."""


class UnknownFlagError(ReplyCoachError):
    """Raised when `rewrite` is asked to apply a flag id the analysis did not produce."""

    def __init__(self, flag_ids: list[str]) -> None:
        self.flag_ids = flag_ids
        super().__init__(
            "no flag with id "
            + ", ".join(repr(f) for f in flag_ids)
            + " in this draft; analyze the same text again and use the ids it returns"
        )


# The phrase bank


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


class ExportError(ReplyCoachError):
    """Raised when the bank cannot be written to the folder asked for."""


# Settings and storage


class ConfigError(ReplyCoachError):
    """Raised when a setting from the environment or the config file has a value the service cannot use."""


class EntryNotFoundError(ReplyCoachError):
    """Raised when an entry id (or one of its revisions) names nothing in the bank."""


class EntryExistsError(ReplyCoachError):
    """Raised when an entry is created with the id of one the bank already has."""


class StaleEntryError(ReplyCoachError):
    """Raised when a write names an entry revision (ETag) that is no longer the current one."""


class InvalidEntryError(ReplyCoachError):
    """Raised when a write would leave the bank invalid: carries every problem, as the loader reports them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class BankBusyError(ReplyCoachError):
    """Raised when a change would check the bank while another check runs: one at a time, so two costly
    changes never double the memory and the time a worker is held."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(
            "Another change to the phrase bank is being checked right now; nothing changed. "
            f"Try again in {retry_after} s."
        )


class CheckStopped(ReplyCoachError):
    """Raised inside a bank check past its time budget (or given up by whoever waits for it): where it got."""

    def __init__(self, progress: str) -> None:
        self.progress = progress
        super().__init__(progress)


class KeyNotFoundError(ReplyCoachError):
    """Raised when a key id names no key."""

    def __init__(self, key_id: int) -> None:
        self.key_id = key_id
        super().__init__(f"no key with id {key_id}; `replycoach keys list` shows the ids")


class SampleNotFoundError(ReplyCoachError):
    """Raised when a sample reply id names none."""


class SampleFileError(ReplyCoachError):
    """Raised when a samples file cannot be read or a row of it holds no reply text."""


# Curated bank updates


class StaleUpdateError(ReplyCoachError):
    """Raised when a review names a curated revision that is not the one waiting, or none is waiting."""


class UnknownChangeError(ReplyCoachError):
    """Raised when a review takes an entry id that is not one of the pending changes."""

    def __init__(self, ids: list[str], pending: list[str]) -> None:
        self.ids = ids
        listed = ", ".join(pending) or "none"
        super().__init__(
            f"{', '.join(repr(i) for i in ids)} {'is' if len(ids) == 1 else 'are'} not a pending change "
            f"of the curated update (pending: {listed}); GET /v1/phrasebank/curated-update lists them."
        )


# Grammar


class GrammarUnavailableError(ReplyCoachError):
    """Raised when the grammar backend cannot answer: down, too slow, not installed, or answering nonsense."""


# The service


class ApiError(ReplyCoachError):
    """Raised by the web layer for a request it refuses; carries the status, code, message and details."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}
