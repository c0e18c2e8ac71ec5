"""scripts/pack-extension: a reproducible store zip holding exactly extension/, manifest at its root."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from .helpers import EXTENSION, ROOT


def test_pack_makes_a_reproducible_zip_of_the_extension(tmp_path: Path) -> None:
    def pack(folder: Path) -> Path:
        done = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "pack-extension"), str(folder)],
            capture_output=True,
            text=True,
            check=True,
        )
        return Path(done.stdout.strip())

    first = pack(tmp_path / "a")
    second = pack(tmp_path / "b")
    assert first.name.startswith("replycoach-extension-") and first.suffix == ".zip"
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = set(archive.namelist())
        assert archive.testzip() is None
    expected = {path.relative_to(EXTENSION).as_posix() for path in EXTENSION.rglob("*") if path.is_file()}
    assert names == expected
    assert "manifest.json" in names
