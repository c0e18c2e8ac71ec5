"""`rewrite` applies chosen suggestions and changes nothing else."""

from __future__ import annotations

import pytest
from replycoach import Engine, UnknownFlagError


def test_apply_all(basic: Engine) -> None:
    text = "Please calm down. You'll have to wait 24 hours for the refund."
    result = basic.rewrite(text, "all")
    assert result.text == (
        "I can tell how stressful this is, and I want to fix it alongside you. "
        "I'll make sure you hear from me within 24 hours for the refund."
    )
    assert [a["id"] for a in result.applied] == ["dismissive.calm-down@0", "blame.have-to-wait@18"]
    assert result.skipped == ()


def test_apply_chosen_ids_only(basic: Engine) -> None:
    text = "Please calm down. You'll have to wait 24 hours."
    result = basic.rewrite(text, ["blame.have-to-wait@18"])
    assert result.text == "Please calm down. I'll make sure you hear from me within 24 hours."
    assert result.to_dict()["applied"] == [
        {
            "id": "blame.have-to-wait@18",
            "rule_id": "blame.have-to-wait",
            "from": "You'll have to wait 24 hours",
            "to": "I'll make sure you hear from me within 24 hours",
        }
    ]


def test_unknown_flag_id(basic: Engine) -> None:
    with pytest.raises(UnknownFlagError) as caught:
        basic.rewrite("Please calm down.", ["refusal.we-cant@3"])
    assert str(caught.value) == (
        "no flag with id 'refusal.we-cant@3' in this draft; "
        "analyze the same text again and use the ids it returns"
    )


def test_overlapping_rewrites_skip_the_later_one(basic: Engine) -> None:
    text = "Calm down, we can't refund it."
    flags = basic.analyze(text).flags
    assert [f.entry.id for f in flags] == ["dismissive.calm-down", "refusal.we-cant"]
    result = basic.rewrite(text, "all")
    # The sentence-scope rewrite of "Calm down" covers the refusal too.
    assert result.text == "I can tell how stressful this is, and I want to fix it alongside you."
    assert result.skipped == (
        {
            "id": "refusal.we-cant@11",
            "reason": "its rewrite overlaps the one applied for dismissive.calm-down@0",
        },
    )


def test_nothing_to_apply_returns_text_unchanged(basic: Engine) -> None:
    text = "  Thanks!\r\n\r\nAll sorted.  "
    assert basic.rewrite(text, "all").text == text
    assert basic.rewrite(text, []).text == text
