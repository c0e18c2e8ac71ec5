"""Reading a phrase bank folder: YAML files in, validated entries (or precise problems) out."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from marshmallow import Schema, ValidationError

from replycoach.bank.model import Entry, Topic
from replycoach.bank.schema import EntrySchema, FamilySchema, TopicSchema, flatten_errors
from replycoach.bank.vocabulary import Family
from replycoach.errors import Problem

_SCHEMA = EntrySchema()
_TOPIC_SCHEMA = TopicSchema()
_FAMILY_SCHEMA = FamilySchema()


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


def parse_family(raw: Any, source: str, label: str) -> tuple[Family | None, list[Problem]]:
    """Validate one raw word family of a vocabulary file; `label` names it in problems."""
    family: Family | None
    family, problems = _load(_FAMILY_SCHEMA, raw, source, label)
    return family, problems


@dataclass
class BankData:
    """What a bank folder holds: entries, the topics of its acknowledgements file(s), and the vocabulary's
    word families."""

    entries: list[Entry] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    vocabulary: list[Family] = field(default_factory=list)
    # Entries whose fields are invalid, as read (file, label, raw): their patterns are still checked, so a
    # lint reports every problem of an entry at once.
    rejected: list[tuple[str, str, Any]] = field(default_factory=list, compare=False)
    # Files that could not be read at all (not UTF-8, not YAML, not a bank file's shape): what they hold is
    # unknown, so the rest of the bank cannot be judged yet.
    unread: list[str] = field(default_factory=list, compare=False)


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
        data.vocabulary.extend(file_data.vocabulary)
        data.rejected.extend(file_data.rejected)
        data.unread.extend(file_data.unread)
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
    problems.extend(_check_families(data.vocabulary))
    return data, problems


def _check_families(families: list[Family]) -> list[Problem]:
    names: dict[str, str] = {}
    problems: list[Problem] = []
    for family in families:
        if family.name in names:
            problems.append(
                Problem(
                    family.source, family.name, "family", f"duplicate family: also in {names[family.name]}"
                )
            )
        names[family.name] = family.source
    return problems


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
    "must hold one mapping with a single key: entries (a list of entries), "
    "acknowledgements (a list of topics) or vocabulary (a list of word families)"
)


# Each section a bank file may hold: its key, the key naming an item, BankData's list, and its parser.
_SECTIONS: tuple[tuple[str, str, str, Callable[[Any, str, str], tuple[Any, list[Problem]]]], ...] = (
    ("entries", "id", "entries", parse_entry),
    ("acknowledgements", "topic", "topics", parse_topic),
    ("vocabulary", "family", "vocabulary", parse_family),
)


def _read_file(path: Path) -> tuple[BankData, list[Problem]]:
    name = path.name
    try:
        raw_file = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return BankData(unread=[name]), [Problem(name, "", "", "not UTF-8 text; save the file as UTF-8")]
    except yaml.YAMLError as err:
        return BankData(unread=[name]), [Problem(name, "", "", f"not valid YAML: {err}".replace("\n", " "))]
    if (
        not isinstance(raw_file, dict)
        or len(raw_file) != 1
        or set(raw_file) - {"entries", "acknowledgements", "vocabulary"}
        or not isinstance(next(iter(raw_file.values())), list)
    ):
        return BankData(unread=[name]), [Problem(name, "", "", _FILE_SHAPE)]
    data = BankData()
    problems: list[Problem] = []
    for key, name_key, attribute, parse in _SECTIONS:
        for index, raw in enumerate(raw_file.get(key, [])):
            raw_name = raw.get(name_key) if isinstance(raw, dict) else None
            label = raw_name if isinstance(raw_name, str) else f"{key}[{index}]"
            item, item_problems = parse(raw, name, label)
            problems.extend(item_problems)
            if item is not None:
                getattr(data, attribute).append(item)
            elif key == "entries":
                data.rejected.append((name, label, raw))
    return data, problems
