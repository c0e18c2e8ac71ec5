"""Text helpers: matching normalization maps back exactly, sentences split where a reader would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from replycoach.engine.text import Utf8Text, Utf16Offsets, normalize, sentence_body, sentence_bounds


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


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(["a", " ", "\u00e9", "\u20ac", "\U0001f600", "'", "\u2019"]), max_size=40
    )
)
def test_utf8_offsets_map_code_points_to_bytes_and_back(text: str) -> None:
    utf8 = Utf8Text(text)
    assert utf8.data == text.encode("utf-8")
    for index in range(len(text) + 1):
        offset = len(text[:index].encode("utf-8"))
        assert (utf8.to_bytes(index), utf8.to_chars(offset)) == (offset, index)
