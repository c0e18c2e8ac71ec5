"""The parts of LanguageTool's API that need no service: annotated text's offsets, rewrites as replacements of
the flagged words, context cut in UTF-16 code units, and how parameters are read."""

from __future__ import annotations

import pytest
from replycoach.bank.model import Entry, Rewrite
from replycoach.engine.results import Flag, Span, Suggestion
from replycoach.ltapi.annotated import read_data
from replycoach.ltapi.matches import Utf16, _context, _replacements
from replycoach.ltapi.params import LtError, form_values

ANNOTATION = (
    '{"annotation": [{"markup": "<p>"}, {"text": "Hi"}, {"markup": "<br/>", "interpretAs": "\\n"},'
    ' {"text": "calm down"}, {"markup": "</p>", "interpretAs": "\\n\\n"}]}'
)


def test_annotated_text_checks_the_text_with_markup_read_as_it_says() -> None:
    annotated = read_data(ANNOTATION)
    assert annotated.plain == "Hi\ncalm down\n\n"
    assert annotated.original == "<p>Hi<br/>calm down</p>"
    # "calm down" in the plain text is after "<p>Hi<br/>" in the original.
    assert annotated.span(3, 12) == (10, 19)
    assert annotated.original[10:19] == "calm down"
    # A span starting inside an interpretation starts at its markup; one ending inside it ends as far into
    # the markup as into the interpretation.
    assert annotated.span(2, 4) == (5, 11)
    assert annotated.span(12, 14) == (19, 23)


def test_plain_data_and_empty_text() -> None:
    annotated = read_data('{"text": "calm down"}')
    assert (annotated.plain, annotated.original, annotated.span(0, 4)) == ("calm down", "calm down", (0, 4))
    with pytest.raises(LtError) as caught:
        read_data('{"annotation": {"text": "a"}}')
    assert (caught.value.status, caught.value.message) == (400, "'annotation' in 'data' must be a list")


def test_parameters_are_read_as_languagetool_reads_them() -> None:
    assert form_values("text=b", "text=a&language=en&flag&x=1+2%2B3") == {
        "text": "b",
        "language": "en",
        "x": "1 2+3",
    }


def _flag(text: str, start: int, end: int, *suggestions: Suggestion) -> Flag:
    entry = Entry(
        id="test.rule",
        category="refusal",
        severity="warning",
        patterns=("x",),
        message="m",
        why="w",
        rewrites=(Rewrite("r", "phrase"),),
        flag_examples=(),
        pass_examples=(),
    )
    return Flag(f"test.rule@{start}", entry, text[start:end], Span(start, end, start, end), suggestions)


def test_every_rewrite_becomes_a_replacement_of_the_flagged_words_where_it_can() -> None:
    text = "Thanks. We can't refund it. Bye."
    start, end = text.index("We can't"), text.index(" it.")
    sentence = (text.index("We"), text.index(" Bye"))
    phrase = Suggestion("We're unable to refund", Span(start, end, start, end), "phrase")
    whole = Suggestion("I wish I could refund it.", Span(*sentence, *sentence), "sentence")
    insert_at = text.index("We")
    insert = Suggestion("I hear you. ", Span(insert_at, insert_at, insert_at, insert_at), "insert")
    other = Suggestion("Sorry, no refunds.", Span(*sentence, *sentence), "sentence")
    flag = _flag(text, start, end, phrase, whole, insert, other)
    assert _replacements(flag, text) == [
        "We're unable to refund",
        "I wish I could refund",  # the sentence's rewrite, its untouched " it." kept out of it
        "I hear you. We can't refund",  # the inserted sentence, before the flagged words
    ]  # "Sorry, no refunds." changes " it." too: it cannot be said as a replacement of the words


def test_context_cuts_by_utf16_units_and_never_splits_a_character() -> None:
    text = "😀" * 30 + " calm down " + "😀" * 30
    original = Utf16(text)
    offset = original.units(text.index("calm"))
    context = _context(original, offset, 9)
    # 40 units before "calm" fall inside an emoji (two units): the cut moves past it, not through it.
    assert context["text"] == "..." + "😀" * 19 + " calm down " + "😀" * 19 + "..."
    assert context["offset"] == 3 + 19 * 2 + 1
    units = context["text"].encode("utf-16-le")
    assert units[context["offset"] * 2 : (context["offset"] + 9) * 2].decode("utf-16-le") == "calm down"
