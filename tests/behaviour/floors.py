"""The floors of the behavioural rates (tests/behaviour/test_behaviour.py): a ratchet.

Each floor is the rate the engine reached when the floor was last set, rounded down to 2 decimals, for one
(kind, category or perturbation); the test fails when a rate falls below its floor, so the engine cannot get
worse unnoticed. When a change makes a rate better, raise its floor: `python bench/robustness.py --floors`
prints the rates rounded down in this form. Never lower a floor to make a change pass.

Set on 2026-12-06 from the engine and curated bank of commit 081b281 (before the phrase language).

Kinds: "warn" (warn templates that get a warning), "quiet" (controls that get no warning),
"still-warns" (perturbed flag examples of warning entries that still warn), "stays-quiet" (perturbed pass
examples of warning entries with no warning of their category).
"""

# Where every rate should get to.
TARGET = 0.97

FLOORS: dict[tuple[str, str], float] = {
    ("quiet", "blame"): 0.99,
    ("quiet", "condescension"): 1.00,
    ("quiet", "deflection"): 1.00,
    ("quiet", "dismissive"): 1.00,
    ("quiet", "negative-framing"): 1.00,
    ("quiet", "policy"): 1.00,
    ("quiet", "refusal"): 1.00,
    ("quiet", "toxic-positivity"): 1.00,
    ("quiet", "uncertainty"): 1.00,
    ("warn", "blame"): 0.68,
    ("warn", "condescension"): 0.85,
    ("warn", "deflection"): 0.69,
    ("warn", "dismissive"): 0.75,
    ("warn", "negative-framing"): 0.33,
    ("warn", "policy"): 0.45,
    ("warn", "refusal"): 0.16,
    ("warn", "toxic-positivity"): 0.97,
    ("warn", "uncertainty"): 0.55,
    ("still-warns", "company-subject"): 0.29,
    ("stays-quiet", "company-subject"): 0.93,
    ("still-warns", "our-team-subject"): 0.29,
    ("stays-quiet", "our-team-subject"): 0.93,
    ("still-warns", "store-subject"): 0.29,
    ("stays-quiet", "store-subject"): 0.93,
    ("still-warns", "adverb-before-modal"): 0.47,
    ("stays-quiet", "adverb-before-modal"): 1.00,
    ("still-warns", "parenthetical-after-modal"): 0.03,
    ("stays-quiet", "parenthetical-after-modal"): 1.00,
    ("still-warns", "modal-variant"): 0.31,  # 15 of 47: the same 15 warn; refusal.unable-to's examples moved
    ("stays-quiet", "modal-variant"): 0.88,
    ("still-warns", "contraction"): 0.97,
    ("stays-quiet", "contraction"): 1.00,
    ("still-warns", "curly-quotes"): 1.00,
    ("stays-quiet", "curly-quotes"): 1.00,
    ("still-warns", "tweet-furniture"): 0.99,
    ("stays-quiet", "tweet-furniture"): 1.00,
    ("still-warns", "longer-reply"): 0.99,
    ("stays-quiet", "longer-reply"): 1.00,
    ("still-warns", "dropped-to"): 0.12,
    ("stays-quiet", "dropped-to"): 1.00,
    ("still-warns", "no-apostrophe"): 0.21,
    ("stays-quiet", "no-apostrophe"): 0.94,
}
