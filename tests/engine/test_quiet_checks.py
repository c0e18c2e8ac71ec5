"""The context checks (`quiet_when`) read the curated vocabulary's families: a way forward later in the
sentence or opening the next one, a condition before the match or its clause, a question without its mark;
and the structure checks read its acknowledgement and commitment families."""

from __future__ import annotations

from pathlib import Path

import pytest
from replycoach import Engine
from replycoach.bank.files import read_bank_dir
from replycoach.bank.model import Entry, Rewrite
from replycoach.engine.compiled import Bank

CURATED = Path(__file__).parents[2] / "phrasebank"


def _entry(entry_id: str, pattern: str, *quiet_when: str) -> Entry:
    return Entry(
        id=entry_id,
        category=entry_id.split(".")[0],
        severity="warning",
        patterns=(pattern,),
        message="A message.",
        why="A reason.",
        rewrites=(Rewrite("let me help", "phrase"), Rewrite("here is what I can do", "phrase")),
        flag_examples=(),
        pass_examples=(),
        quiet_when=quiet_when,
    )


ENTRIES = [
    _entry("hollow-empathy.understand", "I understand your frustration", "alternative-follows"),
    _entry("deflection.handled", "(that | this) is handled by <team>", "alternative-follows"),
    _entry("refusal.cant", "{agent} {cannot} <action: {remedy:base} ...>", "alternative-follows", "question"),
    _entry("refusal.not-possible", "it is not possible", "question"),
    _entry("blame.have-to", "you will have to <action>", "conditional"),
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    """These entries over the curated bank's vocabulary, whose families the checks read."""
    return Engine(Bank.build(ENTRIES, vocabulary=read_bank_dir(CURATED)[0].vocabulary))


def _flagged(engine: Engine, text: str, entry_id: str) -> list[str]:
    return [f.text for f in engine.analyze(text).flags if f.entry.id == entry_id]


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        # A commitment later in the sentence, by the agent's side in any of its names.
        ("I understand your frustration, and I've refunded the late fee.", "hollow-empathy.understand"),
        ("That's handled by our billing team, so I've passed your details to them.", "deflection.handled"),
        ("We can't refund it, but Acme can send a new one.", "refusal.cant"),
        ("We can't refund it; Acme can send a new one today.", "refusal.cant"),
        ("We can't refund it, our team will send a new one.", "refusal.cant"),
        # The next sentence opens with one (after words the core view steps over, too).
        ("We can't refund it. Acme can send a new one today.", "refusal.cant"),
        ("We can't refund it. Our billing team will call you today.", "refusal.cant"),
        ("We can't refund it. However, there is a workaround.", "refusal.cant"),
        ("Sadly we can't refund it. Still, you can exchange it for store credit.", "refusal.cant"),
        # The match follows a condition's clause, in its sentence.
        ("If you want it to work on older phones, you'll have to use the web app.", "blame.have-to"),
        ("If you need it today, you'll have to pay for express delivery.", "blame.have-to"),
        ("So if it's urgent, you'll have to call us.", "blame.have-to"),
        # ... after skippable words opening the draft, which the core view drops there as everywhere.
        (
            "I'm afraid that if the payment does not go through by Friday, you'll have to pay again.",
            "blame.have-to",
        ),
        (
            "I want to let you know that if the parcel is not back with us by Friday, you'll have to pay.",
            "blame.have-to",
        ),
        # ... or inside the condition's own clause, however long, when no comma parts them (a hurried reply).
        ("If the payment does not go through by Friday you'll have to pay again.", "blame.have-to"),
        ("So if the parcel is not back with us by the end of the month you'll have to pay.", "blame.have-to"),
        # An indirect question, without its question mark.
        ("I wonder why we can't merge these two articles.", "refusal.cant"),
        ("Can you tell me why it is not possible", "refusal.not-possible"),
        ("Do you know if it is not possible to change it", "refusal.not-possible"),
    ],
)
def test_the_check_keeps_the_match_quiet(engine: Engine, text: str, entry_id: str) -> None:
    assert _flagged(engine, text, entry_id) == []


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("I understand your frustration.", "hollow-empathy.understand"),
        ("I understand your frustration, and it is annoying.", "hollow-empathy.understand"),
        ("That's handled by our billing team.", "deflection.handled"),
        ("We can't refund it, and we can't replace it either.", "refusal.cant"),
        ("We can't refund it. We can't replace it either.", "refusal.cant"),
        ("We can't refund it; Acme can not send one either.", "refusal.cant"),
        ("You'll have to use the web app.", "blame.have-to"),
        ("We provided the link, you'll have to click it.", "blame.have-to"),
        ("If it works, great. You'll have to restart it.", "blame.have-to"),
        ("If it works, you can keep it. Otherwise you'll have to return it.", "blame.have-to"),
        ("If it works, you'll love it and you'll have to tell us.", "blame.have-to"),
        ("Even so, you'll have to wait.", "blame.have-to"),
        ("I want to let you know that you'll have to wait.", "blame.have-to"),
        ("I know why we can't merge these articles.", "refusal.cant"),
        ("I wonder if you could check; we can't merge them.", "refusal.cant"),
        ("It is not possible.", "refusal.not-possible"),
    ],
)
def test_without_its_words_the_match_is_flagged(engine: Engine, text: str, entry_id: str) -> None:
    assert _flagged(engine, text, entry_id)


# The structure checks read the curated `acknowledgement` and `commitment` families.

UPSET = "This is ridiculous!! My parcel is a week late and nobody answers."


@pytest.fixture(scope="module")
def structured() -> Engine:
    """These entries with the curated bank's topics and vocabulary, so the structure checks run."""
    data = read_bank_dir(CURATED)[0]
    return Engine(Bank.build(ENTRIES, data.topics, data.vocabulary))


def _structure(engine: Engine, text: str) -> list[str]:
    return [f.entry.id for f in engine.analyze(text, UPSET).flags if f.entry.category == "structure"]


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        # A commitment by the agent's side in any of its names, with the words the core view steps over.
        ("I'm sorry about the wait. Our team will call you about it.", []),
        ("I'm sorry about the wait. We're currently looking into it.", []),
        ("I'm sorry about the wait. I've chased the courier.", []),
        ("I'm sorry about the wait. It should be with you within 2 days.", []),
        # Asking the customer to write, or saying what we have, is no next step.
        ("I'm sorry about the wait. Please let us know if it arrives.", ["structure.next-step"]),
        ("I'm sorry about the wait. We have all the details on file.", ["structure.next-step"]),
        ("I'm sorry about the wait. The branch is open on Saturdays.", ["structure.next-step"]),
        # The feeling named, or not.
        ("That sounds really frustrating. I'll chase the courier today.", []),
        ("I can see why you're upset. I'll chase the courier today.", []),
        ("The parcel is with the courier. I'll chase them today.", ["structure.acknowledge-feeling"]),
    ],
)
def test_the_structure_checks_read_the_acknowledgement_and_commitment_families(
    structured: Engine, text: str, rules: list[str]
) -> None:
    assert _structure(structured, text) == rules
