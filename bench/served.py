"""An engine as `replycoach serve` runs it, for the benchmarks that time the engine in their own process."""

from __future__ import annotations

import gc

from replycoach import Engine, default_engine


def served_engine() -> Engine:
    """The curated bank's engine, with the process left as `replycoach serve` leaves its workers: the
    lexicons loaded (one analysis with a customer's message loads them) and everything loaded so far frozen
    out of the garbage collector's sight, so no full collection walks it while a draft is timed."""
    engine = default_engine()
    engine.analyze("We can't refund it.", "I have tried everything, still nothing!")
    gc.collect()
    gc.freeze()
    return engine
