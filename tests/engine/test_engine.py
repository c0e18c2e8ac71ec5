"""What `analyze` returns for a draft: exact flags, spans in both units, suggestions and score."""

from __future__ import annotations

import pytest
from replycoach import DraftTooLongError, Engine


def test_flag_has_every_field(basic: Engine) -> None:
    text = "Hi Sam, you'll have to wait 24 hours for the refund."
    (flag,) = basic.analyze(text).to_dict()["flags"]
    assert flag == {
        "id": "blame.have-to-wait@8",
        "rule_id": "blame.have-to-wait",
        "category": "blame",
        "severity": "warning",
        "text": "you'll have to wait 24 hours",
        "start": 8,
        "end": 36,
        "start_utf16": 8,
        "end_utf16": 36,
        "message": "Orders the customer to wait.",
        "why": "It leaves the customer alone with the delay.",
        "suggestions": [
            {
                "text": "I'll make sure you hear from me within 24 hours",
                "start": 8,
                "end": 36,
                "start_utf16": 8,
                "end_utf16": 36,
                "scope": "phrase",
            },
            {
                "text": "I've passed this on, and you'll have an update within 24 hours",
                "start": 8,
                "end": 51,
                "start_utf16": 8,
                "end_utf16": 51,
                "scope": "sentence",
            },
        ],
    }


def test_clean_draft_scores_100(basic: Engine) -> None:
    result = basic.analyze("Thanks for writing in, I've refunded the order.")
    assert result.to_dict() == {
        "flags": [],
        "truncated": False,
        "score": 100,
        "tone": {"customer": {"mood": None, "polarity": None, "reasons": []}, "draft": {"polarity": 0.2}},
    }


def test_score_counts_severity(basic: Engine) -> None:
    text = "Sorry to hear that. Please calm down. You'll have to wait 2 days."
    result = basic.analyze(text)
    assert [f.severity for f in result.flags] == ["suggestion", "warning", "warning"]
    assert result.score == 100 - 5 - 15 - 15


def test_utf16_offsets_after_emoji(basic: Engine) -> None:
    text = "😀😀 Please calm down 🙏"
    (flag,) = basic.analyze(text).flags
    assert (flag.span.start, flag.span.end) == (3, 19)
    assert (flag.span.start_utf16, flag.span.end_utf16) == (5, 21)
    assert text.encode("utf-16-le")[10:42].decode("utf-16-le") == "Please calm down"


def test_curly_apostrophes_and_whitespace_runs_match(basic: Engine) -> None:
    text = "Sorry, you\u2019ll have  to\nwait 3 days."
    (flag,) = basic.analyze(text).flags
    assert flag.text == "you\u2019ll have  to\nwait 3 days"
    assert flag.suggestions[0].text == "I\u2019ll make sure you hear from me within 3 days"


def test_case_insensitive(basic: Engine) -> None:
    (flag,) = basic.analyze("PLEASE CALM DOWN.").flags
    assert (flag.entry.id, flag.text) == ("dismissive.calm-down", "PLEASE CALM DOWN")


def test_word_boundaries(basic: Engine) -> None:
    assert basic.analyze("Becalm downtown is quiet.").flags == ()


def test_unless_exception(basic: Engine) -> None:
    assert basic.analyze("We can't wait to see you!").flags == ()
    assert [f.text for f in basic.analyze("We can't refund it.").flags] == ["We can't refund it"]


def test_longer_match_wins_overlap(basic: Engine) -> None:
    flags = basic.analyze("Unfortunately, we can't refund this order.").flags
    assert [(f.entry.id, f.text) for f in flags] == [
        ("negative-framing.unfortunately-we-cant", "Unfortunately, we can't refund this order")
    ]


def test_flags_in_text_order_with_unique_ids(basic: Engine) -> None:
    text = "Calm down. We cannot change it. Calm down!"
    flags = basic.analyze(text).flags
    assert [(f.id, f.text) for f in flags] == [
        ("dismissive.calm-down@0", "Calm down"),
        ("refusal.we-cant@11", "We cannot change it"),
        ("dismissive.calm-down@32", "Calm down"),
    ]


def test_when_condition_uses_customer_mood(basic: Engine) -> None:
    draft = "Your refund is done. Have a great day!"
    upset = "This is unacceptable!!! Third time asking for my refund."
    happy = "Thank you so much, that is wonderful."
    assert [f.text for f in basic.analyze(draft, upset).flags] == ["Have a great day!"]
    assert basic.analyze(draft, happy).flags == ()
    assert basic.analyze(draft).flags == ()
    assert basic.analyze(draft, upset).customer.mood == "upset"


def test_draft_over_limit_is_refused(basic: Engine) -> None:
    with pytest.raises(DraftTooLongError) as caught:
        basic.analyze("a" * 20_001)
    assert str(caught.value) == (
        "text is 20,001 characters long; the limit is 20,000. Shorten it or split it into several parts."
    )
    assert basic.analyze("a" * 20_000).flags == ()


def test_customer_message_over_limit_is_refused(basic: Engine) -> None:
    with pytest.raises(DraftTooLongError, match="^customer_message is 20,001 characters"):
        basic.analyze("hi", "b" * 20_001)


def test_non_string_is_refused(basic: Engine) -> None:
    with pytest.raises(TypeError, match="text must be a string, not int"):
        basic.analyze(42)  # type: ignore[arg-type]


def test_limit_is_configurable(basic: Engine) -> None:
    small = Engine(basic.bank, max_chars=10)
    with pytest.raises(DraftTooLongError, match="the limit is 10"):
        small.analyze("Calm down, please.")


def test_flags_past_the_cap_are_cut_in_text_order_and_marked(basic: Engine) -> None:
    capped = Engine(basic.bank, max_flags=3)
    text = "Calm down. " * 5
    result = capped.analyze(text)
    assert [f.id for f in result.flags] == [
        "dismissive.calm-down@0",
        "dismissive.calm-down@11",
        "dismissive.calm-down@22",
    ]
    assert result.truncated is True
    assert result.to_dict()["truncated"] is True
    # At the cap exactly, nothing is cut.
    assert Engine(basic.bank, max_flags=5).analyze(text).truncated is False


def test_rewrite_all_applies_only_the_flags_returned(basic: Engine) -> None:
    capped = Engine(basic.bank, max_flags=2)
    result = capped.rewrite("Calm down. Calm down. Calm down.", "all")
    assert [a["id"] for a in result.applied] == ["dismissive.calm-down@0", "dismissive.calm-down@11"]
    assert result.text.endswith("Calm down.")


@pytest.mark.parametrize(
    "text",
    [
        'You wrote "calm down" in the subject line.',
        "The note says \u201cplease calm down\u201d, which I'm sorry about.",
        "I'm sorry the agent told you to calm down.",
        "You mentioned that we can't refund it; in fact I can.",
    ],
)
def test_quoted_and_reported_speech_stay_quiet(basic: Engine, text: str) -> None:
    assert basic.analyze(text).flags == ()


def test_own_voice_after_a_quote_is_still_flagged(basic: Engine) -> None:
    text = 'You wrote "help". Please calm down.'
    assert [f.text for f in basic.analyze(text).flags] == ["Please calm down"]


def test_slots_and_spans_after_wide_characters(basic: Engine) -> None:
    text = "Caf\u00e9 \U0001f600: you'll have to wait 24 hours."
    (flag,) = basic.analyze(text).flags
    assert (flag.text, flag.span.start, flag.span.end) == ("you'll have to wait 24 hours", 8, 36)
    assert flag.suggestions[0].text == "I'll make sure you hear from me within 24 hours"
    assert (flag.suggestions[0].span.start, flag.suggestions[0].span.end) == (8, 36)
