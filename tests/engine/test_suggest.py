"""Suggestion texts: slots carry the draft's facts, casing and punctuation follow the draft."""

from __future__ import annotations

from replycoach import Engine
from replycoach.bank.model import Rewrite
from replycoach.engine.suggest import render


def suggestions(engine: Engine, text: str) -> list[tuple[str, str]]:
    """(replaced text, suggestion text) for every suggestion of every flag."""
    return [
        (text[s.span.start : s.span.end], s.text) for f in engine.analyze(text).flags for s in f.suggestions
    ]


def test_slot_keeps_the_drafts_fact(basic: Engine) -> None:
    assert suggestions(basic, "You will have to wait 48 hours.")[0] == (
        "You will have to wait 48 hours",
        "I'll make sure you hear from me within 48 hours",
    )


def test_capital_at_sentence_start_lowercase_mid_sentence(basic: Engine) -> None:
    assert suggestions(basic, "We can't refund this.")[0][1].startswith("We're not able to refund this")
    assert suggestions(basic, "Sadly we can't refund this.")[0][1].startswith("we're not able to refund this")


def test_first_person_rewrite_keeps_capital_i_mid_sentence(basic: Engine) -> None:
    text = "Sorry, you'll have to wait 2 days."
    assert suggestions(basic, text)[0] == (
        "you'll have to wait 2 days",
        "I'll make sure you hear from me within 2 days",
    )


def test_sentence_scope_keeps_greeting_and_closing_punctuation(basic: Engine) -> None:
    text = "Hi Dana, please calm down! We're on it."
    replaced, suggestion = suggestions(basic, text)[0]
    assert replaced == "please calm down"
    assert suggestion == "I can tell how stressful this is, and I want to fix it alongside you"
    start = text.index("please calm down")
    flag = basic.analyze(text).flags[0]
    assert flag.suggestions[0].span.start == start
    assert text[flag.suggestions[0].span.end] == "!"


def test_sentence_scope_covers_whole_sentence(basic: Engine) -> None:
    text = "Ok. Look, please calm down and wait.\nThanks"
    flag = basic.analyze(text).flags[0]
    sentence = flag.suggestions[0]
    assert text[sentence.span.start : sentence.span.end] == "Look, please calm down and wait"
    assert sentence.text == "I can tell how stressful this is, and I want to fix it alongside you"


def test_phrase_keeps_the_drafts_trailing_punctuation(basic: Engine) -> None:
    customer = "I am furious, this is unacceptable!!"
    flag = basic.analyze("Done. Have a great day!", customer).flags[0]
    assert flag.text == "Have a great day!"
    assert [s.text for s in flag.suggestions] == [
        "I'll stay on this until it's fixed!",
        "Thank you for bearing with me while I fix this!",
    ]


def test_rewrite_punctuation_dropped_for_phrase_scope(basic: Engine) -> None:
    # The template ends in "." but the draft's own punctuation follows the phrase.
    text = "You'll have to wait 24 hours, sorry."
    flag = basic.analyze(text).flags[0]
    assert flag.suggestions[0].text == "I'll make sure you hear from me within 24 hours"


def test_rewrite_of_first_person_phrase_after_greeting_starts_lowercase(basic: Engine) -> None:
    flag = basic.analyze("Hi Dana, I'm sorry to hear that.").flags[0]
    assert flag.suggestions[1].text == "that must be so frustrating, and I'm glad you told us"


def test_rewrite_of_first_person_phrase_after_handles_starts_capital(basic: Engine) -> None:
    flag = basic.analyze("@dana I'm sorry to hear that.").flags[0]
    assert flag.suggestions[1].text == "That must be so frustrating, and I'm glad you told us"
    mid = basic.analyze("Oh, I'm sorry to hear that.").flags[0]
    assert mid.suggestions[1].text == "that must be so frustrating, and I'm glad you told us"


def test_rewrite_opening_with_a_slot_opens_the_sentence_with_a_capital() -> None:
    rewrite = Rewrite("{task} {steps} to get straight through to {where}", "phrase")
    draft = "Thanks. Please use the form below to reach our support team. Bye."
    start = draft.index("Please")
    end = draft.index(". Bye")
    slots = {"task": "use", "steps": "the form below", "where": "our support team"}
    sentences = [(0, 7), (8, end + 1), (end + 2, len(draft))]
    made = render(rewrite, draft, (start, end), slots, sentences)
    assert made.text == "Use the form below to get straight through to our support team"
    # Mid-sentence, and where the match starts with the slot itself, the slot's own characters stay.
    mid = render(rewrite, draft, (start + len("Please "), end), slots, sentences)
    assert mid.text == "use the form below to get straight through to our support team"
    named = render(
        Rewrite("{where} can help", "phrase"),
        "Ask acme support.",
        (4, 16),
        {"where": "acme support"},
        [(0, 17)],
    )
    assert named.text == "acme support can help"
