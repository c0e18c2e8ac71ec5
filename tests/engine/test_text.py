"""Text helpers: matching normalization maps back exactly, sentences split where a reader would."""

from __future__ import annotations

import itertools

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


def test_normalize_reads_html_entities_as_their_characters_and_maps_back() -> None:
    text = "We can&#x27;t,&nbsp; &nbsp;see T&amp;Cs &#8220;now&#8221; &bogus; &#10;ok"
    norm = normalize(text)
    assert norm.text == 'We can\'t, see T&Cs "now" &bogus; ok'
    # Each entity is one character whose bounds map to the entity's own.
    apostrophe = norm.text.index("'")
    assert text[norm.to_original(apostrophe) : norm.to_original(apostrophe + 1)] == "&#x27;"
    ampersand = norm.text.index("&")
    assert text[norm.to_original(ampersand) : norm.to_original(ampersand + 1)] == "&amp;"
    assert text[norm.to_original(norm.text.index("T&Cs")) : norm.to_original(norm.text.index(' "now'))] == (
        "T&amp;Cs"
    )
    assert norm.to_original(len(norm.text)) == len(text)


def test_an_html_escaped_draft_gets_the_same_flags_at_its_own_characters() -> None:
    from replycoach import default_engine

    engine = default_engine()
    plain = engine.analyze("We can't refund it, it's our policy.")
    escaped_text = "We can&#x27;t refund it, it&#x27;s our policy."
    escaped = engine.analyze(escaped_text)
    assert [f.entry.id for f in escaped.flags] == [f.entry.id for f in plain.flags]
    assert [f.text for f in escaped.flags][0] == "We can&#x27;t refund it"
    assert all(escaped_text[f.span.start : f.span.end] == f.text for f in escaped.flags)


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


def _normalized_by_hand(text: str) -> str:
    """What normalizing means, written the slow and obvious way: entities read, quotes straightened, every
    whitespace run (Python's own whitespace) one space."""
    import html
    import re

    def entity(match: re.Match[str]) -> str:
        read = html.unescape(match.group())
        return " " if read.isspace() else read if len(read) == 1 else match.group()

    text = re.sub(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});", entity, text)
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", " ", text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "b",
                " ",
                "  ",
                "\n",
                "\t",
                "\u00a0",
                "\u2028",
                "\u3000",
                "\u00e9",
                "\U0001f600",
                "\u2019",
                "&amp;",
                "&nbsp;",
                "&#10;",
                "&#x27;",
                "&#8220;",
                "&bogus;",
                "&",
                ";",
                "#",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_normalize_is_what_it_means_and_maps_every_character_back(text: str) -> None:
    norm = normalize(text)
    assert norm.text == _normalized_by_hand(text)
    # Each normalized character stands for a stretch of the original, in order, covering all of it.
    bounds = [norm.to_original(i) for i in range(len(norm.text) + 1)]
    assert bounds[0] == 0 and bounds[-1] == len(text)
    assert all(a < b for a, b in itertools.pairwise(bounds))
