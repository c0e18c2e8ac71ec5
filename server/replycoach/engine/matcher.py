"""Pattern matching over the whole bank: RE2 only, with one set-based pass to pick candidate entries."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import re2

from replycoach.bank.model import Entry, Topic
from replycoach.bank.vocabulary import Vocabulary
from replycoach.engine.suggest import template_slots
from replycoach.engine.text import Utf8Text, on_word_boundaries
from replycoach.errors import BankError, Problem

# RE2 programs for phrase patterns are small; this caps what one pathological pattern may take.
_PATTERN_MEM = 8 << 20
# Patterns per FilteredRE2: each filter is one pass over the draft, so fewer is faster, but its atom set must
# fit RE2's memory budget (chunks are halved if not; 2,500 bank-like patterns fit, 5,000 did not).
_FILTER_CHUNK = 2500
# One pattern as RE2 runs it, families expanded: longer, or a larger program, slows every draft's analysis
# (the curated bank's largest expands to under 900 characters and a program of under 3,000 instructions).
MAX_EXPANDED_CHARS = 20_000
MAX_PROGRAM_SIZE = 20_000


def _options(max_mem: int) -> Any:
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = max_mem
    # A pattern RE2 refuses is reported as a Problem; RE2 need not also log it to stderr.
    options.log_errors = False
    return options


def _reason(err: Exception) -> str:
    """RE2's reason for refusing a pattern, as text (the binding hands it over as bytes)."""
    reason = err.args[0] if err.args else err
    return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)


def compile_pattern(pattern: str) -> Any:
    """Compile one bank pattern the way the engine runs it (case-insensitive RE2)."""
    return re2.compile(pattern, _options(_PATTERN_MEM))


@dataclass(frozen=True)
class RawMatch:
    """A pattern match in the normalized text, before context and overlap resolution."""

    entry: Entry
    start: int
    end: int
    groups: dict[str, tuple[int, int]]

    def slot_texts(self, text: str) -> dict[str, str]:
        """What each named group captured, as text."""
        return {name: text[s:e] for name, (s, e) in self.groups.items()}


class CompiledEntry:
    """An entry with its patterns compiled and the slots every pattern captures."""

    def __init__(self, entry: Entry, patterns: list[Any], unless: list[Any]) -> None:
        self.entry = entry
        self.patterns = patterns
        # The patterns as RE2 runs them (vocabulary references expanded), for the bank-wide prefilter.
        self.sources: list[str] = [p.pattern for p in patterns]
        self.unless = unless
        # Read once: the binding rebuilds a pattern's `groupindex` dict each time it is asked.
        self.groups: list[dict[str, int]] = [dict(p.groupindex) for p in patterns]
        names = [frozenset(groups) for groups in self.groups]
        self.slots: frozenset[str] = frozenset.intersection(*names) if names else frozenset()

    def matches(
        self, text: str, pattern_indexes: Iterable[int] | None = None, utf8: Utf8Text | None = None
    ) -> list[RawMatch]:
        """Every match of this entry in normalized `text` on word boundaries, exceptions applied (`utf8`:
        the text's bytes, when the caller has them)."""
        indexes = range(len(self.patterns)) if pattern_indexes is None else pattern_indexes
        encoded = utf8 if utf8 is not None else Utf8Text(text)
        data = encoded.data
        to_chars = encoded.to_chars
        found: list[RawMatch] = []
        for index in indexes:
            regex = self.patterns[index]
            groupindex = self.groups[index]
            for spans in all_spans(regex, data):
                start, end = to_chars(spans[0][0]), to_chars(spans[0][1])
                while start < end and text[start] == " ":
                    start += 1
                while end > start and text[end - 1] == " ":
                    end -= 1
                if start == end or not on_word_boundaries(text, start, end):
                    continue
                groups = {}
                for name, group in groupindex.items():
                    group_start, group_end = spans[group]
                    if group_start >= 0:
                        groups[name] = (to_chars(group_start), to_chars(group_end))
                found.append(RawMatch(self.entry, start, end, groups))
        if found and self.unless:
            exceptions = sorted(
                (to_chars(spans[0][0]), to_chars(spans[0][1]))
                for regex in self.unless
                for spans in all_spans(regex, data)
            )
            # A match falls to an exception that starts before it ends and ends after it starts: among the
            # exceptions starting before its end (a bisection), the furthest end decides. Linear in the
            # matches and exceptions of a long draft, where testing every pair was quadratic.
            starts = [start for start, _ in exceptions]
            furthest = list(itertools.accumulate((end for _, end in exceptions), max))
            found = [
                match
                for match in found
                if (before := bisect.bisect_left(starts, match.end) - 1) < 0
                or furthest[before] <= match.start
            ]
        return found


_UNANCHORED = getattr(getattr(re2, "_Anchor", None), "UNANCHORED", None)
_ANCHOR_START = getattr(getattr(re2, "_Anchor", None), "ANCHOR_START", None)
_NO_MATCH = (-1, -1)


def found_in(regex: Any, data: bytes, pos: int, endpos: int, *, at_start: bool = False) -> bool:
    """Whether `regex` matches in data[pos:endpos] (`at_start`: beginning at `pos`), as `search` and `match`
    say, through RE2's own call (see `all_spans`): a context check asks this for every match of a draft."""
    low = getattr(regex, "_regexp", None)
    anchor = _ANCHOR_START if at_start else _UNANCHORED
    if low is None or anchor is None:
        found = regex.match(data, pos, endpos) if at_start else regex.search(data, pos, endpos)
        return found is not None
    pos, endpos = max(0, min(pos, len(data))), max(0, min(endpos, len(data)))
    return pos <= endpos and low.Match(anchor, data, pos, endpos)[0] != _NO_MATCH


def all_spans(regex: Any, data: bytes) -> Iterator[Sequence[tuple[int, int]]]:
    """The spans of each match of `regex` in `data`, group 0 first, as `finditer` finds them (a group that
    took no part is (-1, -1)).

    The binding's `finditer` builds a match object in Python for every match and wraps each RE2 call in a
    generator; on a short draft that costs more than RE2's search itself, so the RE2 object is called
    directly, stepping through the text exactly as `finditer` does (and `finditer` is used where the binding
    lacks that object)."""
    low = getattr(regex, "_regexp", None)
    if low is None or _UNANCHORED is None:
        for m in regex.finditer(data):
            yield [m.span(group) for group in range(regex.groups + 1)]
        return
    pos, end = 0, len(data)
    while True:
        spans = low.Match(_UNANCHORED, data, pos, end)
        if spans[0] == _NO_MATCH:
            return
        yield spans
        if pos == end:
            return
        pos = pos + 1 if pos == spans[0][1] else spans[0][1]


def expand_and_compile(
    pattern: str,
    vocabulary: Vocabulary,
    source: str,
    label: str,
    path: str,
    problems: list[Problem],
    compile_expanded: Callable[[str], Any] = compile_pattern,
) -> Any:
    """Expand a pattern's vocabulary references and compile it (with `compile_expanded`); None (and a
    problem) if either fails."""
    expanded_problems = vocabulary.problems(pattern, source, label, path)
    if expanded_problems:
        problems.extend(expanded_problems)
        return None
    expanded = vocabulary.expand(pattern)
    if len(expanded) > MAX_EXPANDED_CHARS:
        problems.append(
            Problem(
                source,
                label,
                path,
                f"expands to {len(expanded):,} characters with its families (the limit is "
                f"{MAX_EXPANDED_CHARS:,}); use smaller families or fewer of them in one pattern",
            )
        )
        return None
    try:
        regex = compile_expanded(expanded)
    except re2.error as err:
        problems.append(
            Problem(
                source,
                label,
                path,
                f"RE2 cannot compile {pattern!r} ({_reason(err)}); RE2 has no look-around and no "
                "back-references: rewrite the pattern, or move the exception to `unless`",
            )
        )
        return None
    if regex.programsize > MAX_PROGRAM_SIZE:
        problems.append(
            Problem(
                source,
                label,
                path,
                f"compiles to an RE2 program of {regex.programsize:,} instructions (the limit is "
                f"{MAX_PROGRAM_SIZE:,}); simplify it or split it into several patterns",
            )
        )
        return None
    return regex


def compile_entry(
    entry: Entry, vocabulary: Vocabulary | None = None, pool: PatternPool | None = None
) -> tuple[CompiledEntry | None, list[Problem]]:
    """Compile an entry's patterns (vocabulary references expanded), reporting each one RE2 refuses and
    each rewrite slot left unfilled. With a pool, its patterns are compiled into the pool's prefilter."""
    problems: list[Problem] = []
    words = vocabulary if vocabulary is not None else Vocabulary()

    def compiled(field: str, patterns: tuple[str, ...], compile_expanded: Callable[[str], Any]) -> list[Any]:
        out = []
        for i, pattern in enumerate(patterns):
            regex = expand_and_compile(
                pattern, words, entry.source, entry.id, f"{field}[{i}]", problems, compile_expanded
            )
            if regex is not None:
                out.append(regex)
        return out

    patterns = compiled("patterns", entry.patterns, pool.compile if pool is not None else compile_pattern)
    unless = compiled("unless", entry.unless, compile_pattern)
    if problems:
        return None, problems
    result = CompiledEntry(entry, patterns, unless)
    tried_slot = entry.when.customer_tried if entry.when else None
    if tried_slot is not None and tried_slot not in result.slots:
        problems.append(
            Problem(
                entry.source,
                entry.id,
                "when.customer_tried",
                f"slot {tried_slot!r} is not captured by every pattern; add (?P<{tried_slot}>...) "
                "around the action the draft asks for in each pattern",
            )
        )
    for i, rewrite in enumerate(entry.rewrites):
        try:
            slots = template_slots(rewrite.text)
        except ValueError as err:
            problems.append(
                Problem(
                    entry.source,
                    entry.id,
                    f"rewrites[{i}].text",
                    f"{err}; write {{{{ and }}}} for literal braces",
                )
            )
            continue
        for slot in sorted(slots - result.slots):
            problems.append(
                Problem(
                    entry.source,
                    entry.id,
                    f"rewrites[{i}].text",
                    f"slot {{{slot}}} is not captured by every pattern; add a named group "
                    f"(?P<{slot}>...) to each pattern, or remove the slot",
                )
            )
    return (None if problems else result), problems


class CompiledTopic:
    """A topic with its cue patterns compiled."""

    def __init__(self, topic: Topic, cues: list[Any]) -> None:
        self.topic = topic
        self.cues = cues

    def fits(self, message: str) -> bool:
        """Whether the customer's message is about this topic (the fallback topic fits any message)."""
        return not self.cues or any(cue.search(message) for cue in self.cues)


def compile_topic(
    topic: Topic, vocabulary: Vocabulary | None = None
) -> tuple[CompiledTopic | None, list[Problem]]:
    """Compile a topic's cues (vocabulary references expanded), reporting each one RE2 refuses."""
    words = vocabulary if vocabulary is not None else Vocabulary()
    problems: list[Problem] = []
    cues = [
        expand_and_compile(cue, words, topic.source, topic.topic, f"cues[{i}]", problems)
        for i, cue in enumerate(topic.cues)
    ]
    return (None if problems else CompiledTopic(topic, cues)), problems


class PatternPool:
    """Compiles each phrase pattern of a bank once, straight into the FilteredRE2 the matcher prefilters
    with (a filter compiles every pattern it takes; the entry then matches with that same program, where
    compiling it on its own as well would double the bank's build time)."""

    def __init__(self) -> None:
        self.filters: list[Any] = []
        # Where each regex handed out sits: (filter, index in it). Keyed by the regex itself (RE2's regexes
        # hash by identity), which also keeps it alive while the pool lives.
        self.positions: dict[Any, tuple[int, int]] = {}
        self._size = _FILTER_CHUNK

    def compile(self, expanded: str) -> Any:
        """Compile one expanded pattern into the current filter; raises re2.error with RE2's reason."""
        if self._size >= _FILTER_CHUNK:
            self.filters.append(re2.Filter())
            self._size = 0
        regex_filter = self.filters[-1]
        try:
            index = regex_filter.Add(expanded, _options(_PATTERN_MEM))
        except re2.error:
            compile_pattern(expanded)  # raises with RE2's reason for refusing it
            raise
        self._size += 1
        regex = regex_filter.re(index)
        self.positions[regex] = (len(self.filters) - 1, index)
        return regex


class Matcher:
    """Finds every entry's matches in one text; cost stays flat as the bank grows.

    RE2's FilteredRE2 extracts the literal atoms each pattern needs and finds them all in one pass, so only
    the entries whose atoms occur in the draft run their patterns; a pattern without atoms always runs.
    """

    def __init__(self, entries: list[CompiledEntry], pool: PatternPool | None = None) -> None:
        self._entries = entries
        # Each filter, with the (entry, pattern) each of its patterns belongs to (None: a pattern of the pool
        # that no entry here owns).
        self._filters: list[tuple[list[tuple[int, int] | None], Any]] = []
        self._pooled = pool is not None and self._use_pool(pool)
        if self._pooled:
            return
        self._owners = [
            (entry_index, pattern_index)
            for entry_index, compiled in enumerate(entries)
            for pattern_index in range(len(compiled.patterns))
        ]
        patterns = [p for compiled in entries for p in compiled.sources]
        for offset in range(0, len(patterns), _FILTER_CHUNK):
            self._add_filters(patterns, offset, min(offset + _FILTER_CHUNK, len(patterns)))

    def _use_pool(self, pool: PatternPool) -> bool:
        """Prefilter with the pool's filters, whose patterns are the entries' own; False (nothing changed)
        if an entry's pattern is not in it or RE2 cannot compile a filter."""
        owners: dict[tuple[int, int], tuple[int, int]] = {}
        for entry_index, compiled in enumerate(self._entries):
            for pattern_index, regex in enumerate(compiled.patterns):
                position = pool.positions.get(regex)
                if position is None:
                    return False
                owners[position] = (entry_index, pattern_index)
        try:
            for regex_filter in pool.filters:
                regex_filter.Compile()
        except re2.error:
            return False
        # The pool's filters may hold patterns no entry here owns (a disabled entry's): they map to None.
        self._filters = [
            ([owners.get((f, i)) for i in range(len(regex_filter._patterns))], regex_filter)
            for f, regex_filter in enumerate(pool.filters)
        ]
        return True

    def _add_filters(self, patterns: list[str], start: int, stop: int) -> None:
        """Build a filter over patterns[start:stop], halving the range if RE2 runs out of room."""
        regex_filter = re2.Filter()
        for pattern in patterns[start:stop]:
            regex_filter.Add(pattern, _options(_PATTERN_MEM))
        try:
            regex_filter.Compile()
        except re2.error as err:
            if stop - start == 1:
                entry_index, pattern_index = self._owners[start]
                entry = self._entries[entry_index].entry
                reason = f"RE2's prefilter cannot take this pattern ({_reason(err)}); shorten it or split it"
                raise BankError(
                    [Problem(entry.source, entry.id, f"patterns[{pattern_index}]", reason)]
                ) from err
            middle = (start + stop) // 2
            self._add_filters(patterns, start, middle)
            self._add_filters(patterns, middle, stop)
            return
        self._filters.append((list(self._owners[start:stop]), regex_filter))

    def find(self, text: str, utf8: Utf8Text | None = None) -> list[RawMatch]:
        """All matches of all entries in normalized `text` (`utf8`: its bytes, when the caller has them)."""
        encoded = utf8 if utf8 is not None else Utf8Text(text)
        hits: dict[int, list[int]] = {}
        for owners, regex_filter in self._filters:
            for index in regex_filter.Match(encoded.data, True) or ():
                owner = owners[index]
                if owner is not None:
                    hits.setdefault(owner[0], []).append(owner[1])
        found: list[RawMatch] = []
        for entry_index in sorted(hits):
            found.extend(self._entries[entry_index].matches(text, hits[entry_index], encoded))
        return found
