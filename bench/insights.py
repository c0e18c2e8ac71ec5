"""Benchmark: what insight counting adds to each analyzed draft, and what one write of the counts costs.

Usage: python bench/insights.py [--drafts N] [--rules R]

Counts the curated engine's analyses of cold drafts with the service's Recorder (in memory, as every request
does), then times the write of a day's counts for R rules into a fresh SQLite database (what each worker does
every REPLYCOACH_INSIGHTS_FLUSH_SECONDS). Prints the microseconds per draft next to the time of the analysis
itself.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from replycoach import default_engine
from replycoach.store.db import connect
from replycoach.store.insights import InsightStore, Tally
from replycoach.web.insights import Recorder

DRAFTS = [
    "Calm down. You'll have to wait 24 hours.",
    "Unfortunately, we can't refund that. It's company policy.",
    "I don't know. You need to fill out the form on our website. Have a great day!",
    "Thanks for your patience, the refund is on its way.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=20_000, help="analyses to count (default 20,000)")
    parser.add_argument("--rules", type=int, default=160, help="rules in one written day (default 160)")
    args = parser.parse_args()

    engine = default_engine()
    analyses = [engine.analyze(text, "This is ridiculous!!") for text in DRAFTS]
    started = time.perf_counter()
    for text in DRAFTS * 50:
        engine.analyze(text, "This is ridiculous!!")
    analyze_us = (time.perf_counter() - started) / (len(DRAFTS) * 50) * 1e6
    flags = sum(len(a.flags) for a in analyses) / len(analyses)

    with tempfile.TemporaryDirectory() as folder:
        store = InsightStore(connect(f"sqlite:///{Path(folder) / 'bench.db'}"))
        recorder = Recorder(store, interval=3600, enabled=True)
        started = time.perf_counter()
        for index in range(args.drafts):
            recorder.analyses([analyses[index % len(analyses)]])
        count_us = (time.perf_counter() - started) / args.drafts * 1e6

        tally = Tally()
        for rule in range(args.rules):
            tally.analysis(date(2026, 1, 1), [f"bench.rule-{rule}"] * 3, rule % 2 == 0)
            tally.event(date(2026, 1, 1), f"bench.rule-{rule}", "applied")
        writes = []
        for _ in range(20):
            started = time.perf_counter()
            store.add(tally)
            writes.append((time.perf_counter() - started) * 1000)
        store.engine.dispose()

    print(f"analysis of a draft ({flags:.1f} flags on average): {analyze_us:,.0f} us")
    share = 100 * count_us / analyze_us
    print(f"counting it for the insights: {count_us:.1f} us ({share:.1f}% of the analysis)")
    write_ms = sorted(writes)[10]
    print(f"one write of a day's counts for {args.rules} rules (SQLite, upsert): {write_ms:.1f} ms median")


if __name__ == "__main__":
    main()
