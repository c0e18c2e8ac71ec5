"""Measuring an engine with the generated sentences and the perturbations: one `Rate` per (kind, name).

Kinds:
- "warn": the warn templates of a category that get a warning;
- "quiet": the controls of a category that get no warning at all;
- "still-warns": flag examples of warning entries (those that warn as written), perturbed, that still warn;
- "stays-quiet": pass examples of warning entries (those quiet for their category as written), perturbed, that
  get no warning of their entry's category.

Plain Python with no test framework, shared by tests/behaviour/test_behaviour.py and bench/robustness.py. It
takes the items and perturbations as arguments, so it imports neither templates.py nor perturb.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from replycoach import Engine
from replycoach.engine.results import Flag

KINDS: dict[str, str] = {
    "warn": "warn templates that get a warning",
    "quiet": "controls that get no warning",
    "still-warns": "flag examples, perturbed, that still warn",
    "stays-quiet": "pass examples, perturbed, with no warning of their category",
}


class Generated(Protocol):
    """What measuring needs of a generated item (templates.Item)."""

    text: str
    category: str
    expected: str
    customer: str | None


@dataclass(frozen=True)
class Case:
    """A bank example: the entry it belongs to, its text and the customer message it is judged with."""

    entry_id: str
    category: str
    text: str
    customer: str | None


@dataclass(frozen=True)
class Rate:
    """How many of n sentences kept the expected verdict, and a description of each one that did not."""

    kind: str
    name: str
    n: int
    kept: int
    failures: tuple[str, ...]

    @property
    def rate(self) -> float:
        """The share kept (1.0 when there is nothing to measure)."""
        return self.kept / self.n if self.n else 1.0

    @property
    def floor(self) -> float:
        """The rate rounded down to 2 decimals: the ratchet's value for floors.py."""
        return (100 * self.kept // self.n) / 100 if self.n else 1.0


def warnings(engine: Engine, text: str, customer: str | None = None) -> list[Flag]:
    """The warning-level phrase flags of a draft (structure checks are not phrases and are left out)."""
    return [
        f
        for f in engine.analyze(text, customer).flags
        if f.severity == "warning" and f.entry.category != "structure"
    ]


def describe(flags: Iterable[Flag]) -> str:
    """Flags in one short line: 'refusal.we-cant "We can't refund"; ...'."""
    return "; ".join(f"{f.entry.id} {f.text!r}" for f in flags) or "no warning"


def template_rates(engine: Engine, items: Iterable[Generated]) -> list[Rate]:
    """For each category: the warn templates that warn ("warn") and the controls that stay quiet ("quiet")."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    failures: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in items:
        kind = "warn" if item.expected == "warn" else "quiet"
        found = warnings(engine, item.text, item.customer)
        kept = bool(found) if kind == "warn" else not found
        counts[kind, item.category][0] += 1
        counts[kind, item.category][1] += kept
        if not kept:
            to = f" (to {item.customer!r})" if item.customer else ""
            failures[kind, item.category].append(f"{item.text!r}{to} -> {describe(found)}")
    return [
        Rate(kind, name, n, kept, tuple(failures[kind, name]))
        for (kind, name), (n, kept) in sorted(counts.items())
    ]


def flag_cases(engine: Engine) -> list[Case]:
    """Flag examples of warning entries that get a warning as written."""
    cases = []
    for entry in engine.bank.entries:
        if entry.severity != "warning":
            continue
        for example in entry.flag_examples:
            if warnings(engine, example.text, example.customer):
                cases.append(Case(entry.id, entry.category, example.text, example.customer))
    return cases


def pass_cases(engine: Engine) -> list[Case]:
    """Pass examples of warning entries that get no warning of their entry's category as written."""
    cases = []
    for entry in engine.bank.entries:
        if entry.severity != "warning":
            continue
        for example in entry.pass_examples:
            found = warnings(engine, example.text, example.customer)
            if not any(f.entry.category == entry.category for f in found):
                cases.append(Case(entry.id, entry.category, example.text, example.customer))
    return cases


def _perturbed(cases: Iterable[Case], perturb: Callable[[str], str | None]) -> list[tuple[Case, str]]:
    return [(case, text) for case in cases if (text := perturb(case.text)) is not None]


def perturbation_rates(
    engine: Engine,
    perturbations: Mapping[str, Callable[[str], str | None]],
    flags: list[Case] | None = None,
    passes: list[Case] | None = None,
) -> list[Rate]:
    """For each perturbation: perturbed flag examples that still warn, perturbed pass examples that stay quiet
    for their category. Only examples the perturbation applies to count."""
    flags = flag_cases(engine) if flags is None else flags
    passes = pass_cases(engine) if passes is None else passes
    rates = []
    for name, perturb in perturbations.items():
        kept, failed = 0, []
        changed = _perturbed(flags, perturb)
        for case, text in changed:
            if warnings(engine, text, case.customer):
                kept += 1
            else:
                failed.append(f"{case.entry_id}: {case.text!r} -> {text!r} -> no warning")
        rates.append(Rate("still-warns", name, len(changed), kept, tuple(failed)))
        kept, failed = 0, []
        changed = _perturbed(passes, perturb)
        for case, text in changed:
            found = [f for f in warnings(engine, text, case.customer) if f.entry.category == case.category]
            if found:
                failed.append(f"{case.entry_id}: {case.text!r} -> {text!r} -> {describe(found)}")
            else:
                kept += 1
        rates.append(Rate("stays-quiet", name, len(changed), kept, tuple(failed)))
    return rates
