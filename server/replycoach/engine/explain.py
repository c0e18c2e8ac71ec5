"""Why an entry flags a draft, stays quiet on it, or nearly matched it: what `bank explain` and
POST /v1/phrasebank/explain show a team lead tuning the bank.

For each entry it runs each pattern on its own, before the entry's exceptions, and says of every match what
the engine did with it: it flags, or what kept it quiet (an `unless` exception, the customer condition, quoted
or reported speech, a `quiet_when` check, or another entry's longer match winning the overlap), in the order
the engine applies them. A phrase pattern that did not match is tried part by part: the longest run of its
leading parts that matches (two parts at least) is a near miss, with the part that did not match next.
Offsets are the draft's own, in code points.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import re2

from replycoach.bank.vocabulary import Vocabulary
from replycoach.engine.canonical import NAME_MARK, CanonicalView
from replycoach.engine.compiled import Bank
from replycoach.engine.context import CustomerContext, read_customer
from replycoach.engine.draft import Draft
from replycoach.engine.engine import resolve_overlaps
from replycoach.engine.matcher import (
    SURFACE,
    Compiled,
    CompiledEntry,
    RawMatch,
    View,
    all_spans,
    compile_pattern,
    exception_spans,
    phrase_compiler,
)
from replycoach.engine.phrase import PhraseError, is_raw
from replycoach.engine.quiet import MatchContext, Quiet
from replycoach.engine.text import on_word_boundaries
from replycoach.engine.voice import Voice
from replycoach.errors import EntryNotFoundError

FLAGS = "flags"
QUIET = "quiet"
NEAR_MISS = "near-miss"
# Only when one entry is asked about: none of its patterns matched, even partway.
NO_MATCH = "no-match"
STATUSES = (FLAGS, QUIET, NEAR_MISS, NO_MATCH)

# Near misses shown when every entry is explained: the ones whose patterns matched furthest.
MAX_NEAR_MISSES = 10
# A near miss has at least this many of a pattern's leading parts matched.
MIN_PARTS = 2
# How much of the text after a near miss's matched parts is shown (words, within the clause).
_AT_WORDS = 4
_CLAUSE = re.compile(r"[^.,;:!?]*")
_CLAUSE_BACK = re.compile(r"[^.,;:!?]*$")


@dataclass(frozen=True)
class Found:
    """A stretch of the draft: its text and offsets (code points)."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """The stretch as the API and CLI report it."""
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Token:
    """One token of the canonical view, with its lemma and where it stands in the draft."""

    text: str
    lemma: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """The token as the API and CLI report it."""
        return {"text": self.text, "lemma": self.lemma, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Reason:
    """What kept a match quiet. `kind` is unless, when, voice, quiet_when or overlap; `label` says which
    ("unless[2]", "when: customer mood", "voice: quoted or reported speech", "quiet_when: question",
    "overlap: refusal.we-cant won"); `pattern` is the exception's pattern, `found` what the exception
    matched or the winning match, `detail` more words where there are any."""

    kind: str
    label: str
    pattern: str | None = None
    found: Found | None = None
    detail: str | None = None

    def describe(self) -> str:
        """One line for a reader: the label, the exception's pattern and what it or the winner matched."""
        words = [self.label]
        if self.pattern is not None:
            words.append(f"`{self.pattern}`")
        if self.found is not None:
            verb = "matched" if self.kind == "unless" else "with"
            words.append(f"{verb} {_quoted(self.found.text)}")
        text = " ".join(words)
        return f"{text} ({self.detail})" if self.detail else text

    def to_dict(self) -> dict[str, Any]:
        """The reason as the API and CLI report it."""
        found = self.found
        return {
            "kind": self.kind,
            "label": self.label,
            "pattern": self.pattern,
            "text": found.text if found else None,
            "start": found.start if found else None,
            "end": found.end if found else None,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class PatternMatch:
    """One match of a pattern: where, the slots it captured (draft text), whether it stands as a flag, and
    if not, every reason it stays quiet."""

    found: Found
    slots: Mapping[str, str]
    stands: bool
    quiet: tuple[Reason, ...]

    def to_dict(self) -> dict[str, Any]:
        """The match as the API and CLI report it."""
        return {
            **self.found.to_dict(),
            "slots": dict(self.slots),
            "stands": self.stands,
            "quiet": [r.to_dict() for r in self.quiet],
        }


@dataclass(frozen=True)
class NearMiss:
    """The longest run of a phrase pattern's leading parts that matches: those parts as written, what they
    matched in the text the pattern runs over (and where in the draft), the part that did not match next and
    the words it met there (empty: the draft ended)."""

    parts_matched: int
    parts: int
    matched_parts: str
    matched: str
    start: int
    end: int
    next_part: str
    at: str
    # "after": the part after the matched ones did not match; "before": the part before them did not.
    side: str = "after"

    def describe(self) -> str:
        """One line for a reader."""
        if self.side == "before":
            where = f"at {_quoted(self.at)}" if self.at else "at the start of the draft"
            return (
                f"matched `{self.matched_parts}` as {_quoted(self.matched)}; the part before it "
                f"`{self.next_part}` did not match {where}"
            )
        where = f"at {_quoted(self.at)}" if self.at else "at the end of the draft"
        return (
            f"matched `{self.matched_parts}` as {_quoted(self.matched)}; the next part `{self.next_part}` "
            f"did not match {where}"
        )

    def to_dict(self) -> dict[str, Any]:
        """The near miss as the API and CLI report it."""
        return {
            "parts_matched": self.parts_matched,
            "parts": self.parts,
            "matched_parts": self.matched_parts,
            "matched": self.matched,
            "start": self.start,
            "end": self.end,
            "next_part": self.next_part,
            "at": self.at,
            "side": self.side,
        }


@dataclass(frozen=True)
class PatternResult:
    """One pattern of an entry: the text it runs over (core, canonical or surface), its matches, and its
    near miss when it did not match."""

    index: int
    pattern: str
    view: str
    matches: tuple[PatternMatch, ...]
    near_miss: NearMiss | None

    @property
    def matched(self) -> bool:
        """Whether the pattern matched anywhere (before exceptions and context)."""
        return bool(self.matches)

    def to_dict(self) -> dict[str, Any]:
        """The pattern's result as the API and CLI report it."""
        return {
            "index": self.index,
            "pattern": self.pattern,
            "view": self.view,
            "matched": self.matched,
            "matches": [m.to_dict() for m in self.matches],
            "near_miss": self.near_miss.to_dict() if self.near_miss else None,
        }


@dataclass(frozen=True)
class EntryExplanation:
    """One entry on the draft: its status (flags, quiet, near-miss, or no-match when asked about alone), what
    it flags, and each of its patterns."""

    id: str
    status: str
    flagged: tuple[Found, ...]
    patterns: tuple[PatternResult, ...]

    def first_quiet(self) -> PatternMatch | None:
        """The first match (in the draft) that stays quiet."""
        quiet = [m for p in self.patterns for m in p.matches if not m.stands]
        return min(quiet, key=lambda m: (m.found.start, m.found.end), default=None)

    def best_near_miss(self) -> tuple[int, NearMiss] | None:
        """The pattern index and near miss that matched furthest."""
        misses = [(p.index, p.near_miss) for p in self.patterns if p.near_miss is not None]
        return max(misses, key=lambda m: (m[1].parts_matched, len(m[1].matched), -m[0]), default=None)

    def to_dict(self) -> dict[str, Any]:
        """The entry's explanation as the API and CLI report it."""
        return {
            "id": self.id,
            "status": self.status,
            "flagged": [f.to_dict() for f in self.flagged],
            "patterns": [p.to_dict() for p in self.patterns],
        }


@dataclass(frozen=True)
class Explanation:
    """A draft as the bank's patterns read it (canonical and core text, tokens with lemmas), the customer
    context, and the entries that flag it, stay quiet on it, or nearly match it."""

    text: str
    canonical: str
    core: str
    tokens: tuple[Token, ...]
    customer: CustomerContext
    entries: tuple[EntryExplanation, ...]

    def to_dict(self) -> dict[str, Any]:
        """The explanation as the API and CLI report it."""
        return {
            "text": self.text,
            "canonical": self.canonical,
            "core": self.core,
            "tokens": [t.to_dict() for t in self.tokens],
            "customer": self.customer.to_dict(),
            "entries": [e.to_dict() for e in self.entries],
        }


def explain(bank: Bank, text: str, customer: str | None = None, entry_id: str | None = None) -> Explanation:
    """Why the bank's entries flag `text` or stay quiet on it, and which nearly match it (`customer`: the
    customer's message, for entries with a `when` condition). With `entry_id`, that entry alone, whatever its
    status; raises EntryNotFoundError, naming close ids, when the bank has no such entry in service."""
    if entry_id is not None and entry_id not in bank.by_id:
        raise EntryNotFoundError(_unknown_entry_message(bank, entry_id))
    reader = _Reader(bank, text, read_customer(customer, bank.checks, bank.skip))
    entries: list[EntryExplanation | None]
    if entry_id is not None:
        entries = [reader.entry(bank.compiled(entry_id), asked=True)]
    else:
        found = [reader.entry(bank.compiled(e.id), asked=False) for e in bank.entries]
        matched = [e for e in found if e is not None and e.status in (FLAGS, QUIET)]
        matched.sort(key=lambda e: (_first_start(e), e.id))
        near = [e for e in found if e is not None and e.status == NEAR_MISS]
        near.sort(key=_near_miss_rank)
        entries = [*matched, *near[:MAX_NEAR_MISSES]]
    return Explanation(
        text=text,
        canonical=_shown(reader.views["canonical"].text),
        core=_shown(reader.views["core"].text),
        tokens=reader.tokens(),
        customer=reader.customer,
        entries=tuple(e for e in entries if e is not None),
    )


def _unknown_entry_message(bank: Bank, entry_id: str) -> str:
    if any(e.id == entry_id for e in bank.all_entries):
        return f"the entry {entry_id!r} is disabled, so it never fires; enable it to explain it"
    close = difflib.get_close_matches(entry_id, [e.id for e in bank.entries], n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"no entry of the bank has the id {entry_id!r}{hint}"


def _first_start(entry: EntryExplanation) -> int:
    return min((m.found.start for p in entry.patterns for m in p.matches), default=0)


def _near_miss_rank(entry: EntryExplanation) -> tuple[int, int, str]:
    best = entry.best_near_miss()
    assert best is not None
    return (-best[1].parts_matched, -len(best[1].matched), entry.id)


class _Reader:
    """One draft read against one bank: the engine's own choice of flags, and the checks, done once."""

    def __init__(self, bank: Bank, text: str, customer: CustomerContext) -> None:
        self.bank = bank
        self.text = text
        self.customer = customer
        self.draft = Draft(text, bank.skip)
        self.views = self.draft.views
        self._context = MatchContext(self.draft, customer, bank.checks)
        self._voice = Voice(self.draft, bank.checks.reported_speech)
        self._quiet = Quiet(self.draft, bank.checks)
        # What the engine flags: every entry's matches that stand in their context, overlaps resolved.
        candidates = [m for m in bank.matcher.find(self.views) if self._context.keeps(m)]
        self.chosen = resolve_overlaps(candidates)
        self._chosen_spans = {(m.entry.id, m.start, m.end) for m in self.chosen}

    def found(self, start: int, end: int) -> Found:
        """A span of the normalized draft as the draft's own stretch."""
        to_original = self.draft.normalized.to_original
        start, end = to_original(start), to_original(end)
        return Found(self.text[start:end], start, end)

    def tokens(self) -> tuple[Token, ...]:
        to_original = self.draft.normalized.to_original
        return tuple(
            Token(t.text, t.lemma, to_original(t.source_start), to_original(t.source_end))
            for t in CanonicalView(self.draft.normalized.text).tokens
        )

    def entry(self, compiled: CompiledEntry, *, asked: bool) -> EntryExplanation | None:
        """The entry's explanation (None: it neither matched nor nearly matched, and was not asked about)."""
        entry = compiled.entry
        exceptions: list[list[tuple[int, int]]] | None = None
        results = []
        for index, pattern in enumerate(compiled.patterns):
            raw = CompiledEntry(entry, [pattern], []).matches(self.views)
            if raw and exceptions is None:
                exceptions = [list(exception_spans(u, self.views)) for u in compiled.unless]
            matches = tuple(self._match(m, exceptions or []) for m in raw)
            near = None if matches else self._near_miss(entry.patterns[index], pattern, compiled.vocabulary)
            results.append(PatternResult(index, entry.patterns[index], pattern.view, matches, near))
        flagged = tuple(
            dict.fromkeys(self.found(m.start, m.end) for m in self.chosen if m.entry.id == entry.id)
        )
        if flagged:
            status = FLAGS
        elif any(r.matches for r in results):
            status = QUIET
        elif any(r.near_miss for r in results):
            status = NEAR_MISS
        elif asked:
            status = NO_MATCH
        else:
            return None
        return EntryExplanation(entry.id, status, flagged, tuple(results))

    def _match(self, match: RawMatch, exceptions: Sequence[list[tuple[int, int]]]) -> PatternMatch:
        entry = match.entry
        slots = self.draft.slot_texts(match.groups, match.words)
        reasons: list[Reason] = []
        for index, spans in enumerate(exceptions):
            # As the matcher applies them: an exception overlapping the match silences it.
            hit = next(((s, e) for s, e in spans if s < match.end and e > match.start), None)
            if hit is not None:
                found = self.found(*hit)
                stripped = Found(found.text.strip(), *_strip(found.text, found.start, found.end))
                reasons.append(Reason("unless", f"unless[{index}]", entry.unless[index], stripped))
        condition = self._condition(match)
        if condition is not None:
            reasons.append(condition)
        if not self._voice.own(match.start, match.end):
            reasons.append(Reason("voice", "voice: quoted or reported speech"))
        for name in entry.quiet_when:
            alone = dataclasses.replace(match, entry=dataclasses.replace(entry, quiet_when=(name,)))
            if self._quiet.silences(alone):
                reasons.append(Reason("quiet_when", f"quiet_when: {name}"))
        stands = False
        if not reasons:
            if (entry.id, match.start, match.end) in self._chosen_spans:
                stands = True
            else:
                winner = next((m for m in self.chosen if m.start < match.end and match.start < m.end), None)
                if winner is None:
                    stands = True  # cannot happen: a candidate is dropped only for one kept over it
                else:
                    found = self.found(winner.start, winner.end)
                    label = f"overlap: {winner.entry.id} won"
                    reasons.append(Reason("overlap", label, found=found, detail=_overlap_rule(winner, match)))
        return PatternMatch(self.found(match.start, match.end), slots, stands, tuple(reasons))

    def _condition(self, match: RawMatch) -> Reason | None:
        """The entry's `when` condition, if it does not hold for this customer (as CustomerContext.allows)."""
        condition = match.entry.when
        customer = self.customer
        slots = match.slot_texts(self.draft.normalized.text)
        if condition is None or customer.allows(condition, slots):
            return None
        mood = customer.mood or "unknown"
        if condition.customer_mood and mood not in condition.customer_mood:
            wanted = " or ".join(condition.customer_mood)
            if customer.mood is None:
                detail = f"it fires when the customer is {wanted}; no customer message was given"
            else:
                detail = f"it fires when the customer is {wanted}; this customer reads {mood}"
            return Reason("when", "when: customer mood", detail=detail)
        action = slots.get(condition.customer_tried or "", "")
        detail = f"the customer does not say they already tried {_quoted(action)}"
        return Reason("when", "when: customer tried", detail=detail)

    def _near_miss(self, pattern: str, compiled: Compiled, vocabulary: Vocabulary) -> NearMiss | None:
        """The longest run of the pattern's leading parts (two at least) that matches, with the part after
        (`vocabulary`: the families the entry's patterns use, its own lists among them)."""
        if compiled.view == SURFACE or is_raw(pattern):
            return None
        compiler = phrase_compiler(vocabulary)
        try:
            alternatives = compiler.compile_prefixes(pattern)
        except PhraseError:
            return None
        view = self.views[compiled.view]
        best: tuple[int, int, NearMiss] | None = None
        for parts in alternatives:
            found: tuple[int, tuple[int, int]] | None = None
            # The full sequence would be the pattern's own match: only shorter runs are near misses.
            for count in range(MIN_PARTS, len(parts)):
                span = _first_match(_prefix_regex(parts[count - 1][1]), view)
                if span is None:
                    break
                found = (count, span)
            if found is None:
                continue
            count, (start, end) = found
            original = self.found(*view.source_span(start, end))
            miss = NearMiss(
                parts_matched=count,
                parts=len(parts),
                matched_parts=" ".join(shown for shown, _ in parts[:count]),
                matched=_shown(view.text[start:end]),
                start=original.start,
                end=original.end,
                next_part=parts[count][0],
                at=_shown(_next_words(view.text[end:])),
            )
            if best is None or (count, end - start) > best[:2]:
                best = (count, end - start, miss)
        for parts in compiler.compile_suffixes(pattern):
            # The longest run of trailing parts (two at least, without the first) that matches.
            for first in range(1, len(parts) - MIN_PARTS + 1):
                span = _first_match(_prefix_regex(parts[first][1]), view)
                if span is None:
                    continue
                count, (start, end) = len(parts) - first, span
                if best is None or (count, end - start) > best[:2]:
                    original = self.found(*view.source_span(start, end))
                    miss = NearMiss(
                        parts_matched=count,
                        parts=len(parts),
                        matched_parts=" ".join(shown for shown, _ in parts[first:]),
                        matched=_shown(view.text[start:end]),
                        start=original.start,
                        end=original.end,
                        next_part=parts[first - 1][0],
                        at=_shown(_previous_words(view.text[:start])),
                        side="before",
                    )
                    best = (count, end - start, miss)
                break
        return best[2] if best else None


def _overlap_rule(winner: RawMatch, loser: RawMatch) -> str:
    """Which of the engine's overlap rules kept the winner (see `resolve_overlaps`)."""
    if winner.entry.severity != loser.entry.severity:
        return "a warning is kept over a suggestion"
    if winner.end - winner.start != loser.end - loser.start:
        return "as severe: the longer match is kept"
    if winner.entry.id == loser.entry.id:
        return "as severe and as long: the earlier match is kept"
    return "as severe and as long: the first entry id is kept"


@lru_cache(maxsize=4096)
def _prefix_regex(source: str) -> Any:
    """A near miss's run of parts as RE2 runs it (None: RE2 refuses it, which a valid pattern's parts never
    make it do)."""
    try:
        return compile_pattern(source)
    except re2.error:
        return None


def _first_match(regex: Any, view: View) -> tuple[int, int] | None:
    """The first match of `regex` in a view's text that, trimmed of spaces, sits on word boundaries (as the
    matcher takes matches)."""
    if regex is None:
        return None
    text = view.text
    for spans in all_spans(regex, view.utf8.data):
        start, end = view.utf8.to_chars(spans[0][0]), view.utf8.to_chars(spans[0][1])
        start, end = _strip(text[start:end], start, end)
        if start < end and on_word_boundaries(text, start, end):
            return start, end
    return None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of `text` (at start..end) without its leading and trailing spaces."""
    return start + len(text) - len(text.lstrip()), end - (len(text) - len(text.rstrip()))


def _next_words(rest: str) -> str:
    """The words a near miss's next part met: a few, within the clause (or the punctuation ending it)."""
    rest = rest.lstrip()
    words = _CLAUSE.match(rest)
    clause = words.group().split() if words else []
    if clause:
        return " ".join(clause[:_AT_WORDS])
    return rest[:1]


def _previous_words(before: str) -> str:
    """The words a near miss's missing first part met: a few, back to the start of the clause."""
    words = _CLAUSE_BACK.search(before.rstrip())
    clause = words.group().split() if words else []
    return " ".join(clause[-_AT_WORDS:])


def _shown(text: str) -> str:
    """A view's text as a lead reads it: without the mark the canonical view puts before a subject's name."""
    return text.replace(NAME_MARK, "")


def _quoted(text: str) -> str:
    return f"'{text}'"
