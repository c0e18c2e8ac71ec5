"""The README's examples as data: fenced blocks, the doc-test directive before each, and the commands of a
```console block with the output each shows.

The README's rule, which tests/docs/test_readme.py holds it to: every fenced block names its language; a shell
example is a ```console block (`$ ` before each command, `> ` before the lines that continue it, its output
below it, as a terminal shows it) that the
doc-test runs, or a ```sh block preceded by `<!-- doctest: skip: <reason> -->` when it cannot run here (it
needs a helpdesk account, a Java server, or runs until stopped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

FENCE = re.compile(r"^```(\S*)\s*$")
DIRECTIVE = re.compile(r"^<!--\s*doctest:\s*(?P<verb>[a-z]+)(?::\s*(?P<reason>.*?))?\s*-->$")
HEREDOC = re.compile(r"<<-?\s*(['\"]?)(?P<word>\w+)\1")
SHELL_LANGUAGES = frozenset({"sh", "bash", "shell", "console"})


@dataclass(frozen=True)
class Example:
    """One command of a console block and the output the README shows for it."""

    line: int  # 1-based line of the README where the command starts
    command: str
    expected: list[str]


@dataclass
class Block:
    """A fenced block: its language, its first line (the fence), its body, and the directive before it."""

    line: int
    language: str
    body: list[str]
    directive: str | None = None
    reason: str | None = None
    examples: list[Example] = field(default_factory=list)


def read_blocks(path: Path) -> list[Block]:
    """Every fenced block of the Markdown file at `path`, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        start = index
        index += 1
        body: list[str] = []
        while index < len(lines) and not lines[index].startswith("```"):
            body.append(lines[index])
            index += 1
        if index == len(lines):
            raise ValueError(f"{path.name}:{start + 1}: a fenced block is never closed")
        block = Block(line=start + 1, language=opening.group(1), body=body)
        directive = _directive_before(lines, start)
        if directive:
            block.directive, block.reason = directive
        if block.language == "console":
            block.examples = parse_console(body, first_line=start + 2)
        blocks.append(block)
        index += 1
    return blocks


def _directive_before(lines: list[str], fence: int) -> tuple[str, str | None] | None:
    """The `<!-- doctest: verb: reason -->` on the last non-blank line before a fence, if there is one."""
    index = fence - 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    if index < 0:
        return None
    found = DIRECTIVE.match(lines[index].strip())
    return (found.group("verb"), found.group("reason")) if found else None


def parse_console(body: list[str], first_line: int) -> list[Example]:
    """The commands of a console block: a command starts with `$ `, goes on over lines ending in a backslash,
    lines that start with the shell's `> ` continuation prompt, and a here-document's lines; the lines after
    it, up to the next command, are its output."""
    examples: list[Example] = []
    index = 0
    if body and not body[0].startswith("$ "):
        raise ValueError(f"README.md:{first_line}: a console block starts with a `$ ` command")
    while index < len(body):
        line_no = first_line + index
        command_lines = [body[index][2:]]
        index += 1
        while index < len(body) and (command_lines[-1].endswith("\\") or body[index].startswith("> ")):
            line = body[index]
            command_lines.append(line[2:] if line.startswith("> ") else line)
            index += 1
        heredoc = HEREDOC.search("\n".join(command_lines))
        if heredoc:
            word = heredoc.group("word")
            while index < len(body):
                command_lines.append(body[index])
                index += 1
                if body[index - 1] == word:
                    break
            else:
                raise ValueError(f"README.md:{line_no}: the here-document {word} is never closed")
        expected: list[str] = []
        while index < len(body) and not body[index].startswith("$ "):
            expected.append(body[index])
            index += 1
        examples.append(Example(line=line_no, command="\n".join(command_lines), expected=expected))
    return examples


def output_pattern(expected: list[str]) -> re.Pattern[str]:
    """A pattern for the output a README example shows: each line as written, where `...` stands for any
    text within a line and a line of `...` alone for any number of lines (as in Python's doctest)."""
    parts: list[str] = []
    for line in expected:
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            pieces = [re.escape(piece) for piece in line.rstrip().split("...")]
            parts.append("[^\n]*?".join(pieces) + r"[ \t]*\n")
    return re.compile("".join(parts))


def output_matches(expected: list[str], actual: str) -> bool:
    """Whether `actual`, a command's whole output, is what `expected` shows."""
    text = "".join(line.rstrip() + "\n" for line in actual.splitlines())
    return output_pattern(expected).fullmatch(text) is not None
