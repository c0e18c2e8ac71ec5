"""Benchmark: time to analyze a 1 KB draft against banks of 50, 1,000 and 5,000 entries.

Usage: python bench/engine.py [--drafts N]

The scaling banks are synthetic (distinct phrase patterns with alternations and slots, shaped like real
entries); the curated bank is measured too. Prints per-draft mean and 95th percentile, bank build time
and the process's peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time

from replycoach import Engine, default_engine
from replycoach.bank.model import Entry, Example, Rewrite
from replycoach.engine.compiled import Bank

_WORDS = (
    "thanks for reaching out about your order we have checked the account and the refund will "
    "show on your statement within five business days let me know if anything else comes up "
    "our team looked at the logs and the update fixed the sync problem on your device"
).split()
_COLD = [
    "Calm down, please.",
    "You'll have to wait 24 hours.",
    "It's company policy.",
    "I don't know.",
    "You need to fill out the form on our website.",
    "Unfortunately, we can't refund that.",
]


def synthetic_entry(i: int) -> Entry:
    """A made-up entry with a realistic pattern shape: alternations, a slot, an optional word."""
    token = f"zx{i:05d}"
    return Entry(
        id=f"refusal.synthetic-{i}",
        category="refusal",
        severity="warning" if i % 2 else "suggestion",
        patterns=(
            rf"(?:we|i) (?:can't|cannot|am unable to) {token} (?P<thing>\w+(?: \w+){{0,3}})",
            rf"(?:please )?{token} (?:right )?now",
        ),
        message="Synthetic entry for benchmarks.",
        why="Synthetic entry for benchmarks.",
        rewrites=(Rewrite("here is what I can do", "phrase"), Rewrite("let me help", "phrase")),
        flag_examples=(Example(f"{token} now", f"{token} now"),) * 2,
        pass_examples=(Example("nothing"),) * 2,
    )


def make_draft(rng: random.Random, bank_size: int) -> str:
    """About 1 KB of ordinary reply text with a few cold phrases and synthetic hits mixed in."""
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < 1000:
        roll = rng.random()
        if roll < 0.04:
            parts.append(rng.choice(_COLD))
        elif roll < 0.06 and bank_size:
            parts.append(f"we can't zx{rng.randrange(bank_size):05d} change the plan.")
        else:
            parts.append(rng.choice(_WORDS))
    return " ".join(parts)[:1024]


def measure(engine: Engine, drafts: list[str]) -> tuple[float, float]:
    """Mean and 95th percentile milliseconds per draft."""
    times = []
    for draft in drafts:
        start = time.perf_counter()
        engine.analyze(draft)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.fmean(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=300, help="drafts per bank (default 300)")
    args = parser.parse_args()
    rng = random.Random(7)

    print(f"{'bank':>18} {'entries':>8} {'build s':>8} {'mean ms/draft':>14} {'p95 ms':>8}")
    curated = default_engine()
    drafts = [make_draft(rng, 0) for _ in range(args.drafts)]
    measure(curated, drafts[:20])
    mean, p95 = measure(curated, drafts)
    print(f"{'curated':>18} {len(curated.bank):>8} {'-':>8} {mean:>14.3f} {p95:>8.3f}")
    for size in (50, 1000, 5000):
        start = time.perf_counter()
        bank = Bank.build(synthetic_entry(i) for i in range(size))
        built = time.perf_counter() - start
        engine = Engine(bank)
        drafts = [make_draft(rng, size) for _ in range(args.drafts)]
        measure(engine, drafts[:20])
        mean, p95 = measure(engine, drafts)
        print(f"{'synthetic':>18} {size:>8} {built:>8.2f} {mean:>14.3f} {p95:>8.3f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
