#!/usr/bin/python3
"""Checks, end to end, that LibreOffice's built-in LanguageTool remote checker coaches with Reply Coach.

It writes a fresh LibreOffice user profile whose settings are those of Tools > Options > Language Settings >
LanguageTool Server (enabled, Base URL, and the key), runs LibreOffice headless, types a sentence into a
Writer document and asks Writer's proofreading iterator for that sentence's errors, as Writer does for its
underlines and its context menu. LibreOffice talks to the service through a small recording proxy, so the
requests it sends are printed with the errors it reports.

Run it with Debian's python3 (it needs python3-uno: `apt-get install libreoffice-writer python3-uno`):

    /usr/bin/python3 scripts/try-libreoffice.py --replycoach .venv/bin/replycoach
    /usr/bin/python3 scripts/try-libreoffice.py --service https://coach.example.com --key "$KEY"

With --replycoach it starts `replycoach serve` (a temporary REPLYCOACH_HOME and an agent key of its own);
with --service it uses a running service and the agent key given. --key-in url (the default) puts the key in
the Base URL (`<service>/lt/<key>/v2`), --key-in fields in the Username and API key settings. Exit status
0 when LibreOffice reported at least one error from the LanguageTool checker, 1 when none, 2 on a setup
problem. Not part of the test suite: CI does not install LibreOffice.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from tryout import SetupError, add_service_arguments, hide, recording_proxy, started_service

EXAMPLE = "Calm down, you'll have to wait 24 hours."
CHECKER = "org.openoffice.lingu.LanguageToolGrammarChecker"
# Where LibreOffice 7.4 keeps the LanguageTool Server settings (officecfg's Office/Linguistic.xcs).
SETTINGS_PATH = "/org.openoffice.Office.Linguistic/GrammarChecking/LanguageTool"
# Any text: LibreOffice sends the API key only with a username, and the service ignores the username.
USERNAME = "replycoach"


@dataclass(frozen=True)
class Error:
    """One of the errors LibreOffice reports (a SingleProofreadingError): UTF-16 offset and length."""

    start: int
    length: int
    short_comment: str
    full_comment: str
    suggestions: list[str]


# --- LibreOffice ---------------------------------------------------------------------------------------


def write_profile(profile: Path, settings: dict[str, str | bool]) -> None:
    """A LibreOffice user profile holding only the LanguageTool Server settings."""
    items = []
    for name, value in settings.items():
        text = ("true" if value else "false") if isinstance(value, bool) else escape(value)
        items.append(
            f'<item oor:path="{SETTINGS_PATH}"><prop oor:name="{name}" oor:op="fuse">'
            f"<value>{text}</value></prop></item>"
        )
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        + "\n".join(items)
        + "\n</oor:items>\n",
        encoding="utf-8",
    )


def soffice_version(soffice: str) -> str:
    shown = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=120)
    return shown.stdout.strip() or shown.stderr.strip()


@contextlib.contextmanager
def running_office(soffice: str, profile: Path) -> Iterator[Any]:
    """Headless LibreOffice on the profile, listening on a pipe; yields its UNO component context."""
    import uno  # Debian's python3-uno

    pipe = f"try-libreoffice-{os.getpid()}"
    proc = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise SetupError(
                    f"LibreOffice stopped (exit status {proc.returncode}) before it took a connection"
                )
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise SetupError("LibreOffice did not take a UNO connection within 90 s") from None
                time.sleep(0.5)
        try:
            yield ctx
        finally:
            with contextlib.suppress(Exception):
                desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
                desktop.terminate()
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def proofread_in_writer(ctx: Any, text: str, language: str) -> tuple[list[str], str, list[Error]]:
    """Type `text` (in `language`, such as en-US) into a new hidden Writer document and ask Writer's
    proofreading iterator for its errors; returns the locales the checker offers, the implementation that
    answered, and the errors."""
    from com.sun.star.beans import PropertyValue
    from com.sun.star.lang import Locale
    from com.sun.star.text.TextMarkupType import PROOFREADING

    smgr = ctx.ServiceManager
    lang, _, country = language.partition("-")
    locale = Locale(lang, country, "")
    checker = smgr.createInstanceWithContext(CHECKER, ctx)
    if checker is None:
        raise SetupError(f"this LibreOffice has no {CHECKER} (LibreOffice 7.4 or later has it)")
    offered = ["-".join(filter(None, (each.Language, each.Country))) for each in checker.getLocales()]
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    hidden = PropertyValue()
    hidden.Name, hidden.Value = "Hidden", True
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (hidden,))
    try:
        body = doc.getText()
        cursor = body.createTextCursor()
        cursor.setPropertyValue("CharLocale", locale)
        body.insertString(cursor, text, False)
        paragraph = doc.getFlatParagraphIterator(PROOFREADING, True).getFirstPara()
        iterator = smgr.createInstanceWithContext("com.sun.star.linguistic2.ProofreadingIterator", ctx)
        para_text = paragraph.getText()
        result = iterator.checkSentenceAtPosition(doc, paragraph, para_text, locale, 0, len(para_text), 0)
        proofreader = result.xProofreader.getImplementationName() if result.xProofreader else "(none)"
        errors = [
            Error(e.nErrorStart, e.nErrorLength, e.aShortComment, e.aFullComment, list(e.aSuggestions))
            for e in result.aErrors
        ]
        return offered, proofreader, errors
    finally:
        doc.close(True)


# --- the check -----------------------------------------------------------------------------------------


def utf16_slice(text: str, start: int, length: int) -> str:
    """The words at a UTF-16 offset and length (as LibreOffice counts)."""
    units = text.encode("utf-16-le")
    return units[2 * start : 2 * (start + length)].decode("utf-16-le", "replace")


def run(args: argparse.Namespace) -> int:
    try:
        import uno  # noqa: F401 - only to fail early with a clear message
    except ImportError:
        raise SetupError(
            "this Python has no `uno` module: run the script with Debian's /usr/bin/python3 "
            "after `apt-get install python3-uno`"
        ) from None
    if shutil.which(args.soffice) is None:
        raise SetupError(f"no LibreOffice program at {args.soffice!r} (give --soffice PATH)")
    print(f"LibreOffice: {soffice_version(args.soffice)}")

    with contextlib.ExitStack() as stack:
        if args.service:
            if not args.key:
                raise SetupError("--service needs --key (an agent key of that service)")
            service, key = args.service.rstrip("/"), args.key
        else:
            service, key = stack.enter_context(
                started_service(args.replycoach, args.bank, "LibreOffice check")
            )
            print(f"Reply Coach: started {service} with a new agent key")
        proxy, notes = stack.enter_context(recording_proxy(service, key))
        settings: dict[str, str | bool] = {"IsEnabled": True}
        if args.key_in == "url":
            settings |= {"BaseURL": f"{proxy}/lt/{key}/v2", "Username": "", "ApiKey": ""}
        else:
            settings |= {"BaseURL": f"{proxy}/v2", "Username": USERNAME, "ApiKey": key}
        profile = (
            Path(args.profile) if args.profile else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        )
        write_profile(profile, settings)
        print(f"Settings (LanguageTool Server; the proxy {proxy} stands for {service}):")
        for name, value in settings.items():
            shown = str(value).lower() if isinstance(value, bool) else hide(value, key) or "(empty)"
            print(f"    {name} = {shown}")
        ctx = stack.enter_context(running_office(args.soffice, profile))
        offered, proofreader, errors = proofread_in_writer(ctx, args.text, args.language)

    print(f"The checker offers: {', '.join(offered) or '(no language)'}")
    print("LibreOffice sent:")
    for note in notes:
        print("  " + note)
    print(f"Writer's proofreading of {args.text!r} ({args.language}), by {proofreader}:")
    for error in errors:
        words = utf16_slice(args.text, error.start, error.length)
        print(f"  [{error.start}, +{error.length}] {words!r}")
        print(f"    short comment (the context menu's first line): {error.short_comment}")
        print(f"    full comment: {error.full_comment}")
        for number, suggestion in enumerate(error.suggestions, 1):
            print(f"    suggestion {number}: {suggestion}")
    if not offered:
        print("LibreOffice got no languages from <Base URL>/languages, so it checks nothing: see above.")
    if proofreader != CHECKER or not errors:
        print("LibreOffice reported no errors from the LanguageTool checker: see what it sent above.")
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_service_arguments(parser)
    parser.add_argument(
        "--key-in",
        choices=("url", "fields"),
        default="url",
        help="url: Base URL <service>/lt/<key>/v2; fields: Base URL <service>/v2, Username and API key",
    )
    parser.add_argument("--soffice", default="soffice", help="LibreOffice's program (default: soffice)")
    parser.add_argument(
        "--profile",
        help="a directory for the LibreOffice profile, its settings overwritten (default: a temporary one)",
    )
    parser.add_argument("--text", default=EXAMPLE, help=f"the paragraph to check (default: {EXAMPLE!r})")
    parser.add_argument("--language", default="en-US", help="the paragraph's language (default: en-US)")
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z]{2,3}-[A-Z]{2}", args.language):
        parser.error("--language takes a code such as en-US")
    try:
        return run(args)
    except SetupError as problem:
        print(f"try-libreoffice: {problem}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
