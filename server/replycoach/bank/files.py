"""Reading a phrase bank folder: YAML files in, validated entries (or precise problems) out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from marshmallow import ValidationError

from ..errors import Problem
from .model import Entry
from .schema import EntrySchema, flatten_errors

_SCHEMA = EntrySchema()


def curated_bank_dir() -> Path:
    """The curated bank shipped with Reply Coach (inside the wheel, or the source checkout's phrasebank/)."""
    installed = Path(__file__).resolve().parent.parent / "phrasebank"
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parents[3] / "phrasebank"
    if checkout.is_dir():
        return checkout
    sys.exit(f"replycoach: the curated phrase bank is missing (looked in {installed} and {checkout})")


def bank_files(directory: Path) -> list[Path]:
    """The bank files of a folder, in name order."""
    return sorted(p for p in directory.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


def parse_entry(raw: Any, source: str, label: str) -> tuple[Entry | None, list[Problem]]:
    """Validate one raw entry (as parsed from YAML or JSON); `label` names it in problems."""
    try:
        entry: Entry = _SCHEMA.load(raw)
    except ValidationError as err:
        return None, [Problem(source, label, path, msg) for path, msg in flatten_errors(err.messages)]
    object.__setattr__(entry, "source", source)
    return entry, []


def read_bank_dir(directory: Path) -> tuple[list[Entry], list[Problem]]:
    """Read every entry in a bank folder; duplicates and malformed files are problems, not exceptions."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    if not directory.is_dir():
        return [], [
            Problem(
                str(directory),
                "",
                "",
                "not a folder; give the folder that holds the bank's .yml files",
            )
        ]
    files = bank_files(directory)
    if not files:
        problems.append(Problem(str(directory), "", "", "no .yml or .yaml files in this folder"))
    seen: dict[str, str] = {}
    for path in files:
        file_entries, file_problems = _read_file(path)
        problems.extend(file_problems)
        for entry in file_entries:
            if entry.id in seen:
                problems.append(
                    Problem(
                        entry.source,
                        entry.id,
                        "id",
                        f"duplicate id: also defined in {seen[entry.id]}; ids must be unique",
                    )
                )
                continue
            seen[entry.id] = entry.source
            entries.append(entry)
    return entries, problems


def _read_file(path: Path) -> tuple[list[Entry], list[Problem]]:
    name = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return [], [Problem(name, "", "", "not UTF-8 text; save the file as UTF-8")]
    except yaml.YAMLError as err:
        return [], [Problem(name, "", "", f"not valid YAML: {err}".replace("\n", " "))]
    if not isinstance(data, dict) or set(data) != {"entries"} or not isinstance(data["entries"], list):
        return [], [
            Problem(name, "", "", "must hold one mapping with a single key, entries: a list of entries")
        ]
    entries: list[Entry] = []
    problems: list[Problem] = []
    for index, raw in enumerate(data["entries"]):
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        label = raw_id if isinstance(raw_id, str) else f"entries[{index}]"
        entry, entry_problems = parse_entry(raw, name, label)
        problems.extend(entry_problems)
        if entry is not None:
            entries.append(entry)
    return entries, problems
