"""Robustness benchmark: CheckList-style behaviour of the bank on generated sentences and perturbed examples.

Usage: python bench/robustness.py [--bank FOLDER] [--show N] [--floors]

Runs the engine over the sentences tests/behaviour/templates.py generates (hundreds of clear-cut cold
sentences per category, and near-miss controls that must stay quiet) and over the bank's own examples
rewritten by each perturbation in tests/behaviour/perturb.py (a company as the subject, an adverb before the
modal, a tweet's @handle and signature...). Prints two Markdown tables: per category, the share of warn
templates that get a warning and of controls that get none; per perturbation, the share of warning entries'
flag examples that still warn and of their pass examples that stay quiet for their category. --show N lists
N failures under each table; --floors prints the rates rounded down, as tests/behaviour/floors.py has them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "behaviour"))

import measure  # noqa: E402
import perturb  # noqa: E402
import templates  # noqa: E402
from replycoach import Engine, default_engine, load_bank  # noqa: E402


def _cell(rate: measure.Rate | None) -> str:
    return f"{rate.n} | {rate.kept} | {rate.rate:.2f}" if rate and rate.n else "0 | - | -"


def _table(
    title: str,
    names: list[str],
    columns: tuple[str, str],
    rates: dict[tuple[str, str], measure.Rate],
    kinds: tuple[str, str],
    show: int,
) -> None:
    """One Markdown table, a row per name with n, kept and rate for both kinds, and failures under it."""
    print(f"\n{title}\n")
    print(f"| | {columns[0]}: n | kept | rate | {columns[1]}: n | kept | rate |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in names:
        print(f"| {name} | {_cell(rates.get((kinds[0], name)))} | {_cell(rates.get((kinds[1], name)))} |")
    if show:
        for name in names:
            for kind in kinds:
                rate = rates.get((kind, name))
                if rate and rate.failures:
                    print(f"\n{kind} {name}: {rate.n - rate.kept} failing, for example")
                    print(*(f"  {failure}" for failure in rate.failures[:show]), sep="\n")


def _print_floors(rates: list[measure.Rate]) -> None:
    print("\nFLOORS: dict[tuple[str, str], float] = {")
    for rate in rates:
        print(f'    ("{rate.kind}", "{rate.name}"): {rate.floor:.2f},')
    print("}")


def main() -> None:
    """Parse arguments, measure and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", type=Path, help="phrase bank folder (default: the curated bank)")
    parser.add_argument("--show", type=int, default=0, help="failures to list under each row (default 0)")
    parser.add_argument("--floors", action="store_true", help="print the rates rounded down, for floors.py")
    args = parser.parse_args()
    engine = Engine(load_bank(args.bank)) if args.bank else default_engine()
    started = time.perf_counter()
    items = templates.items()
    flags, passes = measure.flag_cases(engine), measure.pass_cases(engine)
    rates = measure.template_rates(engine, items) + measure.perturbation_rates(
        engine, perturb.PERTURBATIONS, flags, passes
    )
    seconds = time.perf_counter() - started
    by_key = {(r.kind, r.name): r for r in rates}
    print(
        f"{len(engine.bank.entries)} entries; {len(items)} generated sentences; {len(flags)} flag examples "
        f"that warn and {len(passes)} pass examples quiet for their category, as written ({seconds:.1f} s)"
    )
    categories = sorted({item.category for item in items})
    _table("Per category", categories, ("warn templates", "controls"), by_key, ("warn", "quiet"), args.show)
    _table(
        "Per perturbation",
        list(perturb.PERTURBATIONS),
        ("flag examples still warn", "pass examples stay quiet"),
        by_key,
        ("still-warns", "stays-quiet"),
        args.show,
    )
    if args.floors:
        _print_floors(rates)


if __name__ == "__main__":
    main()
