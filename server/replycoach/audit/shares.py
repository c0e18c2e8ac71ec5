"""Shares and means as the report prints them, in whole tenths rounded half up with integer arithmetic, so
the page's script (which filters the tables in the browser) prints exactly the same figures."""

from __future__ import annotations


def tenths(part: int, whole: int) -> int:
    """100 * part / whole in tenths of a percent, rounded half up (whole > 0)."""
    return (2000 * part + whole) // (2 * whole)


def percent(part: int, whole: int) -> str:
    """`52.6%`, or `–` when there is nothing to divide by."""
    if not whole:
        return "–"
    t = tenths(part, whole)
    return f"{t // 10}.{t % 10}%"


def mean(total: int, count: int) -> str:
    """A mean score to one decimal, `87.4`, or `–` for no replies."""
    if not count:
        return "–"
    t = (20 * total + count) // (2 * count)
    return f"{t // 10}.{t % 10}"


def change(now: int, before: int) -> str:
    """A change of share in tenths of a point, as the report shows it: `▲ 3.2`, `▼ 1.0`, `= 0.0`."""
    if now == before:
        return "= 0.0"
    arrow = "▲" if now > before else "▼"
    d = abs(now - before)
    return f"{arrow} {d // 10}.{d % 10}"
