"""Properties over any text: offsets slice exactly, rewrites touch only their spans, nothing raises."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from replycoach import Engine, default_engine

_ENGINE = default_engine()
# Phrases the bank flags, mixed into random text so that the properties are exercised on real flags.
_PHRASES = sorted({ex.flagged or "" for e in _ENGINE.bank.entries for ex in e.flag_examples})
_PIECES = list("ab zZ.,!?'\u2019\u201c\u201d-\n\r\t") + [
    "\r\n",
    "😀",
    "🙏🏽",
    "e\u0301",
    "\u200b",
    "\u00a0",
    "ß",
    "İ",
    "你",
    "@sam ",
    "Hi Jo, ",
]
_NOISE = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)
_DRAFTS = st.lists(st.one_of(_NOISE, st.sampled_from(_PHRASES)), max_size=12).map("".join)
_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


@_SETTINGS
@given(_DRAFTS)
def test_offsets_slice_to_the_flag_text_in_both_units(text: str) -> None:
    # With an upset customer the structure checks run too.
    for flag in _ENGINE.analyze(text, "This is unacceptable!!! Third time I ask.").flags:
        assert text[flag.span.start : flag.span.end] == flag.text
        assert _utf16_slice(text, flag.span.start_utf16, flag.span.end_utf16) == flag.text
        for s in flag.suggestions:
            assert _utf16_slice(text, s.span.start_utf16, s.span.end_utf16) == text[s.span.start : s.span.end]
            if s.scope != "insert":
                assert s.span.start <= flag.span.start and flag.span.end <= s.span.end


@_SETTINGS
@given(_DRAFTS, st.data())
def test_rewrite_changes_nothing_outside_accepted_spans(text: str, data: st.DataObject) -> None:
    flags = _ENGINE.analyze(text).flags
    chosen = data.draw(st.lists(st.sampled_from([f.id for f in flags]), unique=True)) if flags else []
    result = _ENGINE.rewrite(text, chosen)
    by_id = {f.id: f for f in flags}
    expected, cursor = [], 0
    for applied in result.applied:
        top = by_id[applied["id"]].suggestions[0]
        assert top.span.start >= cursor
        expected += [text[cursor : top.span.start], top.text]
        cursor = top.span.end
    expected.append(text[cursor:])
    assert result.text == "".join(expected)
    assert {a["id"] for a in result.applied} | {s["id"] for s in result.skipped} == set(chosen)


@_SETTINGS
@given(st.text(max_size=3000))
def test_analyze_never_raises_on_any_string(text: str) -> None:
    result = _ENGINE.analyze(text, text[:200] or None)
    assert 0 <= result.score <= 100


def test_analyze_at_the_size_limit() -> None:
    text = ("Calm down. We can't do that. I don't know. 😀\r\n" * 500)[:20_000]
    result = _ENGINE.analyze(text)
    assert len(result.flags) > 100
    assert all(text[f.span.start : f.span.end] == f.text for f in result.flags)


def _rewrite_cases() -> list[object]:
    return [
        pytest.param(entry, example, i, id=f"{entry.id}-flag{n}-rewrite{i}")
        for entry in _ENGINE.bank.entries
        for n, example in enumerate(entry.flag_examples)
        for i in range(len(entry.rewrites))
    ]


def _warnings(engine: Engine, text: str, customer: str | None) -> Counter[tuple[str, str]]:
    return Counter(
        (f.entry.id, f.text.lower()) for f in engine.analyze(text, customer).flags if f.severity == "warning"
    )


@pytest.mark.parametrize(("entry", "example", "index"), _rewrite_cases())
def test_no_rewrite_adds_a_warning_to_its_own_examples(entry, example, index) -> None:  # type: ignore[no-untyped-def]
    start = example.text.index(example.flagged)
    flag = next(
        f
        for f in _ENGINE.analyze(example.text, example.customer).flags
        if f.entry.id == entry.id and f.span.start == start
    )
    suggestion = flag.suggestions[index]
    rewritten = example.text[: suggestion.span.start] + suggestion.text + example.text[suggestion.span.end :]
    before = _warnings(_ENGINE, example.text, example.customer)
    after = _warnings(_ENGINE, rewritten, example.customer)
    assert after - before == Counter(), f"{rewritten!r} gained warnings"
