"""A loaded bank: validated entries compiled for matching, with a content revision."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from ..errors import BankError, Problem
from ..matcher import CompiledEntry, Matcher, compile_entry
from .model import Entry


class Bank:
    """An immutable, compiled phrase bank; build one with `Bank.build`."""

    def __init__(self, compiled: list[CompiledEntry]) -> None:
        self._compiled = compiled
        self.entries: tuple[Entry, ...] = tuple(c.entry for c in compiled)
        self.by_id: dict[str, Entry] = {e.id: e for e in self.entries}
        self._compiled_by_id = {c.entry.id: c for c in compiled}
        self.matcher = Matcher(compiled)
        digest = hashlib.sha256(
            json.dumps([e.to_dict() for e in self.entries], sort_keys=True).encode("utf-8")
        )
        self.revision = digest.hexdigest()[:12]

    @classmethod
    def build(cls, entries: Iterable[Entry]) -> Bank:
        """Compile entries into a bank; raises BankError listing every pattern or slot problem."""
        compiled: list[CompiledEntry] = []
        problems: list[Problem] = []
        for entry in entries:
            result, entry_problems = compile_entry(entry)
            problems.extend(entry_problems)
            if result is not None:
                compiled.append(result)
        if problems:
            raise BankError(problems)
        return cls(compiled)

    def compiled(self, entry_id: str) -> CompiledEntry:
        """The compiled form of one entry."""
        return self._compiled_by_id[entry_id]

    def __len__(self) -> int:
        return len(self.entries)
