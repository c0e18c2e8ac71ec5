"""`replycoach audit`: an audit of past replies from a helpdesk's CSV export, as summary.json and a
self-contained HTML report."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from replycoach.cli.common import BadInput, service_engine

if TYPE_CHECKING:
    from replycoach.audit import Skipped

# Skipped rows named on standard error; the rest are counted (and the first 100 listed in the outputs).
SKIPPED_SHOWN = 10


@click.command(short_help="Audit past replies from a helpdesk's CSV export: summary.json and an HTML report.")
@click.argument("replies", metavar="REPLIES.csv", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here."
)
@click.option(
    "--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), help="Write summary.json here."
)
@click.option(
    "--bank",
    "bank_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Phrase bank folder (default: the bank in the service's database when there is one, as /v1/analyze "
    "uses it, else the curated bank).",
)
@click.option("--text-column", metavar="NAME", help="The column holding the reply (default: text).")
@click.option(
    "--customer-column",
    metavar="NAME",
    help="The column holding the customer's message it answers (default: customer_message, if present).",
)
@click.option(
    "--agent-column", metavar="NAME", help="The column naming the agent (default: agent, if present)."
)
@click.option("--team-column", metavar="NAME", help="The column naming the team (default: team, if present).")
@click.option(
    "--date-column",
    metavar="NAME",
    help="The column holding when the reply was sent, ISO 8601 (default: created_at, if present).",
)
@click.option("--delimiter", default=",", show_default=True, help="The character between fields.")
@click.option(
    "--examples",
    default=20,
    show_default=True,
    type=click.IntRange(0, 500),
    help="How many of the worst replies the report shows.",
)
@click.option(
    "--min-replies",
    default=10,
    show_default=True,
    type=click.IntRange(1),
    help="Agents, teams and weeks with fewer replies are marked as too few to judge by, and left out of the "
    "charts.",
)
@click.option(
    "--compare",
    "compare_path",
    metavar="PREVIOUS.json",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The summary.json of an earlier audit: show the change per category and team, and its weeks.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1),
    help="Processes that analyze rows at once (default: the machine's cores); the counts do not change.",
)
@click.option(
    "--mode",
    "file_mode",
    default="600",
    show_default=True,
    metavar="OCTAL",
    help="Permissions of the files written (they hold replies and customers' messages): 600 lets only you "
    "read them, 644 everyone on this machine.",
)
def audit(
    replies: Path,
    html_path: Path | None,
    json_path: Path | None,
    bank_dir: Path | None,
    text_column: str | None,
    customer_column: str | None,
    agent_column: str | None,
    team_column: str | None,
    date_column: str | None,
    delimiter: str,
    examples: int,
    min_replies: int,
    compare_path: Path | None,
    jobs: int | None,
    file_mode: str,
) -> None:
    """Audit past replies: analyze every reply of REPLIES.csv (a helpdesk export with a text column; optional
    customer_message, agent, team and created_at columns) and write summary.json and an HTML report.

    Rows that are empty, too long or malformed are skipped and reported, never fatal. Exits 2 when the file
    cannot be read as a CSV of replies or an output cannot be written, else 0."""
    from replycoach.audit import Columns, ReplyFile, audit, render_report, summary, write_atomically
    from replycoach.audit.compare import compare, read_previous
    from replycoach.audit.output import check_writable
    from replycoach.errors import InputError

    if html_path is None and json_path is None:
        raise BadInput("nothing to write: give --html REPORT.html, --json SUMMARY.json, or both")
    if len(delimiter) != 1:
        raise BadInput(f"--delimiter must be one character, not {delimiter!r}")
    mode = _mode(file_mode)
    # The optional columns named explicitly must exist; the others default to Columns' names.
    named = {"customer": customer_column, "agent": agent_column, "team": team_column, "date": date_column}
    given = {role: name for role, name in {"text": text_column, **named}.items() if name}
    columns = Columns(**given, required=frozenset(named).intersection(given))
    try:
        for path in (html_path, json_path):
            if path is not None:
                check_writable(path)
        previous = read_previous(compare_path) if compare_path is not None else None
        reader = ReplyFile(replies, columns, delimiter)
    except InputError as err:
        raise BadInput(str(err)) from err
    with reader:
        engine, bank = service_engine(bank_dir)
        with _progress(replies, reader.size) as progress:
            tally = audit(reader, engine, keep=examples, progress=progress, jobs=jobs or os.cpu_count() or 1)
    result = summary(tally, str(replies), bank, reader.present, min_replies)
    if previous is not None:
        result["compare"] = compare(result, previous, str(compare_path))
    # Both are made before either is written, so an error while making the report writes neither.
    outputs = []
    if json_path is not None:
        outputs.append((json_path, json.dumps(result, indent=2, ensure_ascii=False) + "\n"))
    if html_path is not None:
        outputs.append((html_path, render_report(result, tally)))
    try:
        for path, text in outputs:
            write_atomically(path, text, mode)
    except InputError as err:
        raise BadInput(str(err)) from err
    _report(replies, result, tally.skipped_rows, [p for p in (html_path, json_path) if p is not None])


def _mode(text: str) -> int:
    """`--mode` as permission bits: three octal digits."""
    if len(text) not in (3, 4) or any(c not in "01234567" for c in text) or int(text, 8) > 0o777:
        raise BadInput(f"--mode must be permissions in octal, like 600 or 644, not {text!r}")
    return int(text, 8)


class _progress:
    """A progress bar on standard error (bytes read, rows so far) when it is a terminal; silent otherwise."""

    def __init__(self, path: Path, size: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(
            total=size,
            unit="B",
            unit_scale=True,
            desc=path.name,
            leave=False,
            disable=not sys.stderr.isatty(),
        )

    def __enter__(self) -> _progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.refresh()  # the last count, however soon after the one before
        self.bar.close()

    def __call__(self, rows: int, position: int) -> None:
        self.bar.set_postfix_str(f"{rows:,} rows", refresh=False)
        self.bar.update(max(0, position - self.bar.n))


def _report(replies: Path, result: dict[str, Any], skipped: list[Skipped], written: list[Path]) -> None:
    from replycoach.audit.tally import SKIPPED_KEPT

    for row in skipped[:SKIPPED_SHOWN]:
        reason = row.reason.replace("_", " ")
        click.echo(f"{replies}: row {row.row} (line {row.line}) skipped, {reason}: {row.detail}", err=True)
    counts = result["skipped"]
    if counts["rows"] > SKIPPED_SHOWN:
        more = _count(counts["rows"] - SKIPPED_SHOWN, "more row", "more rows")
        listed = f"the first {SKIPPED_KEPT} are listed in the outputs"
        click.echo(f"{replies}: {more} skipped ({listed})", err=True)
    total, warned, flagged = result["replies"], result["with_warning"], result["with_flag"]
    click.echo(
        f"{replies}: {_count(total, 'reply', 'replies')} analyzed, {_count(counts['rows'], 'row', 'rows')} "
        f"skipped ({counts['empty']:,} empty, {counts['too_long']:,} too long, {counts['bad_row']:,} bad)"
    )
    click.echo(
        f"with a warning: {warned:,} ({_percent(warned, total)}); with any flag: {flagged:,} "
        f"({_percent(flagged, total)}); mean score: {result['mean_score']}"
    )
    click.echo(f"bank: {result['bank']}")
    click.echo("written: " + ", ".join(str(path) for path in written))


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"
