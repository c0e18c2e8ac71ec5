"""How well RE2's prefilter narrows the patterns a 1 KB draft runs, and which patterns it lets through most.

Usage: python bench/prefilter.py [--replies FILE] [--drafts N] [--rounds R] [--show K]

The matcher hands every pattern of a view to one FilteredRE2: its literal atoms are found in one pass over
the draft, and only the patterns whose atoms the draft holds run, each over the whole draft (some 5 us a
KB). This prints, per draft, how many patterns passed the prefilter and how many of those matched, then the
K patterns that passed most often, with how often each matched. A pattern that passes nearly every draft
and seldom matches is one whose required words RE2 could not see (an optional group it reads as
"anything", a family with a word shorter than three letters, which RE2 drops as an atom), or whose words
are simply common in replies ("you", "contact"). Drafts are as bench/phases.py makes them, without a
customer's message; R rounds each start the replies from another place.
"""

from __future__ import annotations

import argparse
import collections

from replies import draft_arguments, join_drafts, reply_texts
from replycoach.engine.draft import Draft
from served import served_engine

DRAFT_CHARS = 1024


def main() -> None:
    def show(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--show", type=int, default=15, help="patterns to list (default 15)")

    args = draft_arguments(__doc__, extra=show)
    bank = served_engine().bank
    replies = reply_texts(args.replies, bank)
    patterns = {entry.id: entry.patterns for entry in bank.entries}
    passed: collections.Counter[tuple[str, str, int]] = collections.Counter()
    matched: collections.Counter[tuple[str, str, int]] = collections.Counter()
    drafts = 0
    for round_index in range(args.rounds):
        for text in join_drafts(replies, args.drafts, round_index * 7, DRAFT_CHARS):
            drafts += 1
            for view, entry_id, index, matches in bank.matcher.prefiltered(
                Draft(text, bank.skip).views, with_message=False
            ):
                passed[view, entry_id, index] += 1
                matched[view, entry_id, index] += matches
    per_draft = sum(passed.values()) / drafts, sum(matched.values()) / drafts
    print(
        f"{drafts} drafts of {DRAFT_CHARS} characters: per draft, {per_draft[0]:.2f} patterns passed the "
        f"prefilter and {per_draft[1]:.2f} of them matched"
    )
    print(f"the {args.show} patterns passed most often (share of drafts passed / matched):")
    for (view, entry_id, index), count in passed.most_common(args.show):
        share, hits = count / drafts, matched[view, entry_id, index] / drafts
        print(f"  {share:5.2f} {hits:5.2f}  {entry_id} [{index}] ({view}): {patterns[entry_id][index]}")


if __name__ == "__main__":
    main()
