"""The canonical view of a draft: contractions written as their words ("can't" is "can not"), every other
character the normalized draft's own, and a map from every offset back to the draft, so a flag (and a slot)
is always the draft's own characters. The core view also drops the bank's skippable words."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from replycoach.bank.vocabulary import Family
from replycoach.engine.canonical import NAME_MARK, CanonicalText, CanonicalView, CoreText, canonical_words
from replycoach.engine.matcher import compile_pattern
from replycoach.engine.phrase import Compiler
from replycoach.engine.text import normalize

SKIPPABLE = Family("skippable", phrases=("currently", "really", "unfortunately", "at this time"))
SKIP = compile_pattern(Compiler({"skippable": SKIPPABLE}).skip_source())
_CLAUSE_END = ".,;:!?\n"


def _core(source: str) -> CoreText:
    return CoreText(CanonicalText(source), SKIP)


def _words(text: str) -> list[tuple[str, int, int]]:
    """Each run of non-space characters of `text`, with its span."""
    return [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text)]


# Canonical texts


@pytest.mark.parametrize(
    ("draft", "canonical"),
    [
        ("can't", "can not"),
        ("should've", "should have"),
        ("could've", "could have"),
        ("cannot", "can not"),
        ("can not", "can not"),
        ("cant", "can not"),
        ("won't", "will not"),
        ("wont", "will not"),
        ("don't", "do not"),
        ("dont", "do not"),
        ("didn't", "did not"),
        ("isn't", "is not"),
        ("doesnt", "does not"),
        ("wouldn't", "would not"),
        ("shan't", "shall not"),
        ("ain't", "is not"),
        ("we're", "we are"),
        ("you'll", "you will"),
        ("they've", "they have"),
        ("I'm", "I am"),
        ("Im", "I am"),
        ("I'd", "I would"),
        ("they'd", "they would"),
        ("youre", "you are"),
        ("theyll", "they will"),
        ("ive", "I have"),
        ("thats", "that is"),
        ("it's", "it is"),
        ("it's been", "it has been"),
        ("it's got", "it has got"),
        ("that's fine", "that is fine"),
        ("who's been", "who has been"),
        ("let's", "let us"),
        ("We can't help, and it's been a week.", "We can not help, and it has been a week."),
        ("I'm sure they won't mind.", "I am sure they will not mind."),
        # Two spellings of one word: the one without the hyphen.
        ("Check your e-mail.", "Check your email."),
        ("We E-mailed you; e-mails and on-line forms", "We Emailed you; emails and online forms"),
    ],
)
def test_contractions_are_written_as_their_words(draft: str, canonical: str) -> None:
    # After "so": not opening a clause, where a bare "can't" has left its subject out (tested below).
    assert CanonicalText(f"so {draft}").text == f"so {canonical}"
    assert canonical_words(draft) == canonical


def test_its_opening_a_clause_is_a_hurried_its_in_a_draft_only() -> None:
    # Opening a sentence or a clause after a comma, "its" stands for "it's"; the possessive rarely opens one
    # in a reply. A pattern's words have no clauses around them: there "its" stays the word it is.
    for draft, canonical in [
        ("Its company policy, Im afraid.", "It is company policy, I am afraid."),
        ("We need the receipt, its standard procedure.", "We need the receipt, it is standard procedure."),
        ("Sorry. its not possible to merge them.", "Sorry. it is not possible to merge them."),
        ("its", "it is"),
    ]:
        assert CanonicalText(draft).text == canonical
    assert canonical_words("its best") == "its best"
    assert canonical_words("Its company policy") == "Its company policy"


@pytest.mark.parametrize(
    "draft",
    [
        "Acme's",
        "O'Reilly",
        "Mary's order",
        "rock'n'roll",
        "We changed its name.",  # inside a clause "its" is the possessive, not a hurried "it's"
        "The app and its settings",
        "were",
        "well",
        "ill",
        "lets",
        "scant",
        "cannots",
        "Vulcan not",
        "We can help.",
    ],
)
def test_words_that_are_not_contractions_stay_as_they_are(draft: str) -> None:
    canonical = CanonicalText(draft)
    assert canonical.text == draft
    assert canonical.edits == ()
    assert canonical.to_source(len(draft), end=True) == len(draft)


@pytest.mark.parametrize(
    ("draft", "canonical"),
    [
        ("CAN'T", "CAN not"),
        ("Can't", "Can not"),
        ("Cannot", "Can not"),
        ("CANT", "CAN not"),
        ("Won't", "Will not"),
        ("WONT", "WILL not"),
        ("DON'T", "DO not"),
        ("Didn't", "Did not"),
        ("We're", "We are"),
        ("WE'RE", "WE are"),
        ("It's", "It is"),
        ("Let's", "Let us"),
        ("Theyre", "They are"),
        ("THEYRE", "THEY are"),
        ("IM", "I am"),
        ("Ive", "I have"),
    ],
)
def test_the_draft_s_case_is_kept(draft: str, canonical: str) -> None:
    assert CanonicalText(f"so {draft}").text == f"so {canonical}"


@pytest.mark.parametrize(
    ("draft", "canonical"),
    [
        ("Can't refund it.", "I Can not refund it."),
        ("Cannot say yet", "I Can not say yet"),
        ("Sorry, unable to help.", "Sorry, I am unable to help."),
        ("Hi Sam, can't refund it.", "Hi Sam, I can not refund it."),
        ("Not sure why, sorry.", "I am Not sure why, sorry."),
        ("Thanks! Not able to see it.", "Thanks! I am Not able to see it."),
        ("@sam Won't be long.", "@sam I Will not be long."),
        ("Don't have an ETA. Dont know why.", "I Do not have an ETA. I Do not know why."),
    ],
)
def test_a_clause_opening_on_a_modal_has_its_subject_written(draft: str, canonical: str) -> None:
    # A hurried reply or a tweet leaves the subject out; the agent is speaking.
    text = CanonicalText(draft)
    assert text.text == canonical
    # The subject written in stands for no characters of the draft: a stretch from it starts at the verb.
    at = canonical.index("I ")
    verb = at + (5 if canonical.startswith("I am ", at) else 2)
    assert text.to_source(at) == text.to_source(verb)
    assert draft[text.to_source(at) :].lower().startswith(("can", "won", "unable", "not", "don"))


@pytest.mark.parametrize(
    "draft",
    [
        "Don't worry, it's fixed.",  # an ask, not a statement
        "Won't you try again?",  # the subject named after the verb
        "Can't we refund it?",
        "We can't.",
        "So sorry we cant help",
        "Unable-to-sync errors",
        # A comma inside a clause, not after the sentence's opening words.
        "We are, unfortunately, unable to help.",
        "We, sadly, can't refund it.",
        "We are, not able to.",
        "We checked the logs, can't see it.",
    ],
)
def test_a_modal_after_its_subject_or_in_an_ask_gets_no_subject(draft: str) -> None:
    assert " I " not in f" {CanonicalText(draft).text}"


def test_curly_apostrophes_read_as_straight_ones_after_normalization() -> None:
    original = "We can\u2019t  help \u2014 it\u2019s been \u201cages\u201d, and I\u2019m sorry."
    normalized = normalize(original)
    canonical = CanonicalText(normalized.text)
    assert canonical.text == 'We can not help \u2014 it has been "ages", and I am sorry.'
    # Each canonical word maps back to the draft's own characters, curly apostrophes and all.
    spans = {word: canonical.span_to_source(start, end) for word, start, end in _words(canonical.text)}

    def original_text(span: tuple[int, int]) -> str:
        return original[normalized.to_original(span[0]) : normalized.to_original(span[1])]

    assert original_text(spans["can"]) == "can\u2019t"
    assert original_text(spans["not"]) == "can\u2019t"
    assert original_text(spans["has"]) == "it\u2019s"
    assert original_text(spans["am"]) == "I\u2019m"
    assert original_text(spans["help"]) == "help"
    assert original_text(spans['"ages",']) == "\u201cages\u201d,"


# Offsets back to the draft


def test_a_span_inside_an_expansion_is_the_whole_contraction() -> None:
    draft = "We can't help"
    canonical = CanonicalText(draft)
    assert canonical.text == "We can not help"

    def source(start: int, end: int) -> str:
        a, b = canonical.span_to_source(start, end)
        return draft[a:b]

    assert source(3, 6) == "can't"  # "can"
    assert source(7, 10) == "can't"  # "not"
    assert source(3, 10) == "can't"  # "can not"
    assert source(0, 6) == "We can't"  # "We can"
    assert source(7, 15) == "can't help"  # "not help"
    assert source(11, 15) == "help"  # after the expansion
    assert source(0, 15) == draft
    # Starts and ends strictly inside the expansion go to its start and its end.
    assert [canonical.to_source(i) for i in range(3, 10)] == [3] * 7
    assert [canonical.to_source(i, end=True) for i in range(4, 11)] == [8] * 7
    # At the expansion's edges: a start at its first character, an end at its last.
    assert canonical.to_source(3, end=True) == 3
    assert canonical.to_source(10) == 8
    assert canonical.to_source(len(canonical.text), end=True) == len(draft)


def test_offsets_after_expansions_shift_by_what_each_one_added() -> None:
    draft = "Im sure they'd say we can't, so let's go."
    canonical = CanonicalText(draft)
    assert canonical.text == "I am sure they would say we can not, so let us go."
    mapped = [(word, draft[slice(*canonical.span_to_source(s, e))]) for word, s, e in _words(canonical.text)]
    assert mapped == [
        ("I", "Im"),
        ("am", "Im"),
        ("sure", "sure"),
        ("they", "they'd"),
        ("would", "they'd"),
        ("say", "say"),
        ("we", "we"),
        ("can", "can't"),
        ("not,", "can't,"),
        ("so", "so"),
        ("let", "let's"),
        ("us", "let's"),
        ("go.", "go."),
    ]
    # Past the last expansion, offsets shift by what all of them added: 2 + 4 + 2 + 1.
    go = canonical.text.index("go")
    assert canonical.to_source(go) == draft.index("go") == go - 9


# Offsets from the draft (what a context check reads around a match)


def test_a_draft_offset_maps_into_the_canonical_text() -> None:
    draft = "We can't help, so let's go."
    canonical = CanonicalText(draft)
    assert canonical.text == "We can not help, so let us go."
    # Outside the expansions an offset shifts by what each one before it added.
    assert [canonical.from_source(i) for i in range(0, 4)] == [0, 1, 2, 3]
    help_at = draft.index("help")
    assert canonical.text[canonical.from_source(help_at) :].startswith("help, so")
    assert canonical.text[canonical.from_source(draft.index("go")) :] == "go."
    assert canonical.from_source(len(draft)) == len(canonical.text)
    # Inside a contraction a start goes to its expansion's start, an end to its end.
    assert [canonical.from_source(i) for i in range(3, 8)] == [3, 3, 3, 3, 3]
    assert [canonical.from_source(i, end=True) for i in range(4, 8)] == [10, 10, 10, 10]
    assert canonical.from_source(8, end=True) == 10
    # A stretch of the draft maps to the canonical words that stand for it.
    can_t = draft.index("can't")
    assert (
        canonical.text[canonical.from_source(can_t) : canonical.from_source(can_t + 5, end=True)] == "can not"
    )


def test_a_name_s_mark_goes_with_the_stretch_that_starts_at_the_name() -> None:
    draft = "Sorry. Acme can send one."
    canonical = CanonicalText(draft)
    assert canonical.text == "Sorry. \ue000Acme can send one."
    acme = draft.index("Acme")
    assert canonical.text[canonical.from_source(acme) :] == "\ue000Acme can send one."
    assert canonical.text[: canonical.from_source(acme, end=True)] == "Sorry. "
    assert canonical.from_source(acme + 4) == acme + 5


def test_dropped_words_map_to_where_they_were_in_the_core_text() -> None:
    draft = "We can't refund it. However, we currently can send one."
    skippable = Family("skippable", phrases=("however", "currently"))
    core = CoreText(CanonicalText(draft), compile_pattern(Compiler({"skippable": skippable}).skip_source()))
    assert core.text == "We can not refund it., we can send one."

    def to_core(index: int, *, end: bool = False) -> int:
        return core.from_source(core.canonical.from_source(index, end=end), end=end)

    # A sentence that opens with a dropped word opens, in the core text, where the word was.
    assert core.text[to_core(draft.index("However")) :] == ", we can send one."
    assert to_core(draft.index("However")) == to_core(draft.index("However") + 7, end=True)
    assert core.text[to_core(draft.index("currently")) :] == " can send one."
    assert core.text[to_core(draft.index("can send")) :] == "can send one."
    assert (
        core.text[to_core(draft.index("refund")) : to_core(draft.index("it.") + 2, end=True)] == "refund it"
    )


@pytest.mark.parametrize(
    ("draft", "core_text", "first_word"),
    [
        # At the draft's start a run of skippable words goes with the comma and the space after it, as it
        # goes with the space before it anywhere else: the first word left opens the core text.
        ("However, we can send one.", "we can send one.", "we"),
        ("Currently we can send one.", "we can send one.", "we"),
        ("However currently, we can send one.", "we can send one.", "we"),
        ("However,we can send one.", "we can send one.", "we"),
        ("However.", ".", "."),
    ],
)
def test_skippable_words_opening_the_draft_are_dropped_too(
    draft: str, core_text: str, first_word: str
) -> None:
    skippable = Family("skippable", phrases=("however", "currently"))
    core = CoreText(CanonicalText(draft), compile_pattern(Compiler({"skippable": skippable}).skip_source()))
    assert core.text == core_text
    # The core text's start maps to the draft's first word that is left, not to the dropped ones.
    assert draft[core.to_normalized(0) :].startswith(first_word)
    assert core.to_normalized(len(core.text), end=True) == len(draft)


def test_a_text_without_contractions_maps_to_itself() -> None:
    draft = "Thanks for waiting, Acme's team will refund it."
    canonical = CanonicalText(draft)
    assert canonical.text is draft
    assert all(canonical.to_source(i) == i for i in range(len(draft) + 1))
    assert all(canonical.to_source(i, end=True) == i for i in range(len(draft) + 1))


# The core view: skippable words dropped


def test_the_core_view_drops_skippable_words_and_parentheticals_of_them() -> None:
    draft = "we currently can not, unfortunately, refund it"
    core = _core(draft)
    assert core.canonical.text == draft
    assert core.text == "we can not refund it"
    mapped = [
        (word, draft[core.to_normalized(s) : core.to_normalized(e, end=True)])
        for word, s, e in _words(core.text)
    ]
    assert mapped == [("we", "we"), ("can", "can"), ("not", "not"), ("refund", "refund"), ("it", "it")]
    # A span across the dropped words is the draft's, dropped words and all.
    assert draft[core.to_normalized(0) : core.to_normalized(len(core.text), end=True)] == draft


def test_the_core_view_of_contractions_maps_to_the_contraction() -> None:
    draft = "We currently can't, unfortunately, refund it."
    core = _core(draft)
    assert core.canonical.text == "We currently can not, unfortunately, refund it."
    assert core.text == "We can not refund it."
    mapped = [
        (word, draft[core.to_normalized(s) : core.to_normalized(e, end=True)])
        for word, s, e in _words(core.text)
    ]
    assert mapped == [("We", "We"), ("can", "can't"), ("not", "can't"), ("refund", "refund"), ("it.", "it.")]


def test_a_start_comes_after_dropped_words_and_an_end_stays_before_them() -> None:
    draft = "We can't really refund it (at all) today."
    core = _core(draft)
    assert core.text == "We can not refund it today."
    refund = core.text.index("refund")
    assert draft[core.to_normalized(refund) :].startswith("refund")
    assert draft[core.to_normalized(0) : core.to_normalized(refund - 1, end=True)] == "We can't"
    today = core.text.index("today")
    assert draft[core.to_normalized(refund) : core.to_normalized(today - 1, end=True)] == "refund it"
    assert draft[core.to_normalized(today) : core.to_normalized(today + 5, end=True)] == "today"


@pytest.mark.parametrize("end", [".", "", "!", ", thanks", "; sorry"])
def test_words_dropped_at_a_clause_end_go_with_what_precedes_them(end: str) -> None:
    draft = f"We can't refund it at this time{end}"
    core = _core(draft)
    assert core.text == f"We can not refund it{end}"
    it_end = core.text.index("it") + 2
    assert draft[: core.to_normalized(it_end, end=True)] == "We can't refund it at this time"


def test_a_draft_without_skippable_words_has_the_canonical_text_as_its_core() -> None:
    draft = "We can't refund it."
    core = _core(draft)
    assert core.text is core.canonical.text
    assert core.edits == ()


def test_skippable_words_only_go_as_whole_words() -> None:
    assert _core("We can't refund it at this timer.").text == "We can not refund it at this timer."
    assert _core("It was reallyy bad.").text == "It was reallyy bad."


@pytest.mark.parametrize(
    ("draft", "core_text"),
    [
        ("We can't (sadly) really refund it", "We can not refund it"),
        ("We can't really (sadly) refund it", "We can not refund it"),
        ("We can't, really, currently refund it", "We can not refund it"),
    ],
)
def test_an_end_stays_before_every_dropped_run_that_follows_it(draft: str, core_text: str) -> None:
    core = _core(draft)
    assert core.text == core_text
    not_end = core.text.index("not") + 3
    assert draft[: core.to_normalized(not_end, end=True)] == "We can't"


def test_a_parenthetical_without_a_space_after_it_keeps_the_words_apart() -> None:
    core = _core("We can't, unfortunately,refund it.")
    assert re.findall(r"\w+", core.text) == ["We", "can", "not", "refund", "it"]


# Tokens (as `bank explain` shows them)


def test_the_canonical_view_s_tokens_map_back_to_the_draft() -> None:
    draft = "We can't refund it, it's been 24/7."
    tokens = CanonicalView(draft).tokens
    assert [(t.text, draft[t.source_start : t.source_end]) for t in tokens] == [
        ("We", "We"),
        ("can", "can't"),
        ("not", "can't"),
        ("refund", "refund"),
        ("it", "it"),
        (",", ","),
        ("it", "it's"),
        ("has", "it's"),
        ("been", "been"),
        ("24/7", "24/7"),
        (".", "."),
    ]
    assert [t.lemma for t in tokens] == [
        "we",
        "can",
        "not",
        "refund",
        "it",
        ",",
        "it",
        "have",
        "be",
        "24/7",
        ".",
    ]


def test_a_possessive_s_lemma_has_no_dangling_apostrophe() -> None:
    (token,) = CanonicalView("Acme's").tokens
    assert token.text == "Acme's"
    assert token.lemma in ("acme's", "acme")


# Properties over texts made of words, contractions, skippable words, punctuation and spaces

_PLAIN = ["we", "refund", "it", "the", "order", "Acme's", "O'Reilly", "help", "been", "done", "can", "not"]
_CONTRACTED = [
    "can't",
    "cannot",
    "cant",
    "CAN'T",
    "Can\u2019t",
    "won't",
    "wont",
    "don't",
    "dont",
    "didn't",
    "isn't",
    "we're",
    "you'll",
    "I'm",
    "Im",
    "it's",
    "It\u2019s",
    "let's",
    "they'd",
    "theyre",
    "ive",
]
_SKIPPABLE = ["currently", "really", "Really", "unfortunately", "at this time", "(sadly)", "(at all)"]
_SEPARATORS = [" ", " ", " ", "  ", ", ", ". ", "! ", "? ", "; ", " \n "]
_DRAFTS = st.lists(
    st.tuples(st.sampled_from(_PLAIN + _CONTRACTED + _SKIPPABLE), st.sampled_from(_SEPARATORS)), max_size=14
).map(lambda pieces: normalize("".join(word + separator for word, separator in pieces)).text)
_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_WORD = re.compile(r"[A-Za-z']+")


def _canonical_words_at(source: str, start: int, end: int) -> list[str]:
    """The canonical words of source[start:end], read with what follows it ("it's" before "been" is "it
    has")."""
    count = len(_WORD.findall(canonical_words(source[start:end])))
    canonical = CanonicalText(source[start:])
    # Not the words put in before the first one (a subject it left out, written in: "I" of "I can not").
    put_in = sum(e.end - e.start for e in canonical.edits if e.source_start == e.source_end == 0)
    return [w.lower() for w in _WORD.findall(canonical.text[put_in:])][:count]


def _check_words_map_back(text: str, to_source: Callable[..., int], source: str) -> None:
    """Every word of `text` maps to a non-empty span of `source`, within bounds and in order, whose own
    canonical words include it; but for the subject a clause left out, written in, which stands for no
    characters of the source."""
    last_start = last_end = 0
    for match in _WORD.finditer(text):
        start, end = to_source(match.start()), to_source(match.end(), end=True)
        if start == end and match.group() in ("I", "am"):
            modals = ("can", "won", "will", "do", "unable", "not able", "not sure")
            assert source[start:].lower().startswith(modals), source
            continue
        assert 0 <= start < end <= len(source)
        assert source[start] != " " and source[end - 1] != " "
        assert last_start <= start and last_end <= end
        last_start, last_end = start, end
        assert match.group().lower() in _canonical_words_at(source, start, end), (
            match.group(),
            source[start:end],
        )


@_SETTINGS
@given(_DRAFTS)
def test_every_canonical_word_maps_back_to_the_draft_words_it_stands_for(source: str) -> None:
    canonical = CanonicalText(source)
    _check_words_map_back(canonical.text, canonical.to_source, source)
    # Outside the expansions, every character is the draft's own.
    for index, char in enumerate(canonical.text):
        if not any(edit.start <= index < edit.end for edit in canonical.edits):
            assert source[canonical.to_source(index)] == char
    # Each expansion stands for one contraction of the draft, and is that contraction's canonical words.
    for edit in canonical.edits:
        if edit.source_start == edit.source_end:  # words put in: a name's mark, a subject left out
            assert canonical.text[edit.start : edit.end] in (NAME_MARK, "I ", "I am ")
            continue
        contraction = source[edit.source_start : edit.source_end]
        assert " " not in contraction
        assert _canonical_words_at(source, edit.source_start, edit.source_end) == [
            w.lower() for w in _WORD.findall(canonical.text[edit.start : edit.end])
        ]


@_SETTINGS
@given(_DRAFTS)
def test_every_core_word_maps_back_to_the_draft_words_it_stands_for(source: str) -> None:
    core = CoreText(CanonicalText(source), SKIP)
    _check_words_map_back(core.text, core.to_normalized, source)
    # The core text is the canonical text with whole runs taken out, nothing added.
    assert all(edit.start == edit.end for edit in core.edits)
    pieces, last = [], 0
    for edit in core.edits:
        pieces.append(core.canonical.text[last : edit.source_start])
        last = edit.source_end
    assert "".join(pieces) + core.canonical.text[last:] == core.text


@_SETTINGS
@given(_DRAFTS)
@example("We can't (sadly) really refund it")
def test_a_core_word_that_does_not_end_a_clause_ends_where_its_last_character_does(source: str) -> None:
    core = CoreText(CanonicalText(source), SKIP)
    for match in _WORD.finditer(core.text):
        end = match.end()
        if end < len(core.text) and core.text[end] not in _CLAUSE_END:
            assert core.to_source(end, end=True) == core.to_source(end - 1) + 1, (match.group(), source)


@_SETTINGS
@given(_DRAFTS)
def test_from_source_is_the_inverse_of_to_source_outside_the_edits(source: str) -> None:
    for text in (CanonicalText(source), CoreText(CanonicalText(source), SKIP)):
        original = text.source
        # Offsets never go back, and the text's ends map to each other.
        mapped = [text.from_source(i) for i in range(len(original) + 1)]
        assert mapped == sorted(mapped)
        assert (mapped[0], mapped[-1]) == (0, len(text.text))
        inside = {i for edit in text.edits for i in range(edit.source_start, edit.source_end + 1)}
        for index in range(len(original) + 1):
            if index not in inside:
                assert text.to_source(text.from_source(index)) == index, (source, index)
                assert text.to_source(text.from_source(index, end=True), end=True) == index, (source, index)
        # Each word of the source that no edit touches is its own stretch of the text (a name's mark goes
        # with the name: the stretch from the name's start takes it in).
        for match in _WORD.finditer(original):
            start, end = text.from_source(match.start()), text.from_source(match.end(), end=True)
            assert start <= end
            # Words put in before it (a name's mark, a subject left out) go with it.
            put_in = "".join(
                text.text[e.start : e.end]
                for e in text.edits
                if e.source_start == e.source_end == match.start()
            )
            if not any(e.source_start < match.end() and match.start() < e.source_end for e in text.edits):
                assert text.text[start:end] == put_in + match.group()
