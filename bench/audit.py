"""Audit benchmark: `replycoach audit` over large exports, its speed and its peak memory.

Usage: python bench/audit.py [--rows N [N ...]] [--csv FILE ...] [--jobs N [N ...]]

Without --csv, writes synthetic exports of N rows each (default 10,000 and 100,000: replies of one to five
sentences, cold and warm, a third answering an upset customer's message, with agent, team and created_at
columns over 26 weeks) to a temporary folder. Runs `replycoach audit EXPORT --html --json` on each as a
separate process, with a temporary home (so the service's database, seeded with the curated bank), and
prints rows per second and the peak resident memory of its largest process (its maximum RSS), for each
`--jobs` (default: 1 and the machine's cores), with the speed-up over the first. Memory that does not grow
with the rows is the point: the audit keeps counters and the worst replies, never the rows. Figures, not
assertions.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SCRIPT = str(Path(sys.executable).parent / "replycoach")

SENTENCES = [
    "Thanks for getting in touch about your order.",
    "I've checked your account and the refund went out this morning.",
    "Calm down, please.",
    "You'll have to wait 24 hours.",
    "It's company policy.",
    "Unfortunately we can't change the delivery address now.",
    "I'm sorry to hear the parcel arrived damaged.",
    "As I already explained, the update fixes this.",
    "I'll call you back before 5 pm today with an answer.",
    "Have you tried restarting the app?",
    "Your new card is on its way and should arrive on Friday.",
    "Please contact your bank about the charge.",
    "Have a great day!",
    "We apologize for any inconvenience.",
    "I've passed this to our billing team and they will email you tomorrow.",
]
CUSTOMERS = [
    "This is the third time I write about this, it's ridiculous!!",
    "I tried restarting the app twice and it still crashes.",
    "Hi, where is my parcel? Thanks.",
]
AGENTS = [f"Agent {n}" for n in range(1, 41)]
TEAMS = ["Billing", "Delivery", "Accounts", "Tech"]


def write_export(path: Path, rows: int, seed: int = 16) -> None:
    """A synthetic export of `rows` replies."""
    rng = random.Random(seed)
    start = date(2026, 1, 5)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(("text", "customer_message", "agent", "team", "created_at"))
        for i in range(rows):
            text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 5)))
            customer = rng.choice(CUSTOMERS) if i % 3 == 0 else ""
            day = start + timedelta(days=i * 182 // rows)
            writer.writerow((text, customer, rng.choice(AGENTS), rng.choice(TEAMS), f"{day}T10:00:00Z"))


def run(export: Path, scratch: Path, jobs: int = 1) -> dict[str, float]:
    """One audit as its own process (its home and outputs in `scratch`): wall time, peak RSS, rows counted."""
    home = scratch / "home"
    env = {**os.environ, "REPLYCOACH_HOME": str(home)}
    for name in ("REPLYCOACH_DATABASE_URL", "REPLYCOACH_BANK_DIR", "REPLYCOACH_CONFIG"):
        env.pop(name, None)
    html, summary = scratch / f"{export.stem}.html", scratch / f"{export.stem}.json"
    began = time.perf_counter()
    proc = subprocess.Popen(
        [SCRIPT, "audit", str(export), "--html", str(html), "--json", str(summary), "--jobs", str(jobs)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - began
    if status != 0:
        raise SystemExit(f"replycoach audit failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    counted = json.loads(summary.read_text(encoding="utf-8"))
    rows = counted["replies"] + counted["skipped"]["rows"]
    return {
        "rows": rows,
        "seconds": seconds,
        "rows_per_s": rows / seconds,
        "peak_mib": usage.ru_maxrss / 1024,  # kilobytes on Linux
        "report_kib": html.stat().st_size / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--csv", type=Path, nargs="+", help="real exports to audit instead of synthetic ones")
    parser.add_argument("--jobs", type=int, nargs="+", default=sorted({1, os.cpu_count() or 1}))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="replycoach-audit-bench-") as scratch:
        folder = Path(scratch)
        if args.csv:
            exports = args.csv
        else:
            exports = []
            for rows in args.rows:
                export = folder / f"replies-{rows}.csv"
                write_export(export, rows)
                exports.append(export)
        # A first, small audit seeds the database, so the timed runs do not include it.
        warm = folder / "warm.csv"
        write_export(warm, 10)
        run(warm, folder)
        print(
            f"{'export':<24} {'rows':>9} {'size MiB':>9} {'jobs':>5} {'seconds':>8} {'rows/s':>8} "
            f"{'speed-up':>9} {'peak RSS MiB':>13}"
        )
        for export in exports:
            size = export.stat().st_size / 2**20
            first = None
            for jobs in args.jobs:
                figures = run(export, folder, jobs)
                first = first or figures["rows_per_s"]
                print(
                    f"{export.name:<24} {figures['rows']:>9,.0f} {size:>9.1f} {jobs:>5} "
                    f"{figures['seconds']:>8.1f} {figures['rows_per_s']:>8,.0f} "
                    f"{figures['rows_per_s'] / first:>8.2f}x {figures['peak_mib']:>13.1f}"
                )


if __name__ == "__main__":
    main()
