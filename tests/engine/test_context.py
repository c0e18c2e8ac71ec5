"""Context from the customer's message: their mood, what they already tried, and the structure checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from replycoach import Engine, default_engine, load_bank
from replycoach.bank.vocabulary import Family
from replycoach.engine.compiled import Bank
from replycoach.engine.context import CustomerContext, read_customer

CONTEXT_BANK = Path(__file__).parents[1] / "banks" / "context"
UPSET_LATE = "This is ridiculous!!! My parcel is a week late and nobody answers."


# The customer's mood reads the curated bank's upset-cue family.
_CURATED = default_engine().bank


def _read(message: str) -> CustomerContext:
    return read_customer(message, _CURATED.checks, _CURATED.skip)


@pytest.fixture(scope="module")
def engine() -> Engine:
    """The engine over tests/banks/context."""
    return Engine(load_bank(CONTEXT_BANK))


@pytest.mark.parametrize(
    ("message", "mood"),
    [
        ("This is unacceptable. Third time I've asked!!", "upset"),
        ("WHERE IS MY ORDER", "upset"),
        ("My package never arrived and nobody replies", "upset"),
        ("Hi, could you tell me when my order ships?", "neutral"),
        ("Thank you so much, that was wonderful help", "positive"),
        # Distress without angry words: stranded, desperate.
        ("My mother is stranded at the airport and we are desperate", "upset"),
        # Upset without strong words: the company lost their thing, an exasperated question, time lost.
        ("The shop sent my camera off and now they don't know where it is. What's going on?", "upset"),
        ("I've been bounced between your teams all week", "upset"),
        ("My refund still hasn't come through", "upset"),
        # A status question, and the customer's own loss, stay calm.
        ("What's the status of my repair? Do you know what's going on with it?", "neutral"),
        ("I lost my phone, how do I sign in?", "neutral"),
    ],
)
def test_customer_mood(message: str, mood: str) -> None:
    assert _read(message).mood == mood


def test_upset_reasons_are_reported() -> None:
    context = _read("This is ridiculous!!! Third time I asked.")
    assert context.to_dict() == {
        "mood": "upset",
        "polarity": -0.326,
        "reasons": [
            "negative sentiment (-0.326)",
            "strong words: ridiculous, third time",
            "exclamation marks",
        ],
    }


@pytest.mark.parametrize(
    ("message", "action", "covered"),
    [
        ("I've reset my password three times and still can't log in", "resetting your password", True),
        ("I restarted the router but it still drops", "restarting the router", True),
        ("I restarted the router but it still drops", "clearing the cache", False),
        ("I have tried every fix I could find and it still fails", "reinstalling the app", True),
        ("I've been trying to contact you for weeks", "recovering your account", False),
        ("My parcel never arrived", "checking with your neighbours", False),
        # Saying an action fails for them says they tried it, in any form of the verb.
        ("I'm still unable to reset the password on my account!", "resetting your password", True),
        ("honestly I cannot recover my email", "recover your account with the steps here", True),
        ("I've been struggling to cancel my plan for days", "cancelling from the settings page", True),
        ("I followed all instructions and it is still offline", "restarting the printer", True),
        # Having to do it, again and again, says they did it.
        ("I'm forced to reset it every week, it's exhausting", "resetting your password", True),
        ("I had to call three times before anyone answered", "calling our support line", True),
        ("I have to wait for the engineer", "resetting the router", False),
        # Naming a process they went through.
        ("Your account recovery process is a nightmare", "recovering your account", True),
        # A question claims nothing: the subject after an auxiliary is the question's.
        ("How do I reset my password?", "resetting your password", False),
        ("Should I try restarting the router?", "restarting the router", False),
        ("Can't I just cancel my plan online?", "cancelling your plan", False),
        # Every form of a verb the bank's customer-task family knows, irregular ones too.
        ("I already sent you the screenshot twice", "sending the screenshot", True),
        ("I've already cancelled my subscription", "cancelling your subscription", True),
        ("I unplugged the charger and plugged it back in", "unplugging the charger", True),
        # "Tried everything", misspelt as customers write it.
        ("I tryed everything on the account recovery page", "recovering your account", True),
        # Sharing only the object is not the same action.
        ("I cannot access my account since the update", "recovering your account", False),
        ("The checkout form keeps failing", "recovering your account", False),
    ],
)
def test_what_the_customer_already_tried(message: str, action: str, covered: bool) -> None:
    assert _read(message).tried.covers(action) is covered


def test_repeat_ask_is_flagged_only_when_they_said_they_did_it(engine: Engine) -> None:
    draft = "Thanks for the details. Have you tried resetting your password?"
    tried = "I've reset my password twice and I still can't log in."
    (flag,) = [f for f in engine.analyze(draft, tried).flags if f.entry.category != "structure"]
    assert (flag.entry.id, flag.severity, flag.text) == (
        "repeat-ask.tried-already",
        "warning",
        "Have you tried resetting your password",
    )
    assert (
        flag.suggestions[0].text
        == "Since you've already tried resetting your password, could you tell me what happened"
    )
    assert engine.analyze(draft, "I can't log in.").flags == ()
    assert engine.analyze(draft).flags == ()


def test_acknowledgement_suggested_when_upset_and_none_given(engine: Engine) -> None:
    draft = "Hi Jo, let me check the tracking. I'll update you today."
    flags = engine.analyze(draft, UPSET_LATE).flags
    assert [(f.entry.id, f.severity, f.text) for f in flags] == [
        ("structure.acknowledge-feeling", "suggestion", "let me check the tracking")
    ]
    top = flags[0].suggestions[0]
    assert (top.text, top.span.start, top.span.end, top.scope) == (
        "I'm sorry it's running late. L",
        7,
        8,
        "insert",
    )
    assert engine.rewrite(draft, "all", UPSET_LATE).text == (
        "Hi Jo, I'm sorry it's running late. Let me check the tracking. I'll update you today."
    )


def test_next_step_suggested_when_upset_and_none_given(engine: Engine) -> None:
    draft = "I'm sorry about the wait. The parcel is with the courier. ^AB"
    flags = engine.analyze(draft, UPSET_LATE).flags
    assert [(f.entry.id, f.text) for f in flags] == [
        ("structure.next-step", "The parcel is with the courier")
    ]
    assert engine.rewrite(draft, "all", UPSET_LATE).text == (
        "I'm sorry about the wait. The parcel is with the courier. I'll chase it today. ^AB"
    )


def test_general_topic_when_no_cue_matches(engine: Engine) -> None:
    flags = engine.analyze("The settings are under Profile.", "This is unacceptable!!!").flags
    assert [f.entry.id for f in flags] == ["structure.acknowledge-feeling", "structure.next-step"]
    assert [s.text for s in flags[0].suggestions] == [
        "I'm sorry this has been so frustrating. ",
        "I can tell how stressful this is. ",
    ]
    assert flags[1].suggestions[0].text == " I'll follow up myself."
    unpunctuated = engine.analyze("The settings are under Profile", "This is unacceptable!!!").flags
    assert unpunctuated[1].suggestions[0].text == ". I'll follow up myself."


def test_no_structure_flags_for_a_calm_customer_or_a_complete_reply(engine: Engine) -> None:
    assert engine.analyze("The settings are under Profile.", "Where are the settings?").flags == ()
    complete = "I'm so sorry it's late. I'll chase the courier today."
    assert engine.analyze(complete, UPSET_LATE).flags == ()


def test_fixing_a_structure_flag_never_lowers_the_score(engine: Engine) -> None:
    draft = "Calm down. The parcel is with the courier."
    before = engine.analyze(draft, UPSET_LATE)
    after = engine.analyze(engine.rewrite(draft, "all", UPSET_LATE).text, UPSET_LATE)
    assert before.score == 100 - 15 - 5 - 5
    assert after.score == 100


def test_unknown_mood_condition_fires_without_a_customer_message(write_bank) -> None:  # type: ignore[no-untyped-def]
    from conftest import make_entry

    entry = make_entry(
        when={"customer_mood": ["upset", "unknown"]},
        examples={
            "flag": [
                {"text": "Just relax.", "flagged": "Just relax"},
                {"text": "Please just relax.", "flagged": "just relax", "customer": "This is awful!!"},
            ],
            "pass": [{"text": "Just relax.", "customer": "Thanks, lovely service."}, "Nothing here."],
        },
    )
    bank = load_bank(write_bank(entry))
    engine = Engine(bank)
    assert [f.text for f in engine.analyze("Just relax.").flags] == ["Just relax"]
    assert engine.analyze("Just relax.", "Thanks, lovely service.").flags == ()


def test_the_strong_words_are_the_banks_upset_cue_family() -> None:
    message = "The order is a shambles."
    assert _read(message).mood == "neutral"
    words = Bank.build([], vocabulary=[Family("upset-cue", phrases=("shambles", "still waiting"))])
    context = read_customer(message, words.checks, words.skip)
    assert (context.mood, context.reasons) == ("upset", ("strong words: shambles",))
    # Read over the canonical view, where whitespace runs are one space.
    assert read_customer("I am still   waiting.", words.checks, words.skip).reasons == (
        "strong words: still waiting",
    )
    # Without the family, the mood comes from sentiment, exclamation marks and capitals alone.
    assert read_customer("This is a joke!!").mood == "neutral"
    assert _read("This is a joke!!").reasons == ("strong words: joke", "exclamation marks")


@pytest.mark.parametrize(
    "draft",
    [
        "You've said we can't refund it.",
        "You were told we can't refund it.",
        "The courier has told you we can't refund it.",
        "You just said we can't refund it.",
    ],
)
def test_reported_speech_is_the_banks_family_over_the_canonical_view(draft: str) -> None:
    engine = default_engine()
    assert engine.analyze(draft).flags == ()
    # The same words in the agent's own voice are flagged.
    assert [f.text for f in engine.analyze("Sadly we can't refund it.").flags] == ["Sadly we can't refund it"]
