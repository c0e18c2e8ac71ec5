"""One bash session that runs the README's commands in order, as a user would type them in one terminal:
variables set by one command (KEY=...) are there for the next, and standard error shows where it would."""

from __future__ import annotations

import os
import selectors
import subprocess
import time
from pathlib import Path

# Ends each command's output: the exit status follows it. A control character no command here prints.
SENTINEL = "\x1e"


class CommandTimeout(AssertionError):
    """A command did not finish in time: its output so far is in the message."""


class Shell:
    """`bash` reading commands from a pipe, standard error merged into standard output."""

    def __init__(self, cwd: Path, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            ["bash", "--noprofile", "--norc"],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        assert self.proc.stdin and self.proc.stdout
        self.stdin = self.proc.stdin
        self.stdout = self.proc.stdout
        os.set_blocking(self.stdout.fileno(), False)

    def run(self, command: str, timeout: float = 120) -> tuple[str, int]:
        """Run `command`; its output (standard output and error as a terminal interleaves them) and status."""
        # stdin is the pipe the commands come from: a command must not read it (it would eat the next ones).
        script = f"{{ {command}\n}} </dev/null\nprintf '\\n{SENTINEL}%d\\n' $?\n"
        self.stdin.write(script.encode())
        self.stdin.flush()
        buffer = b""
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(self.stdout, selectors.EVENT_READ)
            while True:
                text = buffer.decode("utf-8", errors="replace")
                marker = text.rfind("\n" + SENTINEL)
                if marker >= 0 and text.endswith("\n"):
                    return text[:marker], int(text[marker + 2 :].strip())
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.proc.poll() is not None:
                    raise CommandTimeout(f"no end of `{command}` within {timeout} s; output so far:\n{text}")
                if selector.select(timeout=remaining):
                    chunk = self.stdout.read()
                    if chunk:
                        buffer += chunk

    def close(self) -> None:
        """End the session."""
        self.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.stdout.close()
