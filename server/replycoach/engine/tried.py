"""What the customer says they already did, so the coach can catch a reply asking them to do it again."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# "I've already reset my password", "we tried everything", "I have been trying to log in":
# a first-person subject, then a verb of doing, then the rest of the clause.
_CLAIM = re.compile(
    r"\b(?:i|we)(?:'ve|\u2019ve| have|'d|\u2019d| had|'m|\u2019m| am|'re|\u2019re| are)?"
    r"(?: (?:already|also|even|just|literally|both|all|"
    r"repeatedly|honestly))*"
    r" (?:(?:been |kept |keep )?(?:trying|tried|tryed|try)(?: to)?"
    # "I am made to log in again every day", "I had to call three times": saying they must do it, they did.
    r"|(?:been |being |keep )?(?:forced|made|having|had|have|got) to"
    r"|reset|restarted|rebooted|reinstalled|uninstalled|cleared|updated|changed|checked|contacted|called|"
    r"emailed|followed|done|did|gone through|went through|turned|logged|signed|deleted|removed|re-?entered|"
    r"entered|submitted|filled|completed|requested|asked|sent)"
    r"\b(?P<rest>[^.!?\n;,]{0,100})",
    re.IGNORECASE,
)
_ALREADY = re.compile(
    r"\b(?:already (?:tried|tryed|done|did)|(?:trying|tried|tryed) to)\b(?P<rest>[^.!?\n;,]{0,100})",
    re.IGNORECASE,
)
# "I can't recover my email", "I still can't get the code to work", "struggling to cancel": saying
# an action does not work for them says they tried it.
_STRUGGLE = re.compile(
    r"\b(?:i|we)(?:'m|\u2019m| am|'re|\u2019re| are|'ve|\u2019ve| have)?"
    r"(?: (?:still|just|now|really|literally))*"
    r" (?:can't|can\u2019t|cannot|can not|couldn't|couldn\u2019t|could not|unable to|not able to|"
    r"struggling to|struggle to|failed to|fail to|keep failing to|been unable to|been struggling to|"
    r"having trouble)"
    r"\b(?P<rest>[^.!?\n;,]{0,100})",
    re.IGNORECASE,
)
# "Your account recovery process is a joke", "the reset steps": naming a process they went through.
_PROCESS = re.compile(
    r"\b(?:your|the|this|that)(?P<rest>(?: [\w-]+){1,2}) "
    r"(?:process|functionality|procedure|steps|system|form|flow)\b",
    re.IGNORECASE,
)
_EVERYTHING = re.compile(
    r"\b(?:tried|tryed|done|did|followed|gone through|went through)\s+(?:literally\s+)?"
    r"(?:everything|every (?:step|option|suggestion|solution|fix|thing)|all (?:the |of the |your )?"
    r"(?:steps|instructions|options|suggestions|solutions|fixes|troubleshooting))",
    re.IGNORECASE,
)
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


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    stem: str = _stemmer().stem(word)  # type: ignore[attr-defined]
    return stem[:5]


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
        return verb is not None and _stem(verb) in self.stems


def read_claims(message: str | None) -> TriedClaims:
    """Find the customer's "I already tried ..." statements."""
    if not message:
        return TriedClaims()
    phrases: list[str] = []
    for pattern in (_CLAIM, _ALREADY, _STRUGGLE, _PROCESS):
        for claim in pattern.finditer(message):
            rest = claim.group("rest")
            cut = _CLAUSE_END.search(rest)
            verb_and_rest = claim.group(0)[: len(claim.group(0)) - len(rest)] + (
                rest[: cut.start()] if cut else rest
            )
            phrases.append(verb_and_rest.strip())
    stems = frozenset().union(*(content_stems(p) for p in phrases)) if phrases else frozenset()
    return TriedClaims(stems, bool(_EVERYTHING.search(message)), tuple(phrases))
