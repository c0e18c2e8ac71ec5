"""Pattern matching over the whole bank: RE2 only, with one set-based pass to pick candidate entries."""

from __future__ import annotations

import bisect
import functools
import itertools
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import re2

from replycoach.bank.model import Entry, Topic
from replycoach.bank.vocabulary import Vocabulary, references
from replycoach.engine.canonical import CanonicalText
from replycoach.engine.expansion import MAX_NESTING, NestedTooDeep, expansion_sizes, oversize_message
from replycoach.engine.phrase import END_GROUP, START_GROUP, Compiler, PhraseError, is_raw, parse
from replycoach.engine.suggest import template_slots
from replycoach.engine.text import Utf8Text, normalize, on_word_boundaries
from replycoach.errors import BankError, Problem

# The texts a pattern may run over: the phrase language's core view (the canonical text without skippable
# words), its canonical view ("can not" for "can't", every word kept), and the draft's own words (straight
# quotes, single spaces), where patterns from before the phrase language run.
CORE = "core"
CANONICAL = "canonical"
SURFACE = "surface"
VIEWS = (CORE, CANONICAL, SURFACE)
# The prefilter's lanes: a view, and whether its patterns' entries can apply only with the customer's message
# (`when` a customer mood other than `unknown`, or an action they tried). Without a message those lanes are
# not searched at all: their entries could not flag anything.
Lane = tuple[str, bool]
LANES: tuple[Lane, ...] = tuple((view, needs_message) for view in VIEWS for needs_message in (False, True))

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


class View:
    """One text patterns run over: its characters, its UTF-8 bytes and the map of its offsets to the
    normalized draft's (None: it is the normalized draft)."""

    def __init__(
        self,
        text: str,
        utf8: Utf8Text,
        to_source: Callable[..., int] | None = None,
        part_words: Callable[[int, int], str | None] | None = None,
        cut_words: Callable[[int, int], tuple[str, str]] | None = None,
    ) -> None:
        self.text = text
        self.utf8 = utf8
        self._to_source = to_source
        self._part_words = part_words
        self._cut_words = cut_words

    def cut_words(self, start: int, end: int) -> tuple[str, str]:
        """The canonical words of contractions a span of this text cuts through, before and after it ("It "
        when a span starts at the "is" of "It's")."""
        return ("", "") if self._cut_words is None else self._cut_words(start, end)

    def part_words(self, start: int, end: int) -> str | None:
        """The canonical words of a span of this text that takes only part of a contraction's words ("is" of
        "isn't"); None when the span is the draft's own characters."""
        return None if self._part_words is None else self._part_words(start, end)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of this text as the normalized draft's span."""
        if self._to_source is None:
            return start, end
        return self._to_source(start), self._to_source(end, end=True)


Views = Mapping[str, View]


@dataclass(frozen=True)
class Compiled:
    """A pattern as RE2 runs it, and which text it runs over."""

    regex: Any
    view: str


@dataclass(frozen=True)
class RawMatch:
    """A pattern match in the normalized text, before context and overlap resolution."""

    entry: Entry
    start: int
    end: int
    groups: dict[str, tuple[int, int]]
    # The slots that took only part of a contraction's words, with those words ("is" of "isn't"): their
    # spans in `groups` are the whole contraction, their text is this.
    words: Mapping[str, str] = field(default_factory=dict)
    # The words of contractions the match cuts through, before and after it ("It " when it starts at the
    # "is" of "It's"): its span takes them in, so a rewrite of it keeps them.
    keep: tuple[str, str] = ("", "")

    def slot_texts(self, text: str) -> dict[str, str]:
        """What each named group captured, as text (`text`: the normalized draft)."""
        return {name: self.words.get(name, text[s:e]) for name, (s, e) in self.groups.items()}


class CompiledEntry:
    """An entry with its patterns compiled and the slots every pattern captures."""

    def __init__(
        self,
        entry: Entry,
        patterns: list[Compiled],
        unless: list[Compiled],
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.entry = entry
        self.patterns = patterns
        self.unless = unless
        # The families its patterns were compiled with: the bank's, with the entry's own lists if it has any.
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary()
        # Read once: the binding rebuilds a pattern's `groupindex` dict each time it is asked.
        indexes = [dict(p.regex.groupindex) for p in patterns]
        self.groups: list[dict[str, int]] = [
            {name: group for name, group in index.items() if not name.startswith((END_GROUP, START_GROUP))}
            for index in indexes
        ]
        # Per pattern, the groups of its `<end>` marks: where one took part, the match's words end there.
        self.ends: list[tuple[int, ...]] = [
            tuple(group for name, group in index.items() if name.startswith(END_GROUP)) for index in indexes
        ]
        # And of its `<start>` marks: where one took part, the match's words start there.
        self.starts: list[tuple[int, ...]] = [
            tuple(group for name, group in index.items() if name.startswith(START_GROUP)) for index in indexes
        ]
        names = [frozenset(groups) for groups in self.groups]
        self.slots: frozenset[str] = frozenset.intersection(*names) if names else frozenset()
        # The one view every pattern and exception runs over, if they share one (most entries): exceptions are
        # then applied in that view's own offsets, and only the matches that stand are mapped to the draft's.
        views = {p.view for p in (*patterns, *unless)}
        self._one_view = views.pop() if len(views) == 1 else None

    def matches(self, views: Views, pattern_indexes: Iterable[int] | None = None) -> list[RawMatch]:
        """Every match of this entry in a draft (its `views`) on word boundaries, exceptions applied; offsets
        are the normalized draft's, whichever text a pattern ran over."""
        indexes = range(len(self.patterns)) if pattern_indexes is None else pattern_indexes
        found: list[tuple[View, int, int, int, Sequence[tuple[int, int]]]] = []
        for index in indexes:
            compiled = self.patterns[index]
            view = views[compiled.view]
            text = view.text
            to_chars = view.utf8.to_chars
            ends, starts = self.ends[index], self.starts[index]
            # A clause's `<end>` took its punctuation, which the next clause's `<start>` needs: go on from
            # where the words ended ("Relax. Relax.").
            for spans in all_spans(compiled.regex, view.utf8.data, resume=ends if starts else ()):
                start, end = to_chars(spans[0][0]), to_chars(spans[0][1])
                for group in ends:
                    if spans[group][0] >= 0:
                        end = to_chars(spans[group][0])
                for group in starts:
                    if spans[group][0] >= 0:
                        start = to_chars(spans[group][0])
                while start < end and text[start] == " ":
                    start += 1
                while end > start and text[end - 1] == " ":
                    end -= 1
                if start == end or not on_word_boundaries(text, start, end):
                    continue
                found.append((view, index, start, end, spans))
        if not found:
            return []
        if self.unless and self._one_view is not None:
            view = views[self._one_view]
            clear = _clear_of(
                [span for compiled in self.unless for span in _view_spans(compiled.regex, view)]
            )
            found = [m for m in found if clear(m[2], m[3])]
        matches = [self._raw_match(*m) for m in found]
        if self.unless and self._one_view is None:
            clear = _clear_of([span for compiled in self.unless for span in exception_spans(compiled, views)])
            matches = [m for m in matches if clear(m.start, m.end)]
        return matches

    def _raw_match(
        self, view: View, index: int, start: int, end: int, spans: Sequence[tuple[int, int]]
    ) -> RawMatch:
        """A match in a view's offsets as a RawMatch in the normalized draft's, with its slots."""
        to_chars = view.utf8.to_chars
        keep = view.cut_words(start, end)
        start, end = view.source_span(start, end)
        groupindex = self.groups[index]
        # A slot that took no part (an optional one) is empty, at the match's end.
        groups = dict.fromkeys(groupindex, (end, end))
        words: dict[str, str] = {}
        for name, group in groupindex.items():
            group_start, group_end = spans[group]
            if group_start >= 0:
                low, high = to_chars(group_start), to_chars(group_end)
                groups[name] = view.source_span(low, high)
                part = view.part_words(low, high)
                if part is not None:
                    words[name] = part
        return RawMatch(self.entry, start, end, groups, words, keep)


def _clear_of(exceptions: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """Whether a match [start, end) is clear of every exception: none starts before it ends and ends after it
    starts. Among the exceptions starting before its end (a bisection), the furthest end decides: linear in
    the matches and exceptions of a long draft, where testing every pair was quadratic."""
    exceptions.sort()
    starts = [start for start, _ in exceptions]
    furthest = list(itertools.accumulate((end for _, end in exceptions), max))

    def clear(start: int, end: int) -> bool:
        before = bisect.bisect_left(starts, end) - 1
        return before < 0 or furthest[before] <= start

    return clear


def _view_spans(regex: Any, view: View) -> Iterator[tuple[int, int]]:
    """Where a regex matches a view's text, in that text's own offsets."""
    to_chars = view.utf8.to_chars
    for spans in all_spans(regex, view.utf8.data):
        yield to_chars(spans[0][0]), to_chars(spans[0][1])


def exception_spans(compiled: Compiled, views: Views) -> Iterator[tuple[int, int]]:
    """Where one `unless` pattern matches a draft, as spans of the normalized draft."""
    view = views[compiled.view]
    for start, end in _view_spans(compiled.regex, view):
        yield view.source_span(start, end)


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


def all_spans(regex: Any, data: bytes, resume: Sequence[int] = ()) -> Iterator[Sequence[tuple[int, int]]]:
    """The spans of each match of `regex` in `data`, group 0 first, as `finditer` finds them (a group that
    took no part is (-1, -1)); after a match where a group of `resume` took part, the search goes on from
    that group's start rather than the match's end.

    The binding's `finditer` builds a match object in Python for every match and wraps each RE2 call in a
    generator; on a short draft that costs more than RE2's search itself, so the RE2 object is called
    directly, stepping through the text exactly as `finditer` does (and `finditer` is used where the binding
    lacks that object)."""
    low = getattr(regex, "_regexp", None)
    if low is None or _UNANCHORED is None:
        yield from _spans_by_search(regex, data, resume)
        return
    pos, end = 0, len(data)
    while True:
        spans = low.Match(_UNANCHORED, data, pos, end)
        if spans[0] == _NO_MATCH:
            return
        yield spans
        if pos == end:
            return
        pos = _next_start(pos, spans, resume)


def _next_start(pos: int, spans: Sequence[tuple[int, int]], resume: Sequence[int]) -> int:
    """Where the search goes on after a match found from `pos`: its end, or the start of a `resume` group that
    took part (a pattern with `<start>`), and one further on after an empty match there."""
    stop = spans[0][1]
    for group in resume:
        if spans[group][0] >= 0:
            stop = min(stop, spans[group][0])
    return pos + 1 if pos >= stop else stop


def _spans_by_search(regex: Any, data: bytes, resume: Sequence[int]) -> Iterator[Sequence[tuple[int, int]]]:
    """`all_spans` through the binding's own calls, where it lacks the RE2 object."""
    if not resume:
        for m in regex.finditer(data):
            yield [m.span(group) for group in range(regex.groups + 1)]
        return
    pos, end = 0, len(data)
    while True:
        found = regex.search(data, pos)
        if found is None:
            return
        spans = [found.span(group) for group in range(regex.groups + 1)]
        yield spans
        if pos == end:
            return
        pos = _next_start(pos, spans, resume)


def _re2_from_before(pattern: str) -> bool:
    """Whether a pattern is RE2 from before the phrase language (the language cannot read it, RE2 can)."""
    try:
        parse(pattern)
    except PhraseError as err:
        return err.re2_sign
    return False


def oversize(pattern: str, vocabulary: Vocabulary, *, phrase: bool, label: str = "") -> str:
    """Why a pattern may not be expanded, its families expanding past MAX_EXPANDED_CHARS (computed from the
    family graph, before anything is built); '' when it fits. `label`: the family the pattern stands for,
    left out of the families named."""
    sizes = expansion_sizes(vocabulary, phrase=phrase)
    try:
        measured = sizes.pattern(pattern)
    except NestedTooDeep as err:
        chain = [f"{{{name}}}" for name in err.chain if name not in (label, "...")]
        if len(chain) > 6:
            chain = [*chain[:4], "...", *chain[-2:]]
        return (
            f"uses families nested more than {MAX_NESTING} levels deep ({', which names '.join(chain)}); use "
            "fewer levels of families inside families"
        )
    if measured is None or measured[0].chars <= MAX_EXPANDED_CHARS:
        return ""
    size, families = measured
    families = [name for name in families if name != label]
    return oversize_message(size, families, sizes.family, MAX_EXPANDED_CHARS)


def expand_and_compile(
    pattern: str,
    vocabulary: Vocabulary,
    source: str,
    label: str,
    path: str,
    problems: list[Problem],
    compile_expanded: Callable[[str, str], Any] | None = None,
) -> Compiled | None:
    """Compile one pattern with `compile_expanded(regex, view)` (default: on its own); None (and a problem)
    if it cannot be.

    A pattern is read in the phrase language (or, after `re:`, as raw RE2), both over the canonical view. A
    pattern the language cannot read but RE2 can, families written {{name}}, is a pattern from before the
    language: it keeps its meaning, RE2 over the draft's own words."""
    compiler = phrase_compiler(vocabulary)
    compile_one = compile_expanded or (lambda regex, view: compile_pattern(regex))
    in_language = is_raw(pattern) or not _re2_from_before(pattern)
    too_large = oversize(pattern, vocabulary, phrase=in_language, label=label)
    if too_large:
        problems.append(Problem(source, label, path, too_large))
        return None
    try:
        expanded = compiler.compile(pattern)
        view = compiler.view_of(pattern)
    except PhraseError as err:
        if is_raw(pattern) or not err.re2_sign:
            problems.append(Problem(source, label, path, str(err.args[0])))
            return None
        # RE2 from before the language, over the draft's own words.
        expanded_problems = vocabulary.problems(pattern, source, label, path)
        if expanded_problems:
            problems.extend(expanded_problems)
            return None
        view = SURFACE
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
        regex = compile_one(expanded, view)
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
    return Compiled(regex, view)


_COMPILERS: weakref.WeakKeyDictionary[Vocabulary, Compiler] = weakref.WeakKeyDictionary()


def phrase_compiler(vocabulary: Vocabulary) -> Compiler:
    """The phrase compiler of one vocabulary, made once (it caches each family's compiled form). For a
    vocabulary with an entry's own lists added, the bank's compiler compiles the families (once for every
    entry) and a compiler of the entry's own compiles its lists."""
    compiler = _COMPILERS.get(vocabulary)
    if compiler is None:
        parent = vocabulary.parent
        if parent is None:
            compiler = Compiler(vocabulary.by_name)
        else:
            compiler = phrase_compiler(parent).within({f.name: f for f in vocabulary.own_lists})
        _COMPILERS[vocabulary] = compiler
    return compiler


def compile_entry(
    entry: Entry, vocabulary: Vocabulary | None = None, pool: PatternPool | None = None
) -> tuple[CompiledEntry | None, list[Problem]]:
    """Compile an entry's patterns (vocabulary references expanded), reporting each one RE2 refuses and
    each rewrite slot left unfilled. With a pool, its patterns are compiled into the pool's prefilter."""
    problems: list[Problem] = []
    words = vocabulary if vocabulary is not None else Vocabulary()
    if entry.words:
        words = words.with_lists(entry.words)

    def compiled(
        field: str, patterns: tuple[str, ...], compile_expanded: Callable[[str, str], Any] | None
    ) -> list[Compiled]:
        out = []
        for i, pattern in enumerate(patterns):
            regex = expand_and_compile(
                pattern, words, entry.source, entry.id, f"{field}[{i}]", problems, compile_expanded
            )
            if regex is not None:
                out.append(regex)
        return out

    gated = needs_message(entry)
    patterns = compiled(
        "patterns",
        entry.patterns,
        (lambda expanded, view: pool.compile(expanded, view, gated)) if pool is not None else None,
    )
    unless = compiled("unless", entry.unless, None)
    if problems:
        return None, problems
    for name in unused_lists(entry):
        problems.append(
            Problem(
                entry.source,
                entry.id,
                f"words.{name}",
                f"no pattern or unless line of this entry uses it; use it as {{{name}}} or remove it",
            )
        )
    if problems:
        return None, problems
    result = CompiledEntry(entry, patterns, unless, words)
    tried_slot = entry.when.customer_tried if entry.when else None
    if tried_slot is not None and tried_slot not in result.slots:
        problems.append(
            Problem(
                entry.source,
                entry.id,
                "when.customer_tried",
                f"slot {tried_slot!r} is not captured by every pattern; add <{tried_slot}> (or "
                f"<{tried_slot}: words>) for the action the draft asks for in each pattern",
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
                    f"slot {{{slot}}} is not captured by every pattern; add <{slot}> (the rest of the "
                    f"clause) or <{slot}: words> to each pattern, or remove the slot",
                )
            )
    return (None if problems else result), problems


def needs_message(entry: Entry) -> bool:
    """Whether the entry can apply only when the customer's message is given (its `when`)."""
    return entry.when is not None and entry.when.needs_message


def unused_lists(entry: Entry) -> list[str]:
    """The entry's own word lists that none of its patterns and `unless` lines names, directly or through
    another of its lists that one names."""
    lists = dict(entry.words)
    used: set[str] = set()
    pending = [name for pattern in (*entry.patterns, *entry.unless) for name, _ in references(pattern)]
    while pending:
        name = pending.pop()
        if name in lists and name not in used:
            used.add(name)
            pending.extend(n for phrase in lists[name] for n, _ in references(phrase))
    return [name for name in lists if name not in used]


class CompiledTopic:
    """A topic with its cue patterns compiled."""

    def __init__(self, topic: Topic, cues: list[Compiled]) -> None:
        self.topic = topic
        self.cues = cues

    def fits(self, message: str) -> bool:
        """Whether the customer's message is about this topic (the fallback topic fits any message)."""
        if not self.cues:
            return True
        canonical = None
        for cue in self.cues:
            if cue.view != SURFACE:
                canonical = (
                    canonical if canonical is not None else CanonicalText(normalize(message).text).text
                )
                if cue.regex.search(canonical):
                    return True
            elif cue.regex.search(message):
                return True
        return False


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
    return (None if problems else CompiledTopic(topic, [c for c in cues if c is not None])), problems


# Every character a draft may hold besides letters: ASCII punctuation, digits and the space.
_NOT_LETTERS = "".join(chr(c) for c in range(32, 127) if not chr(c).isalpha())


@functools.cache
def wordless_text() -> bytes:
    """A text without a letter that holds every run of up to three punctuation marks, digits and spaces (a
    de Bruijn sequence), and long runs of each: a pattern the prefilter passes for it needs no word."""
    symbols, order = _NOT_LETTERS, 3
    count = len(symbols)
    sequence: list[int] = []
    word = [0] * (count * order)

    def extend(t: int, p: int) -> None:
        # Fredricksen, Kessler and Maiorana's algorithm: the Lyndon words of length dividing `order`.
        if t > order:
            if order % p == 0:
                sequence.extend(word[1 : p + 1])
            return
        word[t] = word[t - p]
        extend(t + 1, p)
        for j in range(word[t - p] + 1, count):
            word[t] = j
            extend(t + 1, t)

    extend(1, 1)
    text = "".join(symbols[i] for i in sequence) + " ".join(c * 16 for c in symbols)
    return text.encode("ascii")


class PatternPool:
    """Compiles each phrase pattern of a bank once, straight into the FilteredRE2 the matcher prefilters
    with (a filter compiles every pattern it takes; the entry then matches with that same program, where
    compiling it on its own as well would double the bank's build time). Each lane has its own filters."""

    def __init__(self) -> None:
        self.filters: dict[Lane, list[Any]] = {lane: [] for lane in LANES}
        # Where each regex handed out sits: (lane, filter, index in it). Keyed by the regex itself (RE2's
        # regexes hash by identity), which also keeps it alive while the pool lives.
        self.positions: dict[Any, tuple[Lane, int, int]] = {}
        self._size = {lane: _FILTER_CHUNK for lane in LANES}
        self._compiled = False
        self._failed = False

    def compile_filters(self) -> None:
        """Compile every filter, once (RE2 takes no pattern after, and compiling a filter again would leave it
        with no literal atoms: it would pass only the patterns that have none). Raises re2.error."""
        if self._compiled:
            return
        if self._failed:
            raise re2.error("the pool's filters could not be compiled")
        try:
            for filters in self.filters.values():
                for regex_filter in filters:
                    regex_filter.Compile()
        except re2.error:
            self._failed = True
            raise
        self._compiled = True

    def wordless(self) -> set[Any]:
        """The patterns the prefilter would pass for a draft without a single letter: patterns that need no
        word, which would run on every draft (their regexes, as `compile` handed them out)."""
        try:
            self.compile_filters()
        except re2.error:
            return set()  # the matcher then builds filters of its own, smaller ones
        by_position = {position: regex for regex, position in self.positions.items()}
        found: set[Any] = set()
        probe = wordless_text()
        for lane, filters in self.filters.items():
            for index, regex_filter in enumerate(filters):
                for position in regex_filter.Match(probe, True) or ():
                    found.add(by_position[(lane, index, position)])
        return found

    def compile(self, expanded: str, view: str, needs_message: bool = False) -> Any:
        """Compile one expanded pattern into the current filter of its lane (its view, and whether its entry
        needs the customer's message); raises re2.error with RE2's reason."""
        if self._compiled:
            raise RuntimeError("the pool's filters are compiled: they take no more patterns")
        lane = (view, needs_message)
        filters = self.filters[lane]
        if self._size[lane] >= _FILTER_CHUNK:
            filters.append(re2.Filter())
            self._size[lane] = 0
        regex_filter = filters[-1]
        try:
            index = regex_filter.Add(expanded, _options(_PATTERN_MEM))
        except re2.error:
            compile_pattern(expanded)  # raises with RE2's reason for refusing it
            raise
        self._size[lane] += 1
        regex = regex_filter.re(index)
        self.positions[regex] = (lane, len(filters) - 1, index)
        return regex


Owner = tuple[int, int]


class Matcher:
    """Finds every entry's matches in one draft; cost stays flat as the bank grows.

    RE2's FilteredRE2 extracts the literal atoms each pattern needs and finds them all in one pass over each
    view, so only the entries whose atoms occur in the draft run their patterns; a pattern without atoms
    always runs. The patterns of entries that need the customer's message have filters of their own (lanes),
    searched only when a message is given.
    """

    def __init__(self, entries: list[CompiledEntry], pool: PatternPool | None = None) -> None:
        self._entries = entries
        # Each lane's filters, with the (entry, pattern) each of its patterns belongs to (None: a pattern of
        # the pool that no entry here owns).
        self._filters: dict[Lane, list[tuple[list[Owner | None], Any]]] = {lane: [] for lane in LANES}
        self._pooled = pool is not None and self._use_pool(pool)
        if self._pooled:
            return
        for lane in LANES:
            owners = [
                (entry_index, pattern_index)
                for entry_index, compiled in enumerate(entries)
                if needs_message(compiled.entry) == lane[1]
                for pattern_index, pattern in enumerate(compiled.patterns)
                if pattern.view == lane[0]
            ]
            for offset in range(0, len(owners), _FILTER_CHUNK):
                self._add_filters(lane, owners[offset : offset + _FILTER_CHUNK])

    def _use_pool(self, pool: PatternPool) -> bool:
        """Prefilter with the pool's filters, whose patterns are the entries' own; False (nothing changed)
        if an entry's pattern is not in it or RE2 cannot compile a filter."""
        owners: dict[tuple[Lane, int, int], Owner] = {}
        for entry_index, compiled in enumerate(self._entries):
            for pattern_index, pattern in enumerate(compiled.patterns):
                position = pool.positions.get(pattern.regex)
                if position is None:
                    return False
                owners[position] = (entry_index, pattern_index)
        try:
            pool.compile_filters()
        except re2.error:
            return False
        # The pool's filters may hold patterns no entry here owns (a disabled entry's): they map to None.
        for lane, filters in pool.filters.items():
            self._filters[lane] = [
                ([owners.get((lane, f, i)) for i in range(len(regex_filter._patterns))], regex_filter)
                for f, regex_filter in enumerate(filters)
            ]
        return True

    def _add_filters(self, lane: Lane, owners: list[Owner]) -> None:
        """Build a filter over the owners' patterns, halving the list if RE2 runs out of room."""
        if not owners:
            return
        regex_filter = re2.Filter()
        for entry_index, pattern_index in owners:
            regex_filter.Add(
                self._entries[entry_index].patterns[pattern_index].regex.pattern, _options(_PATTERN_MEM)
            )
        try:
            regex_filter.Compile()
        except re2.error as err:
            if len(owners) == 1:
                entry_index, pattern_index = owners[0]
                entry = self._entries[entry_index].entry
                reason = f"RE2's prefilter cannot take this pattern ({_reason(err)}); shorten it or split it"
                raise BankError(
                    [Problem(entry.source, entry.id, f"patterns[{pattern_index}]", reason)]
                ) from err
            middle = len(owners) // 2
            self._add_filters(lane, owners[:middle])
            self._add_filters(lane, owners[middle:])
            return
        self._filters[lane].append((list(owners), regex_filter))

    def views_used(self) -> tuple[str, ...]:
        """The views some pattern runs over (a draft need not make the others)."""
        return tuple(view for view in VIEWS if self._filters[view, False] or self._filters[view, True])

    def prefiltered(self, views: Views, *, with_message: bool = True) -> list[tuple[str, str, int, bool]]:
        """What the prefilter passed for a draft (`bench/prefilter.py` measures it): each pattern whose atoms
        the draft's view holds, as (view, entry id, pattern index, whether the pattern matches there)."""
        passed: list[tuple[str, str, int, bool]] = []
        for (view, needs), filters in self._filters.items():
            if not filters or (needs and not with_message):
                continue
            data = views[view].utf8.data
            for owners, regex_filter in filters:
                matching = set(regex_filter.Match(data, False) or ())
                for index in regex_filter.Match(data, True) or ():
                    owner = owners[index]
                    if owner is not None:
                        entry = self._entries[owner[0]].entry
                        passed.append((view, entry.id, owner[1], index in matching))
        return passed

    def find(self, views: Views, *, with_message: bool = True) -> list[RawMatch]:
        """All matches of all entries in a draft's views; offsets are the normalized draft's. Without the
        customer's message (`with_message` False) the entries that need one are not searched."""
        hits: dict[int, list[int]] = {}
        for (view, needs), filters in self._filters.items():
            if not filters or (needs and not with_message):
                continue
            data = views[view].utf8.data
            for owners, regex_filter in filters:
                # Not only the patterns whose words the draft holds but, of those, the ones that match: RE2
                # runs them in C++, so a pattern that passed the filter only for words scattered apart
                # (most of them) costs no call from Python.
                for index in regex_filter.Match(data, False) or ():
                    owner = owners[index]
                    if owner is not None:
                        hits.setdefault(owner[0], []).append(owner[1])
        found: list[RawMatch] = []
        for entry_index in sorted(hits):
            found.extend(self._entries[entry_index].matches(views, hits[entry_index]))
        return found
