"""Behavioural tests in the manner of CheckList (Ribeiro et al., ACL 2020).

Two parts. The first checks the generators themselves (templates.py, perturb.py): enough sentences per
category, each once, deterministic; every perturbation changes the text when it applies and returns None
otherwise. The second measures the curated engine with them and holds each rate to its floor in floors.py, a
ratchet: the floors are today's rates rounded down, so a change that makes the engine worse fails here, and a
change that makes it better should raise the floors (`python bench/robustness.py --floors`).
"""

from __future__ import annotations

from collections import Counter

import pytest
from replycoach import Engine
from replycoach.bank.model import CATEGORIES
from replycoach.engine.context import read_customer

from . import measure, perturb, templates
from .floors import FLOORS, TARGET

ITEMS = templates.items()
CUSTOMERS = templates.customers()
SHOWN = 10

# ---------------------------------------------------------------------------------------------------------
# The generators
# ---------------------------------------------------------------------------------------------------------


def test_every_warn_category_has_hundreds_of_warn_templates() -> None:
    counts = Counter(item.category for item in ITEMS if item.expected == templates.WARN)
    for category in templates.WARN_CATEGORIES:
        assert counts[category] >= templates.MIN_WARN, (category, counts[category])


def test_every_warn_category_has_controls() -> None:
    controls = {item.category for item in ITEMS if item.expected == templates.QUIET}
    assert controls == set(templates.WARN_CATEGORIES)


def test_items_are_unique_well_formed_and_deterministic() -> None:
    pairs = [(item.text, item.customer) for item in ITEMS]
    assert len(pairs) == len(set(pairs))
    assert templates.items() == ITEMS
    for item in ITEMS:
        assert item.category in CATEGORIES, item
        assert item.expected in (templates.WARN, templates.QUIET), item
        assert item.family.startswith(item.category + "/"), item
        assert item.text[0].isupper() and item.text[-1] in ".!?", item
        assert "  " not in item.text and " ," not in item.text and ",," not in item.text, item


def test_customers_are_unique_well_formed_and_deterministic() -> None:
    texts = [customer.text for customer in CUSTOMERS]
    assert len(texts) == len(set(texts))
    assert templates.customers() == CUSTOMERS
    upset = {customer.meaning for customer in CUSTOMERS if customer.mood == "upset"}
    assert upset == set(templates.UPSET_CUES)
    for customer in CUSTOMERS:
        assert customer.mood in ("upset", "calm"), customer
        assert customer.text[0].isupper() and customer.text[-1] in ".!?", customer
        assert "  " not in customer.text, customer


def _bank_texts(engine: Engine) -> list[str]:
    return [
        example.text
        for entry in engine.bank.entries
        for example in (*entry.flag_examples, *entry.pass_examples)
    ]


@pytest.mark.parametrize("name", perturb.PERTURBATIONS)
def test_a_perturbation_changes_the_text_or_returns_none(name: str, curated: Engine) -> None:
    apply = perturb.PERTURBATIONS[name]
    texts = [item.text for item in ITEMS] + _bank_texts(curated)
    results = [(text, apply(text)) for text in texts]
    unchanged = [text for text, result in results if result == text]
    assert not unchanged, unchanged[:SHOWN]
    assert any(result is not None for _, result in results), f"{name} never applies"


EXPECTED: list[tuple[str, str, str | None]] = [
    ("company-subject", "We're unable to refund the order.", "Acme is unable to refund the order."),
    ("company-subject", "We no longer offer paper statements.", "Acme no longer offers paper statements."),
    ("company-subject", "Sorry, we don't support Linux.", "Sorry, Acme doesn't support Linux."),
    ("company-subject", "I'm afraid not.", None),
    ("company-subject", "I'll do my best.", None),
    ("company-subject", "Thanks for the photo.", None),
    ("our-team-subject", "We can't do that.", "Our team can't do that."),
    ("store-subject", "I have no control over it.", "The store has no control over it."),
    ("first-person-singular", "We're unable to refund it.", "I'm unable to refund it."),
    ("first-person-singular", "As we said, our team will call.", "As I said, my team will call."),
    ("first-person-singular", "See our last reply; we were clear.", "See my last reply; I was clear."),
    ("first-person-singular", "Our policy is firm, so ask us.", None),
    ("adverb-before-modal", "We can't refund it.", "We currently can't refund it."),
    ("adverb-before-modal", "You'll have to wait.", "You'll really have to wait."),
    ("adverb-before-modal", "That's not possible.", "That's currently not possible."),
    ("adverb-before-modal", "We can't wait to see it!", None),
    ("adverb-before-modal", "We won't share your details.", None),
    ("parenthetical-after-modal", "We cannot refund it.", "We cannot, unfortunately, refund it."),
    ("parenthetical-after-modal", "We're unable to help.", "We are, unfortunately, unable to help."),
    ("parenthetical-after-modal", "You'll need to sign in.", "You will, unfortunately, need to sign in."),
    ("parenthetical-after-modal", "If you must cancel, use the app.", None),
    ("modal-variant", "We can't refund it.", "We would not be able to refund it."),
    ("modal-variant", "We're unable to help.", "We would not be able to help."),
    ("modal-variant", "You must sign in.", "You will be required to sign in."),
    ("modal-variant", "If we can't fix it, I'll call.", "If we are not able to fix it, I'll call."),
    ("modal-variant", "Why can't I log in?", None),
    ("modal-variant", "Here's everything you need to know.", None),
    ("contraction", "We can't, it's late.", "We cannot, it is late."),
    ("contraction", "It is not possible.", "It's not possible."),
    ("contraction", "You will need to wait.", "You'll need to wait."),
    ("contraction", "It is what it is.", None),
    ("curly-quotes", 'We can\'t. "No" it said.', "We can’t. “No” it said."),
    ("curly-quotes", "No quotes here.", None),
    ("tweet-furniture", "We can't.", f"{perturb.HANDLE} We can't. {perturb.LINK} {perturb.SIGNATURE}"),
    ("tweet-furniture", "@sam hi", None),
    ("longer-reply", "We can't", f"{perturb.GREETING} We can't. {perturb.CLOSING}"),
    ("dropped-to", "You need to contact them.", "You need contact them."),
    ("dropped-to", "Contact them.", None),
    ("dropped-commas", "Sorry, we can't, as of 1,000 orders.", "Sorry we can't as of 1,000 orders."),
    ("dropped-commas", "No commas here.", None),
    ("no-apostrophe", "I'm sure we can't.", "Im sure we cant."),
    ("no-apostrophe", "We're here.", None),
    ("html-escaped", "We can't, it's T&C.", "We can&#x27;t, it&#x27;s T&amp;C."),
    ("html-escaped", "Plain words.", None),
    ("capitals-for-emphasis", "We do not offer it, not ever.", "We do NOT offer it, not ever."),
    ("capitals-for-emphasis", "You must sign. Thanks.", "You MUST sign. Thanks."),
    ("capitals-for-emphasis", "We can't refund it.", "We CAN'T refund it."),
    ("capitals-for-emphasis", "Nothing to see.", None),
    ("dropped-subject", "We can't refund it.", "Can't refund it."),
    ("dropped-subject", "Thanks. We're unable to help.", "Thanks. Unable to help."),
    ("dropped-subject", "I don't have an ETA.", "Don't have an ETA."),
    ("dropped-subject", "I'm not sure when.", "Not sure when."),
    ("dropped-subject", "We don't offer it.", None),
    ("dropped-subject", "Sadly we can't.", None),
    ("spelling-variant", "Check your email online.", "Check your e-mail online."),
    ("spelling-variant", "See the E-mail.", "See the Email."),
    ("spelling-variant", "Book it online.", "Book it on-line."),
    ("spelling-variant", "Mailing lists.", None),
    ("announcement-frame", "We can not refund it.", "I want to let you know that we can not refund it."),
    ("announcement-frame", "Acme cannot refund it.", "Please note that Acme cannot refund it."),
    ("announcement-frame", "Refunds are not available.", "Please note that refunds are not available."),
    ("announcement-frame", "Sorry, we cannot.", None),
    ("apology-but", "You were told this.", "Sorry but you were told this."),
    ("apology-but", "Acme cannot refund it.", "I hear you, but Acme cannot refund it."),
    ("apology-but", "Again, no.", None),
]


@pytest.mark.parametrize(("name", "text", "expected"), EXPECTED)
def test_a_perturbation_gives_the_expected_text(name: str, text: str, expected: str | None) -> None:
    assert perturb.PERTURBATIONS[name](text) == expected


def test_every_perturbation_has_an_expected_output() -> None:
    assert {name for name, _, result in EXPECTED if result is not None} == set(perturb.PERTURBATIONS)


# ---------------------------------------------------------------------------------------------------------
# The engine, against the floors
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("meaning", sorted({customer.meaning for customer in CUSTOMERS}))
def test_the_customers_mood_reads_by_meaning(meaning: str, curated: Engine) -> None:
    """Upset customers read as upset whatever the words they use for it; calm ones never do."""
    checks, skip = curated.bank.checks, curated.bank.skip
    wrong = [
        f"{customer.text!r} -> {context.mood} {list(context.reasons)}"
        for customer in CUSTOMERS
        if customer.meaning == meaning
        for context in [read_customer(customer.text, checks, skip)]
        if (context.mood == "upset") != (customer.mood == "upset")
    ]
    assert not wrong, "\n".join(wrong)


@pytest.fixture(scope="module")
def rates(curated: Engine) -> dict[tuple[str, str], measure.Rate]:
    """Every rate of the curated engine, measured once for the module."""
    measured = measure.template_rates(curated, ITEMS) + measure.perturbation_rates(
        curated, perturb.PERTURBATIONS
    )
    return {(rate.kind, rate.name): rate for rate in measured}


def test_floors_cover_every_rate(rates: dict[tuple[str, str], measure.Rate]) -> None:
    assert set(FLOORS) == set(rates)
    assert all(0.0 <= floor <= 1.0 for floor in FLOORS.values())


@pytest.mark.parametrize(("kind", "name"), sorted(FLOORS), ids=[f"{k}:{n}" for k, n in sorted(FLOORS)])
def test_rate_holds_its_floor(kind: str, name: str, rates: dict[tuple[str, str], measure.Rate]) -> None:
    rate = rates[kind, name]
    floor = FLOORS[kind, name]
    failing = rate.failures[:SHOWN]
    assert rate.rate >= floor, (
        f"{measure.KINDS[kind]} ({name}): {rate.kept}/{rate.n} = {rate.rate:.3f}, below the floor "
        f"{floor:.2f} (target {TARGET}); {rate.n - rate.kept} failing, the first {len(failing)}:\n"
        + "\n".join(f"  {failure}" for failure in failing)
    )
