"""LanguageTool's HTTP API (v2) on the service: /v2/check, /v2/languages and /v2/configinfo, and the same
under /lt/<key>/ for clients that can only be given a URL. The answers are built in `replycoach.ltapi`;
this module routes, checks the key, and applies the service's limits. Like /v1, no text is kept or logged."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, Response, current_app, json

from replycoach.errors import ApiError
from replycoach.grammar import merge_flags
from replycoach.ltapi import check_answer, configinfo_answer, languages_answer, read_check_request
from replycoach.ltapi.annotated import plain_text, read_data
from replycoach.ltapi.params import LtError
from replycoach.web.auth import current_key, lt_values
from replycoach.web.grammar import grammar_pass
from replycoach.web.insights import recorder
from replycoach.web.live import current_engine

blp = Blueprint("ltapi", __name__)
_CHECK_METHODS = ["GET", "POST"]


def _routes(path: str) -> list[str]:
    return [f"/v2/{path}", f"/lt/<key>/v2/{path}"]


def _json(value: Any) -> Response:
    """JSON as LanguageTool sends it (Content-Type application/json)."""
    return Response(json.dumps(value, ensure_ascii=False), 200, content_type="application/json")


def _require_agent() -> None:
    """An agent's key (or a more trusted one), sent in the path or as apiKey; 403 as LanguageTool answers
    a request it will not serve."""
    key = current_key()
    if key is None:
        message = (
            "This Reply Coach server needs an API key: give your client the server URL "
            "http(s)://<server>/lt/<key>/ (or /lt/<key>/v2 where it asks for the /v2 address), or send the "
            "key as the apiKey field. `replycoach keys create --role agent --name NAME` makes one."
        )
        raise ApiError(403, "forbidden", message)
    if not key.allows("agent"):
        message = f"This needs an agent key or a more trusted one; this key's role is {key.role}."
        raise ApiError(403, "forbidden", message)


def check(key: str | None = None) -> Response:
    """Check a text: Reply Coach's flags, and LanguageTool's matches when a server is configured."""
    _require_agent()
    request = read_check_request(lt_values())
    annotated = read_data(request.data) if request.data is not None else plain_text(request.text or "")
    limit = current_app.config["MAX_DRAFT_CHARS"]
    if len(annotated.plain) > limit:
        raise LtError(
            413,
            f"Your text exceeds the limit of {limit} characters (it's {len(annotated.plain)} characters). "
            "Please submit a shorter text.",
        )
    analysis = current_engine().analyze(annotated.plain)
    recorder().analyses([analysis])
    [grammar] = grammar_pass([annotated.plain], None)
    flags = merge_flags(analysis.flags, grammar.flags)
    return _json(check_answer(request, annotated, flags, grammar.status))


def languages(key: str | None = None) -> Response:
    """The languages Reply Coach coaches in (English), as LanguageTool lists its own; no key needed."""
    return _json(languages_answer())


def configinfo(key: str | None = None) -> Response:
    """The rules of the bank and the longest text accepted (LibreOffice asks before it checks)."""
    _require_agent()
    if not lt_values().get("language"):
        raise LtError(400, "'language' parameter missing")
    entries = current_engine().bank.entries
    return _json(configinfo_answer(entries, current_app.config["MAX_DRAFT_CHARS"]))


for _path in _routes("check"):
    blp.add_url_rule(_path, "check", check, methods=_CHECK_METHODS)
for _path in _routes("languages"):
    blp.add_url_rule(_path, "languages", languages, methods=_CHECK_METHODS)
for _path in _routes("configinfo"):
    blp.add_url_rule(_path, "configinfo", configinfo, methods=_CHECK_METHODS)


def init_app(app: Flask) -> None:
    """Answer LanguageTool's API on the app."""
    app.register_blueprint(blp)
