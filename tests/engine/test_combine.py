"""Flags that read colder together: an entry's `warning_with` makes it a warning when such a flag follows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import make_entry
from replycoach import Engine, load_bank

WriteBank = Callable[..., Path]


@pytest.fixture
def engine(write_bank: WriteBank) -> Engine:
    understand = make_entry(
        id="hollow-empathy.get-it-but",
        category="hollow-empathy",
        severity="suggestion",
        patterns=["I get it, but"],
        warning_with=["refusal"],
        examples={
            "flag": [
                {"text": "I get it, but the shop is shut.", "flagged": "I get it, but"},
                {"text": "Sure, I get it, but it's late.", "flagged": "I get it, but"},
            ],
            "pass": ["I get it and I'll fix it.", "I got it, thanks."],
        },
    )
    refusal = make_entry(
        id="refusal.no-can-do",
        category="refusal",
        patterns=["no can do"],
        examples={
            "flag": [
                {"text": "Sorry, no can do.", "flagged": "no can do"},
                {"text": "No can do today.", "flagged": "No can do"},
            ],
            "pass": ["We can do it.", "No, we can do it today."],
        },
    )
    return Engine(load_bank(write_bank(understand, refusal)))


@pytest.mark.parametrize(
    ("draft", "severities"),
    [
        # A refusal after it, in the same sentence or the next: the empathy was a run-up to the no.
        (
            "I get it, but no can do.",
            [("hollow-empathy.get-it-but", "warning"), ("refusal.no-can-do", "warning")],
        ),
        (
            "I get it, but it's shut. No can do.",
            [("hollow-empathy.get-it-but", "warning"), ("refusal.no-can-do", "warning")],
        ),
        # Alone, or with the refusal before it or two sentences on, it keeps its own severity.
        ("I get it, but the shop is shut.", [("hollow-empathy.get-it-but", "suggestion")]),
        (
            "No can do. I get it, but it is shut.",
            [("refusal.no-can-do", "warning"), ("hollow-empathy.get-it-but", "suggestion")],
        ),
        (
            "I get it, but it's late. The shop is shut. No can do.",
            [("hollow-empathy.get-it-but", "suggestion"), ("refusal.no-can-do", "warning")],
        ),
    ],
)
def test_a_following_refusal_makes_it_a_warning(
    engine: Engine, draft: str, severities: list[tuple[str, str]]
) -> None:
    assert [(f.entry.id, f.severity) for f in engine.analyze(draft).flags] == severities


def test_the_score_counts_the_escalated_warning(engine: Engine) -> None:
    together = engine.analyze("I get it, but no can do.").score
    apart = engine.analyze("I get it, but it's late. The shop is shut. No can do.").score
    assert together < apart
