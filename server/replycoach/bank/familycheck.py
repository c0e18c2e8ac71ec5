"""A family's examples, run: the texts it must find words in, and the near misses it must find none in.

Each example is read as a draft is (its canonical and core views), and the family is searched as the
engine's checks search it, so "finds words" means what it means when a pattern names the family.
"""

from __future__ import annotations

from replycoach.bank.vocabulary import Family
from replycoach.engine.compiled import Bank
from replycoach.engine.draft import Draft
from replycoach.engine.families import FamilyRegex, family_regex
from replycoach.errors import Problem


def found_words(bank: Bank, family: Family, text: str) -> list[str] | None:
    """The words of `text` the family finds, in order (None: the family does not compile; building the bank
    reports why)."""
    regex = family_regex(bank.vocabulary, family.name)
    return None if regex is None else _found(bank, regex, text)


def _found(bank: Bank, regex: FamilyRegex, text: str) -> list[str]:
    draft = Draft(text, bank.skip)
    to_original = draft.normalized.to_original
    return [text[to_original(start) : to_original(end)] for start, end in regex.spans(draft)]


def family_example_problems(bank: Bank) -> list[Problem]:
    """Every example of the bank's families that does not hold, as a problem naming the family."""
    problems: list[Problem] = []
    for family in bank.vocabulary.families:
        if not (family.matches or family.misses):
            continue
        regex = family_regex(bank.vocabulary, family.name)
        if regex is None:
            continue
        for index, text in enumerate(family.matches):
            if not _found(bank, regex, text):
                problems.append(
                    Problem(
                        family.source,
                        family.name,
                        f"examples.match[{index}]",
                        f"the family finds no words in {text!r}; add the words it should find there, or "
                        "change the example",
                    )
                )
        for index, text in enumerate(family.misses):
            found = _found(bank, regex, text)
            if found:
                words = ", ".join(repr(w) for w in found)
                problems.append(
                    Problem(
                        family.source,
                        family.name,
                        f"examples.no_match[{index}]",
                        f"the family finds {words} in {text!r}, a near miss it must not find; narrow the "
                        "words that find it, or change the example",
                    )
                )
    return problems
