"""`explain`: why an entry flags a draft, what keeps a match quiet, and which entries nearly match, on a small
bank of phrase-language and RE2 entries built here."""

from __future__ import annotations

from typing import Any

import pytest
from replycoach.bank.model import Condition, Entry, Rewrite
from replycoach.bank.vocabulary import Family
from replycoach.engine.compiled import Bank
from replycoach.engine.explain import MAX_NEAR_MISSES, explain
from replycoach.engine.matcher import phrase_compiler
from replycoach.errors import EntryNotFoundError

VOCABULARY = [
    Family("skippable", phrases=("currently", "sadly")),
    Family("agent", phrases=("we", "I")),
    Family("cannot", phrases=("can not", "(am | are) unable to")),
    Family("remedy", verbs=("refund", "change", "help")),
    # What the context checks refusal.we-cant opts into read.
    Family("way-forward", phrases=("but", "{agent} can {remedy:base}")),
    Family("way-forward-opener", phrases=("however",)),
    Family("indirect-question", phrases=("I wonder (why | if)",)),
    # Reported speech, which the agent's own voice excludes.
    Family("reported-speech", phrases=("(you | they) (said | wrote)",)),
]
WE_CANT = "{agent} {cannot} <action: {remedy:base} ...>"
RE2_UNFORTUNATELY = r"unfortunately,? we can't (?P<action>\w+(?: \w+){0,3})"
POLICY = "our policy (does not | will not) (allow | permit) <thing>"


def _entry(entry_id: str, *patterns: str, **fields: Any) -> Entry:
    return Entry(
        id=entry_id,
        category=entry_id.split(".")[0],
        severity=fields.pop("severity", "warning"),
        patterns=patterns,
        message="A message.",
        why="A reason.",
        rewrites=(Rewrite("let me help", "phrase"), Rewrite("here is what I can do", "phrase")),
        flag_examples=(),
        pass_examples=(),
        **fields,
    )


ENTRIES = [
    _entry(
        "refusal.we-cant",
        WE_CANT,
        unless=("{cannot} ... (until | unless)", "can not wait"),
        quiet_when=("question", "alternative-follows"),
    ),
    _entry("negative-framing.unfortunately-we-cant", RE2_UNFORTUNATELY, severity="suggestion"),
    _entry("policy.does-not-allow", POLICY),
    _entry(
        "toxic-positivity.great-day", "have a (great | nice) day", when=Condition(customer_mood=("upset",))
    ),
    _entry("dismissive.calm-down", "calm down", enabled=False),
]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Bank.build(ENTRIES, vocabulary=VOCABULARY)


def _entries(bank: Bank, text: str, customer: str | None = None) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = explain(bank, text, customer).to_dict()["entries"]
    return entries


def _pattern(
    index: int, pattern: str, view: str, matches: list[Any], near_miss: Any = None
) -> dict[str, Any]:
    return {
        "index": index,
        "pattern": pattern,
        "view": view,
        "matched": bool(matches),
        "matches": matches,
        "near_miss": near_miss,
    }


def _match(text: str, start: int, slots: dict[str, str], quiet: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "text": text,
        "start": start,
        "end": start + len(text),
        "slots": slots,
        "stands": not quiet,
        "quiet": quiet,
    }


def _reason(kind: str, label: str, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, "label": label, "pattern": None, "text": None, "start": None, "end": None} | {
        "detail": None,
        **fields,
    }


def test_a_flag_with_its_canonical_and_core_text_tokens_and_slots_in_the_drafts_own_offsets(
    bank: Bank,
) -> None:
    text = "😀 We  currently can’t refund it."
    explanation = explain(bank, text).to_dict()
    assert explanation["text"] == text
    assert explanation["canonical"] == "😀 We currently can not refund it."
    assert explanation["core"] == "😀 We can not refund it."
    assert explanation["customer"] == {"mood": None, "polarity": None, "reasons": []}
    assert [(t["text"], t["lemma"], text[t["start"] : t["end"]]) for t in explanation["tokens"]] == [
        ("😀", "😀", "😀"),
        ("We", "we", "We"),
        ("currently", "currently", "currently"),
        ("can", "can", "can’t"),
        ("not", "not", "can’t"),
        ("refund", "refund", "refund"),
        ("it", "it", "it"),
        (".", ".", "."),
    ]
    assert explanation["tokens"][1] == {"text": "We", "lemma": "we", "start": 2, "end": 4}
    flagged = "We  currently can’t refund it"
    assert explanation["entries"] == [
        {
            "id": "refusal.we-cant",
            "status": "flags",
            "flagged": [{"text": flagged, "start": 2, "end": 31}],
            "patterns": [_pattern(0, WE_CANT, "core", [_match(flagged, 2, {"action": "refund it"}, [])])],
        }
    ]


def test_an_exception_keeps_the_match_quiet_and_says_what_it_matched(bank: Bank) -> None:
    text = "We currently can't refund it until Friday."
    unless = _reason(
        "unless",
        "unless[0]",
        pattern="{cannot} ... (until | unless)",
        text="can't refund it until",
        start=13,
        end=34,
    )
    assert text[13:34] == "can't refund it until"
    assert _entries(bank, text) == [
        {
            "id": "refusal.we-cant",
            "status": "quiet",
            "flagged": [],
            "patterns": [
                _pattern(
                    0,
                    WE_CANT,
                    "core",
                    [
                        _match(
                            "We currently can't refund it until Friday",
                            0,
                            {"action": "refund it until Friday"},
                            [unless],
                        )
                    ],
                )
            ],
        }
    ]


@pytest.mark.parametrize(
    ("text", "matched", "check"),
    [
        ("We can't refund it?", "We can't refund it", "question"),
        ("We can't refund it, but I can send a new one.", "We can't refund it", "alternative-follows"),
    ],
)
def test_each_quiet_when_check_that_holds_is_named(bank: Bank, text: str, matched: str, check: str) -> None:
    [entry] = _entries(bank, text)
    assert entry["status"] == "quiet"
    [match] = entry["patterns"][0]["matches"]
    assert match == _match(
        matched, 0, {"action": "refund it"}, [_reason("quiet_when", f"quiet_when: {check}")]
    )


def test_quoted_speech_and_the_customer_condition_keep_matches_quiet(bank: Bank) -> None:
    [entry] = _entries(bank, "You said we can't refund it.")
    assert entry["patterns"][0]["matches"] == [
        _match(
            "we can't refund it",
            9,
            {"action": "refund it"},
            [_reason("voice", "voice: quoted or reported speech")],
        )
    ]
    [entry] = _entries(bank, "Have a great day!")
    mood = _reason(
        "when",
        "when: customer mood",
        detail="it fires when the customer is upset; no customer message was given",
    )
    assert (entry["id"], entry["status"]) == ("toxic-positivity.great-day", "quiet")
    assert entry["patterns"][0]["matches"] == [_match("Have a great day", 0, {}, [mood])]
    [entry] = _entries(bank, "Have a great day!", "Thanks, that was wonderful help.")
    assert entry["patterns"][0]["matches"][0]["quiet"] == [
        {**mood, "detail": "it fires when the customer is upset; this customer reads positive"}
    ]
    [entry] = _entries(bank, "Have a great day!", "This is ridiculous, the third time I ask!!!")
    assert (entry["status"], entry["flagged"]) == (
        "flags",
        [{"text": "Have a great day", "start": 0, "end": 16}],
    )


def test_every_reason_is_listed_in_the_order_the_engine_applies_them(bank: Bank) -> None:
    [entry] = _entries(bank, "You said we can't refund it until May?")
    assert [r["label"] for r in entry["patterns"][0]["matches"][0]["quiet"]] == [
        "unless[0]",
        "voice: quoted or reported speech",
        "quiet_when: question",
    ]


def test_a_warning_of_another_entry_wins_the_overlap(bank: Bank) -> None:
    """The longer suggestion ("Unfortunately, we can't...") yields to the warning it overlaps."""
    text = "Unfortunately, we can't refund this order."
    longer = "Unfortunately, we can't refund this order"
    winner = "we can't refund this order"
    overlap = _reason(
        "overlap",
        "overlap: refusal.we-cant won",
        text=winner,
        start=15,
        end=41,
        detail="a warning is kept over a suggestion",
    )
    assert _entries(bank, text) == [
        {
            "id": "negative-framing.unfortunately-we-cant",
            "status": "quiet",
            "flagged": [],
            "patterns": [
                _pattern(
                    0,
                    RE2_UNFORTUNATELY,
                    "surface",
                    [_match(longer, 0, {"action": "refund this order"}, [overlap])],
                )
            ],
        },
        {
            "id": "refusal.we-cant",
            "status": "flags",
            "flagged": [{"text": winner, "start": 15, "end": 41}],
            "patterns": [
                _pattern(0, WE_CANT, "core", [_match(winner, 15, {"action": "refund this order"}, [])])
            ],
        },
    ]


def test_near_misses_say_how_far_a_pattern_matched_furthest_first(bank: Bank) -> None:
    text = "Our policy does not let you return it, and we can't wait to help."
    policy = {
        "parts_matched": 3,
        "parts": 5,
        "matched_parts": "our policy (does not | will not)",
        "matched": "Our policy does not",
        "start": 0,
        "end": 19,
        "next_part": "(allow | permit)",
        "at": "let you return it",
        "side": "after",
    }
    refusal = {
        "parts_matched": 2,
        "parts": 3,
        "matched_parts": "{agent} {cannot}",
        "matched": "we can not",
        "start": 43,
        "end": 51,
        "next_part": "<action: {remedy:base} ...>",
        "at": "wait to help",
        "side": "after",
    }
    assert text[43:51] == "we can't"
    assert _entries(bank, text) == [
        {
            "id": "policy.does-not-allow",
            "status": "near-miss",
            "flagged": [],
            "patterns": [_pattern(0, POLICY, "core", [], policy)],
        },
        {
            "id": "refusal.we-cant",
            "status": "near-miss",
            "flagged": [],
            "patterns": [_pattern(0, WE_CANT, "core", [], refusal)],
        },
    ]
    miss = explain(bank, text).entries[1].patterns[0].near_miss
    assert miss is not None
    assert miss.describe() == (
        "matched `{agent} {cannot}` as 'we can not'; the next part `<action: {remedy:base} ...>` "
        "did not match at 'wait to help'"
    )


def test_one_part_is_no_near_miss_and_an_entry_asked_about_still_answers(bank: Bank) -> None:
    assert _entries(bank, "Our plans changed.") == []
    assert explain(bank, "Our plans changed.", entry_id="policy.does-not-allow").to_dict()["entries"] == [
        {
            "id": "policy.does-not-allow",
            "status": "no-match",
            "flagged": [],
            "patterns": [_pattern(0, POLICY, "core", [])],
        }
    ]
    # Asked about alone: only that entry, even where others match.
    asked = explain(bank, "Our policy does not let you. We can't wait.", entry_id="refusal.we-cant")
    assert [(e.id, e.status) for e in asked.entries] == [("refusal.we-cant", "near-miss")]


def test_at_most_ten_near_misses_are_listed() -> None:
    many = [
        _entry(f"policy.rule-{i:02d}", f"our policy (does not | will not) rule{i} <thing>") for i in range(12)
    ]
    listed = explain(Bank.build(many), "Our policy does not let you.").entries
    assert MAX_NEAR_MISSES == 10
    assert [e.id for e in listed] == [f"policy.rule-{i:02d}" for i in range(10)]


def test_an_unknown_or_disabled_entry_is_not_found_with_close_ids(bank: Bank) -> None:
    with pytest.raises(EntryNotFoundError) as unknown:
        explain(bank, "text", entry_id="refusal.we-cnt")
    assert (
        str(unknown.value)
        == "no entry of the bank has the id 'refusal.we-cnt'; did you mean refusal.we-cant?"
    )
    with pytest.raises(EntryNotFoundError) as far:
        explain(bank, "text", entry_id="zzz")
    assert str(far.value) == "no entry of the bank has the id 'zzz'"
    with pytest.raises(EntryNotFoundError) as disabled:
        explain(bank, "text", entry_id="dismissive.calm-down")
    assert (
        str(disabled.value)
        == "the entry 'dismissive.calm-down' is disabled, so it never fires; enable it to explain it"
    )


def test_explain_agrees_with_the_engine_on_what_flags() -> None:
    from replycoach.engine import Engine

    bank = Bank.build(ENTRIES, vocabulary=VOCABULARY)
    engine = Engine(bank)
    for text in [
        "Unfortunately, we can't refund this order. We are unable to change it. Have a nice day.",
        "We can't refund it until May, and I am unable to help, sadly.",
    ]:
        flagged = {(f.entry.id, f.span.start, f.span.end) for f in engine.analyze(text).flags}
        explained = {(e.id, f.start, f.end) for e in explain(bank, text).entries for f in e.flagged}
        assert explained == flagged


def test_compile_prefixes_gives_each_part_as_written_with_the_re2_up_to_it(bank: Bank) -> None:
    compiler = phrase_compiler(bank.vocabulary)
    [parts] = compiler.compile_prefixes("~refund [it | them] <when: (today | now) ...> , please")
    assert [shown for shown, _ in parts] == [
        "~refund",
        "[it | them]",
        "<when: (today | now) ...>",
        ",",
        "please",
    ]
    assert parts[-1][1] == compiler.compile("~refund [it | them] <when: (today | now) ...> , please")
    assert [[shown for shown, _ in p] for p in compiler.compile_prefixes("a b | <x: c | d>")] == [
        ["a", "b"],
        ["<x: c | d>"],
    ]
    assert compiler.compile_prefixes("re: we can't") == []


def test_a_near_miss_may_lack_its_first_part(bank: Bank) -> None:
    """The company's name as the subject, when the `company` family does not list it: the rest matched."""
    text = "Thanks. Northwind can not, sadly, refund opened software."
    [entry] = explain(bank, text, entry_id="refusal.we-cant").to_dict()["entries"]
    assert entry["status"] == "near-miss"
    assert entry["patterns"][0]["near_miss"] == {
        "parts_matched": 2,
        "parts": 3,
        "matched_parts": "{cannot} <action: {remedy:base} ...>",
        "matched": "can not refund opened software",
        "start": 18,
        "end": 56,
        "next_part": "{agent}",
        "at": "Northwind",
        "side": "before",
    }
