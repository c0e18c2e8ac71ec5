"""Engine benchmark: a normal 1 KB draft, and 20,000-character drafts that repeat one cold phrase.

Usage: python bench/engine.py [--replies FILE] [--drafts N] [--rounds R]

The curated bank analyzes N drafts of about 1 KB (real replies from FILE, see bench/replies.py, or built-in
reply text with a few cold phrases), then 20,000-character drafts that each repeat one phrase the bank flags
(a phrase with no context check, a refusal whose check reads the rest of its sentence, a conditional one).
Prints CPU milliseconds per draft and per KB, and each long draft's cost per KB as a multiple of the normal
draft's: linear means that multiple stays small whatever the draft repeats. The multiple is measured in
pairs: each time a long draft is analyzed, 1 KB drafts of the same total length are analyzed right before
it, and the multiple is the median of those pairs' ratios (a shared machine's speed moves from second to
second; a pair sees the same machine). Each figure is the median of R rounds. Also prints the process's peak
memory.
"""

from __future__ import annotations

import random
import resource
import statistics

from replies import draft_arguments, join_drafts, load_replies
from served import served_engine
from timing import cpu_ms_per_item

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


def main() -> None:
    args = draft_arguments(__doc__)
    replies = [r.text for r in load_replies(args.replies)] if args.replies else _FILLER.split(". ")
    rng = random.Random(14)
    engine = served_engine()
    long_drafts = {phrase: (phrase * (LONG_CHARS // len(phrase) + 1))[:LONG_CHARS] for phrase in REPEATED}
    for draft in [*_drafts(replies, 20, rng), *long_drafts.values()]:
        engine.analyze(draft)  # warm-up

    normal: list[float] = []
    long: dict[str, list[float]] = {phrase: [] for phrase in REPEATED}
    ratios: dict[str, list[float]] = {phrase: [] for phrase in REPEATED}
    pair = max(1, round(LONG_CHARS / DRAFT_CHARS))  # 1 KB drafts as long, together, as one long draft
    for _ in range(args.rounds):
        # Each round: fresh 1 KB drafts, then each long draft a few times, each time right after as many
        # characters of 1 KB drafts, so a busy spell of a shared machine falls on both sides of a pair.
        normal.append(cpu_ms_per_item(engine.analyze, _drafts(replies, args.drafts, rng)))
        for phrase, draft in long_drafts.items():
            for _ in range(3):
                short_ms = cpu_ms_per_item(engine.analyze, _drafts(replies, pair, rng))
                long_ms = cpu_ms_per_item(engine.analyze, [draft])
                long[phrase].append(long_ms)
                ratios[phrase].append((long_ms / LONG_CHARS) / (short_ms / DRAFT_CHARS))
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
        ratio = statistics.median(ratios[phrase])
        worst = max(worst, ratio)
        print(
            f"  {phrase.strip()!r} to {LONG_CHARS:,} characters ({flags} flags): {ms:6.1f} ms, "
            f"{ms / (LONG_CHARS / 1000):.3f} ms per KB = {ratio:.1f}x the normal draft's "
            f"(median of {len(ratios[phrase])} pairs)"
        )
    print(f"  the costliest long draft per KB: {worst:.1f}x a normal draft's")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
