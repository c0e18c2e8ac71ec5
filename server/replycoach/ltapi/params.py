"""A /v2/check request's parameters as LanguageTool reads them, and its error answers.

LanguageTool reads a POST body as form fields whatever its Content-Type, then the query string over it, and
ignores parameters it does not know; it answers a bad request with a plain-text body `Error: <message>`.
The messages below are LanguageTool's own where a client may read them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote_plus

from replycoach.errors import ReplyCoachError

# The languages Reply Coach coaches in: English, as LanguageTool names its variants.
LANGUAGES: tuple[tuple[str, str, str], ...] = (
    ("English", "en", "en"),
    ("English (Australian)", "en", "en-AU"),
    ("English (Canadian)", "en", "en-CA"),
    ("English (GB)", "en", "en-GB"),
    ("English (New Zealand)", "en", "en-NZ"),
    ("English (South African)", "en", "en-ZA"),
    ("English (US)", "en", "en-US"),
)
# `language=auto`: the text is taken to be English (the coach reads English only). As LanguageTool answers
# for a text it detects as English: the (last) English variant of `preferredVariants`, plain English when
# that list names none, American English, the default variant, without the list.
AUTO_LANGUAGE = "en-US"
_BY_CODE = {long_code.lower(): (name, long_code) for name, _, long_code in LANGUAGES}
# Parameter names from the first version of LanguageTool's API, which it refuses with a pointer.
_RENAMED = {
    "enabled": "You specified 'enabled' but the parameter is now called 'enabledRules' in v2 of the API",
    "disabled": "You specified 'disabled' but the parameter is now called 'disabledRules' in v2 of the API",
    "preferredvariants": (
        "You specified 'preferredvariants' but the parameter is now called 'preferredVariants' "
        "(uppercase 'V') in v2 of the API"
    ),
    "autodetect": (
        "You specified 'autodetect' but automatic language detection is now activated with "
        "'language=auto' in v2 of the API"
    ),
}
LEVELS = ("default", "picky")


class LtError(ReplyCoachError):
    """A request LanguageTool's API answers with an error: its status and message (sent as `Error: ...`)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class CheckRequest:
    """What a /v2/check request asks for."""

    text: str | None
    data: str | None
    language: str  # a long code, such as en-US
    language_name: str
    enabled_rules: frozenset[str] = field(default_factory=frozenset)
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    enabled_categories: frozenset[str] = field(default_factory=frozenset)
    disabled_categories: frozenset[str] = field(default_factory=frozenset)
    enabled_only: bool = False
    level: str = "default"

    def wants(self, rule_id: str, category: str) -> bool:
        """Whether a match of this rule, in this category, is answered (category ids without case)."""
        category = category.lower()
        if rule_id in self.disabled_rules or category in self.disabled_categories:
            return False
        if self.enabled_only:
            return rule_id in self.enabled_rules or category in self.enabled_categories
        return True


def form_values(query: str, body: str | None) -> dict[str, str]:
    """The parameters of a request as LanguageTool reads them: the body's form fields (a POST's body,
    whatever its Content-Type), then the query string's, which win; a field without `=` is dropped and
    the last of a repeated field wins."""
    values: dict[str, str] = {}
    for source in (body or "", query):
        for pair in source.split("&"):
            name, equals, value = pair.partition("=")
            if equals:
                values[unquote_plus(name)] = unquote_plus(value)
    return values


def read_check_request(values: Mapping[str, str]) -> CheckRequest:
    """A /v2/check request's parameters, checked in LanguageTool's order; LtError when one is wrong."""
    if "text" in values and "data" in values:
        raise LtError(400, "Set only 'text' or 'data' parameter, not both")
    if "text" not in values and "data" not in values:
        raise LtError(400, "Missing 'text' or 'data' parameter")
    code = values.get("language", "")
    if not code:
        raise LtError(
            400,
            "Missing 'language' parameter, e.g. 'language=en-US' for American English or 'language=fr' for "
            "French",
        )
    for name, message in _RENAMED.items():
        if name in values:
            raise LtError(400, message)
    if "preferredVariants" in values and code != "auto":
        raise LtError(400, "You specified 'preferredVariants' but you didn't specify 'language=auto'")
    language = _language(code)
    if code == "auto" and "preferredVariants" in values:
        language = _preferred_english(values["preferredVariants"])
    for name in ("motherTongue",):
        if values.get(name):
            _language(values[name], any_language=True)
    enabled_rules = _ids(values.get("enabledRules"))
    disabled_rules = _ids(values.get("disabledRules"))
    enabled_categories = _ids(values.get("enabledCategories"), lower=True)
    disabled_categories = _ids(values.get("disabledCategories"), lower=True)
    enabled_only = values.get("enabledOnly", "").lower() in ("true", "yes")
    if enabled_only and (disabled_rules or disabled_categories):
        raise LtError(400, "You cannot specify disabled rules or categories using enabledOnly=true")
    if enabled_only and not (enabled_rules or enabled_categories):
        raise LtError(400, "You must specify enabled rules or categories when using enabledOnly=true")
    level = values.get("level") or "default"
    if level not in LEVELS:
        raise LtError(400, "If 'level' is set, it must be set to 'default' or 'picky'")
    name, long_code = language
    return CheckRequest(
        text=values.get("text"),
        data=values.get("data"),
        language=long_code,
        language_name=name,
        enabled_rules=enabled_rules,
        disabled_rules=disabled_rules,
        enabled_categories=enabled_categories,
        disabled_categories=disabled_categories,
        enabled_only=enabled_only,
        level=level,
    )


def _language(code: str, *, any_language: bool = False) -> tuple[str, str]:
    """A language code's name and long code (`auto`: American English). A mother tongue (`any_language`)
    may be any well-formed code: it only serves LanguageTool's false-friend rules, which Reply Coach lacks."""
    if code == "auto":
        return _BY_CODE[AUTO_LANGUAGE.lower()]
    if len(code.split("-")) > 3:
        raise LtError(400, f"'{code}' isn't a valid language code")
    found = _BY_CODE.get(code.lower().replace("_", "-"))
    if found is not None:
        return found
    if any_language:
        return code, code
    supported = ", ".join(long_code for _, _, long_code in LANGUAGES)
    raise LtError(
        400,
        f"'{code}' is not a language code known to LanguageTool. Supported language codes are: {supported}. "
        "Reply Coach coaches replies written in English.",
    )


def _preferred_english(variants: str) -> tuple[str, str]:
    """The English variant among `preferredVariants` (comma-separated, as in `en-GB,de-AT`), the last one if
    several, else English; LanguageTool refuses a variant without a country (`en`)."""
    language = _BY_CODE["en"]
    parts = re.split(r",\s*", variants)
    if len(parts) > 1:  # as Java's String.split, which LanguageTool uses, without the trailing empty parts
        while parts and not parts[-1]:
            parts.pop()
    for variant in parts:
        if "-" not in variant:
            raise LtError(
                400, f"Invalid format for 'preferredVariants', expected a dash as in 'en-GB': '{variant}'"
            )
        if variant.split("-")[0] == "en":
            language = _language(variant)
    return language


def _ids(value: str | None, *, lower: bool = False) -> frozenset[str]:
    """A comma-separated list of ids (LanguageTool splits on commas only)."""
    if not value:
        return frozenset()
    return frozenset((part.lower() if lower else part) for part in value.split(",") if part)
