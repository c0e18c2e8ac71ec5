"""The human-readable list of a bank's entries, generated from the data for phrasebank/README.md."""

from __future__ import annotations

from collections.abc import Iterable

from replycoach.bank.model import CATEGORIES, Entry

TABLE_BEGIN = "<!-- BEGIN GENERATED TABLE -->"
TABLE_END = "<!-- END GENERATED TABLE -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def entries_table(entries: Iterable[Entry]) -> str:
    """A Markdown table of entries, by category then id, with each entry's first rewrite."""
    order = {c: i for i, c in enumerate(CATEGORIES)}
    rows = sorted(entries, key=lambda e: (order.get(e.category, len(order)), e.id))
    lines = [
        "| id | severity | when | message | first rewrite |",
        "|---|---|---|---|---|",
    ]
    for entry in rows:
        when = ", ".join(entry.when.customer_mood) if entry.when else ""
        lines.append(
            f"| `{entry.id}` | {entry.severity} | {when} | {_cell(entry.message)} | "
            f"{_cell(entry.rewrites[0].text)} |"
        )
    return "\n".join(lines) + "\n"


def replace_table(document: str, table: str) -> str:
    """Put `table` between the generated-table markers of a Markdown document."""
    head, _, rest = document.partition(TABLE_BEGIN)
    _, _, tail = rest.partition(TABLE_END)
    return f"{head}{TABLE_BEGIN}\n{table}{TABLE_END}{tail}"
