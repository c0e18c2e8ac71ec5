"""The vocabulary families the engine's own checks read: the words are the bank's, which its leads see and
edit (`way-forward`, `condition`, ...); the checks (quiet.py, structure.py) keep only how they read them.
Compiled once per bank, each family over the views its phrases run over, as the bank's patterns are."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from replycoach.bank.model import Entry, Topic
from replycoach.bank.vocabulary import Vocabulary
from replycoach.engine.draft import Draft
from replycoach.engine.matcher import (
    CANONICAL,
    CORE,
    View,
    all_spans,
    compile_pattern,
    found_in,
    phrase_compiler,
)
from replycoach.engine.phrase import PhraseError
from replycoach.errors import Problem

# An alternative or a commitment later in the match's sentence ("..., but I can send a new one").
WAY_FORWARD = "way-forward"
# How the next sentence opens when it offers one ("However, ...", "Here's what I can do", "I've ...").
WAY_FORWARD_OPENER = "way-forward-opener"
# Words that open a condition (if, whether, unless, in case, as long as).
CONDITION = "condition"
# A question asked without a question mark ("I wonder why ...", "Can you tell me why ...").
INDIRECT_QUESTION = "indirect-question"
# Naming or validating the customer's feeling (the structure checks' acknowledge-feeling).
ACKNOWLEDGEMENT = "acknowledgement"
# The agent committing to a next step, or a time (the structure checks' next-step).
COMMITMENT = "commitment"
# Strong words in the customer's message that mark them upset whatever its sentiment ("unacceptable",
# "third time", "still waiting"): the customer's mood, which `when: customer_mood` and the structure checks
# read.
UPSET_CUE = "upset-cue"
# Reported speech: what follows it in its sentence is someone else's words, not the agent's ("you said",
# "the courier told you").
REPORTED_SPEECH = "reported-speech"
# The customer saying they already did or tried something ("I've reset my password", "I can't log in"): what
# follows it in its clause is what they did, which `when: customer_tried` compares with a reply's request.
ALREADY_TRIED = "already-tried"
# The customer saying they tried everything ("I followed all the steps"): asking to try any one thing repeats.
TRIED_EVERYTHING = "tried-everything"

# Which families each context check (`quiet_when`) reads.
QUIET_CHECK_FAMILIES: dict[str, tuple[str, ...]] = {
    "alternative-follows": (WAY_FORWARD, WAY_FORWARD_OPENER),
    "conditional": (CONDITION,),
    "question": (INDIRECT_QUESTION,),
}
# The families the structure checks read, for a bank with topics (acknowledgements).
STRUCTURE_FAMILIES: tuple[str, ...] = (ACKNOWLEDGEMENT, COMMITMENT)
# Families every analysis reads when the bank has them (without one, that reading is left out: a bank
# without `upset-cue` reads the customer's mood from sentiment, exclamation marks and capitals alone).
ALWAYS_READ_FAMILIES: tuple[str, ...] = (UPSET_CUE, REPORTED_SPEECH)
# The families `when: customer_tried` reads in the customer's message.
TRIED_FAMILIES: tuple[str, ...] = (ALREADY_TRIED, TRIED_EVERYTHING)
# Every family the engine reads by name: a bank folder that defines one uses it, though no pattern names it.
CHECK_FAMILIES: tuple[str, ...] = (
    WAY_FORWARD,
    WAY_FORWARD_OPENER,
    CONDITION,
    INDIRECT_QUESTION,
    *STRUCTURE_FAMILIES,
    *ALWAYS_READ_FAMILIES,
    *TRIED_FAMILIES,
)
assert {n for names in QUIET_CHECK_FAMILIES.values() for n in names} <= set(CHECK_FAMILIES)

# How many words a condition may stand before the match inside its clause ("if you then need to").
CONDITION_WORDS = 4
# How many words may stand between an indirect question's opening and the match ("I wonder why exactly").
QUESTION_WORDS = 2
# A window long enough for a family's phrase (up to ten words) and those words after it.
_WINDOW_SLACK = 10
# What ends a clause inside a sentence.
_CLAUSE_MARKS = ",;:"
_COPY = "copy it from the curated bank's vocabulary.yml"


def missing_families(
    entries: Iterable[Entry], topics: Iterable[Topic], vocabulary: Vocabulary
) -> list[Problem]:
    """A bank problem for each entry that opts into a context check whose family the vocabulary lacks (a
    `quiet_when` check, or `when: customer_tried`), and for topics (which turn the structure checks on) when
    it lacks theirs."""
    problems: list[Problem] = []
    defined = vocabulary.by_name
    for entry in entries:
        # (the field, what in it reads the families, the families it reads)
        reads = [("quiet_when", check, QUIET_CHECK_FAMILIES.get(check, ())) for check in entry.quiet_when]
        if entry.when is not None and entry.when.customer_tried is not None:
            reads.insert(0, ("when.customer_tried", "customer_tried", TRIED_FAMILIES))
        problems.extend(
            Problem(entry.source, entry.id, field, f"{what} needs the vocabulary's {name} family; {_COPY}")
            for field, what, names in reads
            for name in names
            if name not in defined
        )
    first = next(iter(topics), None)
    if first is not None:
        for name in STRUCTURE_FAMILIES:
            if name not in defined:
                problems.append(
                    Problem(
                        first.source,
                        first.topic,
                        "acknowledgements",
                        f"the structure checks need the vocabulary's {name} family; {_COPY}",
                    )
                )
    return problems


class FamilyRegex:
    """One family compiled for a check (RE2 around its alternation), read over the draft's core view; its
    phrases that name a skippable word are read over the canonical view too, where the core view dropped
    words ("However, ..."). Asked with the normalized draft's offsets, it searches each view's bytes between
    the offsets mapped into that view."""

    def __init__(self, whole: Any, skipped: Any | None, whole_plain: Any, skipped_plain: Any | None) -> None:
        self.whole = whole
        self.skipped = skipped
        # The family's alternation alone, for `occurs`.
        self._plain = whole_plain
        self._skipped_plain = skipped_plain

    def _stretches(
        self, draft: Draft, start: int, end: int | None, *, end_is_end: bool = True
    ) -> Iterator[tuple[View, Any, int, int]]:
        """The views to read the normalized stretch [start, end) in (`end` None: to the draft's end), each
        with the regex for it and the stretch's bounds there: the core view with the whole family, then the
        canonical view with the phrases that name a skippable word, if the core view dropped words there."""
        canonical, core = draft.canonical, draft.core
        c_low = canonical.from_source(start)
        c_high = len(canonical.text) if end is None else canonical.from_source(end, end=end_is_end)
        if core is None:
            yield draft.views[CORE], self.whole, c_low, c_high
            return
        k_low = core.from_source(c_low)
        k_high = len(core.text) if end is None else core.from_source(c_high, end=end_is_end)
        yield draft.views[CORE], self.whole, k_low, k_high
        if self.skipped is None:
            return
        # Dropped words in the stretch (to the draft's end: at its start) make the two texts differ there.
        dropped = core.to_source(k_low) != c_low if end is None else c_high - c_low != k_high - k_low
        if dropped:
            yield draft.views[CANONICAL], self.skipped, c_low, c_high

    def occurs(self, draft: Draft) -> bool:
        """Whether the family occurs anywhere in the draft: one search of the core view (and of the canonical
        view, if the core view dropped words), which spares a draft without any of its words the reading
        around each of its matches."""
        if self._plain.search(draft.views[CORE].utf8.data) is not None:
            return True
        core = draft.core
        return (
            self._skipped_plain is not None
            and core is not None
            and bool(core.edits)
            and self._skipped_plain.search(draft.views[CANONICAL].utf8.data) is not None
        )

    def spans(self, draft: Draft) -> list[tuple[int, int]]:
        """Every occurrence of the family in the draft, as normalized spans in order: in the core view, and
        the phrases that name a skippable word in the canonical view, where the core view dropped words."""
        found: set[tuple[int, int]] = set()
        readings = [(draft.views[CORE], self.whole)]
        core = draft.core
        if self.skipped is not None and core is not None and core.edits:
            readings.append((draft.views[CANONICAL], self.skipped))
        for view, regex in readings:
            to_chars = view.utf8.to_chars
            for groups in all_spans(regex, view.utf8.data):
                start, end = view.source_span(to_chars(groups[0][0]), to_chars(groups[0][1]))
                if start < end:
                    found.add((start, end))
        return sorted(found)

    def search(self, draft: Draft, start: int, end: int) -> bool:
        """Whether the family occurs in the normalized span [start, end)."""
        for view, regex, low, high in self._stretches(draft, start, end):
            utf8 = view.utf8
            if found_in(regex, utf8.data, utf8.to_bytes(low), utf8.to_bytes(high)):
                return True
        return False

    def opens(self, draft: Draft, start: int) -> bool:
        """Whether the family opens the stretch from normalized offset `start` to the draft's end. Spaces and
        commas the view left there are stepped over: where the core view dropped a sentence's first word
        ("However, we'll..."), the next word opens it. Spaces and commas of the draft are stepped over first,
        so a word the core view dropped just after them (", however") is read in the canonical view."""
        text = draft.normalized.text
        while start < len(text) and text[start] in " ,":
            start += 1
        for view, regex, low, high in self._stretches(draft, start, None):
            text, utf8 = view.text, view.utf8
            while low < high and text[low] in " ,":
                low += 1
            if found_in(regex, utf8.data, utf8.to_bytes(low), utf8.to_bytes(high), at_start=True):
                return True
        return False

    def opens_clause_before(self, draft: Draft, start: int, at: int) -> bool:
        """Whether the family opens the clause that ends in a comma just before normalized offset `at`
        (within the stretch from `start`, the sentence's start): "If you need it today, | you will have to
        pay". The clause is read in the core view, where the words a pattern steps over are gone."""
        for view, regex, low, high in self._stretches(draft, start, at, end_is_end=False):
            text, utf8 = view.text, view.utf8
            comma = high - 1
            while comma > low and text[comma] == " ":
                comma -= 1
            if comma <= low or text[comma] != ",":
                continue
            clause = max(max(text.rfind(mark, low, comma) for mark in _CLAUSE_MARKS) + 1, low)
            while clause < comma and text[clause] == " ":
                clause += 1
            if found_in(regex, utf8.data, utf8.to_bytes(clause), utf8.to_bytes(comma), at_start=True):
                return True
        return False

    def opens_clause_holding(self, draft: Draft, start: int, at: int) -> bool:
        """Whether the family opens the clause that holds normalized offset `at`, however far before it, with
        no comma (or other clause mark) between (within the stretch from `start`, the sentence's start): "If
        the payment does not go through by Friday | you will have to pay", a condition written without the
        comma that would end its clause."""
        for view, regex, low, high in self._stretches(draft, start, at, end_is_end=False):
            text, utf8 = view.text, view.utf8
            clause = max(max(text.rfind(mark, low, high) for mark in _CLAUSE_MARKS) + 1, low)
            while clause < high and text[clause] == " ":
                clause += 1
            if clause < high and found_in(
                regex, utf8.data, utf8.to_bytes(clause), utf8.to_bytes(high), at_start=True
            ):
                return True
        return False

    def ends(self, draft: Draft, start: int, end: int, words: int) -> bool:
        """Whether the stretch [start, end) ends with the family and at most `words` words after it (this
        regex is anchored at its end): only the last few words before `end` are read, so a long sentence with
        many matches costs no more per match."""
        for view, regex, low, high in self._stretches(draft, start, end, end_is_end=False):
            text = view.text
            window = high
            for _ in range(words + _WINDOW_SLACK):
                space = text.rfind(" ", low, max(window - 1, low))
                if space < 0:
                    window = low
                    break
                window = space
            if window < high and regex.search(text[window:high]) is not None:
                return True
        return False


def family_regex(
    vocabulary: Vocabulary, name: str, around: Callable[[str], str] = lambda family: family
) -> FamilyRegex | None:
    """A family of the vocabulary compiled for a check, `around` wrapping its alternation (None: the
    vocabulary has no such family, or it does not compile; building the bank reports either)."""
    if name not in vocabulary.by_name:
        return None
    try:
        every, skipped = phrase_compiler(vocabulary).family_sources(name)
        whole_plain = compile_pattern(every)
        skipped_plain = compile_pattern(skipped) if skipped is not None else None
        whole = whole_plain if around(every) == every else compile_pattern(around(every))
        wrapped = None
        if skipped is not None:
            wrapped = skipped_plain if around(skipped) == skipped else compile_pattern(around(skipped))
    except (PhraseError, ValueError):
        return None
    return FamilyRegex(whole, wrapped, whole_plain, skipped_plain)


@dataclass(frozen=True)
class CheckWords:
    """The families the context and structure checks read, compiled for one bank (None where the bank's
    vocabulary lacks one: no entry of a bank that builds opts into its check)."""

    way_forward: FamilyRegex | None = None
    way_forward_opener: FamilyRegex | None = None
    # The condition before the match, with at most CONDITION_WORDS words between ("if you then need to").
    condition_before: FamilyRegex | None = None
    # A clause that opens with a condition, perhaps after one word ("so if you need it today").
    condition_opens: FamilyRegex | None = None
    question_before: FamilyRegex | None = None
    acknowledgement: FamilyRegex | None = None
    commitment: FamilyRegex | None = None
    upset_cue: FamilyRegex | None = None
    reported_speech: FamilyRegex | None = None
    already_tried: FamilyRegex | None = None
    tried_everything: FamilyRegex | None = None

    @classmethod
    def compile(cls, vocabulary: Vocabulary) -> CheckWords:
        """The check families of a vocabulary, each compiled once."""
        return cls(
            way_forward=family_regex(vocabulary, WAY_FORWARD),
            way_forward_opener=family_regex(vocabulary, WAY_FORWARD_OPENER),
            condition_before=family_regex(
                vocabulary, CONDITION, lambda family: rf"{family}(?: \S+){{0,{CONDITION_WORDS}}} ?$"
            ),
            condition_opens=family_regex(vocabulary, CONDITION, lambda family: rf"(?:\S+ )?{family}"),
            question_before=family_regex(
                vocabulary, INDIRECT_QUESTION, lambda family: rf"{family}(?: \S+){{0,{QUESTION_WORDS}}} ?$"
            ),
            acknowledgement=family_regex(vocabulary, ACKNOWLEDGEMENT),
            commitment=family_regex(vocabulary, COMMITMENT),
            upset_cue=family_regex(vocabulary, UPSET_CUE),
            reported_speech=family_regex(vocabulary, REPORTED_SPEECH),
            already_tried=family_regex(vocabulary, ALREADY_TRIED),
            tried_everything=family_regex(vocabulary, TRIED_EVERYTHING),
        )
