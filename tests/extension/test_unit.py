"""Runs the extension's JavaScript unit tests (offset mapping, match patterns) with node's test runner."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .helpers import node_modules_ready, require_tool

UNIT = Path(__file__).parent / "unit"


@pytest.mark.skipif(not node_modules_ready(), reason="run scripts/test: it installs jsdom")
def test_javascript_unit_tests_pass() -> None:
    tests = sorted(str(path) for path in UNIT.iterdir() if path.name.endswith((".test.js", ".test.mjs")))
    result = subprocess.run(
        [require_tool("node"), "--test", *tests], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
