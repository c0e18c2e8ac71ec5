"""The floors of the behavioural rates (tests/behaviour/test_behaviour.py): a ratchet.

Each floor is the rate the engine reached when the floor was last set, rounded down to 2 decimals, for one
(kind, category or perturbation); the test fails when a rate falls below its floor, so the engine cannot get
worse unnoticed. When a change makes a rate better, raise its floor: `python bench/robustness.py --floors`
prints the rates rounded down in this form. Never lower a floor to make a change pass.

Set on 2026-12-06 from the curated bank rewritten in the phrase language (first set at commit 081b281, before
it; the figures of both are in docs/evaluation.md).

Kinds: "warn" (warn templates that get a warning), "quiet" (controls that get no warning),
"still-warns" (perturbed flag examples of warning entries that still warn), "stays-quiet" (perturbed pass
examples of warning entries with no warning of their category).
"""

# Where every rate should get to.
TARGET = 0.97

FLOORS: dict[tuple[str, str], float] = {
    ("quiet", "blame"): 1.00,
    ("quiet", "condescension"): 1.00,
    ("quiet", "deflection"): 1.00,
    ("quiet", "dismissive"): 1.00,
    ("quiet", "negative-framing"): 1.00,
    ("quiet", "policy"): 1.00,
    ("quiet", "refusal"): 1.00,
    ("quiet", "repeat-ask"): 1.00,
    ("quiet", "toxic-positivity"): 1.00,
    ("quiet", "uncertainty"): 1.00,
    ("warn", "blame"): 1.00,
    ("warn", "condescension"): 1.00,
    ("warn", "deflection"): 1.00,
    ("warn", "dismissive"): 1.00,
    ("warn", "negative-framing"): 1.00,
    ("warn", "policy"): 1.00,
    ("warn", "refusal"): 1.00,
    ("warn", "repeat-ask"): 1.00,
    ("warn", "toxic-positivity"): 1.00,
    ("warn", "uncertainty"): 1.00,
    ("still-warns", "company-subject"): 0.99,
    ("stays-quiet", "company-subject"): 1.00,
    ("still-warns", "our-team-subject"): 1.00,
    ("stays-quiet", "our-team-subject"): 1.00,
    ("still-warns", "store-subject"): 1.00,
    ("stays-quiet", "store-subject"): 1.00,
    ("still-warns", "first-person-singular"): 1.00,
    ("stays-quiet", "first-person-singular"): 1.00,
    ("still-warns", "adverb-before-modal"): 1.00,
    ("stays-quiet", "adverb-before-modal"): 1.00,
    ("still-warns", "parenthetical-after-modal"): 0.98,
    ("stays-quiet", "parenthetical-after-modal"): 1.00,
    ("still-warns", "modal-variant"): 1.00,
    ("stays-quiet", "modal-variant"): 1.00,
    ("still-warns", "contraction"): 1.00,
    ("stays-quiet", "contraction"): 1.00,
    ("still-warns", "curly-quotes"): 1.00,
    ("stays-quiet", "curly-quotes"): 1.00,
    ("still-warns", "tweet-furniture"): 1.00,
    ("stays-quiet", "tweet-furniture"): 1.00,
    ("still-warns", "longer-reply"): 1.00,
    ("stays-quiet", "longer-reply"): 1.00,
    ("still-warns", "dropped-to"): 1.00,
    ("stays-quiet", "dropped-to"): 1.00,
    ("still-warns", "dropped-commas"): 0.88,
    ("stays-quiet", "dropped-commas"): 0.99,
    ("still-warns", "no-apostrophe"): 0.99,
    ("stays-quiet", "no-apostrophe"): 1.00,
    ("still-warns", "html-escaped"): 1.00,
    ("stays-quiet", "html-escaped"): 1.00,
    ("still-warns", "dropped-subject"): 1.00,
    ("stays-quiet", "dropped-subject"): 1.00,
    ("still-warns", "capitals-for-emphasis"): 1.00,
    ("stays-quiet", "capitals-for-emphasis"): 1.00,
    ("still-warns", "spelling-variant"): 1.00,
    ("stays-quiet", "spelling-variant"): 1.00,
    ("still-warns", "announcement-frame"): 1.00,
    ("stays-quiet", "announcement-frame"): 1.00,
    ("still-warns", "apology-but"): 1.00,
    ("stays-quiet", "apology-but"): 1.00,
}
