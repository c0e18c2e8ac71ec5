"""The grammar pass: LanguageTool's matches as flags, UTF-16 offsets, merging, back-off, backends, CLI."""

from __future__ import annotations

import inspect
import json
import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BASIC_BANK
from fake_languagetool import FakeLanguageTool, running
from replycoach import Engine, load_bank
from replycoach.grammar import Grammar, GrammarResult, LanguageToolClient, grammar_flags, with_grammar
from replycoach.grammar.breaker import Breaker
from replycoach.grammar.flags import CodePoints

SCRIPT = str(Path(sys.executable).parent / "replycoach")
FAKE_SERVER = Path(__file__).parents[1] / "fake_languagetool.py"
SPELLING = {
    "rule_id": "lt.MORFOLOGIK_RULE_EN_US",
    "category": "grammar",
    "severity": "warning",
    "message": "Possible spelling mistake found.",
    "why": "Possible spelling mistake",
}


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# How `check` names the bank it used (its last line on standard error).
BANK_LINE = f"bank: {load_bank(BASIC_BANK).revision} (the folder {BASIC_BANK})"


@pytest.fixture
def fake() -> Iterator[FakeLanguageTool]:
    """A fake LanguageTool server on a free port of 127.0.0.1."""
    with running() as server:
        yield server


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def _spans(result: GrammarResult) -> list[tuple[str, str, int, int, int, int]]:
    return [
        (f.rule_id, f.text, f.span.start, f.span.end, f.span.start_utf16, f.span.end_utf16)
        for f in result.flags
    ]


@pytest.mark.parametrize(
    ("text", "utf16", "expected"),
    [
        ("abc", 0, 0),
        ("abc", 3, 3),
        ("abc", 4, None),
        ("😀 teh", 0, 0),
        ("😀 teh", 1, None),  # inside the emoji's surrogate pair
        ("😀 teh", 2, 1),
        ("😀 teh", 3, 2),
        ("😀😀x", 4, 2),
        ("é😀x", 3, 2),  # é is one code unit, like any character of the Basic Multilingual Plane
        ("x", -1, None),
    ],
)
def test_code_points_from_utf16_offsets(text: str, utf16: int, expected: int | None) -> None:
    assert CodePoints(text)(utf16) == expected


def test_utf16_offsets_after_an_emoji_become_code_points() -> None:
    text = "Thanks 😀 I recieve it."
    # As LanguageTool reports it: "recieve" starts at UTF-16 offset 12 (the emoji counts two).
    rule = {
        "id": "MORFOLOGIK_RULE_EN_US",
        "description": "Possible spelling mistake",
        "issueType": "misspelling",
    }
    match = {
        "message": "Possible spelling mistake found.",
        "shortMessage": "Spelling mistake",
        "offset": 12,
        "length": 7,
        "replacements": [{"value": "receive"}],
        "rule": rule,
    }
    [flag] = grammar_flags(text, [match])
    span = {"start": 11, "end": 18, "start_utf16": 12, "end_utf16": 19}
    assert flag.to_dict() == {
        "id": "lt.MORFOLOGIK_RULE_EN_US@11",
        **SPELLING,
        "text": "recieve",
        **span,
        "suggestions": [{"text": "receive", **span, "scope": "phrase"}],
    }


def test_an_emoji_inside_the_error_counts_two_code_units() -> None:
    text = "ok 😀😀 ok"
    match = {"message": "m", "offset": 3, "length": 4, "rule": {"id": "EMOJI", "issueType": "style"}}
    [flag] = grammar_flags(text, [match])
    assert (flag.text, flag.span.start, flag.span.end, flag.severity, flag.why) == (
        "😀😀",
        3,
        5,
        "suggestion",
        "m",
    )


@pytest.mark.parametrize(
    "match",
    [
        {"offset": 1, "length": 1, "rule": {"id": "X"}},  # no message
        {"message": "m", "offset": 1, "length": 0, "rule": {"id": "X"}},  # empty span
        {"message": "m", "offset": 1, "length": 1, "rule": {"id": "X"}},  # splits the emoji
        {"message": "m", "offset": 3, "length": 9, "rule": {"id": "X"}},  # past the end
        {"message": "m", "offset": "x", "length": 1, "rule": {"id": "X"}},
        {"message": "m", "offset": 0, "length": 1, "rule": "X"},
        {"message": "m", "offset": 0, "length": 1, "rule": {"id": "X"}, "replacements": [{"v": 1}]},
    ],
)
def test_matches_the_text_cannot_hold_are_dropped(match: dict[str, Any]) -> None:
    assert grammar_flags("😀 abc", [match]) == []


def test_overlapping_matches_keep_the_first() -> None:
    matches = [
        {"message": "b", "offset": 2, "length": 3, "rule": {"id": "B"}},
        {"message": "a", "offset": 0, "length": 3, "rule": {"id": "A"}},
        {"message": "c", "offset": 5, "length": 1, "rule": {"id": "C"}},
    ]
    assert [f.id for f in grammar_flags("abcdefg", matches)] == ["lt.A@0", "lt.C@5"]


def test_at_most_five_suggestions() -> None:
    replacements = [{"value": str(n)} for n in range(9)]
    match = {"message": "m", "offset": 0, "length": 1, "replacements": replacements, "rule": {"id": "X"}}
    [flag] = grammar_flags("a", [match])
    assert [s.text for s in flag.suggestions] == ["0", "1", "2", "3", "4"]


def test_check_against_the_fake_server(fake: FakeLanguageTool) -> None:
    grammar = Grammar.configured("url", fake.url)
    result = grammar.check("😀 I recieve a error.  Thanks!")
    assert (result.status, result.backend, result.detail) == ("ok", "url", None)
    assert _spans(result) == [
        ("lt.MORFOLOGIK_RULE_EN_US", "recieve", 4, 11, 5, 12),
        ("lt.EN_A_VS_AN", "a", 12, 13, 13, 14),
        ("lt.WHITESPACE_RULE", "  ", 20, 22, 21, 23),
    ]
    assert [f.severity for f in result.flags] == ["warning", "warning", "suggestion"]
    assert fake.checks == 1


@pytest.mark.parametrize("url", ["{}", "{}/", "{}/v2", "{}/v2/"])
def test_the_url_may_name_the_v2_root(fake: FakeLanguageTool, url: str) -> None:
    client = LanguageToolClient(url.format(fake.url), "en-US")
    assert client.url == fake.url
    assert [m["rule"]["id"] for m in client.check("teh", timeout=5)] == ["MORFOLOGIK_RULE_EN_US"]


def test_bank_flags_win_where_spans_overlap(fake: FakeLanguageTool, basic: Engine) -> None:
    text = "Please calm down teh, we can't refund teh order. I definately will."
    # The bank flags [0, 16) "Please calm down" and [22, 47) "we can't refund teh order", which holds the
    # second "teh": that grammar flag goes, the two outside the bank's spans stay.
    analysis = basic.analyze(text)
    result = Grammar.configured("url", fake.url).check(text)
    assert [f.id for f in result.flags] == [
        "lt.MORFOLOGIK_RULE_EN_US@17",
        "lt.MORFOLOGIK_RULE_EN_US@38",
        "lt.MORFOLOGIK_RULE_EN_US@51",
    ]
    merged = with_grammar(analysis, result)
    assert [(f["id"], f["category"]) for f in merged["flags"]] == [
        ("dismissive.calm-down@0", "dismissive"),
        ("lt.MORFOLOGIK_RULE_EN_US@17", "grammar"),
        ("refusal.we-cant@22", "refusal"),
        ("lt.MORFOLOGIK_RULE_EN_US@51", "grammar"),
    ]
    assert merged["score"] == analysis.score
    assert merged["tone"] == analysis.to_dict()["tone"]
    assert merged["grammar"] == {"status": "ok", "backend": "url"}


def test_off_makes_no_call() -> None:
    result = Grammar().check("teh")
    assert result == GrammarResult("off", "off")
    assert Grammar().probe() == GrammarResult("off", "off")


def test_a_down_server_is_unavailable_then_backed_off() -> None:
    clock = Clock()
    grammar = Grammar("url", LanguageToolClient(_closed_port_url(), "en-US"), clock=clock)
    assert grammar.check("teh") == GrammarResult("unavailable", "url", detail="cannot connect")
    clock.now += 10
    assert grammar.check("teh") == GrammarResult(
        "unavailable", "url", detail="cannot connect; not asking again for 20 s"
    )


def test_a_server_error_is_unavailable(fake: FakeLanguageTool) -> None:
    fake.status = 500
    result = Grammar.configured("url", fake.url).check("teh")
    assert result == GrammarResult("unavailable", "url", detail="the server answered HTTP 500")


def test_a_slow_server_costs_one_timeout_then_no_call_until_the_back_off_ends(fake: FakeLanguageTool) -> None:
    clock = Clock()
    grammar = Grammar("url", LanguageToolClient(fake.url, "en-US"), timeout=0.3, backoff=30, clock=clock)
    fake.delay = 30

    started = time.monotonic()
    first = grammar.check("teh")
    waited = time.monotonic() - started
    assert first == GrammarResult("unavailable", "url", detail="no answer within 0.3 s")
    assert waited < 5  # the timeout, not the server's 30 s

    for _ in range(3):
        assert grammar.check("teh").detail == "no answer within 0.3 s; not asking again for 30 s"
    assert grammar.probe().status == "unavailable"
    assert fake.checks == 1  # the backed-off calls did not reach the server

    fake.delay = 0
    clock.now += 30
    again = grammar.check("teh")
    assert (again.status, [f.text for f in again.flags]) == ("ok", ["teh"])
    assert fake.checks == 2
    assert grammar.check("teh").status == "ok"


def test_after_the_back_off_one_trial_call_goes_out() -> None:
    clock = Clock()
    breaker = Breaker(10, clock)
    assert breaker.allow()
    breaker.failed("down")
    assert (breaker.allow(), breaker.retry_in(), breaker.last_failure) == (False, 10, "down")
    clock.now += 10
    assert breaker.allow()  # the trial
    assert not breaker.allow()  # the others wait for its outcome
    breaker.succeeded()
    assert (breaker.allow(), breaker.retry_in(), breaker.last_failure) == (True, 0, None)


def test_the_probe_asks_for_the_languages(fake: FakeLanguageTool) -> None:
    grammar = Grammar.configured("url", fake.url)
    assert grammar.probe() == GrammarResult("ok", "url")
    assert fake.checks == 0
    assert grammar.describe() == f"LanguageTool at {fake.url}"


# The local backend: language-tool-python's folder (LTP_PATH) and a `java` on PATH.


def test_the_language_tool_python_internals_the_local_backend_uses_are_where_it_expects() -> None:
    # grammar/local.py cannot use language-tool-python's public `LanguageTool()`: it downloads LanguageTool
    # when none is installed (this service must never download) and does not expose the server's URL. It
    # uses these four internals instead; if a release moves them, this fails before any user sees it.
    from language_tool_python.download_lt import LocalLanguageTool, confirm_java_compatibility
    from language_tool_python.utils import get_language_tool_download_path

    assert list(inspect.signature(LocalLanguageTool.get_latest_installed_version).parameters) == []
    assert list(inspect.signature(LocalLanguageTool.get_server_cmd).parameters)[:2] == ["self", "port"]
    assert list(inspect.signature(confirm_java_compatibility).parameters) == ["language_tool_version"]
    assert list(inspect.signature(get_language_tool_download_path).parameters) == []
    assert isinstance(inspect.getattr_static(LocalLanguageTool, "version_name"), property)


@pytest.fixture
def local_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty LanguageTool folder; returns it."""
    folder = tmp_path / "ltp"
    folder.mkdir()
    monkeypatch.setenv("LTP_PATH", str(folder))
    return folder


def _fake_java(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    """Put a `java` on PATH that reports `version` and runs the fake server as LanguageTool's HTTPServer."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = bin_dir / "java"
    java.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = -version ]; then echo \'openjdk version "{version}" 2025-04-15\' >&2; exit 0; fi\n'
        # java -cp <jar> org.languagetool.server.HTTPServer -p <port>
        f'exec "{sys.executable}" "{FAKE_SERVER}" --port "$5"\n',
        encoding="utf-8",
    )
    java.chmod(java.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


def test_local_without_languagetool_installed_is_reported_not_downloaded(local_env: Path) -> None:
    grammar = Grammar.configured("local")
    message = (
        f"no LanguageTool installed in {local_env} (LTP_PATH names another folder); Reply Coach does not "
        "download it: unpack a LanguageTool release there, or set LANGUAGETOOL_URL"
    )
    assert grammar.check("teh") == GrammarResult("unavailable", "local", detail=message)
    assert grammar.probe() == GrammarResult("unavailable", "local", detail=message)
    assert list(local_env.iterdir()) == []


def test_local_with_an_old_java_is_reported(
    local_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (local_env / "LanguageTool-6.6").mkdir()
    (local_env / "LanguageTool-6.6" / "languagetool-server.jar").write_bytes(b"")
    _fake_java(tmp_path, monkeypatch, "11.0.2")
    result = Grammar.configured("local").check("teh")
    assert result == GrammarResult(
        "unavailable",
        "local",
        detail="LanguageTool 6.6 needs Java 17 or newer: "
        "Detected java 11.0. LanguageTool requires Java >= 17 for version 6.6.",
    )


def test_local_starts_the_installed_languagetool(
    local_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (local_env / "LanguageTool-6.6").mkdir()
    (local_env / "LanguageTool-6.6" / "languagetool-server.jar").write_bytes(b"")
    _fake_java(tmp_path, monkeypatch, "17.0.15")
    grammar = Grammar.configured("local")
    try:
        assert grammar.server is not None
        assert grammar.describe() == f"local LanguageTool 6.6 at {grammar.server.url}"
        result = grammar.check("😀 teh")
        assert (result.status, _spans(result)) == (
            "ok",
            [("lt.MORFOLOGIK_RULE_EN_US", "teh", 2, 5, 3, 6)],
        )
    finally:
        grammar.close()
    assert grammar.server.process.returncode is not None
    assert grammar.check("teh").detail == "cannot connect"


# `replycoach check --grammar`


def run(*args: str, stdin: bytes, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the installed console script with the given environment changes."""
    proc = subprocess.run(
        [SCRIPT, *args], input=stdin, capture_output=True, check=False, env={**os.environ, **env}
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """A user's environment with a fresh home and no grammar backend."""
    return {"REPLYCOACH_HOME": str(tmp_path / "home"), "LANGUAGETOOL_URL": ""}


def test_check_grammar_prints_grammar_flags(fake: FakeLanguageTool, cli_env: dict[str, str]) -> None:
    draft = "Hi 😀\nI recieve a error.  Please calm down.".encode()
    env = {**cli_env, "LANGUAGETOOL_URL": fake.url}
    result = run("check", "--grammar", "--bank", str(BASIC_BANK), "-", stdin=draft, env=env)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "<stdin>:2:3: warning lt.MORFOLOGIK_RULE_EN_US Possible spelling mistake found.",
        "    'recieve' -> 'receive'",
        "<stdin>:2:11: warning lt.EN_A_VS_AN Use “an” instead of ‘a’ if the following word starts with a "
        "vowel sound, e.g. ‘an article’.",
        "    'a' -> 'an'",
        "<stdin>:2:19: suggestion lt.WHITESPACE_RULE Possible typo: you repeated a whitespace",
        "    '  ' -> ' '",
        "<stdin>:2:21: warning dismissive.calm-down Tells an upset customer how to feel.",
        "    'Please calm down' -> 'I can tell how stressful this is, and I want to fix it alongside you'",
    ]
    assert result.stderr == f"<stdin>: 4 flags, score 85/100\n{BANK_LINE}\n"


def test_check_grammar_json_carries_the_status(fake: FakeLanguageTool, cli_env: dict[str, str]) -> None:
    env = {**cli_env, "LANGUAGETOOL_URL": fake.url}
    result = run("check", "--grammar", "--format", "json", "--bank", str(BASIC_BANK), stdin=b"teh", env=env)
    assert result.returncode == 1
    [data] = json.loads(result.stdout)
    assert data["grammar"] == {"status": "ok", "backend": "url"}
    assert [f["id"] for f in data["flags"]] == ["lt.MORFOLOGIK_RULE_EN_US@0"]


def test_check_without_grammar_is_unchanged(fake: FakeLanguageTool, cli_env: dict[str, str]) -> None:
    env = {**cli_env, "LANGUAGETOOL_URL": fake.url}
    result = run("check", "--format", "json", "--bank", str(BASIC_BANK), stdin=b"teh", env=env)
    assert (result.returncode, json.loads(result.stdout)[0].keys()) == (
        0,
        {"file", "flags", "truncated", "score", "tone"},
    )
    assert fake.checks == 0


def test_check_grammar_with_the_server_down_keeps_the_bank_flags(cli_env: dict[str, str]) -> None:
    env = {**cli_env, "LANGUAGETOOL_URL": _closed_port_url()}
    result = run("check", "--grammar", "--bank", str(BASIC_BANK), stdin=b"Calm down, teh.", env=env)
    assert result.returncode == 1
    assert (
        result.stdout.splitlines()[0]
        == "<stdin>:1:1: warning dismissive.calm-down Tells an upset customer how to feel."
    )
    assert result.stderr == (
        "<stdin>: grammar unavailable (cannot connect); bank flags only\n<stdin>: 1 flag, score 85/100\n"
        f"{BANK_LINE}\n"
    )


def test_check_grammar_without_a_backend_exits_2(cli_env: dict[str, str]) -> None:
    result = run("check", "--grammar", "--bank", str(BASIC_BANK), stdin=b"teh", env=cli_env)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: --grammar needs a grammar backend: set LANGUAGETOOL_URL to a LanguageTool server's URL "
        "(or REPLYCOACH_GRAMMAR_BACKEND=local); see the README\n"
    )


@pytest.mark.skipif(
    not os.environ.get("LANGUAGETOOL_URL"), reason="set LANGUAGETOOL_URL to test a real server"
)
def test_a_real_languagetool_server() -> None:
    text = "😀 Thanks for writing. I will definately look into it."
    grammar = Grammar.configured("url", os.environ["LANGUAGETOOL_URL"], timeout=30)
    assert grammar.probe().status == "ok"
    result = grammar.check(text)
    assert result.status == "ok"
    typo = [f for f in result.flags if f.text == "definately"]
    assert [(f.span.start, f.span.end, f.span.start_utf16, f.span.end_utf16) for f in typo] == [
        (29, 39, 30, 40)
    ]
    assert typo[0].rule_id.startswith("lt.")
    assert "definitely" in [s.text for s in typo[0].suggestions]
