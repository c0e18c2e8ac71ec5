"""What a bank costs a long draft: its analysis time on one fixed worst-case draft, and whether a change makes
that much slower than the bank in service.

The draft is the longest a service takes (20,000 characters) and is the worst a bank can meet: the flag
examples of both banks (so every pattern's words are there and the prefilter runs them all), the changed
rule's own new examples all along it, runs of punctuation, and runs of letters. It is made from a fixed seed,
so both banks meet the same text. The
candidate is first measured on the draft's first eighth: a rule whose cost shows there is refused without
running the whole draft, so a costly rule is measured in a fraction of the time it would take."""

from __future__ import annotations

import gc
import random
import string
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from replycoach.bank.model import Entry, Topic
from replycoach.bank.vocabulary import Family
from replycoach.engine import Engine
from replycoach.engine.compiled import Bank

DRAFT_CHARS = 20_000
SHORT_CHARS = DRAFT_CHARS // 8
# A change may make the analysis of the draft at most this many times slower, and this much slower besides
# (the measure's noise on a small bank, whose draft takes a few milliseconds).
SLOWER = 2.0
SLACK_SECONDS = 0.05
# Interleaved runs of each bank; the fastest of each counts (the others met a busy machine). Each run is timed
# by the CPU time of the thread that runs it, which other processes' work on a busy machine does not add to.
RUNS = 2
_PUNCTUATION = ("!", ".", "?", ",", "-", "'", '"', ":", ";", "?!", "!?", "...", ":)")
_SEED = 23


@dataclass(frozen=True)
class Cost:
    """The bank in service's and the candidate's analysis time (seconds) on the first `chars` characters of
    the worst-case draft."""

    current: float
    candidate: float
    chars: int

    @property
    def too_slow(self) -> bool:
        """Whether the candidate is more than SLOWER times slower (and SLACK_SECONDS slower besides)."""
        return self.candidate > SLOWER * self.current + SLACK_SECONDS

    def message(self) -> str:
        """The refusal a lead reads: both figures and what to do."""
        return (
            f"makes the analysis of a long draft ({self.chars:,} characters of the bank's own example "
            f"words, punctuation runs and letters) take {self.candidate:.2f} s, against "
            f"{self.current:.2f} s with the bank in service: more than {SLOWER:g} times slower, and every "
            "draft would pay for it; make the patterns need more words and fewer repeated or optional parts"
        )


def worst_case_draft(current: Bank, candidate: Bank | None = None, chars: int = DRAFT_CHARS) -> str:
    """The fixed worst-case draft for a change from `current` to `candidate`: the flag examples of both
    banks, half of them the candidate's own new ones (a changed rule meets its words all along the draft),
    with punctuation runs and letters between."""
    ours = _examples(current)
    theirs = _examples(candidate) if candidate is not None else ours
    phrases = sorted(ours | theirs)
    new = sorted(theirs - ours)
    rng = random.Random(_SEED)
    parts: list[str] = []
    total = 0
    while total < chars:
        roll = rng.random()
        if new and roll < 0.25:
            part = rng.choice(new)
        elif phrases and roll < 0.5:
            part = rng.choice(phrases)
        elif roll < 0.75:
            part = rng.choice(_PUNCTUATION) * rng.randint(1, 6)
        else:
            part = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, 12)))
        parts.append(part)
        total += len(part) + 1
    return " ".join(parts)[:chars]


def _examples(bank: Bank) -> set[str]:
    return {example.text for entry in bank.all_entries for example in entry.flag_examples}


def adds_no_work(
    current: tuple[Sequence[Entry], Sequence[Topic], Sequence[Family]],
    candidate: tuple[Sequence[Entry], Sequence[Topic], Sequence[Family]],
) -> bool:
    """Whether the candidate (entries, topics, vocabulary) makes a draft do only the work the bank in service
    already does: the same topics and vocabulary, and every entry it has enabled enabled there too, with the
    same patterns, exceptions, checks and rewrites. Such a change (disabling or deleting an entry, rewording
    its message, adding an example) cannot make a draft slower, so it is not measured: a measure could only
    add the noise of a busy machine."""
    entries, topics, vocabulary = current
    new_entries, new_topics, new_vocabulary = candidate
    if list(new_topics) != list(topics) or list(new_vocabulary) != list(vocabulary):
        return False
    running = {entry.id: _work(entry) for entry in entries if entry.enabled}
    return all(running.get(entry.id) == _work(entry) for entry in new_entries if entry.enabled)


def _work(entry: Entry) -> tuple[object, ...]:
    """What of an entry decides a draft's work: what it matches, what keeps it quiet, what it renders."""
    return (
        entry.patterns,
        entry.unless,
        entry.words,
        entry.quiet_when,
        entry.warning_with,
        entry.when,
        entry.rewrites,
    )


def compare(current: Bank, candidate: Bank, progress: Callable[[str], None] = lambda _: None) -> Cost:
    """Measure both banks on the worst-case draft: its first eighth, then (if the candidate is not already
    too slow there) the whole of it. `progress` is told each step before it runs (it may stop the check)."""
    draft = worst_case_draft(current, candidate)
    engines = (
        Engine(current, max_chars=DRAFT_CHARS, max_flags=DRAFT_CHARS),
        Engine(candidate, max_chars=DRAFT_CHARS, max_flags=DRAFT_CHARS),
    )
    for engine in engines:
        engine.analyze(draft[:200])  # first-use work (caches) is not the draft's cost
    cost = Cost(0.0, 0.0, 0)
    collecting = gc.isenabled()
    try:
        # As timeit does: a collection of the whole process's heap must not be charged to the one bank that
        # happened to be running when it came (in a long-lived process it can take longer than the draft).
        gc.disable()
        for length in (SHORT_CHARS, DRAFT_CHARS):
            cost = _measure(engines, draft[:length], progress)
            if cost.too_slow:
                break
    finally:
        if collecting:
            gc.enable()
    return cost


def _measure(engines: tuple[Engine, Engine], text: str, progress: Callable[[str], None]) -> Cost:
    """The fastest of RUNS interleaved analyses of `text` by each engine (fewer if the first is far over)."""
    length = len(text)
    best = [float("inf"), float("inf")]
    for run in range(RUNS):
        for index, engine in enumerate(engines):
            progress(
                f"measuring the analysis time of a {length:,}-character draft "
                f"(run {run + 1} of {RUNS}, {'the changed bank' if index else 'the bank in service'})"
            )
            start = time.thread_time()
            engine.analyze(text)
            best[index] = min(best[index], time.thread_time() - start)
        if best[1] > 2 * (SLOWER * best[0] + SLACK_SECONDS):
            break  # so far over that no second run could bring it back under
    return Cost(best[0], best[1], length)
