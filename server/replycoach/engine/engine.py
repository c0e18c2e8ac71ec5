"""The analysis engine: finds cold phrasing in a draft and builds warmer rewrites. Plain Python, no I/O."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any, Literal

from replycoach.bank.model import SEVERITIES
from replycoach.engine.combine import escalate
from replycoach.engine.compiled import Bank
from replycoach.engine.context import read_customer
from replycoach.engine.draft import Draft
from replycoach.engine.matcher import RawMatch
from replycoach.engine.quiet import MatchContext
from replycoach.engine.results import Analysis, Flag, RewriteResult, Suggestion
from replycoach.engine.score import score_flags
from replycoach.engine.structure import check_structure
from replycoach.engine.suggest import Replacement, render
from replycoach.engine.tone import polarity
from replycoach.errors import DraftTooLongError, UnknownFlagError

DEFAULT_MAX_CHARS = 20_000
# More flags than this in one draft are not a reply to coach but a paste to clean up: the first ones (in
# text order) are returned, with `truncated`, so no draft can make a response, or its cost, unbounded.
DEFAULT_MAX_FLAGS = 200
# The most severe first, as the bank's model orders them.
_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


class Engine:
    """Analyzes drafts against one compiled phrase bank."""

    def __init__(
        self, bank: Bank, *, max_chars: int = DEFAULT_MAX_CHARS, max_flags: int = DEFAULT_MAX_FLAGS
    ) -> None:
        self.bank = bank
        self.max_chars = max_chars
        self.max_flags = max_flags

    def analyze(self, text: str, customer_message: str | None = None) -> Analysis:
        """Flag cold phrasing in `text`, using the customer's message (if given) as context."""
        self.check_input("text", text)
        if customer_message is not None:
            self.check_input("customer_message", customer_message)
        customer = read_customer(customer_message, self.bank.checks, self.bank.skip)
        draft = Draft(text, self.bank.skip)
        normalized = draft.normalized
        matches = self.bank.matcher.find(draft.views, with_message=customer.mood is not None)
        context = MatchContext(draft, customer, self.bank.checks)
        candidates = [m for m in matches if context.keeps(m)]
        chosen = resolve_overlaps(candidates)
        truncated = len(chosen) > self.max_flags
        # Suggestions are rendered only for the flags returned.
        chosen = chosen[: self.max_flags]
        sentences = draft.sentences if chosen or customer.mood == "upset" else []
        flags = []
        for match in chosen:
            start = normalized.to_original(match.start)
            end = normalized.to_original(match.end)
            slots = draft.slot_texts(match.groups, match.words)
            suggestions = tuple(
                _suggestion(render(rewrite, text, (start, end), slots, sentences, match.keep), draft)
                for rewrite in match.entry.rewrites
            )
            flags.append(
                Flag(
                    id=f"{match.entry.id}@{start}",
                    entry=match.entry,
                    text=text[start:end],
                    span=draft.span(start, end),
                    suggestions=suggestions,
                )
            )
        for found in check_structure(draft, customer, customer_message, self.bank.topics, self.bank.checks):
            at_end = found.at + (1 if found.replace_first else 0)
            flags.append(
                Flag(
                    id=f"{found.rule.id}@{found.start}",
                    entry=found.rule,
                    text=text[found.start : found.end],
                    span=draft.span(found.start, found.end),
                    suggestions=tuple(
                        Suggestion(t, draft.span(found.at, at_end), "insert") for t in found.texts
                    ),
                )
            )
        flags.sort(key=lambda f: (f.span.start, f.span.end))
        truncated = truncated or len(flags) > self.max_flags
        flags = escalate(flags[: self.max_flags], draft)
        return Analysis(
            tuple(flags), score_flags(flags), customer, round(polarity(text), 3), truncated=truncated
        )

    def rewrite(
        self,
        text: str,
        apply: Literal["all"] | Sequence[str],
        customer_message: str | None = None,
    ) -> RewriteResult:
        """Apply each chosen flag's top suggestion; nothing outside the replaced spans changes."""
        analysis = self.analyze(text, customer_message)
        by_id = {flag.id: flag for flag in analysis.flags}
        if apply == "all":
            chosen = list(analysis.flags)
        else:
            unknown = [flag_id for flag_id in apply if flag_id not in by_id]
            if unknown:
                raise UnknownFlagError(unknown)
            chosen = [by_id[flag_id] for flag_id in dict.fromkeys(apply)]
        chosen.sort(key=lambda f: (f.suggestions[0].span.start, f.span.start))
        pieces: list[str] = []
        applied: list[dict[str, Any]] = []
        skipped: list[dict[str, Any]] = []
        cursor = 0
        last_id = ""
        for flag in chosen:
            top = flag.suggestions[0]
            if top.span.start < cursor:
                skipped.append(
                    {"id": flag.id, "reason": f"its rewrite overlaps the one applied for {last_id}"}
                )
                continue
            pieces.append(text[cursor : top.span.start])
            pieces.append(top.text)
            applied.append(
                {
                    "id": flag.id,
                    "rule_id": flag.entry.id,
                    "from": text[top.span.start : top.span.end],
                    "to": top.text,
                }
            )
            cursor = top.span.end
            last_id = flag.id
        pieces.append(text[cursor:])
        return RewriteResult("".join(pieces), tuple(applied), tuple(skipped))

    def check_input(self, name: str, value: object) -> None:
        """Refuse a draft or customer message that is not text (TypeError) or is over the length limit."""
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a string, not {type(value).__name__}")
        if len(value) > self.max_chars:
            raise DraftTooLongError(name, len(value), self.max_chars)


def _suggestion(replacement: Replacement, draft: Draft) -> Suggestion:
    return Suggestion(replacement.text, draft.span(replacement.start, replacement.end), replacement.scope)


def resolve_overlaps(candidates: list[RawMatch]) -> list[RawMatch]:
    """Keep one match per span: a warning over a suggestion, then the longer match, then the entry id (a
    suggestion never hides a warning it overlaps: "Unfortunately, we" does not silence "we don't know")."""
    ranked = sorted(
        candidates,
        key=lambda m: (_SEVERITY_RANK[m.entry.severity], m.start - m.end, m.entry.id, m.start),
    )
    starts: list[int] = []
    kept: list[RawMatch] = []
    for match in ranked:
        i = bisect.bisect_right(starts, match.start)
        if i and kept[i - 1].end > match.start:
            continue
        if i < len(kept) and kept[i].start < match.end:
            continue
        starts.insert(i, match.start)
        kept.insert(i, match)
    return kept
