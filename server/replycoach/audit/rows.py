"""Reading a helpdesk export of sent replies: a CSV file, one row at a time (never the whole file in memory).

Each row becomes a `Reply` or a `Skipped` with the reason; only a file that cannot be read as a CSV of
replies at all (missing, not UTF-8 in its header, no text column) raises `InputError`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from replycoach.errors import InputError

# Why a row was skipped, as summary.json counts them.
EMPTY, TOO_LONG, BAD_ROW = "empty", "too_long", "bad_row"
REASONS = (EMPTY, TOO_LONG, BAD_ROW)

# The longest field the reader takes. Past the engine's limit (20,000 characters) a reply is reported as too
# long; past this one the row is bad (most likely a quote never closed), and memory stays bounded.
FIELD_LIMIT = 1 << 20


@dataclass(frozen=True)
class Columns:
    """The header names of the columns an export has: the reply (required) and the optional ones.

    `required` lists the optional columns the user named explicitly, which must then exist."""

    text: str = "text"
    customer: str = "customer_message"
    agent: str = "agent"
    team: str = "team"
    date: str = "created_at"
    required: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reply:
    """One sent reply: where it is in the file, its text, and what the export says about it."""

    row: int
    line: int
    text: str
    customer: str | None = None
    agent: str | None = None
    team: str | None = None
    day: date | None = None


@dataclass(frozen=True)
class Skipped:
    """A row that was not analyzed, and why: `reason` is one of REASONS, `detail` says what to fix."""

    row: int
    line: int
    reason: str
    detail: str


class ReplyFile:
    """A CSV export of replies, read row by row. The header is read when it is opened; `present` says which
    optional columns (customer, agent, team, date) the file has."""

    def __init__(self, path: Path, columns: Columns = Columns(), delimiter: str = ",") -> None:
        self.path = path
        try:
            self._raw: BinaryIO = path.open("rb")
        except OSError as err:
            raise InputError(f"{path}: cannot read it: {err.strerror}") from err
        try:
            start = self._raw.read(4)
            if start[:2] in (b"\xff\xfe", b"\xfe\xff"):
                raise InputError(f"{path}: the file is UTF-16; export or save it as CSV in UTF-8")
            self._raw.seek(0)
            # Bytes that are not UTF-8 are kept as lone surrogates, so the one row holding them is skipped
            # rather than the whole file refused.
            self._text = io.TextIOWrapper(
                self._raw, encoding="utf-8-sig", errors="surrogateescape", newline=""
            )
            self._reader = csv.reader(self._text, delimiter=delimiter)
            self._header = self._read_header()
            self._index = self._indexes(columns)
        except BaseException:
            self._raw.close()
            raise
        self.present = frozenset(name for name, index in self._index.items() if index is not None)

    @property
    def size(self) -> int:
        """The file's size in bytes."""
        return self.path.stat().st_size

    @property
    def position(self) -> int:
        """About how many bytes have been read so far (for a progress bar)."""
        return self._raw.tell()

    def close(self) -> None:
        """Close the file."""
        self._text.close()

    def __enter__(self) -> ReplyFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[Reply | Skipped]:
        """Every data row, in order, as a Reply or a Skipped. Blank lines are not rows."""
        previous_limit = csv.field_size_limit(FIELD_LIMIT)
        try:
            row = 1
            line = self._reader.line_num + 1
            while True:
                try:
                    fields = next(self._reader)
                except StopIteration:
                    return
                except csv.Error as err:
                    row += 1
                    yield Skipped(row, line, BAD_ROW, f"not a valid CSV row ({err})")
                    line = self._reader.line_num + 1
                    continue
                if fields:
                    row += 1
                    yield self._parse(row, line, fields)
                line = self._reader.line_num + 1
        finally:
            csv.field_size_limit(previous_limit)

    def _read_header(self) -> list[str]:
        try:
            header = next(self._reader, None)
        except csv.Error as err:
            raise InputError(f"{self.path}: the header row is not valid CSV ({err})") from err
        if not header:
            raise InputError(f"{self.path}: the file is empty; expected a header row with a text column")
        if any(_undecodable(name) for name in header):
            raise InputError(
                f"{self.path}: the header row is not UTF-8 text; export or save the file as UTF-8"
            )
        return [name.strip() for name in header]

    def _indexes(self, columns: Columns) -> dict[str, int | None]:
        folded = [name.casefold() for name in self._header]
        found: dict[str, int | None] = {}
        for role in ("text", "customer", "agent", "team", "date"):
            name: str = getattr(columns, role)
            matches = [i for i, header in enumerate(folded) if header == name.strip().casefold()]
            if len(matches) > 1:
                raise InputError(f"{self.path}: the header has the column {name!r} {len(matches)} times")
            if not matches and (role == "text" or role in columns.required):
                listed = ", ".join(repr(h) for h in self._header)
                hint = ""
                if len(self._header) == 1 and ";" in self._header[0]:
                    hint = "; the file looks separated by semicolons: add --delimiter ';'"
                raise InputError(
                    f"{self.path}: no column named {name!r} in the header ({listed}); "
                    f"name the column that holds it with --{role}-column{hint}"
                )
            found[role] = matches[0] if matches else None
        return found

    def _parse(self, row: int, line: int, fields: list[str]) -> Reply | Skipped:
        if len(fields) != len(self._header):
            return Skipped(
                row, line, BAD_ROW, f"has {len(fields)} fields; the header has {len(self._header)}"
            )
        bad = next((i for i, value in enumerate(fields) if _undecodable(value)), None)
        if bad is not None:
            return Skipped(row, line, BAD_ROW, f"the column {self._header[bad]!r} is not UTF-8 text")

        def cell(role: str) -> str | None:
            index = self._index[role]
            return fields[index] if index is not None else None

        text = cell("text") or ""
        if not text.strip():
            return Skipped(row, line, EMPTY, "the reply is empty")
        day = None
        stamp = (cell("date") or "").strip()
        if stamp:
            try:
                day = _day(stamp)
            except ValueError:
                name = self._header[self._index["date"] or 0]
                return Skipped(
                    row,
                    line,
                    BAD_ROW,
                    f"{name} {stamp[:40]!r} is not an ISO 8601 date or time (like 2026-03-05 or "
                    "2026-03-05T10:22:00Z)",
                )
        return Reply(
            row,
            line,
            text,
            customer=cell("customer") or None,
            agent=(cell("agent") or "").strip() or None,
            team=(cell("team") or "").strip() or None,
            day=day,
        )


def _day(stamp: str) -> date:
    """The calendar day of an ISO 8601 date or date and time, as written (its own time zone)."""
    if len(stamp) == 10:
        return date.fromisoformat(stamp)
    return datetime.fromisoformat(stamp).date()


def _undecodable(value: str) -> bool:
    # surrogateescape turned each byte that is not UTF-8 into a lone surrogate U+DC80..U+DCFF.
    return not value.isascii() and any("\udc80" <= char <= "\udcff" for char in value)
