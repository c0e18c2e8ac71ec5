"""Flags that read colder together: stock empathy followed by a refusal ("I understand, but we can't...").

An entry names, in `warning_with`, the categories whose flag turns it into a warning when it follows in the
same sentence or the next one; alone it keeps its own severity.
"""

from __future__ import annotations

import bisect
import dataclasses

from replycoach.engine.draft import Draft
from replycoach.engine.results import Flag


def escalate(flags: list[Flag], draft: Draft) -> list[Flag]:
    """The flags (in order), with each one whose `warning_with` category follows it made a warning."""
    if not any(f.entry.warning_with for f in flags):
        return flags
    starts = [start for start, _ in draft.sentences]

    def sentence(index: int) -> int:
        return bisect.bisect_right(starts, index) - 1

    out = []
    for flag in flags:
        wanted = flag.entry.warning_with
        if wanted and flag.severity != "warning":
            here = sentence(flag.span.start)
            if any(
                other.entry.category in wanted
                and other.span.start >= flag.span.end
                and sentence(other.span.start) <= here + 1
                for other in flags
            ):
                flag = dataclasses.replace(flag, entry=dataclasses.replace(flag.entry, severity="warning"))
        out.append(flag)
    return out
