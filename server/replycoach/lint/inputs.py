"""Which files a check reads: files, folders (walked for .txt and .md) and glob patterns, in order."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from replycoach.errors import InputError

TEXT_SUFFIXES = (".txt", ".md")
STDIN = "-"


@dataclass(frozen=True)
class Unreadable:
    """An input that could not be read, and why; the rest of the check goes on without it."""

    name: str
    reason: str


def expand(arguments: Iterable[str]) -> tuple[list[str], list[Unreadable]]:
    """The files the arguments name, each once, in order: a folder gives its .txt and .md files (hidden
    folders skipped), a glob pattern its matches, a path itself, `-` standard input."""
    found: list[str] = []
    missing: list[Unreadable] = []
    for argument in arguments:
        path = Path(argument)
        if argument == STDIN:
            found.append(argument)
        elif path.is_dir():
            walked = sorted(
                str(p)
                for p in path.rglob("*")
                if p.suffix.lower() in TEXT_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            found.extend(walked)
        elif glob.has_magic(argument):
            matches = sorted(m for m in glob.glob(argument, recursive=True) if Path(m).is_file())
            if matches:
                found.extend(matches)
            else:
                missing.append(Unreadable(argument, "no file matches this pattern"))
        else:
            found.append(argument)
    return list(dict.fromkeys(found)), missing


def read_input(name: str, stdin: bytes | None = None) -> str:
    """The text of a file (or of standard input, given as bytes); raises InputError saying why not."""
    try:
        data = stdin if name == STDIN and stdin is not None else Path(name).read_bytes()
    except OSError as err:
        raise InputError(f"cannot read it: {err.strerror}") from err
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text (invalid byte at offset {err.start}); save it as UTF-8") from err
