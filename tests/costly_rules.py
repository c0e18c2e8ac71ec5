"""Rules a security probe wrote to slow the service down, for the tests that check they are refused."""

from __future__ import annotations

from typing import Any

# 15 variants of a pattern of letters and punctuation runs, each just under the program size limit: no word.
WORDLESS_PATTERNS = [f"re:(?:(?:[a-z]+ ?){{1,30}}){{1,30}}{'.' * n}[.!?]{{3}}" for n in range(1, 16)]

WORDLESS = (
    "needs no word that a draft must contain, so it would run on every draft, however long (the coach runs "
    "only the patterns whose words a draft holds); make it require at least one word, outside optional "
    "parts, gaps and alternatives that go without it"
)

# An entry that needs its words ("zero fuss") but, wherever they occur, runs the same costly RE2 over the
# whole draft as exceptions: its examples hold, and only measuring the bank's cost can refuse it.
COSTLY: dict[str, Any] = {
    "id": "dismissive.zero-fuss",
    "category": "dismissive",
    "severity": "suggestion",
    "patterns": ["zero fuss"],
    "unless": WORDLESS_PATTERNS,
    "message": "Brushes off the customer's trouble.",
    "why": "Their trouble is why they wrote.",
    "rewrites": [
        {"text": "I understand why this troubled you", "scope": "phrase"},
        {"text": "I'm glad you told us", "scope": "phrase"},
    ],
    "examples": {
        "flag": [
            {"text": "Zero fuss, it's fixed.", "flagged": "Zero fuss"},
            {"text": "Ok zero fuss then.", "flagged": "zero fuss"},
        ],
        "pass": ["We fuss about it too.", "No fuss at all."],
    },
}

# The cost refusal, its figures left out: (draft length, seconds with the change, seconds without).
COST_MESSAGE = (
    r"makes the analysis of a long draft \(([\d,]+) characters of the bank's own example words, punctuation "
    r"runs and letters\) take (\d+\.\d\d) s, against (\d+\.\d\d) s with the bank in service: more than 2 "
    r"times slower, and every draft would pay for it; make the patterns need more words and fewer repeated "
    r"or optional parts"
)
