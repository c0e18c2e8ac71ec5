"""The `local` backend: a LanguageTool server started from a copy already installed, never downloaded."""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import time

from replycoach.errors import GrammarUnavailableError
from replycoach.grammar.languagetool import LanguageToolClient

STARTUP_SECONDS = 60.0


class LocalServer:
    """A LanguageTool HTTP server this process started on 127.0.0.1, stopped when this process exits."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, version: str) -> None:
        self.process = process
        self.url = url
        self.version = version
        # gunicorn forks its workers after the server starts: only the process that started it stops it.
        self._owner = os.getpid()
        atexit.register(self.close)

    @classmethod
    def start(cls, startup_seconds: float = STARTUP_SECONDS) -> LocalServer:
        """Start the newest LanguageTool that language-tool-python finds installed; raise if there is none."""
        # language-tool-python's own start-up (`LanguageTool()`) downloads LanguageTool when it is missing;
        # only its lookup of installed copies, its Java check and its server command are used here.
        from language_tool_python.download_lt import LocalLanguageTool, confirm_java_compatibility
        from language_tool_python.exceptions import LanguageToolError
        from language_tool_python.utils import get_language_tool_download_path

        folder = get_language_tool_download_path()
        installed = LocalLanguageTool.get_latest_installed_version()
        if installed is None:
            raise GrammarUnavailableError(
                f"no LanguageTool installed in {folder} (LTP_PATH names another folder); "
                "Reply Coach does not download it: unpack a LanguageTool release there, "
                "or set LANGUAGETOOL_URL"
            )
        version = installed.version_name
        try:
            confirm_java_compatibility(version)
            port = _free_port()
            command = installed.get_server_cmd(port)
        # It signals a missing or unreadable Java with these, SystemExit included.
        except (ModuleNotFoundError, SystemError, SystemExit) as err:
            raise GrammarUnavailableError(f"LanguageTool {version} needs Java 17 or newer: {err}") from err
        except (OSError, LanguageToolError, subprocess.SubprocessError) as err:
            raise GrammarUnavailableError(f"cannot start LanguageTool {version}: {err}") from err
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        server = cls(process, f"http://127.0.0.1:{port}", version)
        server._wait_until_ready(startup_seconds)
        return server

    def _wait_until_ready(self, seconds: float) -> None:
        client = LanguageToolClient(self.url, "en-US")
        deadline = time.monotonic() + seconds
        while True:
            if self.process.poll() is not None:
                self.close()
                raise GrammarUnavailableError(
                    f"LanguageTool {self.version} stopped at start-up (exit status {self.process.returncode})"
                )
            try:
                client.languages(timeout=1.0)
                return
            except GrammarUnavailableError:
                if time.monotonic() > deadline:
                    self.close()
                    raise GrammarUnavailableError(
                        f"LanguageTool {self.version} did not answer within {seconds:g} s of starting"
                    ) from None
                time.sleep(0.2)

    def close(self) -> None:
        """Stop the server (only in the process that started it)."""
        if os.getpid() != self._owner or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
