"""Engine benchmark: a normal 1 KB draft, and 20,000-character drafts that repeat one cold phrase.

Usage: python bench/engine.py [--replies FILE] [--drafts N] [--rounds R]

The curated bank analyzes N drafts of about 1 KB (real replies from FILE, see bench/replies.py, or built-in
reply text with a few cold phrases), then 20,000-character drafts that each repeat one phrase the bank flags
(a phrase with no context check, a refusal whose check reads the rest of its sentence, a conditional one).
Prints CPU milliseconds per draft and per KB, and each long draft's cost per KB as a multiple of the normal
draft's: linear means that multiple stays small whatever the draft repeats. Each figure is the median of R
rounds. Also prints the process's peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time
from pathlib import Path

from replies import join_drafts, load_replies
from replycoach import Engine, default_engine

DRAFT_CHARS = 1024
LONG_CHARS = 20_000
_FILLER = (
    "Thanks for reaching out about your order. We have checked the account and the refund will show on your "
    "statement within five business days. Let me know if anything else comes up. Our team looked at the logs "
    "and the update fixed the sync problem on your device. Calm down, please. You'll have to wait 24 hours."
)
REPEATED = (
    "Calm down. ",
    "We can't refund it. ",
    "If you need to reset it, you'll have to wait. ",
    "It's company policy, as I already said. ",
)


def _drafts(replies: list[str], count: int, rng: random.Random) -> list[str]:
    return join_drafts(replies, count, rng.randrange(len(replies)), DRAFT_CHARS)


def _ms_per_draft(engine: Engine, drafts: list[str]) -> float:
    """CPU milliseconds per draft: steady on a machine shared with other work, where wall time is not."""
    started = time.process_time()
    for draft in drafts:
        engine.analyze(draft)
    return (time.process_time() - started) * 1000 / len(drafts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=Path, help="replies to build drafts from (see bench/replies.py)")
    parser.add_argument("--drafts", type=int, default=300, help="1 KB drafts per round (default 300)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds (default 5)")
    args = parser.parse_args()
    replies = [r.text for r in load_replies(args.replies)] if args.replies else _FILLER.split(". ")
    rng = random.Random(14)
    engine = default_engine()
    long_drafts = {phrase: (phrase * (LONG_CHARS // len(phrase) + 1))[:LONG_CHARS] for phrase in REPEATED}
    for draft in [*_drafts(replies, 20, rng), *long_drafts.values()]:
        engine.analyze(draft)  # warm-up

    normal: list[float] = []
    long: dict[str, list[float]] = {phrase: [] for phrase in REPEATED}
    for _ in range(args.rounds):
        # Each round: fresh 1 KB drafts, then each long draft a few times, so a busy spell of a shared
        # machine falls on all of them.
        normal.append(_ms_per_draft(engine, _drafts(replies, args.drafts, rng)))
        for phrase, draft in long_drafts.items():
            long[phrase].append(_ms_per_draft(engine, [draft] * 3))

    per_kb = statistics.median(normal) / (DRAFT_CHARS / 1000)
    print(f"curated bank ({len(engine.bank)} entries), CPU time, median of {args.rounds} rounds:")
    print(
        f"  {args.drafts} drafts of {DRAFT_CHARS} characters: {statistics.median(normal):6.3f} ms per draft"
    )
    print(f"  {per_kb:.3f} ms per KB")
    worst = 0.0
    for phrase, draft in long_drafts.items():
        ms = statistics.median(long[phrase])
        flags = len(engine.analyze(draft).flags)
        ratio = ms / (LONG_CHARS / 1000) / per_kb
        worst = max(worst, ratio)
        print(
            f"  {phrase.strip()!r} to {LONG_CHARS:,} characters ({flags} flags): {ms:6.1f} ms, "
            f"{ms / (LONG_CHARS / 1000):.3f} ms per KB = {ratio:.1f}x the normal draft's"
        )
    print(f"  the costliest long draft per KB: {worst:.1f}x a normal draft's")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
