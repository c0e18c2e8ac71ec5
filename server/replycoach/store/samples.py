"""Sample replies for previews: stored in the database, read from a CSV file (a `text` column) or JSON Lines
(`{"text": ...}`)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Engine

from replycoach.errors import SampleFileError, SampleNotFoundError
from replycoach.store.db import samples

CSV_SUFFIXES = (".csv",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")


class SampleStore:
    """The sample replies of one database: replies a lead imported to preview new entries on."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def add(self, texts: Iterable[str]) -> int:
        """Store sample replies not stored yet (importing a file twice stores it once); returns how many
        were added."""
        with self.engine.begin() as conn:
            stored: set[str] = set(conn.execute(select(samples.c.text)).scalars())
            new = [text for text in dict.fromkeys(texts) if text not in stored]
            if new:
                conn.execute(insert(samples), [{"text": text} for text in new])
        return len(new)

    def all(self) -> list[str]:
        """The stored sample replies, in the order they were imported."""
        return [text for _, text in self.listing()]

    def listing(self) -> list[tuple[int, str]]:
        """Each stored sample reply with its id, in the order they were imported."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(samples.c.id, samples.c.text).order_by(samples.c.id)).all()
        return [(row.id, row.text) for row in rows]

    def delete(self, sample_id: int) -> None:
        """Delete one sample reply; raises SampleNotFoundError if there is none with that id."""
        with self.engine.begin() as conn:
            if conn.execute(delete(samples).where(samples.c.id == sample_id)).rowcount == 0:
                raise SampleNotFoundError(
                    f"no sample reply has the id {sample_id}; `samples list` shows them"
                )

    def clear(self) -> int:
        """Delete every sample reply; returns how many there were."""
        with self.engine.begin() as conn:
            return int(conn.execute(delete(samples)).rowcount)


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
