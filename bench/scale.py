"""Scale benchmark: the cost per draft with 5,000 entries against 50, and the bank's build times.

Usage: python bench/scale.py [--replies FILE] [--drafts N] [--rounds R]

Synthetic banks of 50, 1,000 and 5,000 entries shaped like the curated ones: each entry has a phrase of its
own and patterns that use the curated vocabulary's word families ({{remedy-verb:base}} and others), with the
curated families in the bank. Drafts are about 1 KB of real replies (FILE, see bench/replies.py; by default
built-in reply text), each with a sentence that hits one synthetic entry. Prints the mean CPU milliseconds per
draft for each bank (the median of R rounds that take the banks in turn) and the 5,000-to-50 ratio; then, for
1,000 entries, the time to build the bank from the database as the service does at start (its snapshot and
compile) and the time a worker takes to serve an edit made through the bank store (the live reload).
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from replies import draft_arguments, load_replies
from replycoach import Engine, default_engine
from replycoach.bank.loader import bank_data
from replycoach.bank.model import Entry, Example, Rewrite
from replycoach.bank.schema import dump_entry
from replycoach.engine.compiled import Bank, _entry_json
from replycoach.store.bank import BankStore
from replycoach.store.db import connect
from replycoach.store.records import Author, _parse_stored
from replycoach.web.live import LiveEngine
from timing import cpu_ms_per_item

DRAFT_CHARS = 1024
_FILLER = (
    "Thanks for reaching out about your order. We have checked the account and the refund will show on your "
    "statement within five business days. Let me know if anything else comes up. Our team looked at the logs "
    "and the update fixed the sync problem on your device."
)
# Shapes of real entries, each with the entry's own phrase (TOKEN) and the curated families.
_SHAPES = (
    r"(?:we|I) (?:can't|cannot|am unable to) {{remedy-verb:base}} (?:the )?TOKEN(?P<thing>(?: \w+){0,3})",
    r"(?:please )?TOKEN (?:right )?now",
    r"you(?:'ll| will) (?:have|need) to TOKEN (?:it|this|that)",
)


def _word(i: int) -> str:
    """A made-up word of letters only, distinct for each entry (like the phrase a real entry owns)."""
    letters = "bcdfghjklmnpqrstvwxz"
    word = ""
    i += 20 * 20
    while i:
        i, r = divmod(i, len(letters))
        word += letters[r] + "ae"[r % 2]
    return "qu" + word


def synthetic_entry(i: int) -> Entry:
    """A made-up entry: two of the shapes, its own phrase, a rewrite, examples that it flags."""
    token = _word(i)
    patterns = (_SHAPES[i % 3].replace("TOKEN", token), _SHAPES[(i + 1) % 3].replace("TOKEN", token))
    flagged = f"{token} now" if 1 in (i % 3, (i + 1) % 3) else f"you'll have to {token} it"
    return Entry(
        id=f"refusal.synthetic-{i}",
        category="refusal",
        severity="warning" if i % 2 else "suggestion",
        patterns=patterns,
        message="Synthetic entry for benchmarks.",
        why="Synthetic entry for benchmarks.",
        rewrites=(Rewrite("here is what I can do", "phrase"), Rewrite("let me help", "phrase")),
        flag_examples=(Example(f"OK, {flagged}.", flagged), Example(f"Sure, {flagged}!", flagged)),
        pass_examples=(Example("Thanks for your patience."), Example(f"The {token} arrived.")),
        source="synthetic.yml",
    )


def _drafts(replies: list[str], count: int, bank_size: int, rng: random.Random) -> list[str]:
    drafts = []
    position = rng.randrange(len(replies))
    for _ in range(count):
        parts = [f"Sorry, you'll have to {_word(rng.randrange(bank_size))} it."]
        while sum(len(p) + 1 for p in parts) < DRAFT_CHARS:
            parts.append(replies[position % len(replies)])
            position += 1
        rng.shuffle(parts)
        drafts.append(" ".join(parts)[:DRAFT_CHARS])
    return drafts


def _mean_ms(engine: Engine, drafts: list[str]) -> float:
    for draft in drafts[:20]:
        engine.analyze(draft)
    return cpu_ms_per_item(engine.analyze, drafts)


def _build_times(size: int) -> tuple[float, float, float]:
    """Seconds to compile `size` entries; to start serving them from a database (snapshot and compile);
    and for a worker to serve an edit made through the store."""
    curated = bank_data(default_engine().bank)
    entries = [synthetic_entry(i) for i in range(size)]
    started = time.perf_counter()
    Bank.build(entries, curated.topics, curated.vocabulary)
    compiled = time.perf_counter() - started

    folder = Path(tempfile.mkdtemp(prefix="replycoach-scale-"))
    store = BankStore(connect(f"sqlite:///{folder / 'bank.db'}"))
    curated.entries = entries
    store.seed(curated, "synthetic")
    # A service starting has parsed and hashed none of these entries yet.
    _entry_json.cache_clear()
    _parse_stored.cache_clear()
    started = time.perf_counter()
    live = LiveEngine(store, 20_000, 200)
    at_start = time.perf_counter() - started

    stored = store.get("refusal.synthetic-0")
    raw = dump_entry(stored.entry)
    raw["message"] = "Synthetic entry for benchmarks, edited."
    store.update(stored.entry.id, raw, stored.etag, Author(None, "bench"))
    live.expire()
    started = time.perf_counter()
    engine = live.current()
    reload = time.perf_counter() - started
    assert engine.bank.compiled("refusal.synthetic-0").entry.message.endswith("edited.")
    return compiled, at_start, reload


def main() -> None:
    args = draft_arguments(__doc__, "drafts per bank and round", "rounds, each bank in turn")
    replies = [r.text for r in load_replies(args.replies)] if args.replies else _FILLER.split(". ")
    rng = random.Random(14)
    curated = bank_data(default_engine().bank)

    sizes = (50, 1000, 5000)
    engines = {}
    for size in sizes:
        bank = Bank.build([synthetic_entry(i) for i in range(size)], curated.topics, curated.vocabulary)
        engines[size] = Engine(bank)
    means: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(args.rounds):
        for size in sizes:
            means[size].append(_mean_ms(engines[size], _drafts(replies, args.drafts, size, rng)))
    print(
        f"{args.drafts} drafts of {DRAFT_CHARS} characters, each hitting one entry; CPU, median of "
        f"{args.rounds} rounds:"
    )
    for size in sizes:
        print(f"  {size:>5} entries: {statistics.median(means[size]):6.3f} ms per draft")
    ratio = statistics.median(means[5000]) / statistics.median(means[50])
    print(f"  5,000 entries cost {ratio:.2f}x what 50 do")

    compiled, at_start, reload = _build_times(1000)
    print("1,000 entries, with the curated vocabulary:")
    print(f"  compile the bank:                         {compiled:6.2f} s")
    print(f"  start serving it from the database:       {at_start:6.2f} s")
    print(f"  live reload of an edit (snapshot, build):  {reload:6.2f} s")


if __name__ == "__main__":
    main()
