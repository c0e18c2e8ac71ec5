"""What the engine knows about the conversation: the customer's mood, read from their message."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from replycoach.bank.model import Condition, Mood
from replycoach.engine.tone import polarity
from replycoach.engine.tried import TriedClaims, read_claims

if TYPE_CHECKING:
    from replycoach.engine.draft import Draft
    from replycoach.engine.families import CheckWords

_EXCLAMATION_RUN = re.compile(r"[!?]*![!?]+")
_SHOUTED_WORD = re.compile(r"\b[A-Z]{4,}\b")
# What a cue may read before its words (the end of the sentence before a bare question), left out of reasons.
_BEFORE_CUE = " .,;:!?"
_NOT_SHOUTING = frozenset({"HTTP", "HTTPS", "HTML", "JSON", "ASAP", "FAQS", "USPS", "UTC", "GMT"})


@dataclass(frozen=True)
class CustomerContext:
    """The customer's mood (None without a message), TextBlob polarity, the cues behind the mood, and what
    they say they already tried."""

    mood: Mood | None = None
    polarity: float | None = None
    reasons: tuple[str, ...] = field(default=())
    tried: TriedClaims = field(default=TriedClaims(), compare=False)

    def allows(self, condition: Condition | None, slots: Mapping[str, str]) -> bool:
        """Whether an entry with this `when` condition applies here, given the slots its match captured."""
        if condition is None:
            return True
        if condition.customer_mood and (self.mood or "unknown") not in condition.customer_mood:
            return False
        if condition.customer_tried is not None:
            return self.tried.covers(slots.get(condition.customer_tried, ""))
        return True

    def to_dict(self) -> dict[str, Any]:
        """The context as the API reports it."""
        return {"mood": self.mood, "polarity": self.polarity, "reasons": list(self.reasons)}


def read_customer(message: str | None, words: CheckWords | None = None, skip: Any = None) -> CustomerContext:
    """Read the customer's mood from their message: sentiment plus intensity cues, among them the strong
    words of the bank's `upset-cue` family; and what they say they already tried, from its `already-tried`
    and `tried-everything` families (`words`: the bank's check families; `skip`: its core view's skippable
    words, as `Draft` takes them)."""
    if message is None or not message.strip():
        return CustomerContext()
    score = round(polarity(message), 3)
    reasons: list[str] = []
    # Here, not at the top: the draft's module reaches this one through the results it builds.
    from replycoach.engine.draft import Draft

    draft = Draft(message, skip) if words is not None else None
    strong = _strong_words(draft, words)
    if strong:
        reasons.append("strong words: " + ", ".join(strong))
    if _EXCLAMATION_RUN.search(message):
        reasons.append("exclamation marks")
    shouted = [w for w in _SHOUTED_WORD.findall(message) if w not in _NOT_SHOUTING]
    if shouted:
        reasons.append("capitals: " + ", ".join(shouted[:3]))
    if score <= -0.3:
        reasons.insert(0, f"negative sentiment ({score})")
    mood: Mood
    if strong or score <= -0.3 or len(shouted) >= 2 or (reasons and score < 0):
        mood = "upset"
    elif score >= 0.3 and not reasons:
        mood = "positive"
    else:
        mood = "neutral"
    tried = read_claims(draft, words)
    return CustomerContext(mood, score, tuple(reasons) if mood == "upset" else (), tried)


def _strong_words(draft: Draft | None, words: CheckWords | None) -> list[str]:
    """The upset-cue phrases of the message, as it writes them (lower case, each once, sorted; a cue that
    reads the end of the sentence before it, "... March. What's going on?", without that punctuation)."""
    if draft is None or words is None or words.upset_cue is None:
        return []
    text = draft.normalized.text
    return sorted(
        {text[start:end].lower().lstrip(_BEFORE_CUE) for start, end in words.upset_cue.spans(draft)}
    )
