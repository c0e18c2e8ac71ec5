"""The answers of LanguageTool's API: /v2/check (Reply Coach's flags, and the grammar pass's when a
LanguageTool server is configured, as one list of matches), /v2/languages and /v2/configinfo."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from replycoach import __version__
from replycoach.bank.model import Entry
from replycoach.engine.results import FlagFields
from replycoach.engine.text import sentence_bounds
from replycoach.ltapi.annotated import Annotated
from replycoach.ltapi.matches import ISSUE_TYPES, Utf16, category_name, lt_match, lt_rule_id
from replycoach.ltapi.params import LANGUAGES, CheckRequest

SOFTWARE_NAME = "Reply Coach"
# The date this version of the answer's shape was settled (LanguageTool answers its build date).
BUILD_DATE = "2026-12-06 00:00:00 +0000"


def software(grammar_status: str) -> dict[str, Any]:
    """The `software` part: Reply Coach, and in `status` whether LanguageTool's matches are in the list."""
    status = {
        "ok": "Reply Coach's coaching and LanguageTool's matches",
        "unavailable": "Reply Coach's coaching only: the LanguageTool server did not answer",
        "off": "Reply Coach's coaching only: no LanguageTool server is configured",
    }[grammar_status]
    return {
        "name": SOFTWARE_NAME,
        "version": __version__,
        "buildDate": BUILD_DATE,
        "apiVersion": 1,
        "premium": False,
        "status": status,
    }


def check_answer(
    request: CheckRequest,
    annotated: Annotated,
    flags: Iterable[FlagFields],
    grammar_status: str,
) -> dict[str, Any]:
    """The whole answer of /v2/check for flags of `annotated.plain`, in the order of the text."""
    plain = annotated.plain
    original = Utf16(annotated.original)
    sentences: Sequence[tuple[int, int]] = sentence_bounds(plain)
    matches = [
        lt_match(flag, plain, annotated, original, sentences)
        for flag in sorted(flags, key=lambda f: (f.span.start, f.span.end))
        if request.wants(lt_rule_id(flag), flag.category)
    ]
    language = {"name": request.language_name, "code": request.language}
    return {
        "software": software(grammar_status),
        "warnings": {"incompleteResults": False},
        "language": {
            **language,
            # Reply Coach does not detect languages: it reads the text as the language asked for.
            "detectedLanguage": {**language, "confidence": 1.0, "source": "given"},
        },
        "matches": matches,
    }


def languages_answer() -> list[dict[str, str]]:
    """/v2/languages: the languages Reply Coach coaches in, as LanguageTool lists them."""
    return [{"name": name, "code": code, "longCode": long_code} for name, code, long_code in LANGUAGES]


def configinfo_answer(entries: Iterable[Entry], max_chars: int) -> dict[str, Any]:
    """/v2/configinfo (LibreOffice asks for it before it checks anything): the software, the longest text
    accepted, and every rule of the bank."""
    return {
        "software": {
            "name": SOFTWARE_NAME,
            "version": __version__,
            "buildDate": BUILD_DATE,
            "premium": False,
        },
        "parameter": {"maxTextLength": max_chars},
        "rules": [
            {
                "ruleId": entry.id,
                "description": entry.message,
                "categoryId": entry.category,
                "categoryName": category_name(entry.category),
                "locQualityIssueType": ISSUE_TYPES.get(entry.severity, "style"),
            }
            for entry in entries
        ],
    }
