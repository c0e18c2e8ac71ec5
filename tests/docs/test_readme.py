"""The README stays true: its console examples are run, in order, in one shell against a real
`replycoach serve` on a fresh database, and each must print what the README shows. Shell examples that cannot
run here say why, in a `<!-- doctest: skip: ... -->` line, and every fenced block names its language."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving import serve_process

from .readme_examples import SHELL_LANGUAGES, Block, Example, output_matches, read_blocks
from .shell import Shell

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
BLOCKS = read_blocks(README)
# The address the README's examples use; the doc-test's service runs on a free port instead.
README_URL = "http://127.0.0.1:8080"
RUN = [block for block in BLOCKS if block.language == "console" and block.directive != "skip"]


def test_every_block_names_its_language_and_every_shell_example_runs_or_says_why() -> None:
    problems = []
    for block in BLOCKS:
        if not block.language:
            problems.append(f"README.md:{block.line}: a fenced block without a language")
        elif block.language in SHELL_LANGUAGES - {"console"} and not (
            block.directive == "skip" and block.reason
        ):
            problems.append(
                f"README.md:{block.line}: a ```{block.language} block the doc-test does not run: make it a "
                "```console example with its output, or put `<!-- doctest: skip: <why> -->` before it"
            )
        elif block.directive not in (None, "skip"):
            problems.append(f"README.md:{block.line}: unknown doctest directive {block.directive!r}")
    assert not problems, "\n".join(problems)
    assert len(RUN) >= 10, "the README has lost its console examples"


@pytest.fixture(scope="module")
def shell(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Shell, str]]:
    """A bash session in a scratch folder holding the repository's examples/ and phrasebank/, with a
    `replycoach serve` on a fresh database running for it, and `replycoach` first on PATH."""
    base = tmp_path_factory.mktemp("readme")
    work = base / "work"
    work.mkdir()
    for folder in ("examples", "phrasebank"):
        shutil.copytree(ROOT / folder, work / folder)
    home = base / "home"
    home.mkdir()
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "REPLYCOACH_HOME": str(home / "replycoach"),
        "PYTHONUNBUFFERED": "1",  # standard output and error interleave as on a terminal
        "TERM": "dumb",
    }
    (home / "replycoach").mkdir()
    with serve_process(env, base / "serve.log") as (url, _process):
        session = Shell(work, env)
        try:
            yield session, url
        finally:
            session.close()


def _run(shell: Shell, url: str, example: Example) -> str | None:
    """What is wrong with one example, or None when it prints what the README shows."""
    output, _status = shell.run(example.command.replace(README_URL, url))
    output = output.replace(url, README_URL)
    if output_matches(example.expected, output):
        return None
    shown = "\n".join(example.expected)
    return (
        f"README.md:{example.line}: `{example.command}`\n--- README shows:\n{shown}\n--- it prints:\n{output}"
    )


@pytest.mark.parametrize("block", RUN, ids=[f"README.md:{block.line}" for block in RUN])
def test_console_example_prints_what_the_readme_shows(shell: tuple[Shell, str], block: Block) -> None:
    session, url = shell
    problems = [problem for example in block.examples if (problem := _run(session, url, example))]
    assert not problems, "\n\n".join(problems)
