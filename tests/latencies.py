"""Seconds from the last keystroke to the marker, per (browser, editor), measured by the extension's browser
tests and printed at the end of the session (tests/conftest.py). A figure to read, never asserted: speed is
the benchmarks' job. When the suite runs in several processes (pytest-xdist), each sends its own figures to
the process that prints the summary."""

from __future__ import annotations

from collections.abc import Iterable

LATENCIES: dict[tuple[str, str], list[float]] = {}


def record_latency(browser: str, editor: str, seconds: float) -> None:
    """Keep one measured time from the last keystroke to the marker, for the session's summary."""
    LATENCIES.setdefault((browser, editor), []).append(seconds)


def as_rows() -> list[list[object]]:
    """The figures in a form that travels between test processes: [browser, editor, [seconds…]]."""
    return [[browser, editor, times] for (browser, editor), times in LATENCIES.items()]


def merge(rows: Iterable[list[object]]) -> None:
    """Add figures another test process measured."""
    for browser, editor, times in rows:
        LATENCIES.setdefault((str(browser), str(editor)), []).extend(times)  # type: ignore[call-overload]


def summary_lines() -> list[str]:
    """One line per browser and editor: the median and the slowest time, in ms."""
    lines = []
    for (browser, editor), times in sorted(LATENCIES.items()):
        ms = sorted(round(seconds * 1000) for seconds in times)
        median = ms[len(ms) // 2]
        lines.append(f"{browser:9} {editor:24} median {median:5d} ms  max {ms[-1]:5d} ms  (n={len(ms)})")
    return lines
