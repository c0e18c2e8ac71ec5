"""The grammar pass: the configured LanguageTool backend behind a timeout and a circuit breaker."""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable

from replycoach.errors import GrammarUnavailableError
from replycoach.grammar.breaker import Breaker
from replycoach.grammar.flags import grammar_flags
from replycoach.grammar.languagetool import LanguageToolClient
from replycoach.grammar.local import LocalServer
from replycoach.grammar.result import GrammarResult

BACKENDS = ("off", "url", "local")
DEFAULT_TIMEOUT = 2.0
DEFAULT_BACKOFF = 30.0
DEFAULT_LANGUAGE = "en-US"

log = logging.getLogger("replycoach.grammar")
# Without this, a command that sets up no logging would print these records through logging's last resort.
log.addHandler(logging.NullHandler())


class Grammar:
    """Checks drafts with LanguageTool; never raises for a backend that is down, slow or missing."""

    def __init__(
        self,
        backend: str = "off",
        client: LanguageToolClient | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        backoff: float = DEFAULT_BACKOFF,
        clock: Callable[[], float] = time.monotonic,
        broken: str | None = None,
        server: LocalServer | None = None,
    ) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
        self.backend = backend
        self.client = client
        self.timeout = timeout
        self.breaker = Breaker(backoff, clock)
        # Why a backend cannot work at all (a local LanguageTool that is not installed); no call is tried.
        self.broken = broken
        self.server = server

    @classmethod
    def configured(
        cls,
        backend: str,
        url: str | None = None,
        *,
        language: str = DEFAULT_LANGUAGE,
        timeout: float = DEFAULT_TIMEOUT,
        backoff: float = DEFAULT_BACKOFF,
    ) -> Grammar:
        """The grammar pass for a backend (`local` starts LanguageTool here, or records why it cannot)."""
        if backend == "off":
            return cls()
        if backend == "url":
            if not url:
                raise ValueError("the url backend needs the LanguageTool server's URL")
            return cls("url", LanguageToolClient(url, language), timeout=timeout, backoff=backoff)
        try:
            server = LocalServer.start()
        except GrammarUnavailableError as err:
            log.warning(json.dumps({"event": "grammar_unavailable", "backend": backend, "reason": str(err)}))
            return cls(backend, timeout=timeout, backoff=backoff, broken=str(err))
        client = LanguageToolClient(server.url, language)
        return cls(backend, client, timeout=timeout, backoff=backoff, server=server)

    def describe(self) -> str:
        """Which backend this is, for a person: `off`, or where its LanguageTool server is."""
        if self.backend == "off":
            return "off"
        if self.server is not None:
            return f"local LanguageTool {self.server.version} at {self.server.url}"
        if self.client is None:
            return "local LanguageTool (not started)"
        return f"LanguageTool at {self.client.url}"

    def check(self, text: str) -> GrammarResult:
        """Grammar flags for `text`; status `unavailable`, with no flags, if the backend fails or rests."""
        if self.client is None or self.backend == "off":
            return self._without_call()
        if not self.breaker.allow():
            return self._backed_off()
        try:
            matches = self.client.check(text, self.timeout)
        except GrammarUnavailableError as err:
            return self._failed(str(err))
        self.breaker.succeeded()
        return GrammarResult("ok", self.backend, tuple(grammar_flags(text, matches)))

    def probe(self) -> GrammarResult:
        """Whether the backend answers now (a call unless it is backed off); for /health and start-up."""
        if self.client is None or self.backend == "off":
            return self._without_call()
        if not self.breaker.allow():
            return self._backed_off()
        try:
            self.client.languages(self.timeout)
        except GrammarUnavailableError as err:
            return self._failed(str(err))
        self.breaker.succeeded()
        return GrammarResult("ok", self.backend)

    def close(self) -> None:
        """Stop the local LanguageTool server, if this started one."""
        if self.server is not None:
            self.server.close()

    def _without_call(self) -> GrammarResult:
        if self.backend == "off":
            return GrammarResult("off", "off")
        return GrammarResult("unavailable", self.backend, detail=self.broken)

    def _backed_off(self) -> GrammarResult:
        retry = math.ceil(self.breaker.retry_in())
        detail = f"{self.breaker.last_failure}; not asking again for {retry} s"
        return GrammarResult("unavailable", self.backend, detail=detail)

    def _failed(self, reason: str) -> GrammarResult:
        self.breaker.failed(reason)
        record = {
            "event": "grammar_unavailable",
            "backend": self.backend,
            "reason": reason,
            "retry_in_s": self.breaker.cooldown,
        }
        log.warning(json.dumps(record))
        return GrammarResult("unavailable", self.backend, detail=reason)
