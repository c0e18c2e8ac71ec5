"""The wheel a user installs carries the curated bank, and the installed package finds it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from replycoach import default_engine

REPO = Path(__file__).resolve().parents[1]


def test_wheel_carries_the_curated_bank_and_uses_it(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(REPO),
        ],
        check=True,
    )
    (wheel,) = (tmp_path / "dist").glob("replycoach-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n for n in names if n.startswith("replycoach/phrasebank/") and n.endswith(".yml"))
    source = sorted(f"replycoach/phrasebank/{p.name}" for p in (REPO / "phrasebank").glob("*.yml"))
    assert shipped == source and shipped
    # The admin page's templates, script modules and styles, the database migrations and the audit report's
    # template ship too.
    static = REPO / "server" / "replycoach" / "web" / "admin" / "static"
    modules = sorted(p.relative_to(REPO / "server").as_posix() for p in static.rglob("*.js"))
    assert "replycoach/web/admin/static/js/main.js" in modules
    for needed in (
        "replycoach/web/admin/templates/admin/shell.html",
        "replycoach/web/admin/templates/admin/sign_in.html",
        *modules,
        "replycoach/web/admin/static/admin.css",
        "replycoach/store/migrations/versions/0003_admin_sessions.py",
        "replycoach/audit/templates/report.html.j2",
        "replycoach/audit/templates/report.js",
    ):
        assert needed in names, needed

    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = (
        "import replycoach, replycoach.bank.files as f;"
        "print(replycoach.__file__); print(f.curated_bank_dir());"
        "print(len(replycoach.default_engine().bank))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.splitlines()
    assert out[0].startswith(str(target))
    assert out[1] == str(target / "replycoach" / "phrasebank")
    assert int(out[2]) == len(default_engine().bank)
