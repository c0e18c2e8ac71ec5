"""What follows an acknowledgement decides it, CheckList style: "I understand, but ..." and "Sorry to hear
that" are brush-offs when a no or nothing follows them, and stand when the agent goes on to act.

Templates cross the ways of saying the acknowledgement with what comes after it; every sentence is checked
for the one entry it exercises (the rest of the bank may flag the no itself, which is right and not what
this measures).
"""

from __future__ import annotations

from itertools import product

import pytest
from replycoach import Engine

UNDERSTANDING = (
    "I understand your frustration",
    "I completely understand your frustration",
    "I totally get how you feel",
    "We do understand the situation",
    "I can certainly understand your concern",
    "I fully appreciate the issue",
    "We absolutely understand how you feel",
)
# A no after the turn: the understanding was only a run-up to it.
REFUSALS = (
    "we can't refund opened items",
    "we cannot change the date once it ships",
    "it is our policy not to refund gift cards",
    "we won't be able to extend the trial",
    "there is nothing more we can do",
)
# The agent acting after the turn: the understanding stands.
ACTIONS = (
    "I can send a replacement today",
    "let me check the order for you",
    "I've passed it to our billing team",
    "we'll refund the shipping cost this afternoon",
    "you can switch to the yearly plan instead",
)
TURNS = ("but", "however,")

SORRY = (
    "Sorry to hear that",
    "I'm so sorry to hear that",
    "We're very sorry to hear this",
    "Our team is sorry to hear about that",
)
# Nothing that owns the problem after it.
BARE = ("", " What is your order number?", " Please check the FAQ.", " Is there anything else?")
# The agent acting at once, in the same sentence or the next.
OWNED = (
    ", and I've refunded the fee.",
    ". Let me check your account now.",
    ". I'll send a new one today.",
    ", so I've passed it to the courier.",
    ". We're resending the parcel this afternoon.",
)


def _ids(engine: Engine, text: str) -> set[str]:
    return {flag.rule_id for flag in engine.analyze(text).flags}


def _understanding(acknowledgement: str, turn: str, rest: str) -> str:
    return f"{acknowledgement}, {turn} {rest}."


@pytest.mark.parametrize("turn", TURNS)
def test_understanding_then_a_no_is_flagged(turn: str, curated: Engine) -> None:
    texts = [_understanding(a, turn, r) for a, r in product(UNDERSTANDING, REFUSALS)]
    missed = [text for text in texts if "hollow-empathy.understand-but" not in _ids(curated, text)]
    assert not missed, missed


@pytest.mark.parametrize("turn", TURNS)
def test_understanding_then_an_action_stands(turn: str, curated: Engine) -> None:
    texts = [_understanding(a, turn, r) for a, r in product(UNDERSTANDING, ACTIONS)]
    flagged = [text for text in texts if "hollow-empathy.understand-but" in _ids(curated, text)]
    assert not flagged, flagged


def test_bare_sorry_to_hear_that_is_flagged(curated: Engine) -> None:
    texts = [f"{sorry}.{rest}" for sorry, rest in product(SORRY, BARE)]
    missed = [text for text in texts if "sympathy.sorry-to-hear-that" not in _ids(curated, text)]
    assert not missed, missed


def test_sorry_to_hear_that_then_an_action_stands(curated: Engine) -> None:
    texts = [f"{sorry}{rest}" for sorry, rest in product(SORRY, OWNED)]
    flagged = [text for text in texts if "sympathy.sorry-to-hear-that" in _ids(curated, text)]
    assert not flagged, flagged
