"""A lead's rule may not slow every draft: a pattern without a word it needs, or a change that makes the bank
much slower on a long draft, is refused with what was measured."""

from __future__ import annotations

from conftest import NO_WORRIES
from flask.testing import FlaskClient

from .helpers import error

ENTRIES = "/v1/phrasebank/entries"
WORDLESS = (
    "needs no word that a draft must contain, so it would run on every draft, however long (the coach runs "
    "only the patterns whose words a draft holds); make it require at least one word, outside optional "
    "parts, gaps and alternatives that go without it"
)
# The security probe's entry: 15 variants of a pattern of letters and punctuation runs, each just under the
# program size limit.
PROBE_PATTERNS = [f"re:(?:(?:[a-z]+ ?){{1,30}}){{1,30}}{'.' * n}[.!?]{{3}}" for n in range(1, 16)]


def test_an_entry_whose_patterns_need_no_word_is_refused_naming_each(
    client: FlaskClient, lead: dict[str, str]
) -> None:
    response = client.post(ENTRIES, json={**NO_WORRIES, "patterns": PROBE_PATTERNS}, headers=lead)
    problems = [
        {"entry": "dismissive.no-worries", "field": f"patterns[{n}]", "message": WORDLESS} for n in range(15)
    ]
    message = "The change would make the phrase bank invalid, so nothing changed: " + "; ".join(
        f"dismissive.no-worries: patterns[{n}]: {WORDLESS}" for n in range(15)
    )
    assert (response.status_code, response.json) == (
        422,
        error("invalid_entry", message, {"problems": problems}),
    )
    assert client.get(f"{ENTRIES}/dismissive.no-worries", headers=lead).status_code == 404
