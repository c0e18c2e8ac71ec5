"""The phrase bank's data types: validated entries, as the loader hands them to the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["warning", "suggestion"]
Scope = Literal["phrase", "sentence"]
Mood = Literal["upset", "neutral", "positive"]
# What a `when: {customer_mood: ...}` condition may name: a mood, or `unknown` (no customer message given).
MoodCondition = Literal["upset", "neutral", "positive", "unknown"]

SEVERITIES: tuple[Severity, ...] = ("warning", "suggestion")
SCOPES: tuple[Scope, ...] = ("phrase", "sentence")
MOODS: tuple[Mood, ...] = ("upset", "neutral", "positive")
CONDITION_MOODS: tuple[MoodCondition, ...] = (*MOODS, "unknown")

# The taxonomy of cold phrasing (see phrasebank/README.md), in the order tables list it.
CATEGORIES: tuple[str, ...] = (
    "dismissive",
    "blame",
    "refusal",
    "policy",
    "deflection",
    "uncertainty",
    "condescension",
    "hollow-empathy",
    "sympathy",
    "toxic-positivity",
    "negative-framing",
    "passive",
    "repeat-ask",
)


# The engine's context checks an entry may opt into (`quiet_when`): the match stays quiet when one holds. Each
# reads families of the bank's vocabulary (engine/families.py says which).
QUIET_CHECKS: tuple[str, ...] = (
    "alternative-follows",  # the sentence goes on to offer an alternative or a commitment ("..., but I can")
    "conditional",  # the match is in or just after a condition ("if you need to", "If ..., you'll have to")
    "question",  # the match's sentence is a question ("Can't you see the button?", "I wonder why we can't")
)


@dataclass(frozen=True)
class Rewrite:
    """One warmer wording: a template with `{slot}`s and what it replaces (the phrase or its sentence)."""

    text: str
    scope: Scope


@dataclass(frozen=True)
class Condition:
    """When an entry applies: the customer moods it fires for (empty: any), and the slot naming an action
    the customer must say they already tried (None: no such requirement)."""

    customer_mood: tuple[MoodCondition, ...] = ()
    customer_tried: str | None = None

    @property
    def needs_message(self) -> bool:
        """Whether the entry can apply only when the customer's message is given: a mood list without
        `unknown`, or an action the customer must say they already tried."""
        moods = self.customer_mood
        return bool(moods and "unknown" not in moods) or self.customer_tried is not None


@dataclass(frozen=True)
class Example:
    """A draft an entry must flag (at `flagged`) or must leave alone (`flagged` is None)."""

    text: str
    flagged: str | None = None
    customer: str | None = None


@dataclass(frozen=True)
class Entry:
    """One validated phrase bank entry."""

    id: str
    category: str
    severity: Severity
    patterns: tuple[str, ...]
    message: str
    why: str
    rewrites: tuple[Rewrite, ...]
    flag_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]
    unless: tuple[str, ...] = ()
    # Word lists of this entry alone, by name: (name, phrases), referenced as {name} from its patterns and
    # `unless` lines like a vocabulary family (a list more than one entry uses belongs in the vocabulary).
    words: tuple[tuple[str, tuple[str, ...]], ...] = ()
    quiet_when: tuple[str, ...] = ()
    # Categories whose flag, following this one in its sentence or the next, makes this one a warning.
    warning_with: tuple[str, ...] = ()
    when: Condition | None = None
    # A disabled entry stays in the bank (validated, versioned, exported) but never fires.
    enabled: bool = True
    source: str = field(default="", compare=False)


@dataclass(frozen=True)
class Topic:
    """A topic of customer messages, with acknowledgements and next steps that fit it (structure checks)."""

    topic: str
    cues: tuple[str, ...]
    acknowledge: tuple[str, ...]
    next_steps: tuple[str, ...]
    source: str = field(default="", compare=False)
