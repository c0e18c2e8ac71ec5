"""Sample replies for previews: stored in the database, read from a CSV file (a `text` column) or JSON Lines
(`{"text": ...}`)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from replycoach.errors import SampleFileError
from replycoach.store.db import samples

CSV_SUFFIXES = (".csv",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")


class SampleStore:
    """The sample replies of one database: replies a lead imported to preview new entries on."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, texts: Iterable[str]) -> int:
        """Store sample replies; returns how many were added."""
        rows = [{"text": text} for text in texts]
        if rows:
            with self.engine.begin() as conn:
                conn.execute(insert(samples), rows)
        return len(rows)

    def all(self) -> list[str]:
        """The stored sample replies, in the order they were imported."""
        with self.engine.connect() as conn:
            return list(conn.execute(select(samples.c.text).order_by(samples.c.id)).scalars())


def read_samples(path: Path) -> list[str]:
    """Every reply in a samples file, in file order; raises SampleFileError naming the bad line."""
    if path.suffix.lower() not in CSV_SUFFIXES + JSONL_SUFFIXES:
        raise SampleFileError(f"{path}: name a .csv file (with a text column) or a .jsonl file")
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as err:
        raise SampleFileError(f"cannot read {path}: {err.strerror}") from err
    except UnicodeDecodeError as err:
        raise SampleFileError(f"{path}: not UTF-8 text") from err
    if path.suffix.lower() in CSV_SUFFIXES:
        return _csv(path, content)
    return _jsonl(path, content)


def _csv(path: Path, content: str) -> list[str]:
    reader = csv.DictReader(content.splitlines())
    if "text" not in (reader.fieldnames or []):
        raise SampleFileError(f"{path}: the first row must name the columns, one of them text")
    texts = []
    for row in reader:
        texts.append(_text(path, reader.line_num, row.get("text")))
    return texts


def _jsonl(path: Path, content: str) -> list[str]:
    texts = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise SampleFileError(f"{path}:{number}: not valid JSON: {err.msg}") from err
        texts.append(_text(path, number, record.get("text") if isinstance(record, dict) else None))
    return texts


def _text(path: Path, line: int, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SampleFileError(f'{path}:{line}: no reply text (expected a non-empty "text")')
    return value
