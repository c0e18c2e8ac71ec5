"""The bank's shape: how many patterns, how many of them raw RE2 or over 120 characters, how many `unless`
lines, how many families (issue 22's targets: at most 60 families, at most 60 `unless` lines, at least 90%
of patterns in the phrase language, none over 120 characters).

Usage: python bench/bank_shape.py [--bank FOLDER] [--uses]

Counts the entries' patterns (disabled entries too) and their `unless` lines, and the vocabulary's families
(those the engine's checks read by name among them), and the word lists entries keep to themselves. --uses
lists each family with the number of patterns, `unless` lines (and entries' own lists' phrases) and other
families' phrases that name it, fewest first: the candidates to merge or to write
into their patterns.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from replycoach.bank.files import curated_bank_dir, read_bank_dir
from replycoach.bank.vocabulary import SKIPPABLE, references
from replycoach.engine.families import CHECK_FAMILIES
from replycoach.engine.phrase import is_raw

LONG = 120


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bank", type=Path, default=curated_bank_dir())
    parser.add_argument("--uses", action="store_true", help="list each family with how often it is named")
    args = parser.parse_args()
    data, problems = read_bank_dir(args.bank)
    if problems:
        sys.exit(f"{args.bank}: {len(problems)} problems; run `replycoach bank lint {args.bank}`")
    patterns = [p for e in data.entries for p in e.patterns]
    unless = [u for e in data.entries for u in e.unless]
    raw = sum(is_raw(p) for p in patterns)
    long = sum(len(p) > LONG for p in patterns)
    families = data.vocabulary
    read_by_name = [f.name for f in families if f.name in {SKIPPABLE, *CHECK_FAMILIES}]
    share = (len(patterns) - raw) / len(patterns) if patterns else 1.0
    print(f"Bank: {args.bank} ({len(data.entries)} entries)")
    print(f"patterns: {len(patterns)} ({len(patterns) - raw} in the phrase language, {share:.1%}; {raw} raw)")
    print(f"patterns over {LONG} characters: {long}")
    print(f"unless lines: {len(unless)} (in {sum(bool(e.unless) for e in data.entries)} entries)")
    names = ", ".join(read_by_name)
    print(f"families: {len(families)} ({len(read_by_name)} read by the engine by name: {names})")
    lists = [name for e in data.entries for name, _ in e.words]
    print(
        f"word lists of one entry: {len(lists)} (in {sum(bool(e.words) for e in data.entries)} entries; "
        "not families: no other entry may name them)"
    )
    shown = [f for f in families if f.matches and f.misses]
    print(
        f"families with examples of both kinds: {len(shown)} of {len(families)} "
        f"({sum(len(f.matches) for f in families)} texts found, "
        f"{sum(len(f.misses) for f in families)} near misses)"
    )
    if args.uses:
        named: Counter[str] = Counter()
        own_lists = [phrase for e in data.entries for _, phrases in e.words for phrase in phrases]
        for text in patterns + unless + own_lists:
            named.update({name for name, _ in references(text)})
        in_families: Counter[str] = Counter()
        for family in families:
            for text in (*family.phrases, *family.patterns):
                in_families.update({name for name, _ in references(text)})
        print("\n| family | patterns and unless lines | families' phrases | read by the engine |")
        print("|---|---:|---:|---|")
        rows = sorted(families, key=lambda f: (named[f.name] + in_families[f.name], f.name))
        for family in rows:
            engine = "yes" if family.name in read_by_name else ""
            print(f"| {family.name} | {named[family.name]} | {in_families[family.name]} | {engine} |")


if __name__ == "__main__":
    main()
