"""Structure checks (Listen -> Validate -> Act): to an upset customer, acknowledge the feeling and commit
to a next step. Each check yields a suggestion-level flag with an insertion drawn from the bank's topics."""

from __future__ import annotations

import re
from dataclasses import dataclass

from replycoach.bank.model import Entry
from replycoach.engine.context import CustomerContext
from replycoach.engine.matcher import CompiledTopic
from replycoach.engine.text import after_lead, sentence_body

# Words and phrases that name or validate a feeling, or own the problem.
_ACKNOWLEDGES = re.compile(
    r"\b(?:sorry|apolog\w*|frustrat\w*|upsett\w*|disappoint\w*|stressful|worrying|annoying|"
    r"understand\w*|understandabl[ey]|sounds? (?:\w+ )?(?:awful|terrible|difficult|hard|rough|maddening)|"
    r"(?:i|we) (?:can |totally |completely )?(?:see|hear|imagine|get) (?:how|why|that|what)|i hear you|"
    r"you(?:'re|\u2019re| are) right|let you down|not (?:ok|okay|acceptable|good enough)|no wonder|"
    r"(?:that|this) (?:must|should never)|(?:i|we) (?:feel|share) your)\b",
    re.IGNORECASE,
)
# A commitment: the agent acting in the first person, or a time.
_COMMITS = re.compile(
    r"\b(?:(?:i|we)(?:'ll|\u2019ll| will|'ve|\u2019ve| have| am going to| are going to|'m going to|"
    r"\u2019m going to|'re going to|\u2019re going to) \w+|"
    r"(?:i|we)(?:'m|\u2019m| am|'re|\u2019re| are) \w+ing|"
    r"let(?: me|'s|\u2019s)|(?:within|in the next|by) (?:\d|an? |one |two |the end)|"
    r"today|tonight|tomorrow|this (?:morning|afternoon|evening|week)|"
    r"(?:on|by) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"\d+ (?:minutes?|hours?|days?))\b",
    re.IGNORECASE,
)
# Sentences the checks look past (match() anchors at the sentence start; $ at its end).
_GREETING_ONLY = re.compile(
    r"(?:@\w+[\s,:]*)*(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening)|thanks|thank you)"
    r"(?:[ ,]+[\w'-]+){0,3}[ .!?,]*$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"[\W_]*\w{0,4}[\W_]*$")


def _rule(name: str, message: str, why: str) -> Entry:
    return Entry(
        id=f"structure.{name}",
        category="structure",
        severity="suggestion",
        patterns=(),
        message=message,
        why=why,
        rewrites=(),
        flag_examples=(),
        pass_examples=(),
    )


ACKNOWLEDGE_RULE = _rule(
    "acknowledge-feeling",
    "The customer is upset and the reply doesn't acknowledge how they feel.",
    "Upset customers look for a sign they were heard before they can take in a fix. One sentence that names "
    "the feeling and the problem, before the facts, changes how the rest of the reply reads.",
)
NEXT_STEP_RULE = _rule(
    "next-step",
    "The customer is upset and the reply commits to no next step.",
    "Without an owner and a time, an upset customer is left waiting and guessing. Saying what you will do "
    "next, and when, turns the reply into a promise they can hold you to.",
)


@dataclass(frozen=True)
class Insertion:
    """A structural flag: which rule, the sentence it points at, and text to insert at `at`."""

    rule: Entry
    start: int
    end: int
    at: int
    texts: tuple[str, ...]
    replace_first: bool = False


def check_structure(
    draft: str,
    sentences: list[tuple[int, int]],
    customer: CustomerContext,
    message: str | None,
    topics: tuple[CompiledTopic, ...],
) -> list[Insertion]:
    """The structure checks for a draft answering an upset customer (none otherwise)."""
    if customer.mood != "upset" or not topics or not message or not sentences:
        return []
    topic = next(t for t in topics if t.fits(message)).topic
    found: list[Insertion] = []
    if not _ACKNOWLEDGES.search(draft):
        opening = _opening(draft, sentences)
        if opening is not None:
            start, end = opening
            first = draft[start]
            texts = tuple(
                f"{text} {first.upper()}" if first.islower() else f"{text} " for text in topic.acknowledge
            )
            found.append(Insertion(ACKNOWLEDGE_RULE, start, end, start, texts, replace_first=first.islower()))
    if not _COMMITS.search(draft):
        closing = _closing(draft, sentences)
        if closing is not None:
            start, end = closing
            ends_sentence = draft[end - 1] in ".!?\u2026"
            texts = tuple((" " if ends_sentence else ". ") + text for text in topic.next_steps)
            body = sentence_body(draft, sentences, start)
            found.append(Insertion(NEXT_STEP_RULE, body[0], body[1], end, texts))
    return found


def _opening(draft: str, sentences: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first sentence with content, without handles, greeting or closing punctuation."""
    for start, end in sentences:
        if _GREETING_ONLY.match(draft, start, end):
            continue
        body_start, body_end = sentence_body(draft, sentences, after_lead(draft, start, end))
        if body_end > body_start:
            return body_start, body_end
    return None


def _closing(draft: str, sentences: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The last sentence that is not a signature like "^MC" or "-Sam"."""
    for start, end in reversed(sentences):
        if not _SIGNATURE.match(draft, start, end):
            return start, end
    return None
