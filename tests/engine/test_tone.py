"""The draft's polarity: the very number TextBlob's pattern analyzer gives, for any text."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from replycoach import Engine
from replycoach.engine.tone import polarity
from textblob import TextBlob


def textblob_polarity(text: str) -> float:
    return float(TextBlob(text).sentiment.polarity)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Thanks for writing in, I've refunded the order.",
        "That is not good.",
        "That is not very good.",
        "That is really not good.",
        "It was a very good idea!",
        "Great!!! Really great!",
        "The update isn't great, and it won't help much.",
        "Sorry, that's terrible news.\n\nI'll chase the courier today; it's absolutely awful.",
        "We'll sort it out e.g. by Friday, Mr. Jones; the U.S. team is helpful.",
        "Glad it worked :)",
        "That went well (!)",
        "Thanks :-( that is sad",
        "Box D is fine and the dock is xD ready",
        "Caf\u00e9 service was lovely \U0001f600 and the na\u00efve fix was \u201cgreat\u201d.",
        "It\u2019s not the worst, it\u2019s merely bad.",
        "no never not good happy-go-lucky well-off top-notch",
        "@sam #help great, *great* [great] {great} `great` ~great~ ...great...",
    ],
)
def test_polarity_is_textblobs(text: str) -> None:
    assert polarity(text) == textblob_polarity(text)


_PIECES = [
    "good",
    "bad",
    "very",
    "really",
    "not",
    "never",
    "no",
    "n't",
    "isn't",
    "it's",
    "a",
    "the refund",
    "terribly",
    "!",
    "?",
    ".",
    "...",
    ",",
    ":)",
    ":",
    ")",
    "(",
    "'",
    '"',
    "\u2019",
    "e.g.",
    "U.S.",
    "Mr.",
    "\n\n",
    "\n",
    "\r\n",
    "\t",
    "don't",
    "we'd",
    "\u2018quoted\u2019",
    "\U0001f600",
    "caf\u00e9",
    "\u00bd",
    "x2",
    "ABC",
    "happy",
    "sorry",
    "unfortunately",
]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=30).flatmap(
    lambda pieces: st.lists(st.sampled_from(["", " "]), min_size=len(pieces), max_size=len(pieces)).map(
        lambda gaps: "".join(p + g for p, g in zip(pieces, gaps, strict=True))
    )
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_polarity_is_textblobs_for_any_mix_of_words_and_marks(text: str) -> None:
    assert polarity(text) == textblob_polarity(text)


def test_analysis_reports_the_drafts_textblob_polarity(basic: Engine) -> None:
    text = "Calm down. It's not great, but I'm really happy to help!"
    analysis = basic.analyze(text)
    assert analysis.to_dict()["tone"]["draft"] == {"polarity": round(textblob_polarity(text), 3)}
    assert analysis.draft_polarity == 0.186


def _textblob_tokens(piece: str) -> tuple[str, ...]:
    from textblob import _text

    return tuple(t.lower() for sentence in _text.find_tokens(piece) for t in sentence.split())


_ALNUM = string.ascii_letters + string.digits
# The pieces the walk splits without TextBlob's tokenizer, as many ways as they come.
_SHORT_CUT_PIECES = st.one_of(
    st.text(alphabet=string.ascii_letters, min_size=1, max_size=20),
    st.tuples(st.text(alphabet=string.ascii_letters, min_size=1, max_size=12), st.sampled_from(",;:!?.")).map(
        "".join
    ),
    st.sampled_from(
        ["Mr.", "Med.", "etc.", "vs.", "a.", "B.", "Thx.", "Mbps.", "Ash.", "Y.", "Order.", "fig."]
    ),
    st.lists(
        st.tuples(st.text(alphabet=_ALNUM, min_size=1, max_size=8), st.sampled_from(["_", "__", "___"])),
        min_size=1,
        max_size=4,
    ).map(lambda parts: "@" + "".join(p + u for p, u in parts)[: -len(parts[-1][1])]),
    st.tuples(
        st.sampled_from(["http://", "https://"]),
        st.lists(st.text(alphabet=_ALNUM, min_size=1, max_size=8), min_size=2, max_size=4).map(".".join),
        st.lists(st.text(alphabet=_ALNUM + "_~%?=&+#.-", max_size=12), max_size=4).map(
            lambda segments: "".join("/" + s for s in segments)
        ),
        st.sampled_from([*_ALNUM, "/"]),
    ).map("".join),
)


@settings(max_examples=1500, deadline=None)
@given(_SHORT_CUT_PIECES)
def test_the_pieces_the_walk_splits_itself_are_split_as_textblob_splits_them(piece: str) -> None:
    """The walk's short cuts (a word, a word and a mark or a dot, an @handle, a plain link) give TextBlob's
    tokens."""
    from replycoach.engine.tone import _split

    assert _split(piece) == _textblob_tokens(piece)
