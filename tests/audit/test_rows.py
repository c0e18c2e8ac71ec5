"""Reading an export row by row, and counting it: what each kind of bad row becomes, which rows the report
keeps as the worst, and how a reply is cut around its flags (the audit package itself, no command)."""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import BASIC_BANK
from replycoach import Engine, load_bank
from replycoach.audit import Columns, Reply, ReplyFile, Skipped, Tally, audit
from replycoach.audit.marks import Mark
from replycoach.audit.report import Piece, pieces
from replycoach.audit.rows import FIELD_LIMIT
from replycoach.errors import InputError


def read(path: Path, data: bytes) -> list[Reply | Skipped]:
    path.write_bytes(data)
    with ReplyFile(path) as replies:
        return list(replies)


def test_rows_become_replies_with_their_columns(tmp_path: Path) -> None:
    data = (
        "\ufeffText,Customer_Message,AGENT,team,created_at,other\n"
        '"Line one\nline two",Where is it?, Ana ,,2026-03-05T23:30:00-05:00,x\n'
        "Hi,,,,,\n"
    ).encode()
    assert read(tmp_path / "r.csv", data) == [
        Reply(2, 2, "Line one\nline two", "Where is it?", "Ana", None, date(2026, 3, 5)),
        Reply(3, 4, "Hi"),
    ]


def test_each_bad_row_is_skipped_with_its_reason(tmp_path: Path) -> None:
    data = (
        b"text,created_at\n"
        b"ok,2026-01-01\n"
        b" ,2026-01-01\n"
        b"one,two,three\n"
        b"caf\xe9,2026-01-01\n"
        b"ok,yesterday\n"
        b"\n"
        b"ok,2026-02-30\n"
        b'"' + b"x" * (FIELD_LIMIT + 1) + b'",2026-01-01\n'
        b"last,2026-01-02\n"
    )
    found = read(tmp_path / "r.csv", data)
    assert found[:6] == [
        Reply(2, 2, "ok", day=date(2026, 1, 1)),
        Skipped(3, 3, "empty", "the reply is empty"),
        Skipped(4, 4, "bad_row", "has 3 fields; the header has 2"),
        Skipped(5, 5, "bad_row", "the column 'text' is not UTF-8 text"),
        Skipped(
            6,
            6,
            "bad_row",
            "created_at 'yesterday' is not an ISO 8601 date or time (like 2026-03-05 or "
            "2026-03-05T10:22:00Z)",
        ),
        # The blank line is not a row.
        Skipped(
            7,
            8,
            "bad_row",
            "created_at '2026-02-30' is not an ISO 8601 date or time (like 2026-03-05 or "
            "2026-03-05T10:22:00Z)",
        ),
    ]
    assert found[6] == Skipped(
        8, 9, "bad_row", f"not a valid CSV row (field larger than field limit ({FIELD_LIMIT}))"
    )
    assert found[-1] == Reply(found[-1].row, 10, "last", day=date(2026, 1, 2))


def test_files_that_are_not_a_csv_of_replies_are_refused(tmp_path: Path) -> None:
    cases = [
        (b"", "the file is empty; expected a header row with a text column"),
        (b"body,agent\nHi,Ana\n", "no column named 'text' in the header ('body', 'agent'); name the column"),
        (b"text,Text\nHi,Ho\n", "the header has the column 'text' 2 times"),
        (b"t\xe9xt\nHi\n", "the header row is not UTF-8 text; export or save the file as UTF-8"),
        ("text\nHi\n".encode("utf-16"), "the file is UTF-16; export or save it as CSV in UTF-8"),
    ]
    for data, message in cases:
        (tmp_path / "r.csv").write_bytes(data)
        with pytest.raises(InputError) as raised:
            ReplyFile(tmp_path / "r.csv")
        assert str(raised.value).startswith(f"{tmp_path / 'r.csv'}: {message}"), data
    # Optional columns are optional unless named.
    (tmp_path / "r.csv").write_bytes(b"text\nHi\n")
    with ReplyFile(tmp_path / "r.csv") as replies:
        assert replies.present == frozenset({"text"})
    with pytest.raises(InputError, match="no column named 'owner' .* with --agent-column$"):
        ReplyFile(tmp_path / "r.csv", Columns(agent="owner", required=frozenset({"agent"})))


def test_the_worst_replies_kept_are_the_worst_of_all(tmp_path: Path) -> None:
    engine = Engine(load_bank(BASIC_BANK))
    phrases = [
        "Please calm down.",
        "You'll have to wait 2 days.",
        "Sorry to hear that.",
        "All done.",
        "We can't.",
    ]
    generator = random.Random(16)
    lines = ["text"] + [
        " ".join(generator.choice(phrases) for _ in range(generator.randint(1, 4))) for _ in range(400)
    ]
    (tmp_path / "r.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with ReplyFile(tmp_path / "r.csv") as replies:
        tally = audit(replies, engine, keep=7)
    everything = []
    for row, text in enumerate(lines[1:], start=2):
        result = engine.analyze(text)
        if result.flags:
            warnings = sum(f.severity == "warning" for f in result.flags)
            everything.append(((-result.score, warnings, len(result.flags), -row), row))
    expected = [row for _, row in sorted(everything, reverse=True)[:7]]
    assert [example.reply.row for example in tally.worst()] == expected
    assert tally.worst()[0].score == min(engine.analyze(t).score for t in lines[1:])
    assert Tally(keep=0).worst() == []


def test_a_reply_is_cut_at_its_flags_spans() -> None:
    def mark(start: int, end: int) -> Mark:
        return Mark(start, end, "r", "c", "warning", "", "m")

    text = "Calm down. You will wait."
    calm, wait, insert, overlapping = mark(0, 9), mark(11, 24), mark(0, 0), mark(5, 14)
    assert pieces(text, (wait, insert, calm, overlapping)) == [
        Piece("Calm down", calm),
        Piece(". "),
        Piece("You will wait", wait),
        Piece("."),
    ]
    assert pieces(text, ()) == [Piece(text)]


def test_the_package_leaves_no_old_style_import_finder_behind() -> None:
    # pygal's map-plugin finder would make every later failed import warn (an error in this suite).
    import replycoach.audit.charts  # noqa: F401
    import replycoach.web.charts  # noqa: F401

    assert [type(f).__name__ for f in sys.meta_path if type(f).__name__ == "PluginImportFixer"] == []
