"""Lint of extension/manifest.json: the fields the stores and the extension itself rely on."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from .helpers import EXTENSION

MANIFEST: dict[str, Any] = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
DEFAULTS = (EXTENSION / "background" / "defaults.js").read_text(encoding="utf-8")
PATTERN = re.compile(r"^(\*|https?|file|ftp)://(\*|\*\.[^/*]+|[^/*]+)/.*$")


def built_in_sites() -> list[str]:
    """BUILT_IN_SITES from background/defaults.js."""
    block = re.search(r"BUILT_IN_SITES = \[(.*?)\];", DEFAULTS, re.S)
    assert block
    return re.findall(r'"([^"]+)"', block.group(1))


def test_required_fields() -> None:
    assert MANIFEST["manifest_version"] == 3
    assert MANIFEST["name"] and len(MANIFEST["name"]) <= 75
    assert MANIFEST["short_name"] and len(MANIFEST["short_name"]) <= 12
    assert 0 < len(MANIFEST["description"]) <= 132
    assert re.fullmatch(r"\d+(\.\d+){0,3}", MANIFEST["version"])
    # Chrome runs the service worker; Firefox, which has none in MV3, the same module as a background script.
    assert MANIFEST["background"] == {
        "service_worker": "background/main.js",
        "type": "module",
        "scripts": ["background/main.js"],
    }
    # Chrome before 121 refuses to load an MV3 manifest that has background.scripts.
    assert int(MANIFEST["minimum_chrome_version"]) >= 121
    gecko = MANIFEST["browser_specific_settings"]["gecko"]
    assert gecko["id"]
    # Firefox asks the agent to consent, at install, to sending their drafts and the customer's message
    # (read from the helpdesk page) to the Reply Coach service: the extension does nothing without it. What
    # they do with flags (for the team's insights) is interaction data, which Firefox lets them opt into:
    # the extension sends none of it until they do (background/events.js).
    assert gecko["data_collection_permissions"] == {
        "required": ["personalCommunications", "websiteContent"],
        "optional": ["technicalAndInteraction"],
    }


def test_every_file_it_names_exists() -> None:
    named = [MANIFEST["background"]["service_worker"], MANIFEST["options_ui"]["page"]]
    named += MANIFEST["icons"].values()
    named += MANIFEST["action"]["default_icon"].values()
    for script in MANIFEST["content_scripts"]:
        named += script["js"]
    for path in named:
        assert (EXTENSION / path).is_file(), path


def test_icons_are_pngs_of_their_size() -> None:
    for size, path in MANIFEST["icons"].items():
        data = (EXTENSION / path).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", path
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (int(size), int(size)), path


def test_permissions_stay_narrow() -> None:
    assert sorted(MANIFEST["permissions"]) == ["scripting", "storage"]
    assert "<all_urls>" not in MANIFEST["host_permissions"]  # everywhere is opt-in (optional)
    assert MANIFEST["optional_host_permissions"] == ["<all_urls>"]
    for pattern in MANIFEST["host_permissions"]:
        assert PATTERN.match(pattern), pattern


def test_content_scripts_cover_exactly_the_built_in_sites() -> None:
    (script,) = MANIFEST["content_scripts"]
    assert script["matches"] == MANIFEST["host_permissions"] == built_in_sites()
    assert {"http://127.0.0.1/*", "http://localhost/*"} <= set(script["matches"])
    # Editors in same-origin and about:blank iframes (TinyMCE's classic mode).
    assert script["all_frames"] and script["match_about_blank"] and script["match_origin_as_fallback"]
    assert script["js"][0] == "content/namespace.js" and script["js"][-1] == "content/main.js"


@pytest.mark.parametrize("path", sorted(p.relative_to(EXTENSION).as_posix() for p in EXTENSION.rglob("*.js")))
def test_no_script_writes_html(path: str) -> None:
    source = (EXTENSION / path).read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, f"{path} uses {sink}: API text must go in as text"


def test_every_script_file_is_used() -> None:
    used = set(MANIFEST["content_scripts"][0]["js"])
    for path in EXTENSION.rglob("*.js"):
        relative = path.relative_to(EXTENSION).as_posix()
        if relative.startswith("content/"):
            assert relative in used, f"{relative} is not loaded by the manifest"
        elif relative.startswith("background/"):
            name = path.name
            imported = relative == MANIFEST["background"]["service_worker"] or any(
                f'"./{name}"' in other.read_text(encoding="utf-8")
                for other in (EXTENSION / "background").glob("*.js")
            )
            assert imported, f"{relative} is imported by nothing"


def test_every_editor_adapter_is_in_the_registry_and_loaded_before_it() -> None:
    """content/editors/: one file per adapter (content/editors/<kind>.js sets replycoach.adapters.<kind>),
    each listed in the registry's ORDER and loaded by the manifest before registry.js, which chooses."""
    js = MANIFEST["content_scripts"][0]["js"]
    registry = (EXTENSION / "content" / "editors" / "registry.js").read_text(encoding="utf-8")
    block = re.search(r"const ORDER = \[(.*?)\];", registry, re.S)
    assert block
    order = re.findall(r'"([^"]+)"', block.group(1))
    defined: dict[str, str] = {}
    for path in sorted((EXTENSION / "content" / "editors").glob("*.js")):
        for kind in re.findall(r"\badapters\.(\w+) =", path.read_text(encoding="utf-8")):
            assert kind not in defined, f"{kind} is defined in {defined.get(kind)} and {path.name}"
            defined[kind] = path.name
    assert sorted(order) == sorted(defined), "the registry's ORDER and the adapter files differ"
    for kind, name in defined.items():
        assert name == f"{kind}.js", f"adapter {kind} lives in {name}"
        assert js.index(f"content/editors/{name}") < js.index("content/editors/registry.js"), name
    assert order[-1] == "contenteditable"  # it claims every editable element: the rich editors come first
