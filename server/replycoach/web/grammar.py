"""The grammar pass the service runs: the configured LanguageTool backend, built once per app."""

from __future__ import annotations

import time
from collections.abc import Sequence

from flask import Flask, current_app

from replycoach.grammar import Grammar, GrammarResult

# A batch's drafts share one grammar budget, so a slow server cannot hold a batch for 100 timeouts (and
# past gunicorn's 60 s worker timeout): a draft is checked only while a whole timeout fits in what is left,
# and the rest get status "unavailable".
BATCH_BUDGET_SECONDS = 10.0


def init_app(app: Flask) -> None:
    """Build the grammar pass from the settings (a `local` backend starts LanguageTool now)."""
    app.extensions["replycoach.grammar"] = Grammar.configured(
        app.config["GRAMMAR_BACKEND"],
        app.config["LANGUAGETOOL_URL"],
        language=app.config["GRAMMAR_LANGUAGE"],
        timeout=app.config["GRAMMAR_TIMEOUT"],
        backoff=app.config["GRAMMAR_BACKOFF"],
    )


def current_grammar() -> Grammar:
    """The grammar pass of the app handling the current request."""
    grammar: Grammar = current_app.extensions["replycoach.grammar"]
    return grammar


def grammar_pass(texts: Sequence[str], wanted: bool | None) -> list[GrammarResult]:
    """The grammar result of each text; `wanted` None means: check when a backend is configured."""
    grammar = current_grammar()
    if wanted is False or grammar.backend == "off":
        return [GrammarResult("off", grammar.backend)] * len(texts)
    deadline = time.monotonic() + BATCH_BUDGET_SECONDS
    results: list[GrammarResult] = []
    for text in texts:
        if results and deadline - time.monotonic() < grammar.timeout:
            results.append(
                GrammarResult("unavailable", grammar.backend, detail="the batch's grammar budget is spent")
            )
        else:
            results.append(grammar.check(text))
    return results
