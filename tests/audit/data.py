"""Test data for the audit: replies whose flags under tests/banks/basic are known, and a generated export of
them with bad rows mixed in."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

UPSET = "This is ridiculous, third time I ask!!"


@dataclass(frozen=True)
class Known:
    """A reply, the customer's message it answers, and what the basic bank flags in it."""

    text: str
    customer: str
    rules: tuple[tuple[str, str, str], ...]  # (rule id, category, severity) of each flag
    score: int


CALM = ("dismissive.calm-down", "dismissive", "warning")
WAIT = ("blame.have-to-wait", "blame", "warning")
SORRY = ("sympathy.sorry-to-hear", "sympathy", "suggestion")
GREAT_DAY = ("toxic-positivity.have-a-great-day", "toxic-positivity", "warning")

KNOWN = (
    Known("Please calm down.", "", (CALM,), 85),
    Known("You'll have to wait 2 days.", "", (WAIT,), 85),
    Known("Calm down, you'll have to wait 3 days.", "", (CALM, WAIT), 70),
    Known("Sorry to hear that. It is fixed now.", "", (SORRY,), 95),
    Known("All fixed, thanks for writing in.", "", (), 100),
    # Flagged only because the customer is upset: the customer's message is the context.
    Known("Have a great day!", UPSET, (GREAT_DAY,), 85),
    Known("Have a great day!", "", (), 100),
)
AGENTS = ("Ana", "Ben", "Chloé")
TEAMS = ("Billing", "Support")
MONDAY = date(2026, 3, 2)  # the first day of ISO week 2026-W10
GOOD_ROWS = 70


def good_row(i: int) -> tuple[Known, str, str, date]:
    """The i-th good row: its reply, agent, team and day (five replies a day from Monday 2 March 2026)."""
    return KNOWN[i % len(KNOWN)], AGENTS[i % len(AGENTS)], TEAMS[i % len(TEAMS)], MONDAY + timedelta(i // 5)


def write_export(path: Path, bom: bool = False, header: tuple[str, ...] | None = None) -> None:
    """70 good rows, and among them, at known places: two empty replies, a reply and a customer message over
    20,000 characters, a row with too few fields, one that is not UTF-8, one with a date that is not ISO 8601,
    and a blank line (not a row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header or ("text", "customer_message", "agent", "team", "created_at"))
    bad = {
        3: ["", "", "Ana", "Billing", "2026-03-02"],
        10: ["   \n  ", "", "Ben", "Support", "2026-03-02"],
        20: ["x" * 20_001, "", "Ana", "Billing", "2026-03-03"],
        30: ["Thanks!", "y" * 20_001, "Ana", "Billing", "2026-03-03"],
        40: ["Only two", "fields"],
        60: ["Fine.", "", "Ben", "Support", "03/09/2026"],
    }
    for i in range(GOOD_ROWS):
        if i in bad:
            writer.writerow(bad[i])
        if i == 50:
            out.write("\r\n")  # a blank line
        known, agent, team, day = good_row(i)
        stamp = f"{day.isoformat()}T{9 + i % 8:02d}:15:00Z" if i % 2 else day.isoformat()
        writer.writerow([known.text, known.customer, agent, team, stamp])
    data = out.getvalue().encode("utf-8")
    # A row whose agent is Latin-1, not UTF-8, after the 50th good row.
    marker = b"\r\n\r\n"
    data = data.replace(marker, b"\r\nOk then.,,Ren\xe9e,Support,2026-03-09\r\n\r\n", 1)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
