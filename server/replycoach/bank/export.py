"""Writing the phrase bank back out as a bank folder, in the YAML format of phrasebank/."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from replycoach.bank.files import bank_files
from replycoach.bank.model import Entry, Topic
from replycoach.bank.schema import dump_entry, dump_family, dump_topic
from replycoach.bank.vocabulary import Family
from replycoach.errors import ExportError

TOPICS_FILE = "acknowledgements.yml"
VOCABULARY_FILE = "vocabulary.yml"


def export_bank(
    entries: Sequence[Entry], topics: Sequence[Topic], directory: Path, vocabulary: Sequence[Family] = ()
) -> list[Path]:
    """Write entries, topics and word families to their files (in bank order); returns the files written.

    Each entry goes to the file it came from (its `source`), a new one to its category's file."""
    if directory.exists() and not directory.is_dir():
        raise ExportError(f"{directory} is a file; name a new or empty folder")
    if directory.exists() and bank_files(directory):
        raise ExportError(f"{directory} already holds bank files; export into a new or empty folder")
    files: dict[str, dict[str, list[Any]]] = {}
    for entry in entries:
        source = entry.source or f"{entry.category}.yml"
        files.setdefault(source, {"entries": []})["entries"].append(dump_entry(entry))
    for topic in topics:
        files.setdefault(topic.source or TOPICS_FILE, {"acknowledgements": []})["acknowledgements"].append(
            dump_topic(topic)
        )
    for family in vocabulary:
        files.setdefault(family.source or VOCABULARY_FILE, {"vocabulary": []})["vocabulary"].append(
            dump_family(family)
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        for name, content in sorted(files.items()):
            path = directory / name
            path.write_text(
                yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=1_000_000),
                encoding="utf-8",
            )
            written.append(path)
    except OSError as err:
        raise ExportError(f"cannot write the bank to {directory}: {err.strerror}") from err
    return written
