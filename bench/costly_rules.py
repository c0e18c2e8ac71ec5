"""Costly rules benchmark: what a lead's save costs with the checks of issue 23, and how fast the probe's
costly rules are refused.

Usage: python bench/costly_rules.py [--bank FOLDER]

Prints, for the bank (default: the curated bank): its build time and examples time (a save's check before the
cost), its analysis time on the worst-case draft (bank/cost.py: first eighth and whole), and the cost check of
an ordinary change (the bank against itself). Then, against that bank, the time to refuse each of the
security probe's rules: the nested families (f-zero... g, 14.4 million phrases), the entry of 15 wordless
patterns, and an entry whose words it needs but whose 15 exceptions run costly RE2 over the whole draft; and
what that last entry would cost every draft were it taken. CPU figures vary with the machine: run it on a
quiet one.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from costly_rules import COSTLY, WORDLESS_PATTERNS  # noqa: E402
from replycoach.bank.cost import DRAFT_CHARS, SHORT_CHARS, compare, worst_case_draft  # noqa: E402
from replycoach.bank.files import curated_bank_dir, read_bank_dir  # noqa: E402
from replycoach.bank.loader import check_examples  # noqa: E402
from replycoach.bank.vocabulary import Family  # noqa: E402
from replycoach.engine import Engine  # noqa: E402
from replycoach.engine.compiled import Bank  # noqa: E402
from replycoach.errors import BankError  # noqa: E402
from replycoach.store.records import parse_raw  # noqa: E402


def _timed(label: str, run: object) -> object:
    start = time.perf_counter()
    try:
        result = run()  # type: ignore[operator]
    except BankError as err:
        result = err
    print(f"| {label} | {time.perf_counter() - start:.3f} s |")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", type=Path, default=curated_bank_dir())
    args = parser.parse_args()
    data, problems = read_bank_dir(args.bank)
    if problems:
        sys.exit(f"{args.bank}: {len(problems)} problems; run `replycoach bank lint {args.bank}`")
    print(f"Bank: {args.bank} ({len(data.entries)} entries, {len(data.vocabulary)} families)\n")
    print("| step | time |\n|---|---|")
    bank = _timed("build the bank", lambda: Bank.build(data.entries, data.topics, data.vocabulary))
    assert isinstance(bank, Bank)
    _timed("run every example", lambda: check_examples(bank))
    engine = Engine(bank, max_chars=DRAFT_CHARS, max_flags=DRAFT_CHARS)
    draft = worst_case_draft(bank)
    engine.analyze(draft[:200])
    _timed(
        f"analyze the worst-case draft's first {SHORT_CHARS:,} characters",
        lambda: engine.analyze(draft[:SHORT_CHARS]),
    )
    _timed(f"analyze the whole worst-case draft ({DRAFT_CHARS:,} characters)", lambda: engine.analyze(draft))
    cost = _timed("cost check of an ordinary change (the bank against itself)", lambda: compare(bank, bank))
    print(f"\nOrdinary change: {cost}\n")

    print("| the probe's rule | refused in | what the lead reads |\n|---|---|---|")
    nested = [
        Family("g", phrases=tuple(f"gword{i}" for i in range(480))),
        Family("f-two", phrases=tuple(f"{{g}} two{i}" for i in range(200))),
        Family("f-one", phrases=tuple(f"{{f-two}} one{i}" for i in range(15))),
        Family("f-zero", phrases=tuple(f"{{f-one}} zero{i}" for i in range(10))),
    ]
    start = time.perf_counter()
    try:
        Bank.build(data.entries, data.topics, [*data.vocabulary, *nested])
    except BankError as err:
        first = err.problems[0]
        took = time.perf_counter() - start
        print(f"| nested families | {took:.3f} s | {first.entry}: {first.message[:90]}... |")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        Bank.build([], (), nested)
    except BankError as err:
        took = time.perf_counter() - start
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        figures = f"{took:.3f} s, peak memory +{grown / 1024:.0f} MB"
        print(f"| nested families alone | {figures} | {len(err.problems)} problems |")
    wordless = parse_raw({**COSTLY, "unless": [], "patterns": WORDLESS_PATTERNS})
    start = time.perf_counter()
    try:
        Bank.build([*data.entries, wordless], data.topics, data.vocabulary)
    except BankError as err:
        print(
            f"| 15 wordless patterns | {time.perf_counter() - start:.3f} s | {len(err.problems)} problems |"
        )
    costly = parse_raw(COSTLY)
    start = time.perf_counter()
    candidate = Bank.build([*data.entries, costly], data.topics, data.vocabulary)
    measured = compare(bank, candidate)
    print(
        f"| 15 costly exceptions | {time.perf_counter() - start:.3f} s (build and measure) | "
        f"{measured.chars:,} characters: {measured.candidate:.3f} s against {measured.current:.3f} s |"
    )
    slow = Engine(candidate, max_chars=DRAFT_CHARS, max_flags=DRAFT_CHARS)
    theirs = worst_case_draft(bank, candidate)
    slow.analyze(theirs[:200])
    print("\n| had it been taken | time |\n|---|---|")
    _timed("the bank in service, the change's worst-case draft", lambda: engine.analyze(theirs))
    _timed("with the costly entry, the same draft", lambda: slow.analyze(theirs))


if __name__ == "__main__":
    main()
