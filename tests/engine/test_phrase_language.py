"""The phrase language end to end: each construct in a small bank, analyzed as a user would, with the exact
text flagged and a rewrite's slot taken from the draft's own characters; the errors a lead sees for a pattern
the language cannot read; and compiled patterns that are plain RE2 (linear in the draft)."""

from __future__ import annotations

import pytest
import re2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from replycoach.bank.model import Entry, Rewrite
from replycoach.bank.vocabulary import Family
from replycoach.engine import Engine
from replycoach.engine.compiled import Bank
from replycoach.engine.matcher import compile_pattern
from replycoach.engine.phrase import Compiler, PhraseError, parse
from replycoach.engine.suggest import template_slots
from replycoach.errors import BankError

SKIPPABLE = Family("skippable", phrases=("currently", "really", "unfortunately", "at this time", "sadly"))
REFUND_VERBS = Family("refund-verbs", verbs=("refund", "return"))
REQUESTS = Family("requests", nouns=("refund request",))
NO_HELP = Family(
    "no-help",
    phrases=("can't help", "won't assist"),
    patterns=(r"can't (?:do|fix)",),  # RE2 written for the draft's own spellings
)
EXCUSES = Family("excuses", phrases=("our policy", "{refund-verbs} it"))
FAMILIES = (SKIPPABLE, REFUND_VERBS, REQUESTS, NO_HELP, EXCUSES)
# A rewrite that shows a slot exactly as captured (a template opening on a slot is left in its case).
SHOW_SLOT = "<{x}>"


def _engine(*patterns: str, rewrite: str = "Let me help", families: tuple[Family, ...] = FAMILIES) -> Engine:
    entry = Entry(
        id="test.rule",
        category="refusal",
        severity="warning",
        patterns=patterns,
        message="Test.",
        why="Test.",
        rewrites=(Rewrite(rewrite, "phrase"),),
        flag_examples=(),
        pass_examples=(),
    )
    return Engine(Bank.build([entry], vocabulary=families))


def _flagged(engine: Engine, draft: str) -> list[str]:
    """The text of each flag, checked against its span."""
    flags = engine.analyze(draft).flags
    for flag in flags:
        assert draft[flag.span.start : flag.span.end] == flag.text
    return [flag.text for flag in flags]


def _slots(engine: Engine, draft: str) -> list[tuple[str, str]]:
    """Each flag's text and its top suggestion (with SHOW_SLOT: the slot as captured, in angle brackets)."""
    return [(flag.text, flag.suggestions[0].text) for flag in engine.analyze(draft).flags]


def _compiler(*families: Family) -> Compiler:
    return Compiler({family.name: family for family in (families or FAMILIES)})


# Words


def test_a_word_matches_itself_in_any_case_and_only_as_a_whole_word() -> None:
    engine = _engine("refund")
    assert _flagged(engine, "We refund it.") == ["refund"]
    assert _flagged(engine, "REFUND now") == ["REFUND"]
    assert _flagged(engine, "Refund?") == ["Refund"]
    for draft in ("It refunds.", "Refunded.", "refunding", "prerefund", "refund_id", "refundable"):
        assert _flagged(engine, draft) == [], draft


@pytest.mark.parametrize(
    "draft",
    [
        "We can't help",
        "We can\u2019t help",
        "We cannot help",
        "We can not help",
        "We cant help",
        "WE CAN'T HELP",
    ],
)
@pytest.mark.parametrize("pattern", ["we can't help", "we cannot help", "we can not help", "we cant help"])
def test_a_contraction_means_every_spelling_of_it(pattern: str, draft: str) -> None:
    assert _flagged(_engine(pattern), f"Sorry, {draft}.") == [draft]


@pytest.mark.parametrize(
    ("pattern", "draft", "flagged"),
    [
        ("I'm sorry", "Im sorry for that", "Im sorry"),
        ("I am sorry", "I\u2019m sorry for that", "I\u2019m sorry"),
        ("you'll have to wait", "You will have to wait.", "You will have to wait"),
        ("we won't", "We wont.", "We wont"),
        ("let's see", "Let us see.", "Let us see"),
        ("don't worry", "Dont worry!", "Dont worry"),
        ("Acme's policy", "Per Acme\u2019s policy.", "Acme\u2019s policy"),
        ("24/7 support", "We offer 24/7 support.", "24/7 support"),
        ("a $5 fee", "There is a $5 fee.", "a $5 fee"),
    ],
)
def test_words_match_as_the_draft_writes_them(pattern: str, draft: str, flagged: str) -> None:
    assert _flagged(_engine(pattern), draft) == [flagged]


def test_a_possessive_is_not_a_contraction() -> None:
    engine = _engine("Acme is")
    assert _flagged(engine, "Acme's team") == []
    assert _flagged(engine, "Acme is here") == ["Acme is"]


# ~word


def test_a_tilde_word_matches_every_form_of_the_word() -> None:
    engine = _engine("<x: ~refund> it", rewrite=SHOW_SLOT)
    assert _slots(engine, "We refund it.") == [("refund it", "<refund>")]
    assert _slots(engine, "She refunds it.") == [("refunds it", "<refunds>")]
    assert _slots(engine, "Refunded it!") == [("Refunded it", "<Refunded>")]
    assert _slots(engine, "refunding it") == [("refunding it", "<refunding>")]
    assert _slots(engine, "a refundable it") == []


def test_a_tilde_noun_takes_the_forms_english_has_not_made_up_verb_forms() -> None:
    engine = _engine("under the <x: ~agreement>", rewrite=SHOW_SLOT)
    assert _slots(engine, "Under the agreements.") == [("Under the agreements", "<agreements>")]
    assert _flagged(engine, "under the agreementing") == []
    assert _flagged(engine, "under the agreemented") == []


def test_a_tilde_word_the_dictionary_lacks_is_inflected_as_a_verb() -> None:
    engine = _engine("we <x: ~videocall> you", rewrite=SHOW_SLOT)
    assert _slots(engine, "We videocalled you") == [("We videocalled you", "<videocalled>")]
    assert _slots(engine, "we videocall you") == [("we videocall you", "<videocall>")]


# {family} and {family:base}


def test_a_family_matches_its_verbs_in_every_form() -> None:
    engine = _engine("we <x: {refund-verbs}> it", rewrite=SHOW_SLOT)
    assert _slots(engine, "We refunded it.") == [("We refunded it", "<refunded>")]
    assert _slots(engine, "we return it") == [("we return it", "<return>")]
    assert _slots(engine, "we returning it") == [("we returning it", "<returning>")]
    assert _slots(engine, "we retrieve it") == []


def test_a_form_narrows_the_family_s_verbs() -> None:
    engine = _engine("we {refund-verbs:base} it")
    assert _flagged(engine, "we return it") == ["we return it"]
    assert _flagged(engine, "We refund it.") == ["We refund it"]
    for draft in ("We refunded it.", "we returns it", "we refunding it"):
        assert _flagged(engine, draft) == [], draft
    past = _engine("we {refund-verbs:past} it")
    assert _flagged(past, "We refunded it.") == ["We refunded it"]
    assert _flagged(past, "We refund it.") == []


def test_a_family_matches_its_nouns_and_their_plurals() -> None:
    engine = _engine("the {requests}")
    assert _flagged(engine, "About the refund request.") == ["the refund request"]
    assert _flagged(engine, "The refund requests!") == ["The refund requests"]
    assert _flagged(engine, "the refund requested") == []


def test_a_family_s_phrases_and_re2_fragments_read_contractions_as_the_draft_does() -> None:
    engine = _engine("we {no-help}")
    assert _flagged(engine, "We can\u2019t help.") == ["We can\u2019t help"]
    assert _flagged(engine, "We cannot help.") == ["We cannot help"]
    assert _flagged(engine, "We will not assist.") == ["We will not assist"]
    assert _flagged(engine, "We cannot fix it.") == ["We cannot fix"]
    assert _flagged(engine, "we cant do it") == ["we cant do"]


def test_a_family_s_phrases_may_name_other_families() -> None:
    engine = _engine("per {excuses}")
    assert _flagged(engine, "Per our policy, no.") == ["Per our policy"]
    assert _flagged(engine, "per returned it") == ["per returned it"]


# [optional], [a | b], (a | b)


def test_optional_words_may_be_there_or_not() -> None:
    engine = _engine("we [still] can not help")
    assert _flagged(engine, "So we can't help.") == ["we can't help"]
    assert _flagged(engine, "So we still can't help.") == ["we still can't help"]
    assert _flagged(engine, "So we always can't help.") == []


def test_optional_alternatives_are_one_of_them_or_neither() -> None:
    engine = _engine("we [still | just] can not help")
    assert _flagged(engine, "So we can't help.") == ["we can't help"]
    assert _flagged(engine, "So we just can't help.") == ["we just can't help"]
    assert _flagged(engine, "So we still can't help.") == ["we still can't help"]
    assert _flagged(engine, "So we still just can't help.") == []


def test_alternatives_are_exactly_one_of_them() -> None:
    engine = _engine("<x: (we | I | our team)> can not help", rewrite=SHOW_SLOT)
    assert _slots(engine, "We can't help.") == [("We can't help", "<We>")]
    assert _slots(engine, "I cannot help.") == [("I cannot help", "<I>")]
    assert _slots(engine, "Our team can't help.") == [("Our team can't help", "<Our team>")]
    assert _slots(engine, "They can't help.") == []


@pytest.mark.parametrize("draft", ["We can't help.", "(We can't help.)"])
def test_an_optional_part_may_open_a_pattern(draft: str) -> None:
    engine = _engine("[sadly | oh] we can not help")
    assert _flagged(engine, draft) == ["We can't help"]


def test_an_optional_part_may_open_a_slot() -> None:
    engine = _engine("we <x: [still] can not> help", rewrite=SHOW_SLOT)
    assert _slots(engine, "We still can't help.") == [("We still can't help", "<still can't>")]
    assert _slots(engine, "We can't help.") == [("We can't help", "<can't>")]


@pytest.mark.parametrize(
    ("pattern", "with_the_optional_words"),
    [
        ("you [first] (need | has | have [first] got) to pay", "you have first got to pay"),
        ("you (need | have) [first] to pay", "you need first to pay"),
        ("you (need | have [first]) <x: [then] to> pay", "you have first then to pay"),
    ],
)
def test_an_optional_part_leaves_the_words_around_it_to_the_prefilter(
    pattern: str, with_the_optional_words: str
) -> None:
    # RE2's prefilter reads an optional group written `(...)?` as "anything": an alternative holding one
    # ("have [first] got") then hid the whole choice from it, and every draft with "you" and "to" ran the
    # pattern. Written as a choice with nothing, the required words stay atoms a draft must hold.
    regex = _compiler().compile(pattern)
    regex_filter = re2.Filter()
    regex_filter.Add(regex)
    regex_filter.Compile()
    assert regex_filter.Match(b"you want to pay", True) is None
    assert regex_filter.Match(b"you need to pay", True) == [0]
    assert compile_pattern(regex).search(with_the_optional_words) is not None


# ...


def test_a_gap_is_up_to_four_words_inside_one_clause() -> None:
    engine = _engine("we ... help")
    assert _flagged(engine, "we help") == ["we help"]
    assert _flagged(engine, "We can't really help.") == ["We can't really help"]
    assert _flagged(engine, "we one two three four help") == ["we one two three four help"]
    assert _flagged(engine, "we one two three four five help") == []
    assert _flagged(engine, "we can, help") == []
    assert _flagged(engine, "we can. Help") == []


# <slot>, <slot?>, <slot: parts>, <slot: parts ...>


def test_a_slot_is_the_rest_of_the_clause_as_the_draft_writes_it() -> None:
    engine = _engine("we can not <x>", rewrite=SHOW_SLOT)
    # A straight apostrophe elsewhere: the curly ones in the slot are the draft's, not the suggestion's.
    draft = "Acme's reply: we can\u2019t send your \u201corder\u201d today, sorry."
    assert _slots(engine, draft) == [
        ("we can\u2019t send your \u201corder\u201d today", "<send your \u201corder\u201d today>")
    ]
    assert _slots(engine, "We can't refund it; sorry.") == [("We can't refund it", "<refund it>")]
    assert _slots(engine, "We can't refund it. Sorry.") == [("We can't refund it", "<refund it>")]
    assert _slots(engine, "We can't.") == []


def test_a_slot_takes_one_to_fifteen_words() -> None:
    engine = _engine("we will <x>", rewrite=SHOW_SLOT)
    words = " ".join(f"w{i}" for i in range(1, 18))
    fifteen = " ".join(f"w{i}" for i in range(1, 16))
    assert _slots(engine, f"We will {words}") == [(f"We will {fifteen}", f"<{fifteen}>")]


def test_a_slot_of_contracted_words_is_the_whole_contraction() -> None:
    engine = _engine("<x: we can not> help", rewrite=SHOW_SLOT)
    draft = "Acme's reply: we can\u2019t help."
    assert _slots(engine, draft) == [("we can\u2019t help", "<we can\u2019t>")]
    # A slot that takes only part of a contraction is the words it takes: "will" of "We'll" is "will" (the
    # flag still covers the whole contraction).
    engine = _engine("we <x: will send> it", rewrite=SHOW_SLOT)
    assert _slots(engine, "Acme's: We\u2019ll send it.") == [("We\u2019ll send it", "<will send>")]


def test_a_slot_never_takes_the_not_of_a_contraction_it_stops_inside() -> None:
    # "isn't" is "is not": a slot of "is" alone is "is", so a rewrite built on it keeps the meaning ("is
    # outside what we offer", never "isn't outside what we offer").
    engine = _engine("<x: is | are> not something we offer", rewrite=SHOW_SLOT)
    assert _slots(engine, "Engraving isn\u2019t something we offer.") == [
        ("isn\u2019t something we offer", "<is>")
    ]
    assert _slots(engine, "Refunds arent something we offer.") == [("arent something we offer", "<are>")]
    engine = _engine("we <x: can> not help", rewrite=SHOW_SLOT)
    assert _slots(engine, "We CAN'T help.") == [("We CAN'T help", "<CAN>")]


def test_a_rewrite_keeps_the_words_of_a_contraction_the_match_cuts_through() -> None:
    # The flag covers the whole of "It's", the match only its "is": the rewrite keeps the "It".
    engine = _engine("<x: is> no longer an option", rewrite="{x} off the table")
    assert _slots(engine, "Sorry, it\u2019s no longer an option.") == [
        ("it\u2019s no longer an option", "it is off the table")
    ]
    opens = "It's no longer an option."
    assert _slots(engine, opens) == [("It's no longer an option", "It is off the table")]
    # A match that stops inside "can't" keeps its "not": the rewrite never turns a no into a yes.
    engine = _engine("we can", rewrite="we might")
    assert _slots(engine, "We can't help.") == [("We can't", "We might not")]


def test_a_slot_that_opened_the_sentence_is_lower_case_inside_the_rewrite() -> None:
    # "Your" has its capital only because it opened the sentence; a name keeps its own.
    engine = _engine("<who: your ... | acme> is the one to ask", rewrite="I'll ask {who} for you")
    assert _slots(engine, "Your bank is the one to ask.") == [
        ("Your bank is the one to ask", "I'll ask your bank for you")
    ]
    assert _slots(engine, "Acme is the one to ask.") == [("Acme is the one to ask", "I'll ask Acme for you")]
    assert _slots(engine, "So your bank is the one to ask.") == [
        ("your bank is the one to ask", "I'll ask your bank for you")
    ]


@pytest.mark.parametrize(
    ("draft", "suggestion"),
    [
        # The verb the slot opens with, in the form the rewrite asks for; the rest as the draft wrote it.
        (
            "You would have needed to cancel 48 hours before.",
            "Next time, make sure you've cancelled 48 hours before",
        ),
        ("You would have needed to send the form first.", "Next time, make sure you've sent the form first"),
        ("You would have needed to fill out the claim.", "Next time, make sure you've filled out the claim"),
        # Already in that form, or no verb the dictionary knows: as written.
        ("You would have needed to kept the receipt.", "Next time, make sure you've kept the receipt"),
        ("You would have needed to zorble it.", "Next time, make sure you've zorble it"),
    ],
)
def test_a_rewrite_slot_may_ask_for_a_form_of_its_first_verb(draft: str, suggestion: str) -> None:
    engine = _engine("you would have needed to <done>", rewrite="next time, make sure you've {done:past}")
    (flag,) = engine.analyze(draft).flags
    assert flag.suggestions[0].text == suggestion


def test_a_rewrite_slot_names_only_the_forms_the_language_has() -> None:
    assert template_slots("make sure you've {done:past}, then {done:ing} {x}") == {"done", "x"}
    with pytest.raises(ValueError, match="base, s, ing or past"):
        template_slots("make sure you {done:future}")


def test_a_slot_with_parts_captures_just_them() -> None:
    engine = _engine("<x: we can not ~refund> your order", rewrite=SHOW_SLOT)
    assert _slots(engine, "Sadly we cannot refund your order.") == [
        ("we cannot refund your order", "<we cannot refund>")
    ]


def test_a_gap_closing_a_slot_takes_the_rest_of_the_clause() -> None:
    engine = _engine("<x: we can not ...>", rewrite=SHOW_SLOT)
    draft = "Acme's note: We can\u2019t do that for you, sorry."
    assert _slots(engine, draft) == [("We can\u2019t do that for you", "<We can\u2019t do that for you>")]
    assert _slots(engine, "We can't.") == [("We can't", "<We can't>")]


def test_an_optional_slot_may_be_empty() -> None:
    engine = _engine("we <x?> now", rewrite=SHOW_SLOT)
    assert _slots(engine, "we now") == [("we now", "<>")]


def test_an_optional_slot_is_its_words_alone() -> None:
    engine = _engine("we <x?> now", rewrite=SHOW_SLOT)
    assert _slots(engine, "we refund it now") == [("we refund it now", "<refund it>")]
    engine = _engine("<x?> now", rewrite=SHOW_SLOT)
    assert _slots(engine, "refund it now") == [("refund it now", "<refund it>")]


def test_a_rewrite_fills_its_slot_with_the_draft_s_own_words() -> None:
    engine = _engine("we can not <x>", rewrite="I'll find another way to {x}")
    draft = "Hi! We currently can\u2019t, sadly, refund \u201cit\u201d. Thanks"
    result = engine.rewrite(draft, "all")
    assert result.text == "Hi! I\u2019ll find another way to refund \u201cit\u201d. Thanks"
    assert result.applied == (
        {
            "id": "test.rule@4",
            "rule_id": "test.rule",
            "from": "We currently can\u2019t, sadly, refund \u201cit\u201d",
            "to": "I\u2019ll find another way to refund \u201cit\u201d",
        },
    )


# Punctuation, symbols and emoji


def test_punctuation_matches_itself_with_or_without_a_space_before_it() -> None:
    engine = _engine("thanks !")
    assert _flagged(engine, "Thanks! Bye") == ["Thanks!"]
    assert _flagged(engine, "thanks ! bye") == ["thanks !"]
    assert _flagged(engine, "thanks, bye") == []
    engine = _engine("no , sorry")
    assert _flagged(engine, "No, sorry.") == ["No, sorry"]
    assert _flagged(engine, "No sorry.") == []


def test_a_full_stop_after_a_word_is_punctuation() -> None:
    engine = _engine("no refund.")
    assert _flagged(engine, "Sorry, no refund.") == ["no refund."]
    assert _flagged(engine, "Sorry, no refund today") == []


def test_emoji_and_symbols_are_words() -> None:
    engine = _engine("thanks \U0001f64f")
    analysis = engine.analyze("Hi \U0001f44b Thanks \U0001f64f so much")
    assert [
        (f.text, f.span.start, f.span.end, f.span.start_utf16, f.span.end_utf16) for f in analysis.flags
    ] == [("Thanks \U0001f64f", 5, 13, 6, 15)]
    assert _flagged(engine, "thanks\U0001f64f") == []
    assert _flagged(_engine("100% sure"), "I'm 100% sure.") == ["100% sure"]


def test_a_quoted_word_matches_the_draft_s_quotes() -> None:
    engine = _engine('just "sorry"')
    assert _flagged(engine, "Just \u201csorry\u201d is not enough.") == ["Just \u201csorry\u201d"]


def test_a_question_mark_is_not_part_of_the_language() -> None:
    # A question is the `question` context check's to see; in a pattern, `?` is RE2's.
    with pytest.raises(PhraseError) as caught:
        parse("any questions ?")
    assert caught.value.re2_sign
    assert str(caught.value).startswith("`?` is RE2, not the phrase language")


@pytest.mark.parametrize("draft", ["We can't help.", "We can\u2019t help."])
def test_a_curly_apostrophe_in_a_pattern_reads_as_a_straight_one(draft: str) -> None:
    assert _flagged(_engine("we can\u2019t help"), draft) == [draft.rstrip(".")]


# re: raw RE2


def test_a_raw_pattern_is_re2_over_the_canonical_text() -> None:
    engine = _engine(r"re:we can not (?P<x>\w+)", rewrite=SHOW_SLOT)
    assert _slots(engine, "Acme's: we can\u2019t refund it.") == [("we can\u2019t refund", "<refund>")]
    assert _slots(engine, "We cannot help.") == [("We cannot help", "<help>")]
    assert _compiler().view_of(r"re:we can not (?P<x>\w+)") == "canonical"
    assert _compiler().compile("re: we {{refund-verbs:base}} it") == r"we (?:\brefund\b|\breturn\b) it"


def test_a_family_reference_in_raw_re2_keeps_its_name_whatever_words_it_holds() -> None:
    # Family names are names, not words of the draft: "{{cannot}}" is the family, never "{{can not}}".
    cannot = Family("cannot", phrases=("can not", "(am | are) unable to"))
    compiler = _compiler(cannot)
    assert compiler.compile("re: we {{cannot}} help") == compiler.compile("re: we {{ cannot }} help")
    engine = _engine(r"re:\bwe {{cannot}} (?P<x>\w+)", rewrite=SHOW_SLOT, families=(cannot,))
    assert _slots(engine, "We are unable to help. We can't refund.") == [
        ("We are unable to help", "<help>"),
        ("We can't refund", "<refund>"),
    ]


# Legacy RE2 patterns


def test_a_legacy_re2_pattern_matches_as_before_over_the_draft_s_own_words() -> None:
    engine = _engine(r"(?:we|I) can't (?P<x>help|assist)", rewrite=SHOW_SLOT)
    assert _slots(engine, "Acme's: we can\u2019t help.") == [("we can\u2019t help", "<help>")]
    assert _slots(engine, "I can't assist.") == [("I can't assist", "<assist>")]
    # RE2 over the draft's own words: other spellings and skippable words are not its business.
    assert _slots(engine, "We cannot help.") == []
    assert _slots(engine, "We currently can't help.") == []
    legacy_family = _engine(r"(?:we|I) {{refund-verbs:past}} it")
    assert _flagged(legacy_family, "We refunded it.") == ["We refunded it"]
    assert _flagged(legacy_family, "We refund it.") == []


# Skippable words and parentheticals


@pytest.mark.parametrize(
    "draft",
    [
        "we can't refund",
        "we currently can't refund",
        "we can't, sadly, refund",
        "we currently can't, sadly, refund",
        "we can't, unfortunately at this time, refund",
        "we really can't (at all) refund",
        "we can't (sorry about this) refund",
    ],
)
def test_skippable_words_and_parentheticals_between_parts_are_stepped_over(draft: str) -> None:
    engine = _engine("we can not <x: ~refund>", rewrite=SHOW_SLOT)
    assert _slots(engine, f"Hi. {draft} it.") == [(draft, "<refund>")]


def test_a_parenthetical_of_other_words_between_commas_is_not_stepped_over() -> None:
    assert _flagged(_engine("we can not refund"), "we can't, as a rule, refund it") == []


def test_a_pattern_naming_a_skippable_word_keeps_every_word() -> None:
    compiler = _compiler()
    assert compiler.view_of("we really can not") == "canonical"
    assert compiler.view_of("we can not") == "core"
    engine = _engine("we really can not")
    assert _flagged(engine, "We really can't help.") == ["We really can't"]
    assert _flagged(engine, "We can't help.") == []
    assert _flagged(engine, "We really currently can't help.") == []
    assert _flagged(_engine("we can not"), "We really can't help.") == ["We really can't"]


def test_a_pattern_whose_choices_spell_a_skippable_phrase_keeps_every_word() -> None:
    # "(I | we) (am | are) afraid" spells "I am afraid", a skippable phrase the core view drops: the pattern
    # reads the canonical view, wherever the phrase stands in the draft.
    afraid = Family("skippable", phrases=("I am afraid", "currently"))
    compiler = _compiler(afraid)
    assert compiler.view_of("(I | we) (am | are) afraid [that]") == "canonical"
    assert compiler.view_of("(I | we) (am | are) glad") == "core"
    assert compiler.view_of("(I am | we are) [so | really] afraid") == "canonical"
    assert compiler.view_of("(I'm | we're) afraid") == "canonical"  # contractions are their words
    engine = _engine("(I | we) (am | are) afraid [that]", families=(afraid,))
    assert _flagged(engine, "Thanks. I'm afraid that it expired.") == ["I'm afraid that"]
    assert _flagged(engine, "I'm afraid that it expired.") == ["I'm afraid that"]


def test_skippable_words_at_a_clause_end_go_with_the_slot() -> None:
    engine = _engine("we can not <x>", rewrite=SHOW_SLOT)
    assert _slots(engine, "We can't refund it at this time.") == [
        ("We can't refund it at this time", "<refund it at this time>")
    ]


def test_without_a_skippable_family_every_word_counts() -> None:
    compiler = _compiler(REFUND_VERBS)
    assert compiler.skip_source() is None
    assert compiler.view_of("we can not") == "canonical"
    engine = _engine("we can not refund", families=(REFUND_VERBS,))
    assert _flagged(engine, "We can't refund it.") == ["We can't refund"]
    assert _flagged(engine, "We currently can't refund it.") == []


def test_a_slot_name_is_not_a_word_of_the_pattern() -> None:
    assert _compiler().view_of("we reply at this <time>") == "core"
    engine = _engine("we reply at this <time>", rewrite="{time}")
    assert _flagged(engine, "We currently reply at this hour.") == ["We currently reply at this hour"]


@pytest.mark.parametrize("draft", ["It's been a while.", "It\u2019s been a while."])
def test_it_s_been_in_a_pattern_matches_it_s_been_in_a_draft(draft: str) -> None:
    assert _flagged(_engine("it's been a while"), draft) == [draft.rstrip(".")]


def test_a_match_starting_inside_a_word_does_not_hide_a_real_one() -> None:
    engine = _engine("able to <x>", rewrite=SHOW_SLOT)
    assert _slots(engine, "We were unable to ship it and able to refund it.") == [
        ("able to refund it", "<refund it>")
    ]


# Errors


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("we [can", "`[` is never closed: add `]` after the words it holds (at column 4)"),
        ("we (can", "`(` is never closed: add `)` after the words it holds (at column 4)"),
        ("we {refund-verbs", "`{` is never closed: write the family as {name} (at column 4)"),
        ("we <x", "`<` is never closed: write a slot as <name> or <name: words> (at column 4)"),
        ("we can]", "`]` closes nothing: remove it or add its opening bracket (at column 7)"),
        ("we can)", "`)` closes nothing: remove it or add its opening bracket (at column 7)"),
        ("we can}", "`}` closes nothing: remove it or add its opening bracket (at column 7)"),
        ("we can>", "`>` closes nothing: remove it or add its opening bracket (at column 7)"),
        ("(a | ) b", "`|` needs words on both sides (at column 6)"),
        ("( | a) b", "`|` needs words on both sides (at column 3)"),
        ("[a | b | ] c", "`|` needs words on both sides (at column 10)"),
        ("a |", "`|` needs words on both sides (at column 4)"),
        ("| a", "`|` needs words on both sides (at column 1)"),
        ("[]", "nothing to match here (at column 2)"),
        ("<x: >", "nothing to match here (at column 5)"),
        ("", "is empty: write the words to match"),
        ("   ", "is empty: write the words to match"),
        (
            "{zzz}",
            "{zzz} is not a family of the vocabulary; add it to the vocabulary or fix the name (at column 1)",
        ),
        (
            "we {refund-verb}",
            "{refund-verb} is not a family of the vocabulary; did you mean {refund-verbs}? (at column 4)",
        ),
        (
            "{request}",
            "{request} is not a family of the vocabulary; did you mean "
            "{requests}, {excuses}, {refund-verbs}? (at column 1)",
        ),
        ("{Refund}", "{Refund} is not a family name: names are lower-case words and hyphens (at column 1)"),
        (
            "{refund-verbs:ed}",
            "{refund-verbs:ed}: unknown form 'ed'; use one of: all, base, s, ing, past (at column 1)",
        ),
        ("<1x>", "<1x> is not a slot name: use letters, digits and _ (like <action>) (at column 1)"),
        ("we <x y>", "<x y> is not a slot name: use letters, digits and _ (like <action>) (at column 4)"),
        ("<x-y: we>", "<x-y> is not a slot name: use letters, digits and _ (like <action>) (at column 1)"),
        (
            "we ^ can",
            "`^` is not part of the phrase language; for RE2, start the pattern with `re:` (at column 4)",
        ),
    ],
)
def test_a_pattern_the_language_cannot_read_says_what_to_write(pattern: str, message: str) -> None:
    with pytest.raises(PhraseError) as caught:
        _compiler().compile(pattern)
    assert str(caught.value) == message
    assert not caught.value.re2_sign


def _re2_message(sign: str, column: int) -> str:
    return (
        f"`{sign}` is RE2, not the phrase language: write the words (see the bank README's Phrase language), "
        f"or start the pattern with `re:` to keep it as raw RE2 (at column {column})"
    )


@pytest.mark.parametrize(
    ("pattern", "sign", "column"),
    [
        ("(?:we|I) can't help", "(?", 1),
        ("we can't help\\b", "\\", 14),
        (r"\bwe", "\\", 1),
        ("we [^a] can", "[^", 4),
        ("we can*", "*", 7),
        ("we can+", "+", 7),
        ("colou?r", "?", 6),
        ("w{2}e", "{2", 2),
        # The family reference of RE2 patterns from before the language.
        ("we {{refund-verbs}}", "{{", 4),
    ],
)
def test_re2_in_a_phrase_pattern_is_named_as_re2(pattern: str, sign: str, column: int) -> None:
    with pytest.raises(PhraseError) as caught:
        _compiler().compile(pattern)
    assert str(caught.value) == _re2_message(sign, column)
    assert caught.value.re2_sign
    assert caught.value.column == column


def test_a_bank_names_the_entry_and_pattern_a_phrase_error_is_in() -> None:
    with pytest.raises(BankError) as caught:
        _engine("we can not help", "we [can")
    assert [(p.entry, p.field, p.message) for p in caught.value.problems] == [
        ("test.rule", "patterns[1]", "`[` is never closed: add `]` after the words it holds (at column 4)")
    ]


def test_a_bank_suggests_the_families_close_to_an_unknown_one() -> None:
    with pytest.raises(BankError) as caught:
        _engine("we {refund-verb} it")
    assert [p.message for p in caught.value.problems] == [
        "{refund-verb} is not a family of the vocabulary; did you mean {refund-verbs}? (at column 4)"
    ]


SELF = Family("refusals", phrases=("{refusals} no", "nope"))
LOOP_A = Family("loop-a", phrases=("{loop-b}",))
LOOP_B = Family("loop-b", phrases=("x {loop-a}",))


def test_a_family_that_contains_itself_is_refused() -> None:
    with pytest.raises(PhraseError) as caught:
        _compiler(SELF).compile("we {refusals}")
    assert str(caught.value).startswith(
        "family 'refusals', phrase '{refusals} no': family 'refusals' contains itself (refusals -> refusals)"
    )
    with pytest.raises(PhraseError) as caught:
        _compiler(LOOP_A, LOOP_B).compile("{loop-a}")
    assert "family 'loop-a' contains itself (loop-a -> loop-b -> loop-a)" in str(caught.value)
    with pytest.raises(BankError) as caught:
        _engine("we {loop-b}", families=(LOOP_A, LOOP_B))
    # Each family of the loop is refused on its own, and so is the pattern that names one.
    problems = caught.value.problems
    assert [(p.entry, p.field) for p in problems] == [
        ("loop-a", "family"),
        ("loop-b", "family"),
        (problems[2].entry, "patterns[0]"),
    ]
    assert all("contains itself" in p.message for p in problems)
    assert "contains itself (loop-b -> loop-a -> loop-b)" in problems[2].message


def test_a_family_that_contains_itself_is_named_once_with_one_column() -> None:
    with pytest.raises(PhraseError) as caught:
        _compiler(SELF).compile("we {refusals}")
    assert str(caught.value) == (
        "family 'refusals', phrase '{refusals} no': family 'refusals' contains itself (refusals -> refusals) "
        "(at column 4)"
    )


def test_a_family_that_contains_itself_is_refused_even_unused() -> None:
    with pytest.raises(BankError):
        _engine("we can not help", families=(SKIPPABLE, SELF))


def test_a_slot_named_in_two_alternatives_is_refused_or_filled() -> None:
    try:
        engine = _engine("(we can not <x> | we will not <x>)", rewrite=SHOW_SLOT)
    except BankError as err:
        assert "<x>" in str(err)
        return
    assert _slots(engine, "We can't refund it.") == [("We can't refund it", "<refund it>")]
    assert _slots(engine, "We won't refund it.") == [("We won't refund it", "<refund it>")]


# Compiled patterns are RE2 programs (RE2 matches in time linear in the draft)

_CONSTRUCTS = [
    "refund",
    "~refund",
    "we can't help",
    "{refund-verbs}",
    "{refund-verbs:base} it",
    "the {requests}",
    "we {no-help}",
    "per {excuses}",
    "we [still] can not",
    "we [still | just] can not",
    "(we | I) can not help",
    "we ... help",
    "we can not <x>",
    "we <x?> now",
    "<x: we can not> help",
    "<x: we can not ...>",
    "<x: (a | b) [c]> d",
    "thanks !",
    "no , sorry.",
    "thanks \U0001f64f",
    "a $5 fee",
    r"re:we can not (?P<x>\w+)",
]


@pytest.mark.parametrize("pattern", _CONSTRUCTS)
def test_every_construct_compiles_to_an_re2_program(pattern: str) -> None:
    compiler = _compiler()
    regex = compile_pattern(compiler.compile(pattern))
    assert regex.programsize < 20_000
    assert compiler.view_of(pattern) in ("core", "canonical")
    regex.search("we can not help, thanks " * 50)


_ATOMS = [
    "we",
    "can't",
    "refund",
    "Acme's",
    "24/7",
    "e-mail",
    "$5",
    "\U0001f64f",
    "~refund",
    "{refund-verbs}",
    "{refund-verbs:past}",
    "{excuses}",
    "{no-help}",
    "...",
    ",",
    ".",
    "!",
    ";",
]


def _sequences(depth: int) -> st.SearchStrategy[str]:
    atom = st.sampled_from(_ATOMS)
    if depth == 0:
        return st.lists(atom, min_size=1, max_size=4).map(" ".join)
    inner = _sequences(depth - 1)
    pair = st.tuples(inner, inner)
    group = st.one_of(
        inner.map(lambda s: f"[{s}]"),
        pair.map(lambda ab: f"[{ab[0]} | {ab[1]}]"),
        pair.map(lambda ab: f"({ab[0]} | {ab[1]})"),
    )
    return st.lists(st.one_of(atom, group), min_size=1, max_size=4).map(" ".join)


_PARTS = _sequences(2)
_PATTERNS = st.tuples(
    _PARTS,
    st.lists(
        st.one_of(
            _PARTS,
            _PARTS.map(lambda s: f"<a: {s}>"),
            _PARTS.map(lambda s: f"<b: {s} ...>"),
            st.just("<c>"),
            st.just("<d?>"),
        ),
        max_size=3,
        # A slot is named once in a pattern (a second one is refused: see the slot tests).
        unique_by=lambda s: s[1] if s.startswith("<") else s,
    ),
).map(lambda p: " ".join([p[0], *p[1]]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_PATTERNS, st.text(alphabet="we can not refund it, 24/7 $5 \U0001f64f.!'", max_size=80))
def test_any_pattern_of_the_language_is_an_re2_program(pattern: str, draft: str) -> None:
    source = _compiler().compile(pattern)
    regex = compile_pattern(source)
    slots = {name for name in ("a", "b", "c", "d") if f"<{name}" in pattern}
    assert set(regex.groupindex) == slots
    regex.search(draft)


# Any plain phrase matches every spelling of its contractions

_SPELLINGS = {
    "can not": ("can't", "cannot", "can not", "cant", "CAN'T", "can\u2019t"),
    "will not": ("won't", "wont", "will not", "Won\u2019t"),
    "do not": ("don't", "dont", "do not"),
    "did not": ("didn't", "did not"),
    "we are": ("we're", "we are", "We\u2019re", "were"),
    "you will": ("you'll", "you will"),
    "I am": ("I'm", "Im", "I am", "I\u2019m"),
    "let us": ("let's", "let us"),
    "they would": ("they'd", "they would"),
}
_UNITS = st.sampled_from(["refund", "help", "order", "today", "Acme's", *_SPELLINGS])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_UNITS, st.integers(0, 5), st.integers(0, 5)), min_size=1, max_size=5))
def test_a_plain_phrase_matches_every_spelling_of_its_contractions(units: list[tuple[str, int, int]]) -> None:
    def spelling(unit: str, choice: int) -> str:
        # "were" is a word of its own, never "we're": the pattern spells "we are" some other way.
        # Patterns are written with straight apostrophes (see the curly-apostrophe test).
        options = [s for s in _SPELLINGS.get(unit, (unit,)) if s != "were" and "\u2019" not in s]
        return options[choice % len(options)]

    pattern = " ".join(spelling(unit, written) for unit, written, _ in units)
    phrase = " ".join(
        _SPELLINGS.get(unit, (unit,))[drafted % len(_SPELLINGS.get(unit, (unit,)))]
        for unit, _, drafted in units
    )
    expected = [] if "were" in phrase.split() else [phrase]
    assert _flagged(_engine(pattern), f"Hello there. {phrase} thanks.") == expected


# {subject-name}: the company's name as the subject of the agent's own sentence


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Acme can't refund opened software.", "Acme can't refund"),
        ("Thanks for asking. Northwind Telecom cannot refund it.", "Northwind Telecom cannot refund"),
        ("Hi Sam, Brightline is unable to refund it.", None),  # "is unable to" is not "can not"
        ("Sorry, Acme can\u2019t refund it.", "Acme can\u2019t refund"),
        # A capitalised word after a lower-case one is a name wherever it stands.
        ("We spoke to them and Acme can't refund it.", "Acme can't refund"),
        ("@sam_k Acme cant refund it.", "Acme cant refund"),
        # After a word that opens the sentence without its comma (a hurried reply), the name still opens the
        # clause.
        ("Unfortunately Acme can't refund it.", "Acme can't refund"),
        ("Sorry Northwind Telecom cannot refund it.", "Northwind Telecom cannot refund"),
        ("Thanks. Sadly Acme can't refund it.", "Acme can't refund"),
        # Its verb said with weight, in capitals.
        ("Acme CAN'T refund it.", "Acme CAN'T refund"),
        ("Sorry, Acme CANNOT refund it.", "Acme CANNOT refund"),
    ],
)
def test_a_capitalised_name_opening_a_clause_is_a_subject_name(draft: str, flagged: str | None) -> None:
    engine = _engine("{subject-name} can not refund")
    assert _flagged(engine, draft) == ([flagged] if flagged else [])


@pytest.mark.parametrize(
    "draft", ["Acme said this.", "Thanks. Acme already told you this.", "Acme sent this."]
)
def test_a_name_before_a_past_without_ed_is_a_subject_name(draft: str) -> None:
    engine = _engine("{subject-name} [already] (said | told you | sent) this")
    assert _flagged(engine, draft) == [draft.removeprefix("Thanks. ").removesuffix(".")]


@pytest.mark.parametrize(
    "draft",
    [
        "You can't refund it here.",  # a pronoun, not a name
        "This can't refund itself.",
        "Refunds can't refund twice.",  # a capitalised common word that opens the sentence
        "I told acme can't refund it.",  # not capitalised
        "We emailed Acme yesterday. Refund it.",  # no verb after the name
        "Hi Sam can't refund it.",  # after a greeting, the capitalised word is the customer's name
        "Thanks Sam can't refund it.",
    ],
)
def test_what_is_not_a_subject_name(draft: str) -> None:
    assert _flagged(_engine("{subject-name} can not refund"), draft) == []


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("We are NOT allowed to refund it.", "We are NOT allowed to refund"),
        ("We can NOT do that.", "We can NOT do that"),
        ("Our team is NEVER allowed to refund it.", "Our team is NEVER allowed to refund"),
        ("I'm really NOT allowed to refund it.", "I'm really NOT allowed to refund"),
    ],
)
def test_a_grammar_word_in_capitals_is_emphasis_not_a_name(draft: str, flagged: str) -> None:
    # "NOT" after a lower-case word and before a verb is shaped like a name ("we told Acme today"); a grammar
    # word said with weight never is one, so "not" is still the word the pattern reads.
    pattern = "(we | I | our team) ((am | are | is) (not | never) allowed to refund | can not do that)"
    engine = _engine(pattern)
    assert _flagged(engine, draft) == [flagged]


def test_an_empty_slot_leaves_no_space_before_punctuation_in_a_rewrite() -> None:
    engine = _engine("we can not help <rest?>", rewrite="I wish I could help {rest}, and here is another way")
    [flag] = engine.analyze("We can't help.").flags
    assert flag.suggestions[0].text == "I wish I could help, and here is another way"
    [flag] = engine.analyze("We can't help with refunds.").flags
    assert flag.suggestions[0].text == "I wish I could help with refunds, and here is another way"


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Sorry to hear that.", "Sorry to hear that"),
        ("Sorry to hear that! We're on it.", "Sorry to hear that"),
        ("sorry to hear that, we'll fix it", "sorry to hear that"),
        ("Sorry to hear that", "Sorry to hear that"),
        ("Sorry to hear that :( ", "Sorry to hear that"),
        # Skippable words and asides are stepped over before the clause ends.
        ("Sorry to hear that, really.", "Sorry to hear that"),
        # Naming what happened: the clause goes on.
        ("Sorry to hear that the parcel is late.", None),
        ("Sorry to hear that it's late.", None),
        ("Sorry to hear that's late.", None),
    ],
)
def test_end_matches_where_the_clause_ends_and_leaves_the_punctuation_out(
    draft: str, flagged: str | None
) -> None:
    engine = _engine("sorry to hear that <end>")
    assert _flagged(engine, draft) == ([flagged] if flagged else [])


def test_end_in_one_alternative_of_a_choice_and_with_a_slot() -> None:
    engine = _engine("we can not <x: help | do (that | it)> <end>", rewrite=SHOW_SLOT)
    assert _slots(engine, "We can't do it. Sorry.") == [("We can't do it", "<do it>")]
    assert _slots(engine, "We can't do it today.") == []
    engine = _engine("we can not (help | do (that | it <end>))")
    # Either the next word or the clause's end.
    assert _flagged(_engine("sorry (to | <end>)"), "Sorry. Sorry now. Sorry to say.") == ["Sorry", "Sorry to"]
    assert _flagged(engine, "We can't do it. Sorry.") == ["We can't do it"]
    assert _flagged(engine, "We can't do it today.") == []
    assert _flagged(engine, "We can't do that today.") == ["We can't do that"]
    assert _flagged(engine, "We can't help today.") == ["We can't help"]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (
            "sorry <end> to hear",
            "<end> marks where the clause ends: write it last, after the words it closes",
        ),
        ("<end>", "<end> needs the words it closes before it"),
        (
            "sorry <end?>",
            "<end> marks where the clause ends and holds no words: write it as <end> (at column 7)",
        ),
        ("<what: sorry <end>>", "<end> stands outside a slot: write it after <what: ...>"),
        ("sorry <_x>", "<_x> is not a slot name: use letters, digits and _ (like <action>) (at column 7)"),
    ],
)
def test_end_misplaced_is_refused_in_the_languages_terms(pattern: str, message: str) -> None:
    with pytest.raises(PhraseError) as caught:
        _compiler().compile(pattern)
    assert str(caught.value) == message


def test_end_in_a_familys_phrase_is_refused() -> None:
    ends = Family("ends", phrases=("that <end>",))
    with pytest.raises(PhraseError) as caught:
        _compiler(ends).compile("sorry to hear {ends}")
    assert "family 'ends': <end> belongs in a pattern, not in a family's phrase" in str(caught.value)


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Relax.", "Relax"),
        ("OK, relax!", "relax"),
        ("Hi Sam, relax.", "relax"),
        ("I hear you. Relax, it's sorted.", "Relax"),
        ("@sam_k Relax, it's sorted.", "Relax"),  # the handles it is addressed to come first
        ("Thanks. @sam_k @acme relax", "relax"),
        ('She wrote: "relax"', None),  # quoted: someone else's words
        # Skippable words opening the clause are stepped over, at the draft's start too.
        ("Sadly relax.", "relax"),
        ("OK. Currently relax.", "relax"),
        # "but" opens a clause of its own, after punctuation or not; the flag starts after it.
        ("I'm sorry, but relax.", "relax"),
        ("Sorry but relax.", "relax"),
        ("But relax, it's sorted.", "relax"),
        # Words before it in its clause: the clause started earlier.
        ("Sit back and relax.", None),
        ("Time to relax.", None),
        ("You can relax now.", None),
        ("Nothing but relaxing.", None),
    ],
)
def test_start_matches_where_the_clause_starts_and_leaves_the_punctuation_out(
    draft: str, flagged: str | None
) -> None:
    engine = _engine("<start> relax")
    assert _flagged(engine, draft) == ([flagged] if flagged else [])


def test_start_reads_past_the_mark_of_a_capitalised_first_word() -> None:
    # "Partial refunds are" reads like "Acme refunds ...": the canonical view marks "Partial" as a subject's
    # name; a clause that opens with it still opens with its words.
    engine = _engine("<start> [partial] refunds are not available")
    assert _flagged(engine, "Partial refunds are not available. Sorry, refunds are not available.") == [
        "Partial refunds are not available",
        "refunds are not available",
    ]
    sadly = "Sadly partial refunds are not available"
    assert _flagged(engine, sadly) == ["partial refunds are not available"]
    assert _flagged(engine, "We said partial refunds are not available") == []


def test_start_in_one_alternative_with_a_gap_an_optional_word_and_end() -> None:
    assert _flagged(_engine("<start> relax <end> | and relax"), "Relax. Stop and relax now.") == [
        "Relax",
        "and relax",
    ]
    assert _flagged(_engine("<start> relax <end>"), "Relax now. Sit back and relax.") == []
    # A clause's end is the next one's start: each of a run of short clauses is flagged.
    assert _flagged(_engine("<start> relax <end>"), "Relax. Relax! Relax.Relax") == ["Relax"] * 4
    engine = _engine("<start> [please] ... calm down")
    assert _flagged(engine, "Please calm down. Sam calm down. Yes, please calm down") == [
        "Please calm down",
        "Sam calm down",
        "please calm down",
    ]
    assert _flagged(engine, "I said calm down") == ["I said calm down"]
    assert _flagged(engine, "I said that you should calm down") == []


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (
            "relax <start>",
            "<start> marks where the clause starts: write it first, before the words it opens",
        ),
        ("<start>", "<start> needs the words it opens after it"),
        ("<start> <end>", "<start> needs the words it opens after it"),
        (
            "relax <start?>",
            "<start> marks where the clause starts and holds no words: write it as <start> (at column 7)",
        ),
        ("<what: <start> relax>", "<start> stands outside a slot: write it before <what: ...>"),
        (
            "(<start> | so) relax",
            "<start> stands outside brackets: write it first in the pattern, or first in one of its "
            "alternatives (`<start> relax | and relax`)",
        ),
        (
            "[<start>] relax",
            "<start> stands outside brackets: write it first in the pattern, or first in one of its "
            "alternatives (`<start> relax | and relax`)",
        ),
    ],
)
def test_start_misplaced_is_refused_in_the_languages_terms(pattern: str, message: str) -> None:
    with pytest.raises(PhraseError) as caught:
        _compiler().compile(pattern)
    assert str(caught.value) == message


def test_start_in_a_familys_phrase_is_refused() -> None:
    starts = Family("starts", phrases=("<start> so",))
    with pytest.raises(PhraseError) as caught:
        _compiler(starts).compile("{starts} relax")
    assert "family 'starts': <start> belongs in a pattern, not in a family's phrase" in str(caught.value)


@pytest.mark.parametrize(
    ("draft", "flagged"),
    [
        ("Wait 24 hours.", "Wait 24 hours"),
        ("Wait 3-5 days.", "Wait 3-5 days"),
        ("Wait 3 to 5 days.", "Wait 3 to 5 days"),
        ("Wait 2.5 hours.", "Wait 2.5 hours"),
        ("Wait two hours.", None),  # words are the vocabulary's to list
        ("Wait a24 hours.", None),
    ],
)
def test_number_is_a_number_in_digits_or_a_range_of_them(draft: str, flagged: str | None) -> None:
    engine = _engine("wait {number} (hours | days)")
    assert _flagged(engine, draft) == ([flagged] if flagged else [])
