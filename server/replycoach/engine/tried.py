"""What the customer says they already did, so the coach can catch a reply asking them to do it again."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from replycoach.engine.draft import Draft
    from replycoach.engine.families import CheckWords

# How far a claim's clause may run past its words (characters): "I reset | my password twice".
_CLAIM_REACH = 100
# What ends a claim's clause: punctuation, or a line.
_CLAUSE_MARK = re.compile(r"[.!?;,\n]")
# A subject right after an auxiliary or a modal is a question's, not a claim: "How do I reset it?", "Should I
# try restarting?", "Have I sent the right file?" (the words are English grammar, not the bank's vocabulary).
_ASKING = frozenset(
    """do does did can could will would shall should may might must have has had am is are was were
    don't doesn't didn't can't couldn't won't wouldn't shouldn't haven't hasn't isn't aren't wasn't
    weren't""".split()
)
_PREVIOUS_WORD = re.compile(r"([a-z']+) *$")
# Where a claim stops: "I reset it but it still fails" claims only the reset.
_CLAUSE_END = re.compile(r"\b(?:but|yet|and still|and it|and nothing|still|however|though)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z'-]+")
_STOPWORDS = frozenset(
    """a an the to of for on in at by with from and or my your our their his her its it this that these those
    me you we they i us them is are was were be been being have has had do does did done again already also
    just even all every any some more times time once twice three four five several many few still please
    try tried tryed trying tries attempt attempted using use used via through get got getting can could
    would should will shall may might not no nothing everything out up down off over then than here there
    now today yesterday week weeks day days hour hours cannot can't couldn't unable able struggling struggle
    failed fail failing trouble having keep been""".split()
)


@lru_cache(maxsize=1)
def _stemmer() -> object:
    # NLTK's Porter stemmer is rule-based: it needs none of the NLTK data downloads.
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def verb_stem(word: str) -> str:
    """The word's Porter stem, uncut ("sending" -> "send", "cancelled" -> "cancel")."""
    stem: str = _stemmer().stem(word)  # type: ignore[attr-defined]
    return stem


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    """The stem cut to five letters, which is what claims and requests are compared by."""
    return verb_stem(word)[:5]


@lru_cache(maxsize=4096)
def _verb_stems(verb: str) -> frozenset[str]:
    """The stems of every form of a verb a reply asks for: its own, and those of the forms the dictionary
    gives its stem or itself ("sending": "send" gives "sent", so "I sent it" covers "sending it"). The
    inflection tables are the ones the phrase language already loaded (the lemmatizer's would take 30 MB more
    in each worker)."""
    from lemminflect import getAllInflections

    forms = {verb}
    for base in {verb_stem(verb), verb}:
        for inflected in getAllInflections(base, upos="VERB").values():
            forms.update(inflected)
    return frozenset(_stem(form) for form in forms)


def _content_words(text: str) -> list[str]:
    words = (w.split("'")[0].strip("-") for w in _WORD.findall(text.lower().replace("\u2019", "'")))
    return [w for w in words if len(w) > 2 and w not in _STOPWORDS]


def content_stems(text: str) -> frozenset[str]:
    """The content words of a phrase, stemmed and cut to five letters ("recovering" and "recovery" agree)."""
    return frozenset(_stem(w) for w in _content_words(text))


@dataclass(frozen=True)
class TriedClaims:
    """The things a customer's message says they already did."""

    stems: frozenset[str] = frozenset()
    everything: bool = False
    phrases: tuple[str, ...] = ()

    def covers(self, action: str) -> bool:
        """Whether asking the customer to do `action` asks for something they say they already did: the
        action's verb (its first content word) is one they used ("recovering the login" after "I can't
        recover my email"); sharing only an object ("your account") is not enough."""
        if self.everything:
            return True
        verb = next(iter(_content_words(action)), None)
        return verb is not None and not _verb_stems(verb).isdisjoint(self.stems)


def read_claims(message: Draft | None, words: CheckWords | None) -> TriedClaims:
    """Find the customer's "I already tried ..." statements in their message: the bank's `already-tried`
    phrases, each with the rest of its clause (what they did), and its `tried-everything` phrases (without
    the families, nothing is read)."""
    if message is None or words is None or words.already_tried is None:
        return TriedClaims()
    text = message.normalized.text
    phrases: list[str] = []
    for start, end in words.already_tried.spans(message):
        asking = _PREVIOUS_WORD.search(text[max(0, start - 12) : start].lower())
        if asking is not None and asking.group(1) in _ASKING:
            continue
        mark = _CLAUSE_MARK.search(text, end, end + _CLAIM_REACH)
        rest = text[end : mark.start() if mark else end + _CLAIM_REACH]
        cut = _CLAUSE_END.search(rest)
        phrases.append((text[start:end] + (rest[: cut.start()] if cut else rest)).strip())
    stems = frozenset().union(*(content_stems(p) for p in phrases)) if phrases else frozenset()
    everything = words.tried_everything is not None and bool(words.tried_everything.spans(message))
    return TriedClaims(stems, everything, tuple(phrases))
