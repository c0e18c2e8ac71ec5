"""Text helpers: matching normalization maps back exactly, sentences split where a reader would."""

from __future__ import annotations

from replycoach.engine.text import Utf16Offsets, normalize, sentence_body, sentence_bounds


def test_normalize_straightens_quotes_and_collapses_whitespace() -> None:
    text = "We\u2019re  here\r\n\t\u201cnow\u201d"
    norm = normalize(text)
    assert norm.text == 'We\'re here "now"'
    assert [norm.to_original(i) for i in (0, 5, 9, 10, 11, len(norm.text))] == [
        0,
        5,
        10,
        11,
        14,
        len(text),
    ]


def test_utf16_offsets_count_astral_characters_twice() -> None:
    to16 = Utf16Offsets("a😀b😀c")
    assert [to16(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]


def test_sentence_bounds() -> None:
    text = "Hi Jo! I checked, e.g. the logs. Done?\nNext line \u201cquoted.\u201d  Last"
    assert [text[s:e] for s, e in sentence_bounds(text)] == [
        "Hi Jo!",
        "I checked, e.g. the logs.",
        "Done?",
        "Next line \u201cquoted.\u201d",
        "Last",
    ]


def test_sentence_body_skips_handles_and_greeting() -> None:
    text = "@acme @sam Hello Sam, calm down please. Thanks"
    sentences = sentence_bounds(text)
    start, end = sentence_body(text, sentences, text.index("calm"))
    assert text[start:end] == "calm down please"
