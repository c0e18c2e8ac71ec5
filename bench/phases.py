"""Where an analysis of a 1 KB draft spends its time, phase by phase.

Usage: python bench/phases.py [--replies FILE] [--drafts N] [--rounds R]

Times the same drafts (see bench/replies.py; default: the curated bank's own examples joined into 1 KB
drafts) through ever longer prefixes of the engine's own path, each from the start:
  views    the draft read (normalized text, canonical and core views, their UTF-8 bytes);
  prefilter and patterns   plus the matcher (RE2's prefilter over each view, then the patterns it passes);
  the rest plus everything `Engine.analyze` does after matching (context checks, overlaps, sentences,
           suggestions, score) and the draft's tone (TextBlob polarity), which is also timed alone.
Each phase is the difference between two prefixes; each figure is the median of R rounds of CPU time.
This shows what a faster engine would have to change, which whole-command timings (bench/peers.py) cannot.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable

from replies import draft_arguments, join_drafts, reply_texts
from replycoach.engine.draft import Draft
from replycoach.engine.tone import polarity
from served import served_engine
from timing import cpu_ms_per_item

DRAFT_CHARS = 1024


def main() -> None:
    args = draft_arguments(__doc__)

    engine = served_engine()
    bank = engine.bank
    replies = reply_texts(args.replies, bank)
    used = bank.matcher.views_used()

    def views(text: str) -> Draft:
        draft = Draft(text, bank.skip)
        for name in used:
            draft.views[name].utf8.data  # noqa: B018 - made on first use: this makes it
        return draft

    def matched(text: str) -> object:
        return bank.matcher.find(views(text).views, with_message=False)

    prefixes: dict[str, Callable[[str], object]] = {
        "views": views,
        "matched": matched,
        "analyze": engine.analyze,
        "tone": polarity,
    }
    rounds: dict[str, list[float]] = {name: [] for name in prefixes}
    for round_index in range(args.rounds):
        drafts = join_drafts(replies, args.drafts, round_index * 7, DRAFT_CHARS)
        for run in prefixes.values():
            for draft in drafts[:20]:
                run(draft)
        for name, run in prefixes.items():
            rounds[name].append(cpu_ms_per_item(run, drafts))
    median = {name: statistics.median(times) for name, times in rounds.items()}
    total = median["analyze"]
    phases = {
        "views": median["views"],
        "prefilter and patterns": median["matched"] - median["views"],
        "checks, overlaps, suggestions": median["analyze"] - median["matched"] - median["tone"],
        "tone (polarity)": median["tone"],
    }
    print(f"{args.rounds} rounds of {args.drafts} drafts of {DRAFT_CHARS} characters, CPU ms per draft:")
    for name, ms in phases.items():
        print(f"  {name:>30}: {ms:6.3f}  {ms / total:6.1%}")
    print(f"  {'analyze':>30}: {total:6.3f}")


if __name__ == "__main__":
    main()
