"""The doc-test's reading of console blocks and its output matching, on small made-up READMEs."""

from __future__ import annotations

from pathlib import Path

import pytest

from .readme_examples import output_matches, parse_console, read_blocks


def test_commands_continue_over_backslashes_and_here_documents() -> None:
    body = [
        "$ cat > x.json <<'JSON'",
        '{"a": 1}',
        "JSON",
        "$ curl -s http://x \\",
        "     -d @x.json",
        "ok",
        "$ true",
    ]
    examples = parse_console(body, first_line=10)
    assert [(e.line, e.command, e.expected) for e in examples] == [
        (10, "cat > x.json <<'JSON'\n{\"a\": 1}\nJSON", []),
        (13, "curl -s http://x \\\n     -d @x.json", ["ok"]),
        (16, "true", []),
    ]


def test_commands_continue_over_the_shells_continuation_prompt() -> None:
    body = ["$ (echo a", ">  for x in 1; do echo $x; done)", "a", "1"]
    [example] = parse_console(body, first_line=1)
    assert (example.command, example.expected) == ("(echo a\n for x in 1; do echo $x; done)", ["a", "1"])


def test_a_console_block_must_start_with_a_command() -> None:
    with pytest.raises(ValueError, match="README.md:3: a console block starts with a `\\$ ` command"):
        parse_console(["output first"], first_line=3)


def test_directives_and_languages_are_read(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "text\n\n<!-- doctest: skip: needs a Zendesk account -->\n```sh\ncurl zendesk\n```\n"
        "\n```\nplain\n```\n",
        encoding="utf-8",
    )
    blocks = read_blocks(readme)
    assert [(b.line, b.language, b.directive, b.reason, b.body) for b in blocks] == [
        (4, "sh", "skip", "needs a Zendesk account", ["curl zendesk"]),
        (8, "", None, None, ["plain"]),
    ]


def test_an_unclosed_fence_is_an_error(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("```console\n$ true\n", encoding="utf-8")
    with pytest.raises(ValueError, match="README.md:1: a fenced block is never closed"):
        read_blocks(readme)


def test_output_must_match_line_for_line() -> None:
    assert output_matches(["a", "b"], "a\nb")
    assert output_matches(["a", "b"], "a  \nb\n")  # trailing spaces do not count
    assert not output_matches(["a", "b"], "a\nc")
    assert not output_matches(["a"], "a\nb")  # an extra line is a difference
    assert not output_matches(["a", "b"], "a")
    assert output_matches([], "")
    assert not output_matches([], "something")


def test_ellipsis_stands_for_text_in_a_line_or_for_lines() -> None:
    assert output_matches(['{"key": "rc_..."}'], '{"key": "rc_7BSMg8t5"}')
    assert not output_matches(['{"key": "rc_..."}'], '{"id": "rc_7BSMg8t5"}')
    assert output_matches(["{", "...", "}"], "{\n  1\n  2\n}")
    assert output_matches(["{", "...", "}"], "{\n}")
    assert not output_matches(["{", "...", "}"], "{\n  1\n")
    # Everything else is literal: regular-expression characters included.
    assert output_matches(["a.b (c) [d]*"], "a.b (c) [d]*")
    assert not output_matches(["a.b"], "axb")
