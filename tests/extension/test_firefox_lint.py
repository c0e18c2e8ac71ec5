"""Firefox compatibility: Mozilla's addons-linter (what addons.mozilla.org runs, and what `web-ext lint`
wraps) finds no error and no warning beyond the allow-list below in extension/.

The linter is a devDependency of tests/extension/pages (installed by `npm ci` there); it runs offline."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .helpers import EXTENSION, PAGES

LINTER = PAGES / "node_modules" / ".bin" / "addons-linter"

# Warnings that are not problems, by code, each with why.
ALLOWED_WARNINGS = {
    # A reminder, given whenever background.service_worker is present, that Firefox ignores it. Chrome needs
    # it; Firefox runs the same module from background.scripts (pinned by test_manifest.py). Without that
    # fallback the linter reports the error BACKGROUND_SERVICE_WORKER_NOFALLBACK, which is not allowed
    # (see test_a_manifest_without_the_firefox_background_fails_the_lint).
    "BACKGROUND_SERVICE_WORKER_IGNORED",
}


def lint(folder: Path) -> dict[str, Any]:
    """addons-linter's JSON report on the extension in `folder`."""
    if not LINTER.exists():
        pytest.fail(f"{LINTER} is missing: run `npm ci` in {PAGES} (scripts/test does it)")
    done = subprocess.run(
        [str(LINTER), "--output", "json", str(folder)],
        cwd=PAGES,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    try:
        report: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"addons-linter gave no report (exit {done.returncode}):\n{done.stdout}{done.stderr}")
    return report


def describe(messages: list[dict[str, Any]]) -> str:
    """One line per linter message: code, file and line, message."""
    return "\n".join(
        f"{m['code']} ({m.get('file', '?')}:{m.get('line', '-')}): {m['message']} {m.get('description', '')}"
        for m in messages
    )


def test_the_extension_passes_firefox_addons_linter() -> None:
    report = lint(EXTENSION)
    assert report["errors"] == [], "addons-linter errors:\n" + describe(report["errors"])
    unexpected = [m for m in report["warnings"] if m["code"] not in ALLOWED_WARNINGS]
    assert unexpected == [], "addons-linter warnings:\n" + describe(unexpected)
    assert report["metadata"]["manifestVersion"] == 3


def test_a_manifest_without_the_firefox_background_fails_the_lint(tmp_path: Path) -> None:
    copy = tmp_path / "extension"
    shutil.copytree(EXTENSION, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    del manifest["background"]["scripts"]
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    report = lint(copy)
    assert [m["code"] for m in report["errors"]] == ["BACKGROUND_SERVICE_WORKER_NOFALLBACK"]
