"""Structure checks (Listen -> Validate -> Act): to an upset customer, acknowledge the feeling and commit
to a next step. Each check yields a suggestion-level flag with an insertion drawn from the bank's topics."""

from __future__ import annotations

import re
from dataclasses import dataclass

from replycoach.bank.model import Entry
from replycoach.engine.context import CustomerContext
from replycoach.engine.draft import Draft
from replycoach.engine.families import CheckWords
from replycoach.engine.matcher import CompiledTopic
from replycoach.engine.text import after_lead, sentence_body

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
    draft: Draft,
    customer: CustomerContext,
    message: str | None,
    topics: tuple[CompiledTopic, ...],
    words: CheckWords,
) -> list[Insertion]:
    """The structure checks for a draft answering an upset customer (none otherwise). Whether the draft
    acknowledges the feeling, and whether it commits to a next step, are the vocabulary's `acknowledgement`
    and `commitment` families found anywhere in it (a check whose family the bank lacks does not run)."""
    if customer.mood != "upset" or not topics or not message:
        return []
    text, sentences = draft.text, draft.sentences
    if not sentences:
        return []
    topic = next(t for t in topics if t.fits(message)).topic
    end = len(draft.normalized.text)
    found: list[Insertion] = []
    if words.acknowledgement is not None and not words.acknowledgement.search(draft, 0, end):
        opening = _opening(text, sentences)
        if opening is not None:
            start, stop = opening
            first = text[start]
            texts = tuple(
                f"{line} {first.upper()}" if first.islower() else f"{line} " for line in topic.acknowledge
            )
            found.append(
                Insertion(ACKNOWLEDGE_RULE, start, stop, start, texts, replace_first=first.islower())
            )
    if words.commitment is not None and not words.commitment.search(draft, 0, end):
        closing = _closing(text, sentences)
        if closing is not None:
            start, stop = closing
            ends_sentence = text[stop - 1] in ".!?\u2026"
            texts = tuple((" " if ends_sentence else ". ") + line for line in topic.next_steps)
            body = sentence_body(text, sentences, start)
            found.append(Insertion(NEXT_STEP_RULE, body[0], body[1], stop, texts))
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
