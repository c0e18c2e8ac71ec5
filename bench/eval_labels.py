"""Measure the bank on hand-labelled replies: reply-level precision and recall, per category, with misses.

Usage:
    python bench/eval_labels.py LABELS.jsonl [LABELS.jsonl ...] [--politeness CSV ...] [--bank DIR] [--show N]

With several label files, each is measured on its own and then all of them together.

LABELS.jsonl holds one reply per line: {"id", "text", "customer", "label": "COLD"|"WEAK"|"OK",
"spans": [{"text", "category"}]}. A reply counts as predicted COLD when any warning-level flag fires, and as
predicted WEAK-or-worse when any flag fires (structure-check flags are left out: the labels
judge phrases). With --politeness, each CSV (columns Request and Normalized
Score, as in the Stanford politeness corpus) contributes its most polite quarter of requests, and the share
of them that gets a warning is printed: polite text should stay quiet.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from replycoach import Engine, default_engine, load_bank


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "n/a"


def _f1(c: Counter[str]) -> str:
    return _ratio(2 * c["tp"], 2 * c["tp"] + c["fp"] + c["fn"])


def evaluate(engine: Engine, rows: list[dict[str, Any]], show: int) -> None:
    """Print precision and recall for COLD and for WEAK-or-worse, per category, and the disagreements."""
    counts: dict[str, Counter[str]] = {"COLD": Counter(), "WEAK+": Counter()}
    per_category: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[str] = []
    alarms: list[str] = []
    for row in rows:
        # The labels judge phrases; the structure checks (acknowledgement, next step) are not phrases.
        flags = [
            f
            for f in engine.analyze(row["text"], row.get("customer") or None).flags
            if f.entry.category != "structure"
        ]
        predicted_cold = any(f.severity == "warning" for f in flags)
        predicted_any = bool(flags)
        for name, gold, predicted in (
            ("COLD", row["label"] == "COLD", predicted_cold),
            ("WEAK+", row["label"] in ("COLD", "WEAK"), predicted_any),
        ):
            counts[name]["tp" if gold and predicted else "fn" if gold else "fp" if predicted else "tn"] += 1
        for category in {s["category"] for s in row.get("spans", [])}:
            per_category[category]["labelled"] += 1
            per_category[category]["caught"] += predicted_any
        found = "; ".join(f"{f.severity[0].upper()} {f.entry.id} {f.text!r}" for f in flags)
        gold_spans = "; ".join(f"{s['category']} {s['text']!r}" for s in row.get("spans", []))
        if row["label"] == "COLD" and not predicted_cold:
            misses.append(f"  {row['id']}: gold COLD [{gold_spans}] got [{found or 'nothing'}]")
        elif row["label"] == "WEAK" and not predicted_any:
            misses.append(f"  {row['id']}: gold WEAK [{gold_spans}] got nothing")
        elif row["label"] == "OK" and predicted_any:
            alarms.append(f"  {row['id']}: gold OK got [{found}]")
        elif row["label"] == "WEAK" and predicted_cold:
            alarms.append(f"  {row['id']}: gold WEAK [{gold_spans}] got a warning [{found}]")

    print(f"{len(rows)} labelled replies: {dict(Counter(r['label'] for r in rows))}")
    for name, c in counts.items():
        precision = _ratio(c["tp"], c["tp"] + c["fp"])
        recall = _ratio(c["tp"], c["tp"] + c["fn"])
        print(
            f"{name:>6}: precision {precision}  recall {recall}  F1 {_f1(c)}  "
            f"(tp {c['tp']} fp {c['fp']} fn {c['fn']})"
        )
    print("recall per labelled category (any flag):")
    for category, c in sorted(per_category.items()):
        print(f"  {category:<20} {c['caught']}/{c['labelled']}")
    print(f"misses ({len(misses)}):", *misses[:show], sep="\n")
    print(f"false alarms ({len(alarms)}):", *alarms[:show], sep="\n")


def politeness(engine: Engine, paths: list[Path], show: int) -> None:
    """Print the share of the most polite quarter of requests that gets a warning."""
    total = warned_total = 0
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = sorted(csv.DictReader(handle), key=lambda r: float(r["Normalized Score"]), reverse=True)
        polite = rows[: len(rows) // 4]
        warned = []
        for row in polite:
            flags = [f for f in engine.analyze(row["Request"]).flags if f.severity == "warning"]
            if flags:
                warned.append(f"  {flags[0].entry.id} {flags[0].text!r} in {row['Request'][:100]!r}")
        print(
            f"{path.name}: {len(warned)}/{len(polite)} of the most polite quarter get a warning "
            f"({100 * len(warned) / max(1, len(polite)):.1f}%)"
        )
        print(*warned[:show], sep="\n")
        total += len(polite)
        warned_total += len(warned)
    if len(paths) > 1:
        print(
            f"all: {warned_total}/{total} of the most polite quarter get a warning "
            f"({100 * warned_total / max(1, total):.1f}%)"
        )


def main() -> None:
    """Parse arguments and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path, nargs="+", help="JSON Lines files of labelled replies")
    parser.add_argument("--politeness", type=Path, nargs="*", default=[], help="politeness corpus CSV files")
    parser.add_argument("--bank", type=Path, help="phrase bank folder (default: the curated bank)")
    parser.add_argument("--show", type=int, default=40, help="how many misses and false alarms to list")
    args = parser.parse_args()
    engine = Engine(load_bank(args.bank)) if args.bank else default_engine()
    every: list[dict[str, Any]] = []
    for path in args.labels:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        print(f"== {path.name}")
        evaluate(engine, rows, args.show)
        every.extend(rows)
    if len(args.labels) > 1:
        print("== all files together")
        evaluate(engine, every, 0)
    politeness(engine, args.politeness, args.show)


if __name__ == "__main__":
    main()
