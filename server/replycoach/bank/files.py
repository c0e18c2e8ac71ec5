"""Reading a phrase bank folder: YAML files in, validated entries (or precise problems) out."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from marshmallow import Schema, ValidationError

from replycoach.bank.model import Entry, Topic
from replycoach.bank.schema import EntrySchema, TopicSchema, flatten_errors
from replycoach.errors import Problem

_SCHEMA = EntrySchema()
_TOPIC_SCHEMA = TopicSchema()


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
    entry: Entry | None
    entry, problems = _load(_SCHEMA, raw, source, label)
    return entry, problems


def _load(schema: Schema, raw: Any, source: str, label: str) -> tuple[Any, list[Problem]]:
    """Load `raw` with `schema` and note the file it came from; or the problems, each named by `label`."""
    try:
        loaded = schema.load(raw)
    except ValidationError as err:
        return None, [Problem(source, label, path, msg) for path, msg in flatten_errors(err.messages)]
    object.__setattr__(loaded, "source", source)
    return loaded, []


def parse_topic(raw: Any, source: str, label: str) -> tuple[Topic | None, list[Problem]]:
    """Validate one raw topic of an acknowledgements file; `label` names it in problems."""
    topic: Topic | None
    topic, problems = _load(_TOPIC_SCHEMA, raw, source, label)
    return topic, problems


@dataclass
class BankData:
    """What a bank folder holds: entries, and the topics of its acknowledgements file(s)."""

    entries: list[Entry] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)


def read_bank_dir(directory: Path) -> tuple[BankData, list[Problem]]:
    """Read every entry and topic in a bank folder; problems are reported, never raised."""
    data = BankData()
    problems: list[Problem] = []
    if not directory.is_dir():
        return data, [
            Problem(str(directory), "", "", "not a folder; give the folder that holds the bank's .yml files")
        ]
    files = bank_files(directory)
    if not files:
        problems.append(Problem(str(directory), "", "", "no .yml or .yaml files in this folder"))
    seen: dict[str, str] = {}
    for path in files:
        file_data, file_problems = _read_file(path)
        problems.extend(file_problems)
        data.topics.extend(file_data.topics)
        for entry in file_data.entries:
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
            data.entries.append(entry)
    problems.extend(_check_topics(data.topics))
    return data, problems


def _check_topics(topics: list[Topic]) -> list[Problem]:
    problems: list[Problem] = []
    names: dict[str, str] = {}
    for topic in topics:
        if topic.topic in names:
            problems.append(
                Problem(topic.source, topic.topic, "topic", f"duplicate topic: also in {names[topic.topic]}")
            )
        names[topic.topic] = topic.source
    if topics and (topics[-1].topic != "general" or topics[-1].cues):
        problems.append(
            Problem(
                topics[-1].source,
                topics[-1].topic,
                "topic",
                "the last topic must be `general`, with no cues: it is the fallback for any message",
            )
        )
    return problems


_FILE_SHAPE = (
    "must hold one mapping with a single key: entries (a list of entries) "
    "or acknowledgements (a list of topics)"
)


def _read_file(path: Path) -> tuple[BankData, list[Problem]]:
    name = path.name
    try:
        raw_file = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return BankData(), [Problem(name, "", "", "not UTF-8 text; save the file as UTF-8")]
    except yaml.YAMLError as err:
        return BankData(), [Problem(name, "", "", f"not valid YAML: {err}".replace("\n", " "))]
    if (
        not isinstance(raw_file, dict)
        or len(raw_file) != 1
        or set(raw_file) - {"entries", "acknowledgements"}
        or not isinstance(next(iter(raw_file.values())), list)
    ):
        return BankData(), [Problem(name, "", "", _FILE_SHAPE)]
    data = BankData()
    problems: list[Problem] = []
    for index, raw in enumerate(raw_file.get("entries", [])):
        raw_id = raw.get("id") if isinstance(raw, dict) else None
        label = raw_id if isinstance(raw_id, str) else f"entries[{index}]"
        entry, entry_problems = parse_entry(raw, name, label)
        problems.extend(entry_problems)
        if entry is not None:
            data.entries.append(entry)
    for index, raw in enumerate(raw_file.get("acknowledgements", [])):
        raw_topic = raw.get("topic") if isinstance(raw, dict) else None
        label = raw_topic if isinstance(raw_topic, str) else f"acknowledgements[{index}]"
        topic, topic_problems = parse_topic(raw, name, label)
        problems.extend(topic_problems)
        if topic is not None:
            data.topics.append(topic)
    return data, problems
