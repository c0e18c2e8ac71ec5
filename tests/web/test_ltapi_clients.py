"""LanguageTool's own Python client, language-tool-python, pointed at a real `replycoach serve`: its
objects carry Reply Coach's flags with the right offsets, `correct()` rewrites the draft, and its rule
switches reach the service."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import language_tool_python
import pytest
from conftest import BASIC_BANK
from language_tool_python.exceptions import LanguageToolError
from serving import SCRIPT, serve


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """A running `replycoach serve` over the small test bank, an agent key for it, and its log file."""
    base = tmp_path_factory.mktemp("ltclient")
    env = {**os.environ, "REPLYCOACH_HOME": str(base / "home"), "REPLYCOACH_BANK_DIR": str(BASIC_BANK)}
    log = base / "serve.log"
    with serve(env, log) as url:
        created = subprocess.run(
            [SCRIPT, "keys", "create", "--role", "agent", "--name", "Writer"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        yield url, created.stdout.strip(), log


@pytest.fixture
def service(served: tuple[str, str, Path]) -> tuple[str, str]:
    return served[0], served[1]


@pytest.fixture
def tool(service: tuple[str, str]) -> Iterator[language_tool_python.LanguageTool]:
    url, key = service
    # The key rides in the URL: language-tool-python cannot send a header or an apiKey field.
    with language_tool_python.LanguageTool("en-US", remote_server=f"{url}/lt/{key}/") as client:
        yield client


def test_check_gives_the_flags_with_offsets_in_the_drafts_own_characters(
    tool: language_tool_python.LanguageTool,
) -> None:
    draft = "Hé 😀 Please calm down. You'll have to wait 24 hours."
    matches = tool.check(draft)
    assert [(m.rule_id, draft[m.offset : m.offset + m.error_length]) for m in matches] == [
        ("dismissive.calm-down", "Please calm down"),
        ("blame.have-to-wait", "You'll have to wait 24 hours"),
    ]
    calm = matches[0]
    assert calm.replacements == ["I understand why this is upsetting"]
    assert (calm.category, calm.rule_issue_type) == ("dismissive", "register")
    assert calm.message == "Tells an upset customer how to feel."
    assert calm.sentence == "Hé 😀 Please calm down."


def test_correct_applies_the_first_rewrite_of_each_flag(tool: language_tool_python.LanguageTool) -> None:
    draft = "Please calm down. You'll have to wait 24 hours."
    # The entry's first rewrite is of the whole sentence: as a replacement, it takes the flagged words and
    # keeps the full stop.
    assert tool.correct(draft) == (
        "I can tell how stressful this is, and I want to fix it alongside you. "
        "I'll make sure you hear from me within 24 hours."
    )


def test_disabled_rules_mute_a_rule(tool: language_tool_python.LanguageTool) -> None:
    tool.disabled_rules.add("dismissive.calm-down")
    try:
        assert [m.rule_id for m in tool.check("Please calm down. You'll have to wait 24 hours.")] == [
            "blame.have-to-wait"
        ]
    finally:
        tool.disabled_rules.clear()


def test_a_client_without_the_key_is_told_how_to_give_it(service: tuple[str, str]) -> None:
    url, _key = service
    with language_tool_python.LanguageTool("en-US", remote_server=url) as client:
        with pytest.raises(LanguageToolError) as caught:
            client.check("Please calm down.")
    assert "This Reply Coach server needs an API key" in str(caught.value)


def test_a_language_reply_coach_does_not_coach_in_is_refused_at_start(service: tuple[str, str]) -> None:
    url, key = service
    with pytest.raises(ValueError, match="unsupported language"):
        language_tool_python.LanguageTool("de-DE", remote_server=f"{url}/lt/{key}/")


def test_the_server_log_holds_neither_the_key_nor_the_text(served: tuple[str, str, Path]) -> None:
    url, key, log = served
    with language_tool_python.LanguageTool("en-US", remote_server=f"{url}/lt/{key}/") as client:
        assert [m.rule_id for m in client.check("Please calm down, Priyanka.")] == ["dismissive.calm-down"]
    written = log.read_text()
    assert "/lt/[key]/v2/check" in written
    assert key not in written and "Priyanka" not in written


CLIENTS = Path(__file__).parent / "ltclients"


def _node(*args: str) -> Any:
    """Run tests/web/ltclients/clients.mjs (scripts/test installs its packages) and read its JSON."""
    done = subprocess.run(
        ["node", "clients.mjs", *args], cwd=CLIENTS, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_annotatedtext_html_lands_on_the_flagged_words_of_the_html(service: tuple[str, str]) -> None:
    url, key = service
    page = "<p>Hi <b>Sam</b>,</p>\n<p>Please <i>calm down</i>. You'll have to <b>wait</b> 24 hours.</p>"
    # As LanguageTool counts: from the first flagged word to the last, the markup between them included.
    assert _node("html", f"{url}/lt/{key}", page) == [
        {"rule": "dismissive.calm-down", "text": "Please <i>calm down"},
        {"rule": "blame.have-to-wait", "text": "You'll have to <b>wait</b> 24 hours"},
    ]


def test_languagetool_api_reads_the_mistakes_and_the_best_suggestions(service: tuple[str, str]) -> None:
    url, key = service
    answer = _node("lt-api", f"{url}/lt/{key}", "Hello. Please calm down.")
    assert answer == {
        "mistakes": ["Please calm down"],
        "suggestions": [
            {
                "mistake": "Please calm down",
                "bestSuggestion": "I can tell how stressful this is, and I want to fix it alongside you",
            }
        ],
    }
