"""Flag by flag: every flag a bank gives on a set of drafts, saved, and compared with a saved run.

Usage:
    python bench/flag_diff.py [--bank DIR] --save RUN.jsonl [SOURCES]
    python bench/flag_diff.py [--bank DIR] --against RUN.jsonl [--show N] [SOURCES]

SOURCES: LABELS.jsonl files (the label files eval_labels.py reads: each reply with its customer's message, and
alone), --politeness CSV files (every request), --conversations JSON files (customer-care conversations in
the IBM Twitter format: each agent reply with the customer's messages, and every message alone). The bank's
own examples, each rewritten by every perturbation of tests/behaviour/perturb.py and by every pair of them,
and the generated sentences of tests/behaviour/templates.py (with their customer's message) are always in: a
bank change that keeps every figure can still move a flag, and this shows which.

A run holds one line per draft: its text, its customer's message and its flags (entry, severity, span and
suggestions). --against analyzes the same drafts again and prints each draft whose flags differ, as removed
(-) and added (+); drafts only one run holds (a changed example) are counted apart. Run --save before a
change and --against after it.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "behaviour"))

import perturb  # noqa: E402
import templates  # noqa: E402
from replycoach import Engine, default_engine, load_bank  # noqa: E402

Draft = tuple[str, str | None]


def _sources(args: argparse.Namespace, engine: Engine) -> Iterator[Draft]:
    for path in args.labels:
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            yield row["text"], row.get("customer") or None
            yield row["text"], None
    for path in args.politeness:
        with path.open(encoding="utf-8", newline="") as handle:
            yield from ((row["Request"], None) for row in csv.DictReader(handle))
    for path in args.conversations:
        for conversation in json.loads(path.read_text(encoding="utf-8")):
            turns = conversation["dialogContent"]
            customer = "\n".join(t["message"] for t in turns if t.get("client")) or None
            yield conversation["agentURL"]["url_utterance"], customer
            yield from ((t["message"], None) for t in turns)
    changes = list(perturb.PERTURBATIONS.values())
    for entry in engine.bank.all_entries:
        for example in (*entry.flag_examples, *entry.pass_examples):
            yield example.text, example.customer
            for change in changes:
                once = change(example.text)
                if once is None:
                    continue
                yield once, example.customer
                for second in changes:
                    twice = second(once) if second is not change else None
                    if twice is not None:
                        yield twice, example.customer
    yield from ((item.text, item.customer) for item in templates.items())


def _flags(engine: Engine, draft: Draft) -> list[list[Any]]:
    analysis = engine.analyze(*draft)
    return [
        [f.entry.id, f.severity, f.span.start, f.span.end, [s.text for s in f.suggestions]]
        for f in analysis.flags
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path, nargs="*", help="JSON Lines files of labelled replies")
    parser.add_argument("--politeness", type=Path, nargs="*", default=[], help="politeness corpus CSV files")
    parser.add_argument("--conversations", type=Path, nargs="*", default=[], help="IBM Twitter JSON files")
    parser.add_argument("--bank", type=Path, help="phrase bank folder (default: the curated bank)")
    run = parser.add_mutually_exclusive_group(required=True)
    run.add_argument("--save", type=Path, help="write this run's flags here")
    run.add_argument("--against", type=Path, help="compare with a saved run")
    parser.add_argument("--show", type=int, default=40, help="how many differing drafts to print")
    args = parser.parse_args()
    engine = Engine(load_bank(args.bank)) if args.bank else default_engine()
    drafts = list(dict.fromkeys(_sources(args, engine)))
    if args.save:
        with args.save.open("w", encoding="utf-8") as out:
            for text, customer in drafts:
                flags = _flags(engine, (text, customer))
                out.write(json.dumps({"text": text, "customer": customer, "flags": flags}) + "\n")
        print(f"{len(drafts)} drafts written to {args.save}")
        return
    saved = {}
    for line in args.against.open(encoding="utf-8"):
        row = json.loads(line)
        saved[(row["text"], row["customer"])] = row["flags"]
    both = [d for d in drafts if d in saved]
    differ = 0
    for draft in both:
        now = _flags(engine, draft)
        if now == saved[draft]:
            continue
        differ += 1
        if differ <= args.show:
            before = {tuple(f[:4]) for f in saved[draft]}
            after = {tuple(f[:4]) for f in now}
            print(f"{draft[0][:160]!r}" + (" (with the customer's message)" if draft[1] else ""))
            print(f"  - {sorted(before - after)}\n  + {sorted(after - before)}")
            if before == after:
                print("  (the same flags; their suggestions differ)")
    print(
        f"{differ} of {len(both)} drafts flag differently; {len(drafts) - len(both)} drafts only in this "
        f"run, {len(saved) - len(both)} only in the saved one"
    )


if __name__ == "__main__":
    main()
