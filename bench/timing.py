"""CPU time per item, for the benchmarks that time the engine in their own process."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence


def cpu_ms_per_item(run: Callable[[str], object], items: Sequence[str]) -> float:
    """CPU milliseconds per item of `run` over the items: steady on a machine shared with other work, where
    wall time is not."""
    started = time.process_time()
    for item in items:
        run(item)
    return (time.process_time() - started) * 1000 / len(items)
