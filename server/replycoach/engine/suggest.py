"""Turns a rewrite template into a suggestion: slots filled, the draft's casing and punctuation kept."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from replycoach.bank.model import Rewrite
from replycoach.engine.canonical import capital_only_to_open
from replycoach.engine.text import sentence_body, starts_sentence
from replycoach.engine.tried import verb_stem

_FORMATTER = string.Formatter()
_SPACES = re.compile(r"(?<=\S)  +(?=\S)")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=\w) +(?=[,.;:!?](?:\s|$))")
_TERMINAL = ".!?\u2026"
_FIRST_PERSON = (
    "I",
    "I'm",
    "I'll",
    "I've",
    "I'd",
    "I\u2019m",
    "I\u2019ll",
    "I\u2019ve",
    "I\u2019d",
)


# The forms a rewrite may ask of a slot's first verb ({done:past}), as the lemminflect tags that give them:
# the phrase language's verb forms, "past" as the participle a rewrite needs after "you've".
SLOT_FORMS = {"base": "VB", "s": "VBZ", "ing": "VBG", "past": "VBN"}


def template_slots(template: str) -> set[str]:
    """The slot names a rewrite template uses; raises ValueError for a malformed template."""
    slots = set()
    for _, name, spec, conversion in _FORMATTER.parse(template):
        if name is None:
            continue
        if not name.isidentifier() or conversion:
            raise ValueError(f"{{{name}}} is not a slot name; slots look like {{time}}")
        if spec and spec not in SLOT_FORMS:
            raise ValueError(
                f"{{{name}:{spec}}} asks for a form the language does not have; a slot's form is base, s, "
                f'ing or past ({{{name}:past}}: its first verb as in "you\'ve cancelled")'
            )
        slots.add(name)
    return slots


@lru_cache(maxsize=4096)
def _verb_form(word: str, form: str) -> str:
    """`word` as the verb form `form` (a key of SLOT_FORMS), read as the dictionary's verb it is or is a form
    of ("cancel", "cancelled" -> "cancelled" for past); unchanged when the dictionary knows no such verb."""
    from lemminflect import getAllInflections  # loaded with the phrase language's ~words

    for base in (word.lower(), verb_stem(word.lower())):
        table = getAllInflections(base, upos="VERB")
        # A regular verb's participle is its past tense, which the tables list alone.
        forms = table.get(SLOT_FORMS[form]) or (table.get("VBD") if form == "past" else None)
        if forms:
            inflected: str = forms[-1]  # of two spellings ("canceled", "cancelled"), the British one
            return inflected[0].upper() + inflected[1:] if word[:1].isupper() else inflected
    return word


@lru_cache(maxsize=1024)
def _parsed(template: str) -> tuple[tuple[str, str | None, str | None], ...]:
    """A rewrite template's literal text, slot names and forms, parsed once (templates are the bank's few)."""
    return tuple((literal, name, spec) for literal, name, spec, _ in _FORMATTER.parse(template))


def _fill(template: str, slots: Mapping[str, str]) -> str:
    """The template with its slots filled; a slot with a form ({done:past}) has its first word in it."""
    pieces = []
    for literal, name, spec in _parsed(template):
        pieces.append(literal)
        if name is None:
            continue
        value = slots[name]
        if spec and value:
            first, space, rest = value.partition(" ")
            value = _verb_form(first, spec) + space + rest
        pieces.append(value)
    return "".join(pieces)


@dataclass(frozen=True)
class Replacement:
    """Text that replaces the span [start, end) of the draft (code-point offsets)."""

    text: str
    start: int
    end: int
    scope: str


def render(
    rewrite: Rewrite,
    draft: str,
    match: tuple[int, int],
    slots: Mapping[str, str],
    sentences: list[tuple[int, int]],
    keep: tuple[str, str] = ("", ""),
) -> Replacement:
    """Fill `rewrite` for one match in `draft` and say which span of the draft it replaces. `keep`: words of
    contractions the match cuts through, before and after it ("It " of "It's" for a match from its "is"),
    which a phrase's replacement keeps around the rewrite."""
    if rewrite.scope == "sentence":
        start, end = sentence_body(draft, sentences, match[0])
        start, end = min(start, match[0]), max(end, match[1])
        keep = ("", "")
    else:
        start, end = match
    replaced = draft[start:end]
    # A slot that opened the draft's sentence ("Your bank is the one...") has a capital it loses inside the
    # rewrite ("I'll ask your bank"); a name keeps its own, and so does a slot that opens the rewrite too.
    before, _, after = rewrite.text.partition("{")
    opening = after.split("}", 1)[0] if not any(c.isalpha() for c in before) else None
    slots = {
        name: value[0].lower() + value[1:]
        if name != opening and value[:1].isupper() and capital_only_to_open(value.split(" ", 1)[0])
        else value
        for name, value in slots.items()
    }
    # An empty slot leaves no double space, nor a space before punctuation, behind ("sort it {rest} today",
    # "{limit} {rest}, so" with no rest).
    text = _SPACES.sub(" ", keep[0] + _fill(rewrite.text, slots) + keep[1])
    text = _SPACE_BEFORE_PUNCTUATION.sub("", text).strip()
    text = text.rstrip(_TERMINAL + " ")
    trailing = replaced[len(replaced.rstrip(_TERMINAL)) :]
    text += trailing
    if "\u2019" in draft and "'" not in draft:
        text = text.replace("'", "\u2019")
    at_sentence_start = starts_sentence(draft, sentences, start)
    if keep[0]:
        return Replacement(text, start, end, rewrite.scope)  # kept words open it, in the draft's own case
    if not rewrite.text.startswith("{"):
        text = _match_case(text, replaced, at_sentence_start=at_sentence_start)
    elif at_sentence_start and text[:1].islower() and not replaced.startswith(text.split(" ", 1)[0]):
        # A rewrite that opens with a slot keeps the slot's own characters, unless the words it replaces
        # started before the slot did ("Please use the form..." -> "Use the form..."): then it opens the
        # sentence, with a capital.
        text = text[0].upper() + text[1:]
    return Replacement(text, start, end, rewrite.scope)


def _match_case(text: str, replaced: str, *, at_sentence_start: bool) -> str:
    """Start `text` in the case the replaced draft text started in."""
    first = next((c for c in replaced if c.isalpha()), "")
    if not text or not first or not text[0].isalpha():
        return text
    replaced_word = replaced.split(" ", 1)[0].rstrip(",;:")
    capital = at_sentence_start if replaced_word in _FIRST_PERSON else first.isupper()
    if capital:
        return text[0].upper() + text[1:]
    first_word = text.split(" ", 1)[0].rstrip(",;:")
    if first_word in _FIRST_PERSON or (len(first_word) > 1 and first_word.isupper()):
        return text
    return text[0].lower() + text[1:]
