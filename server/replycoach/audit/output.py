"""Writing the audit's files whole or not at all: a half-written report must never replace a good one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from replycoach.errors import InputError


def check_writable(path: Path) -> None:
    """Raise InputError now, before a long run, if `path` cannot be written (no such folder, a folder)."""
    folder = path.parent  # "." for a bare file name
    if not folder.is_dir():
        raise InputError(f"{path}: the folder {folder} does not exist")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name")
    if not os.access(folder, os.W_OK):
        raise InputError(f"{path}: cannot write in the folder {folder}")


def write_atomically(path: Path, text: str, mode: int = 0o600) -> None:
    """Write `text` (UTF-8) to a file beside `path` with permissions `mode` (by default readable by its
    owner only: a report holds replies and customers' messages), then move it over `path` in one step."""
    folder = path.parent  # "." for a bare file name
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise InputError(f"{path}: cannot write it: {err.strerror}") from err
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as err:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write it: {err.strerror}") from err
