"""`replycoach bank explain`: why entries flag a text, stay quiet on it or nearly match it, as a team lead
reads it (text) or a tool does (JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from replycoach.bank.loader import load_bank
from replycoach.cli import main
from replycoach.cli.common import EXIT_BAD_INPUT
from replycoach.engine.explain import explain

ENTRIES = """\
entries:
  - id: refusal.we-cant
    category: refusal
    severity: warning
    patterns:
      - "{agent} {cannot} <action: {remedy:base} ...>"
    unless:
      - "{cannot} ... (until | unless)"
    quiet_when: [question]
    message: "Says no without offering anything else."
    why: "A bare no closes the door."
    rewrites:
      - text: "I wish I could {action}, and here's what I can do instead"
        scope: phrase
      - text: "I'd love to {action}; here is what I can offer"
        scope: phrase
    examples:
      flag:
        - text: "We can't refund it."
          flagged: "We can't refund it"
        - text: "Sadly, I am unable to change the date."
          flagged: "I am unable to change the date"
      pass:
        - "We can't refund it until Friday."
        - "We can't wait to see you."
  - id: negative-framing.unfortunately-we-cant
    category: negative-framing
    severity: warning
    patterns:
      - "unfortunately,? we can't (?P<action>\\\\w+(?: \\\\w+){0,3})"
    when:
      customer_mood: [upset, unknown]
    message: "Leads with the limit."
    why: "Opening on the no hides what is possible."
    rewrites:
      - text: "what I can do instead of {action} is this"
        scope: phrase
      - text: "here is the option I have, since {action} is out of my hands"
        scope: phrase
    examples:
      flag:
        - text: "Unfortunately, we can't refund this order."
          flagged: "Unfortunately, we can't refund this order"
        - text: "Unfortunately we can't ship there."
          flagged: "Unfortunately we can't ship there"
      pass:
        - "Fortunately, we can refund this order."
        - "We can't refund it."
"""
VOCABULARY = """\
vocabulary:
- family: skippable
  phrases: [currently, sadly]
- family: agent
  phrases: [we, I]
- family: cannot
  phrases: ["can not", "(am | are) unable to"]
- family: remedy
  verbs: [refund, change, help]
- family: indirect-question
  phrases: ["I wonder (why | if)"]
"""


@pytest.fixture
def bank(write_bank: Callable[..., Path]) -> Path:
    return write_bank(files={"entries.yml": ENTRIES, "vocabulary.yml": VOCABULARY})


def _explain(bank: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["bank", "explain", *args, "--bank", str(bank)])


def test_a_flag(bank: Path) -> None:
    result = _explain(bank, "Sadly, I am unable to change the date.")
    assert (result.exit_code, result.stdout) == (
        0,
        "canonical: Sadly, I am unable to change the date.\n"
        "core:      I am unable to change the date.\n"
        "\n"
        "refusal.we-cant: flags 'I am unable to change the date'\n"
        "  patterns[0] `{agent} {cannot} <action: {remedy:base} ...>` matched "
        "'I am unable to change the date' (action: 'change the date')\n",
    )


def test_an_exception_that_keeps_it_quiet(bank: Path) -> None:
    result = _explain(bank, "We currently can't refund it until Friday.")
    assert (result.exit_code, result.stdout) == (
        0,
        "canonical: We currently can not refund it until Friday.\n"
        "core:      We can not refund it until Friday.\n"
        "\n"
        "refusal.we-cant: quiet: unless[0] `{cannot} ... (until | unless)` matched 'can't refund it until'\n"
        "  patterns[0] `{agent} {cannot} <action: {remedy:base} ...>` matched "
        "'We currently can't refund it until Friday' (action: 'refund it until Friday')\n",
    )


def test_overlaps_context_checks_and_the_customer(bank: Path) -> None:
    text = "Unfortunately, we can't refund this order. We can't help?"
    result = _explain(bank, text)
    assert (result.exit_code, result.stdout) == (
        0,
        "canonical: Unfortunately, we can not refund this order. We can not help?\n"
        "core:      Unfortunately, we can not refund this order. We can not help?\n"
        "\n"
        "negative-framing.unfortunately-we-cant: flags 'Unfortunately, we can't refund this order'\n"
        "  patterns[0] `unfortunately,? we can't (?P<action>\\w+(?: \\w+){0,3})` matched "
        "'Unfortunately, we can't refund this order' (action: 'refund this order')\n"
        "\n"
        "refusal.we-cant: quiet: overlap: negative-framing.unfortunately-we-cant won with "
        "'Unfortunately, we can't refund this order' (as severe: the longer match is kept)\n"
        "  patterns[0] `{agent} {cannot} <action: {remedy:base} ...>` matched 'we can't refund this order' "
        "(action: 'refund this order') -> quiet: overlap: negative-framing.unfortunately-we-cant won with "
        "'Unfortunately, we can't refund this order' (as severe: the longer match is kept)\n"
        "  patterns[0] `{agent} {cannot} <action: {remedy:base} ...>` matched 'We can't help' "
        "(action: 'help') -> quiet: quiet_when: question\n",
    )
    calm = _explain(
        bank, text, "--customer", "Thanks so much, that was wonderful help.", "--entry", "refusal.we-cant"
    )
    assert calm.exit_code == 0
    assert calm.stdout.splitlines()[2:5] == [
        "customer:  positive",
        "",
        "refusal.we-cant: flags 'we can't refund this order'",
    ]
    positive = _explain(bank, text, "--customer", "Thanks so much, that was wonderful help.")
    assert positive.stdout.splitlines()[4] == (
        "negative-framing.unfortunately-we-cant: quiet: when: customer mood (it fires when the customer is "
        "upset or unknown; this customer reads positive)"
    )


def test_near_misses_and_an_entry_asked_about(bank: Path) -> None:
    result = _explain(bank, "We can't wait to see you!")
    assert (result.exit_code, result.stdout) == (
        0,
        "canonical: We can not wait to see you!\n"
        "core:      We can not wait to see you!\n"
        "\n"
        "refusal.we-cant: near-miss\n"
        "  patterns[0] `{agent} {cannot} <action: {remedy:base} ...>` did not match: "
        "matched `{agent} {cannot}` as 'We can not'; "
        "the next part `<action: {remedy:base} ...>` did not match at 'wait to see you'\n",
    )
    nothing = _explain(bank, "Thanks!")
    assert nothing.stdout == (
        "canonical: Thanks!\n"
        "core:      Thanks!\n"
        "\n"
        "No entry flags this text, stays quiet on it or nearly matches it.\n"
    )
    asked = _explain(bank, "Thanks!", "--entry", "refusal.we-cant")
    assert asked.stdout.splitlines()[3:] == [
        "refusal.we-cant: no match: no pattern matched, nor two of its leading parts"
    ]


def test_json_is_the_explanation(bank: Path) -> None:
    text = "We currently can't refund it until Friday."
    result = _explain(bank, text, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == explain(load_bank(bank), text).to_dict()


def test_an_unknown_entry_is_bad_input_naming_close_ids(bank: Path) -> None:
    result = _explain(bank, "We can't.", "--entry", "refusal.we-cnt")
    assert (result.exit_code, result.stderr) == (
        EXIT_BAD_INPUT,
        "Error: no entry of the bank has the id 'refusal.we-cnt'; did you mean refusal.we-cant?\n",
    )


def test_it_names_the_bank_it_read_as_every_command_does(bank: Path) -> None:
    result = _explain(bank, "Sadly, I am unable to change the date.")
    assert result.stderr == f"bank: {load_bank(bank).revision} (the folder {bank})\n"
    assert _explain(bank, "x", "--format", "json").stderr == ""
