"""Headless Firefox (Debian's firefox-esr) driven over Marionette, with the extension installed as a
temporary add-on, for the Firefox end-to-end tests."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import socket
import subprocess
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from ports import free_port

from .helpers import EXTENSION
from .views import WAIT_FOR_BADGE

FIREFOX = os.environ.get("REPLYCOACH_FIREFOX", "/usr/bin/firefox-esr")
ADDON_ID = "replycoach@replycoach.invalid"  # browser_specific_settings.gecko.id in the manifest
# Firefox gives each add-on a random internal UUID for its moz-extension:// origin; this pref pins it.
ADDON_UUID = "1b7d7c4e-0000-4000-8000-000000000001"
EXTENSION_ORIGIN = f"moz-extension://{ADDON_UUID}"
STARTUP_TIMEOUT = 30.0
# WebDriver's code points for keys that are not characters.
CONTROL = "\ue009"
SHIFT = "\ue008"
ALT = "\ue00a"
ENTER = "\ue007"
ESCAPE = "\ue00c"
TAB = "\ue004"
END = "\ue010"
HOME = "\ue011"
UP = "\ue013"
RIGHT = "\ue014"
DOWN = "\ue015"

PREFS: dict[str, Any] = {
    "extensions.webextensions.uuids": json.dumps({ADDON_ID: ADDON_UUID}),
    # Content and chrome console messages go to Firefox's stdout, i.e. the log the tests keep.
    "devtools.console.stdout.content": True,
    "devtools.console.stdout.chrome": True,
    "browser.dom.window.dump.enabled": True,
    # A quiet browser: no first-run pages, update checks or telemetry that could steal focus or time.
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "browser.aboutwelcome.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "network.proxy.type": 0,
}

T = TypeVar("T")


def require_firefox() -> None:
    """Fail (not skip: CI installs both) when Firefox ESR or the Marionette client is missing."""
    if not Path(FIREFOX).exists():
        pytest.fail(
            f"{FIREFOX} is missing: install Firefox ESR (`apt-get install firefox-esr`; scripts/test "
            "does it) or point REPLYCOACH_FIREFOX at a Firefox 140+ binary"
        )
    try:
        # mozinfo, which marionette_driver imports, calls a deprecated distro function at import time.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            importlib.import_module("marionette_driver.marionette")
    except ImportError as error:
        pytest.fail(
            f"marionette_driver is missing ({error}): `pip install -e '.[test]'` (the test extra lists "
            "marionette-driver; scripts/test does it)"
        )


def wait_until(condition: Callable[[], T | None], timeout: float, failure: Callable[[], str]) -> T:
    """Poll `condition` every 0.1 s until it returns something truthy, which is returned; after `timeout`
    seconds fail with the message `failure()` builds then (so it can show the state it found)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(failure())
        time.sleep(0.1)


def _write_prefs(profile: Path, port: int) -> None:
    prefs = {**PREFS, "marionette.port": port}
    lines = "".join(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n" for name, value in prefs.items())
    (profile / "user.js").write_text(lines, encoding="utf-8")


def _wait_for_port(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Firefox exited with {process.returncode} before Marionette listened; see {log}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    pytest.fail(f"Marionette did not listen on port {port} within {STARTUP_TIMEOUT:.0f} s; see {log}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop Firefox and its content processes (its own process group), killing them if they linger."""
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def firefox(profile: Path, log: Path) -> Iterator[Any]:
    """Headless Firefox on a fresh `profile` (its output in `log`) with the extension installed as a
    temporary add-on; yields the Marionette client. Firefox is stopped on the way out, even on failure."""
    require_firefox()
    from marionette_driver.addons import Addons
    from marionette_driver.marionette import Marionette

    port = free_port()
    _write_prefs(profile, port)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                FIREFOX,
                "-marionette",
                "-remote-allow-system-access",
                "-headless",
                "-no-remote",
                "-profile",
                str(profile),
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "MOZ_HEADLESS": "1"},
            start_new_session=True,  # its own process group, so _stop reaches the content processes
        )
        client = None
        try:
            _wait_for_port(process, port, log)
            client = Marionette(
                host="127.0.0.1", port=port, socket_timeout=60, startup_timeout=STARTUP_TIMEOUT
            )
            client.start_session()
            client.timeout.page_load = 30
            client.timeout.script = 15
            installed = Addons(client).install(str(EXTENSION), temp=True)
            if installed != ADDON_ID:
                pytest.fail(f"Firefox installed the extension as {installed!r}, not {ADDON_ID!r}")
            yield client
        finally:
            if client is not None and client.session is not None:
                with contextlib.suppress(Exception):
                    client.delete_session()
            _stop(process)


def open_extension_page(client: Any, path: str) -> None:
    """Open the extension's own page `path` in a new tab and switch to it (content cannot navigate to a
    moz-extension:// URL, so the tab is opened from the browser's chrome, with the system principal)."""
    before = set(client.window_handles)
    with client.using_context("chrome"):
        client.execute_script(
            "gBrowser.selectedTab = gBrowser.addTab(arguments[0], "
            "{triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal()});",
            script_args=[f"{EXTENSION_ORIGIN}/{path}"],
        )
    (tab,) = wait_until(lambda: set(client.window_handles) - before, 10, lambda: f"no tab opened for {path}")
    client.switch_to_window(tab)
    # A new tab holds about:blank (already "complete") until the page replaces it: wait for the page itself.
    url = f"{EXTENSION_ORIGIN}/{path}"
    wait_until(
        lambda: client.get_url() == url and client.execute_script("return document.readyState") == "complete",
        10,
        lambda: f"{url} did not finish loading (the tab shows {client.get_url()})",
    )


def press(client: Any, *keys: str) -> None:
    """Press `keys` together, as a user does (modifiers first), then release them in reverse order."""
    sequence = client.actions.sequence("key", "keyboard")
    for key in keys:
        sequence.key_down(key)
    for key in reversed(keys):
        sequence.key_up(key)
    sequence.perform()


def type_text(client: Any, text: str) -> None:
    """Type `text` into the focused element with real key events, Enter for each line break."""
    sequence = client.actions.sequence("key", "keyboard")
    for index, line in enumerate(text.split("\n")):
        if index:
            sequence.key_down(ENTER).key_up(ENTER).pause(100)  # Trix may double a line break typed at once
        sequence.send_keys(line)
    sequence.perform()


def find(client: Any, selector: str) -> Any:
    """The element matching the CSS `selector` in the current tab (Marionette fails when there is none)."""
    return client.find_element("css selector", selector)


def by_id(client: Any, element_id: str) -> Any:
    """The element with id `element_id` in the current tab."""
    return find(client, f"#{element_id}")


# Every element the extension shows lives in the open shadow root of a <replycoach-ui> host.
OVERLAY_JS = """
for (const host of document.querySelectorAll('replycoach-ui')) {
  const found = host.shadowRoot && host.shadowRoot.querySelector(arguments[0]);
  if (found) return found;
}
return null;
"""


def overlay(client: Any, selector: str) -> Any:
    """The first element matching `selector` in the extension's shadow root(s), or None."""
    return client.execute_script(OVERLAY_JS, script_args=[selector])


def set_settings(client: Any, values: dict[str, Any], *, clear: bool = False) -> None:
    """Write `values` into the extension's chrome.storage.sync (after emptying it and chrome.storage.local,
    with `clear`), as test_options' `set_settings` does through Chromium's worker: from the extension's own
    options page, opened in a tab for it and closed after."""
    start = client.current_window_handle
    open_extension_page(client, "options/options.html")
    try:
        client.execute_async_script(
            """
            const [json, clear, done] = arguments;
            const page = window.wrappedJSObject;
            const storage = page.chrome.storage;
            const emptied = clear
              ? page.Promise.all([storage.sync.clear(), storage.local.clear()]) : page.Promise.resolve();
            emptied.then(() => storage.sync.set(page.JSON.parse(json))).then(() => done(true));
            """,
            script_args=[json.dumps(values), clear],
        )
    finally:
        client.close()
        client.switch_to_window(start)


def stored_settings(client: Any) -> dict[str, Any]:
    """chrome.storage.sync as the extension's options page (the current tab) reads it."""
    found: dict[str, Any] = json.loads(
        client.execute_async_script(
            "const done = arguments[0]; const page = window.wrappedJSObject;"
            "page.chrome.storage.sync.get(null).then((all) => done(page.JSON.stringify(all)));"
        )
    )
    return found


def set_viewport(client: Any, width: int, height: int) -> None:
    """Size the window so that its viewport (innerWidth × innerHeight) is `width` × `height`, as Playwright's
    set_viewport_size does: Marionette sizes the outer window, toolbars included."""
    for _ in range(3):
        inner = client.execute_script("return [window.innerWidth, window.innerHeight];")
        if inner == [width, height]:
            return
        rect = client.window_rect
        client.set_window_rect(
            width=rect["width"] + width - inner[0], height=rect["height"] + height - inner[1]
        )
    inner = client.execute_script("return [window.innerWidth, window.innerHeight];")
    if inner != [width, height]:
        pytest.fail(f"Firefox's viewport is {inner}, not {[width, height]}")


def page_ready(client: Any, ready: str) -> bool:
    """Whether `ready` (a Playwright-style `() => window.x` or `() => document...` check of the page, as the
    editor tables write it) is true of the page's own window."""
    check = ready.replace("() => window.", "page.").replace("() => document", "page.document")
    return bool(client.execute_script(f"const page = window.wrappedJSObject; return Boolean({check});"))


def open_page(client: Any, pages_url: str, editor: Any) -> None:
    """The editor's test page loaded and its editor started (`editor` as in test_rich_editors.EDITORS)."""
    client.navigate(f"{pages_url}/{editor.page}")
    wait_until(
        lambda: page_ready(client, editor.ready),
        15,
        lambda: f"the editor did not start on {editor.page} (scripts/test builds tests/extension/pages/dist)",
    )


def click_editor(client: Any, editor: Any) -> None:
    """Click into the editor (inside its iframe, if any); the current frame is the top one after."""
    if editor.frame:
        client.switch_to_frame(find(client, editor.frame))
    find(client, editor.editable).click()
    if editor.frame:
        client.switch_to_frame()


def open_editor(client: Any, pages_url: str, editor: Any) -> None:
    """As helpers.open_editor in Chromium: the page opened, the editor ready and clicked into."""
    open_page(client, pages_url, editor)
    click_editor(client, editor)


def model_text(client: Any) -> str:
    """The editor's own model's text (each test page's window.modelText())."""
    return str(client.execute_script("return window.wrappedJSObject.modelText();"))


def wait_for_model(client: Any, expected: str, when: str) -> None:
    """Wait until the editor's model holds `expected`; fail showing what it holds instead."""
    wait_until(
        lambda: model_text(client) == expected,
        5,
        lambda: f"{when}, the editor holds {model_text(client)!r}, not {expected!r}",
    )


def wait_for_badge(client: Any, text: str, when: str) -> None:
    """Wait, checking every frame, until the badge says `text`; fail showing what it says instead."""
    said = client.execute_async_script(WAIT_FOR_BADGE, script_args=[text, 10000], script_timeout=15000)
    assert said == text, f"{when}, the badge says {said!r}, not {text!r}"


def wait_for_marker(client: Any, rule: str) -> Any:
    """The first underline of `rule`, once the extension drew it (within 10 s)."""
    selector = f".marker[data-rc-rule='{rule}']"
    return wait_until(lambda: overlay(client, selector), 10, lambda: f"no marker for {rule} appeared")
