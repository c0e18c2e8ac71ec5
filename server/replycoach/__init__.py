"""Reply Coach: flags cold or dismissive phrasing in support replies and offers warmer rewrites."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from replycoach.bank.files import curated_bank_dir
from replycoach.bank.loader import load_bank
from replycoach.engine import Analysis, Engine, Flag, RewriteResult, Suggestion
from replycoach.engine.compiled import Bank
from replycoach.errors import BankError, DraftTooLongError, ReplyCoachError, UnknownFlagError

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Bank",
    "BankError",
    "DraftTooLongError",
    "Engine",
    "Flag",
    "ReplyCoachError",
    "RewriteResult",
    "Suggestion",
    "UnknownFlagError",
    "analyze",
    "default_engine",
    "load_bank",
    "rewrite",
]


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The engine over the curated bank shipped with Reply Coach (loaded once)."""
    return Engine(load_bank(curated_bank_dir()))


def analyze(text: str, customer_message: str | None = None) -> Analysis:
    """Analyze a draft against the curated bank; see `Engine.analyze`."""
    return default_engine().analyze(text, customer_message)


def rewrite(
    text: str, apply: Literal["all"] | Sequence[str], customer_message: str | None = None
) -> RewriteResult:
    """Apply suggestions to a draft using the curated bank; see `Engine.rewrite`."""
    return default_engine().rewrite(text, apply, customer_message)
