"""The cost of a change: both banks measured on one fixed worst-case draft."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import NO_WORRIES, make_entry
from replycoach import load_bank
from replycoach.bank.cost import DRAFT_CHARS, SHORT_CHARS, Cost, worst_case_draft

WriteBank = Callable[..., Path]
BASIC_BANK = Path(__file__).resolve().parent.parent / "banks" / "basic"


def test_the_worst_case_draft_is_fixed_long_and_full_of_the_changed_rules_words(
    write_bank: WriteBank,
) -> None:
    current = load_bank(BASIC_BANK)
    candidate = load_bank(write_bank(make_entry(), NO_WORRIES))
    draft = worst_case_draft(current, candidate)
    assert len(draft) == DRAFT_CHARS
    assert draft == worst_case_draft(current, candidate)
    short = draft[:SHORT_CHARS]
    assert "No worries, it's fixed." in short or "Ok no worries then." in short
    assert "..." in short and "!!" in short
    # The bank in service's examples are there too.
    assert "Sorry, you will have to wait 2 days for that." in draft


@pytest.mark.parametrize(
    ("current", "candidate", "too_slow"),
    [
        (0.040, 0.080, False),  # twice as slow: the limit
        (0.040, 0.140, True),  # more than twice, and more than 50 ms slower
        (0.001, 0.040, False),  # 40 times slower, but 39 ms: a small bank's noise
        (0.001, 0.060, True),
        (0.040, 0.020, False),
    ],
)
def test_a_change_is_too_slow_past_twice_the_time_and_50_ms(
    current: float, candidate: float, too_slow: bool
) -> None:
    assert Cost(current, candidate, DRAFT_CHARS).too_slow is too_slow
