"""What the engine knows about the conversation: the customer's mood, read from their message."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from replycoach.bank.model import Condition, Mood
from replycoach.engine.tone import polarity
from replycoach.engine.tried import TriedClaims, read_claims

# Words that mark an upset customer whatever the overall polarity says.
_UPSET_WORDS = re.compile(
    r"\b(?:unacceptable|ridiculous|furious|outrageous|disgusting|disgraceful|pathetic|useless|"
    r"terrible|horrible|awful|worst|livid|fed up|sick of|tired of|joke|scam|angry|upset|"
    r"desperate\w*|stranded|distraught|devastated|heartbroken|"
    r"frustrat\w*|annoy\w*|disappoint\w*|still (?:no|not|nothing|waiting|unable|can't|cannot)|"
    r"(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|"
    r"(?:several|multiple|many|countless|numerous) times|"
    r"again and again|no one|nobody|no (?:response|reply|answer|help)|(?:doesn't|don't|didn't|does not|"
    r"do not|did not) help|not helpful|urgent\w*|never (?:again|received|got|arrived))\b",
    re.IGNORECASE,
)
_EXCLAMATION_RUN = re.compile(r"[!?]*![!?]+")
_SHOUTED_WORD = re.compile(r"\b[A-Z]{4,}\b")
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


def read_customer(message: str | None) -> CustomerContext:
    """Read the customer's mood from their message: sentiment plus intensity cues."""
    if message is None or not message.strip():
        return CustomerContext()
    score = round(polarity(message), 3)
    reasons: list[str] = []
    words = sorted({m.group().lower() for m in _UPSET_WORDS.finditer(message)})
    if words:
        reasons.append("strong words: " + ", ".join(words))
    if _EXCLAMATION_RUN.search(message):
        reasons.append("exclamation marks")
    shouted = [w for w in _SHOUTED_WORD.findall(message) if w not in _NOT_SHOUTING]
    if shouted:
        reasons.append("capitals: " + ", ".join(shouted[:3]))
    if score <= -0.3:
        reasons.insert(0, f"negative sentiment ({score})")
    mood: Mood
    if words or score <= -0.3 or len(shouted) >= 2 or (reasons and score < 0):
        mood = "upset"
    elif score >= 0.3 and not reasons:
        mood = "positive"
    else:
        mood = "neutral"
    return CustomerContext(mood, score, tuple(reasons) if mood == "upset" else (), read_claims(message))
