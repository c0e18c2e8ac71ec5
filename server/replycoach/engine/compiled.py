"""A loaded bank: validated entries compiled for matching, with a content revision."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from replycoach.bank.model import Entry, Topic
from replycoach.bank.schema import dump_entry, dump_family, dump_topic
from replycoach.bank.vocabulary import Family, Vocabulary
from replycoach.engine.families import CheckWords, missing_families
from replycoach.engine.matcher import (
    CompiledEntry,
    CompiledTopic,
    Matcher,
    PatternPool,
    compile_entry,
    compile_pattern,
    compile_topic,
    expand_and_compile,
    phrase_compiler,
)
from replycoach.errors import BankError, Problem

_Item = TypeVar("_Item")
_Compiled = TypeVar("_Compiled")


class Bank:
    """An immutable, compiled phrase bank; build one with `Bank.build`."""

    def __init__(
        self,
        compiled: list[CompiledEntry],
        topics: list[CompiledTopic] | None = None,
        all_entries: Iterable[Entry] | None = None,
        vocabulary: Vocabulary | None = None,
        pool: PatternPool | None = None,
    ) -> None:
        self._compiled = compiled
        self.topics: tuple[CompiledTopic, ...] = tuple(topics or ())
        # `entries` fire; `all_entries` adds the disabled ones, in bank order (what a bank folder holds).
        self.entries: tuple[Entry, ...] = tuple(c.entry for c in compiled)
        self.all_entries: tuple[Entry, ...] = tuple(all_entries) if all_entries is not None else self.entries
        self.by_id: dict[str, Entry] = {e.id: e for e in self.entries}
        self._compiled_by_id = {c.entry.id: c for c in compiled}
        self.matcher = Matcher(compiled, pool)
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary()
        # What the phrase language's core view drops from a draft (None: nothing).
        skip = phrase_compiler(self.vocabulary).skip_source()
        self.skip = compile_pattern(skip) if skip is not None else None
        # The families the context and structure checks read (way-forward, condition...).
        self.checks = CheckWords.compile(self.vocabulary)
        # The digest of json.dumps({"entries": [...], "topics": [...], "vocabulary": [...]}, sort_keys=True),
        # written out from each part's own JSON, which an unchanged entry keeps from one build to the next.
        parts = [
            '"entries": ' + _json_list(_entry_json(e) for e in self.all_entries),
            '"topics": ' + _json_list(_sorted_json(dump_topic(t.topic)) for t in self.topics),
        ]
        if self.vocabulary.families:
            # Only a bank with a vocabulary hashes one: the revision of a bank without stays what it was.
            parts.append(
                '"vocabulary": ' + _json_list(_sorted_json(dump_family(f)) for f in self.vocabulary.families)
            )
        digest = hashlib.sha256(("{" + ", ".join(parts) + "}").encode("utf-8"))
        self.revision = digest.hexdigest()[:12]

    @classmethod
    def build(
        cls,
        entries: Iterable[Entry],
        topics: Iterable[Topic] = (),
        vocabulary: Iterable[Family] = (),
        progress: Callable[[str], None] | None = None,
    ) -> Bank:
        """Compile entries and topics, expanding the vocabulary's families, into a bank; raises BankError
        listing every pattern, family or slot problem, and every context check an entry opts into (or the
        structure checks, which topics turn on) whose family the vocabulary lacks.

        Disabled entries are compiled too (enabling one must never break the bank) but left out of it.
        `progress` is told what comes next before each family and entry (it may stop the build by raising).
        """
        problems: list[Problem] = []
        entries, topics = list(entries), list(topics)
        words = Vocabulary(vocabulary)
        step = progress or (lambda _: None)
        for family in words.families:
            step(f"compiling the family {family.name}")
            # Each family on its own, so a broken one is named even where no entry uses it yet: as the
            # phrase language reads it, or, when it holds RE2 fragments from before the language, as those.
            reference = f"{{{{{family.name}}}}}" if family.patterns else f"{{{family.name}}}"
            expand_and_compile(reference, words, family.source, family.name, "family", problems)
        pool = PatternPool()
        compiled = _compile_all(
            entries, lambda e: (step(f"compiling {e.id}"), compile_entry(e, words, pool))[1], problems
        )
        compiled_topics = _compile_all(topics, lambda t: compile_topic(t, words), problems)
        problems.extend(missing_families(entries, topics, words))
        if not problems:
            problems.extend(wordless_patterns(compiled, pool))
        if problems:
            raise BankError(problems)
        enabled = [c for c in compiled if c.entry.enabled]
        return cls(enabled, compiled_topics, [c.entry for c in compiled], words, pool)

    def compiled(self, entry_id: str) -> CompiledEntry:
        """The compiled form of one entry."""
        return self._compiled_by_id[entry_id]

    def __len__(self) -> int:
        return len(self.entries)


WORDLESS_MESSAGE = (
    "needs no word that a draft must contain, so it would run on every draft, however long (the coach runs "
    "only the patterns whose words a draft holds); make it require at least one word, outside optional "
    "parts, gaps and alternatives that go without it"
)


def wordless_patterns(compiled: Iterable[CompiledEntry], pool: PatternPool) -> list[Problem]:
    """The patterns that need no word a draft must contain: the prefilter cannot leave them out of any draft,
    so each would run on every draft, however long (disabled entries' too: enabling one must not slow every
    analysis)."""
    wordless = pool.wordless()
    return [
        Problem(
            entry.entry.source,
            entry.entry.id,
            f"patterns[{index}]",
            WORDLESS_MESSAGE,
        )
        for entry in compiled
        for index, pattern in enumerate(entry.patterns)
        if pattern.regex in wordless
    ]


def _sorted_json(value: object) -> str:
    return json.dumps(value, sort_keys=True)


def _json_list(items: Iterable[str]) -> str:
    """A JSON list of already-encoded items, as json.dumps writes one."""
    return "[" + ", ".join(items) + "]"


@lru_cache(maxsize=16384)
def _entry_json(entry: Entry) -> str:
    """An entry as the bank's revision hashes it (entries are immutable: a live reload reuses each one's)."""
    return _sorted_json(dump_entry(entry))


def _compile_all(
    items: Iterable[_Item],
    compile_one: Callable[[_Item], tuple[_Compiled | None, list[Problem]]],
    problems: list[Problem],
) -> list[_Compiled]:
    """Compile each item, collecting every problem instead of stopping at the first."""
    out: list[_Compiled] = []
    for item in items:
        result, item_problems = compile_one(item)
        problems.extend(item_problems)
        if result is not None:
            out.append(result)
    return out
