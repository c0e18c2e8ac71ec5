"""The engine the service runs: the configured phrase bank, loaded once per app."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from .. import default_engine
from ..engine import Analysis, Engine
from ..errors import BankError, DraftTooLongError
from ..lint import load_bank
from .config import ConfigError


def init_app(app: Flask) -> None:
    """Load the phrase bank named by BANK_DIR (default: the curated bank) into an engine on the app."""
    bank_dir = app.config["BANK_DIR"]
    try:
        bank = load_bank(Path(bank_dir)) if bank_dir else default_engine().bank
    except BankError as err:
        raise ConfigError(f"{err}\nRun `replycoach bank lint {bank_dir or ''}` for details.") from err
    app.extensions["replycoach.engine"] = Engine(bank, max_chars=app.config["MAX_DRAFT_CHARS"])


def current_engine() -> Engine:
    """The engine of the app handling the current request."""
    engine: Engine = current_app.extensions["replycoach.engine"]
    return engine


def analyze_batch(drafts: Sequence[dict[str, Any]]) -> list[Analysis]:
    """Analyze drafts in order; a draft over the limit is named by its place, like `drafts[3].text`."""
    engine = current_engine()
    results = []
    for index, draft in enumerate(drafts):
        try:
            results.append(engine.analyze(draft["text"], draft["customer_message"]))
        except DraftTooLongError as err:
            raise DraftTooLongError(f"drafts[{index}].{err.field}", err.length, err.limit) from err
    return results
