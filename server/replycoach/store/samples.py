"""Sample replies for previews, read from a CSV file (a `text` column) or JSON Lines (`{"text": ...}`)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from replycoach.errors import SampleFileError

CSV_SUFFIXES = (".csv",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")


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
