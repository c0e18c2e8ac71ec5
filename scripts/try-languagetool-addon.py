#!/usr/bin/env python3
"""Checks, end to end, that LanguageTool's open-source browser add-on coaches with Reply Coach in Firefox.

The add-on is the archived languagetool-org/languagetool-browser-addon (version 1.0.48, "LanguageTool (old
version)", a Manifest V2 WebExtension that runs unpacked as it is in the repository's `webextension` folder);
the add-on of the Chrome and Firefox stores is a different, closed program and is not what this drives.

The script starts headless Firefox ESR with a fresh profile, installs the add-on as a temporary add-on (as
about:debugging does), and then does what a user does: on the add-on's options page it enters the service's
URL as the "LanguageTool API server URL" and saves; on a local page with a text area it types a draft, clicks
the add-on's "Check Text" button beside the text area, accepts the privacy note (which names the server the
text goes to, with "Auto-check on all domains by default" ticked), and reads the matches the add-on lists;
then it types once more and reads the count the auto-check shows on the button. The add-on talks to the
service through a small recording proxy, so its requests are printed with what it showed.

Run it with the repository's venv (it needs marionette-driver, in the test extra):

    .venv/bin/python scripts/try-languagetool-addon.py /tmp/languagetool-browser-addon/webextension
    .venv/bin/python scripts/try-languagetool-addon.py ADDON --service https://coach.example.com --key "$KEY"

Without --service it starts `replycoach serve` (a temporary REPLYCOACH_HOME, an agent key of its own, and
REPLYCOACH_CORS_ORIGINS set to the add-on's origin, which the script pins); with --service the running service
must list that origin (printed) in REPLYCOACH_CORS_ORIGINS, or the add-on reports a network error. Exit status
0 when the add-on listed at least one match and its button showed a count, 1 when not, 2 on a setup problem.
Not part of the test suite: the add-on is not in this repository, and none of its code may be.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from tryout import (
    SetupError,
    add_service_arguments,
    free_port,
    hide,
    recording_proxy,
    serving,
    started_service,
)

EXAMPLE = "Calm down, you'll have to wait 24 hours."
# Firefox gives an add-on a random internal UUID for its moz-extension:// origin; this pins the add-on's.
ADDON_UUID = "7c1f2a9e-0000-4000-8000-00000000a11d"
ORIGIN = f"moz-extension://{ADDON_UUID}"
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Reply to the customer</title></head>
<body style="font: 16px sans-serif; margin: 40px">
<h1>Reply to the customer</h1>
<textarea id="reply" rows="6" cols="60" style="font-size: 16px"></textarea>
</body></html>
"""
PREFS: dict[str, Any] = {
    "devtools.console.stdout.content": True,
    "devtools.console.stdout.chrome": True,
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


class NotShown(Exception):
    """The add-on did not show what the check waited for."""


def wait_for(condition: Callable[[], T | None], timeout: float, what: str) -> T:
    """Poll `condition` until it returns something truthy; NotShown(`what`) after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        with contextlib.suppress(Exception):
            value = condition()
            if value:
                return value
        if time.monotonic() > deadline:
            raise NotShown(what)
        time.sleep(0.2)


# --- the service ---------------------------------------------------------------------------------------


def summarize(payload: bytes) -> str:
    """A /v2/check answer in one line per match: the words, the rule, the first replacement."""
    try:
        answer = json.loads(payload)
    except ValueError:
        return f"    body: {payload.decode('utf-8', 'replace')[:300]}"
    if not isinstance(answer, dict) or "matches" not in answer:
        return ""
    lines = [f"    language: {json.dumps(answer.get('language', {}).get('code'))}, matches:"]
    for match in answer["matches"]:
        context = match["context"]
        words = context["text"][context["offset"] : context["offset"] + context["length"]]
        lines.append(
            f"      {words!r} [{match['offset']}, +{match['length']}] {match['rule']['id']} "
            f"({match['rule'].get('issueType')}), {len(match['replacements'])} replacements"
        )
    return "\n".join(lines)


@contextlib.contextmanager
def page_server() -> Iterator[str]:
    """A local web page with a text area (the add-on's content scripts run on http:// pages)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = PAGE.encode()
            self.send_response(200 if self.path == "/" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    with serving(Handler) as url:
        yield url + "/"


# --- Firefox -------------------------------------------------------------------------------------------


def addon_id(addon: Path) -> str:
    """The add-on's Gecko id, from its manifest (`applications`, or `browser_specific_settings`)."""
    manifest = json.loads((addon / "manifest.json").read_text(encoding="utf-8"))
    gecko = (manifest.get("browser_specific_settings") or manifest.get("applications") or {}).get("gecko", {})
    if not gecko.get("id"):
        raise SetupError(f"{addon / 'manifest.json'} names no gecko id")
    print(
        f"Add-on: {manifest.get('name')} {manifest.get('version')} "
        f"(manifest_version {manifest.get('manifest_version')}, id {gecko['id']})"
    )
    return str(gecko["id"])


def firefox_version(firefox: str) -> str:
    shown = subprocess.run([firefox, "--version"], capture_output=True, text=True, timeout=60)
    return shown.stdout.strip() or shown.stderr.strip()


@contextlib.contextmanager
def running_firefox(firefox: str, addon: Path, ident: str, profile: Path, log: Path) -> Iterator[Any]:
    """Headless Firefox on a fresh profile with the add-on installed temporarily; yields the Marionette
    client. Firefox is stopped on the way out."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from marionette_driver.addons import Addons
            from marionette_driver.marionette import Marionette
    except ImportError:
        raise SetupError(
            "no marionette_driver: run the script with the repository's venv (`pip install -e '.[test]'`)"
        ) from None
    port = free_port()
    prefs = {
        **PREFS,
        "marionette.port": port,
        "extensions.webextensions.uuids": json.dumps({ident: ADDON_UUID}),
    }
    lines = "".join(f"user_pref({json.dumps(name)}, {json.dumps(value)});\n" for name, value in prefs.items())
    (profile / "user.js").write_text(lines, encoding="utf-8")
    with log.open("wb") as output:
        process = subprocess.Popen(
            [firefox, "-marionette", "-remote-allow-system-access", "-headless", "-no-remote"]
            + ["-profile", str(profile)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "MOZ_HEADLESS": "1"},
            start_new_session=True,
        )
        client = None
        try:
            deadline = time.monotonic() + 30
            while True:
                if process.poll() is not None:
                    raise SetupError(f"Firefox exited with {process.returncode}; see {log}")
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
                if time.monotonic() > deadline:
                    raise SetupError(f"Marionette did not listen within 30 s; see {log}")
                time.sleep(0.2)
            client = Marionette(host="127.0.0.1", port=port, socket_timeout=60, startup_timeout=30)
            client.start_session()
            client.timeout.page_load = 30
            client.timeout.script = 15
            client.set_window_rect(width=1100, height=800)
            installed = Addons(client).install(str(addon), temp=True)
            if installed != ident:
                raise SetupError(f"Firefox installed the add-on as {installed!r}, not {ident!r}")
            yield client
        finally:
            if client is not None and client.session is not None:
                with contextlib.suppress(Exception):
                    client.delete_session()
            for sig in (signal.SIGTERM, signal.SIGKILL):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, sig)
                try:
                    process.wait(timeout=10)
                    break
                except subprocess.TimeoutExpired:
                    continue


def open_tab(client: Any, url: str) -> None:
    """Open `url` in a new tab from the browser's chrome (content cannot open moz-extension:// pages) and
    switch to it once it has loaded."""
    before = set(client.window_handles)
    with client.using_context("chrome"):
        client.execute_script(
            "gBrowser.selectedTab = gBrowser.addTab(arguments[0], "
            "{triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal()});",
            script_args=[url],
        )
    (tab,) = wait_for(lambda: set(client.window_handles) - before, 10, f"a tab for {url}")
    client.switch_to_window(tab)
    wait_for(
        lambda: client.get_url() == url and client.execute_script("return document.readyState") == "complete",
        15,
        f"{url} loaded",
    )


def type_text(client: Any, text: str) -> None:
    client.actions.sequence("key", "keyboard").send_keys(text).perform()


def save_screenshot(client: Any, path: Path) -> None:
    import base64

    path.write_bytes(base64.b64decode(client.screenshot()))


def set_server(client: Any, server_url: str, english_variant: str | None) -> str:
    """On the add-on's options page, enter the server URL (and choose the English variant) and save; returns
    what the page says beside the URL."""
    open_tab(client, f"{ORIGIN}/options.html")
    field = wait_for(lambda: client.find_element("css selector", "#apiServerUrl"), 10, "the options page")
    label = client.find_element("css selector", "#serverText").text
    wait_for(lambda: field.get_property("value"), 10, "the options page's stored server URL")
    field.clear()
    field.send_keys(server_url)
    if english_variant:
        client.execute_script(
            "document.getElementById('variant-en').value = arguments[0];", script_args=[english_variant]
        )
    tab = client.current_window_handle
    client.find_element("css selector", "#save").click()
    # The page closes its own tab once the settings are stored.
    wait_for(lambda: tab not in client.window_handles, 10, "the options page to save and close")
    return str(label)


def button_state(client: Any) -> dict[str, str] | None:
    """The add-on's first button beside the text area: its class, its text (the count) and tooltip."""
    state: dict[str, str] | None = client.execute_script(
        "const b = document.querySelector('.lt-marker-container .lt-buttons');"
        "return b ? {cls: b.className, text: b.innerText, tooltip: b.getAttribute('tooltip') || ''} : null;"
    )
    return state


def open_popup(client: Any) -> Any:
    """Click the add-on's button beside the text area and switch into the popup it lays over the page."""
    client.find_element("css selector", ".lt-marker-container .lt-buttons").click()
    frame = wait_for(
        lambda: client.find_element("css selector", ".ltaddon-popup-content iframe"),
        15,
        "the add-on's popup over the page",
    )
    client.switch_to_frame(frame)


def close_popup(client: Any) -> None:
    client.switch_to_parent_frame()
    client.find_element("css selector", ".ltaddon-popup-close-icon").click()
    wait_for(
        lambda: not client.find_elements("css selector", ".ltaddon-popup-content"), 10, "the popup to close"
    )


def read_popup(client: Any) -> tuple[str, str, list[dict[str, Any]], str]:
    """In the popup: accept the privacy note if it is shown, and read the listed matches; returns the
    privacy note, the language it shows, the matches (message, context with the flagged words,
    replacements) and all its text."""
    note = ""
    shown = wait_for(
        lambda: client.find_elements("css selector", "#confirmCheck, .suggestionRow, .programError"),
        20,
        "the popup's privacy note or its results",
    )
    if shown[0].get_attribute("id") == "confirmCheck":
        note = client.execute_script("return document.querySelector('#status').innerText")
        client.find_element("css selector", "#confirmCheck").click()
    wait_for(
        lambda: client.find_elements("css selector", "#closeLink, .programError"),
        30,
        "the popup's results",
    )
    rows: list[dict[str, Any]] = client.execute_script(
        "return Array.from(document.querySelectorAll('.suggestionRow')).map(r => ({"
        "  cls: r.className,"
        "  message: Array.from(r.childNodes).filter(n => n.nodeType === 3)"
        "    .map(n => n.textContent).join('').trim(),"
        "  words: (r.querySelector('.errorArea .error') || {}).textContent || '',"
        "  context: (r.querySelector('.errorArea') || {}).textContent || '',"
        "  replacements: Array.from(r.querySelectorAll('.replacements a, .replacements b'))"
        "    .map(a => a.textContent.replace(/\\u00a0/g, ' ').trim())}));"
    )
    body: str = client.execute_script("return document.body.innerText")
    language: str = client.execute_script(
        "const s = document.querySelector('#language'); return s ? s.selectedOptions[0].textContent : '';"
    )
    return note, language, rows, body


# --- the check -----------------------------------------------------------------------------------------


def print_notes(notes: list[str]) -> None:
    print("The add-on sent (through the proxy, the key hidden):")
    for entry in notes or ["(nothing)"]:
        print("  " + entry)


def run(args: argparse.Namespace) -> int:
    addon = Path(args.addon)
    if not (addon / "manifest.json").is_file():
        raise SetupError(
            f"{addon} holds no manifest.json (give the add-on's unpacked folder, `webextension`)"
        )
    ident = addon_id(addon)
    if shutil.which(args.firefox) is None:
        raise SetupError(
            f"no Firefox at {args.firefox!r} (give --firefox PATH; Debian: apt-get install firefox-esr)"
        )
    print(f"Firefox: {firefox_version(args.firefox)}")
    shots = Path(args.screenshots) if args.screenshots else None
    if shots:
        shots.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        if args.service:
            if not args.key:
                raise SetupError("--service needs --key (an agent key of that service)")
            service, key = args.service.rstrip("/"), args.key
            print(f"Reply Coach: {service} (its REPLYCOACH_CORS_ORIGINS must list {ORIGIN})")
        else:
            service, key = stack.enter_context(
                started_service(
                    args.replycoach,
                    args.bank,
                    "LanguageTool add-on check",
                    {"REPLYCOACH_CORS_ORIGINS": ORIGIN},
                )
            )
            print(f"Reply Coach: started {service} with a new agent key, REPLYCOACH_CORS_ORIGINS={ORIGIN}")
        proxy, notes = stack.enter_context(recording_proxy(service, key, summarize))
        page = stack.enter_context(page_server())
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="try-lt-addon-")))
        profile = work / "profile"
        profile.mkdir()
        log = Path(args.log) if args.log else work / "firefox.log"
        stack.callback(print_notes, notes)
        client = stack.enter_context(running_firefox(args.firefox, addon, ident, profile, log))

        server_url = f"{proxy}/lt/{key}/v2"
        label = set_server(client, server_url, args.english_variant)
        print(
            f"Options page: {label!r} set to {hide(server_url, key)} (the proxy {proxy} stands for {service})"
        )

        open_tab(client, page)
        area = client.find_element("css selector", "#reply")
        area.click()
        wait_for(lambda: button_state(client), 10, "the add-on's buttons beside the text area")
        type_text(client, args.text)
        print(f"Typed into the page's text area: {args.text!r}")

        # 1. Check Text: the popup, its privacy note the first time, then the matches.
        notes.append("(1) Check Text, the button beside the text area: the popup")
        open_popup(client)
        note, language, rows, body = read_popup(client)
        if shots:
            save_screenshot(client, shots / "try-languagetool-addon-popup.png")
        close_popup(client)

        # 2. Auto-check is on now (the privacy note's box was ticked), from the next page load: load the page
        # again, type the draft, and read the count on the add-on's button.
        notes.append("(2) the page loaded again, the draft typed again: auto-check")
        client.navigate(page)
        area = client.find_element("css selector", "#reply")
        area.click()
        type_text(client, args.text)
        with contextlib.suppress(NotShown):
            wait_for(
                lambda: (s := button_state(client)) and "lt-error-btn" in s["cls"] and s["text"],
                30,
                "a count on the add-on's button",
            )
        state = button_state(client)
        if shots:
            save_screenshot(client, shots / "try-languagetool-addon-button.png")

        # 3. Pick the first replacement of the first match in the popup: the add-on puts it in the text area.
        applied = None
        if rows and rows[0]["replacements"]:
            notes.append("(3) the popup again, then its first replacement picked (the popup checks again)")
            open_popup(client)
            wait_for(
                lambda: client.find_elements("css selector", "a.replacement"), 30, "the popup's replacements"
            )
            client.find_element("css selector", "a.replacement").click()
            client.switch_to_parent_frame()
            applied = wait_for(
                lambda: (v := area.get_property("value")) != args.text and v,
                15,
                "the replacement in the text area",
            )

    if note:
        print("Its privacy note: " + hide(note.split("\n")[0], key))
    print(f"Its popup lists {len(rows)} match(es), under Language: {language}")
    if not rows:
        print("    " + hide(body, key).replace("\n", "\n    "))
    for row in rows:
        print(f"  {row['words']!r} in {row['context']!r} (shown as {row['cls'].split()[-1]})")
        print(f"    message: {row['message']}")
        for number, value in enumerate(row["replacements"], 1):
            print(f"    replacement {number}: {value}")
    print(
        "Its button beside the text area, after auto-check: "
        + (f"{state['text']!r} with the tooltip {hide(state['tooltip'], key)!r}" if state else "(none)")
    )
    if applied is not None:
        print(f"After picking the first replacement in the popup, the text area holds: {applied!r}")
    if shots:
        shown = ", ".join(str(shots / f"try-languagetool-addon-{name}.png") for name in ("popup", "button"))
        print(f"Screenshots: {shown}")
    if not rows or not state or not state["text"]:
        print("The add-on showed no matches from the service: see what it sent above.")
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("addon", help="the add-on's unpacked folder (the repository's `webextension`)")
    add_service_arguments(parser)
    parser.add_argument(
        "--firefox", default="/usr/bin/firefox-esr", help="Firefox (default: /usr/bin/firefox-esr)"
    )
    parser.add_argument(
        "--english-variant",
        choices=("en-US", "en-GB", "en-AU", "en-CA", "en-NZ", "en-ZA"),
        help="the add-on's English variant setting (default: the add-on's own, en-US)",
    )
    parser.add_argument("--text", default=EXAMPLE, help=f"the draft to type (default: {EXAMPLE!r})")
    parser.add_argument("--screenshots", help="a folder for screenshots of the popup and of the button")
    parser.add_argument("--log", help="a file for Firefox's output (default: a temporary one)")
    args = parser.parse_args()
    try:
        return run(args)
    except SetupError as problem:
        print(f"try-languagetool-addon: {problem}", file=sys.stderr)
        return 2
    except NotShown as missing:
        print(f"try-languagetool-addon: the add-on did not show {missing}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
