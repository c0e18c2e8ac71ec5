"""LanguageTool's HTTP API on the service (/v2/check, /v2/languages, /v2/configinfo): every field of the
answer and its type, LanguageTool's own error answers, the key in the path or in apiKey (never logged), the
rule and category filters, annotated text, UTF-16 offsets, LanguageTool's matches merged in, and the request
LibreOffice's built-in LanguageTool checker and LanguageTool's browser add-on send."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import MakeApp
from fake_languagetool import FakeLanguageTool, running
from flask import Flask
from flask.testing import FlaskClient

DRAFT = "😀 Please calm down. You'll have to wait 24 hours."
TEXT_WITH_INTERPRET_AS = "'text' cannot be used with 'interpretAs' (only 'markup' can): " + json.dumps(
    {"text": "a", "interpretAs": "b"}, separators=(",", ":")
)
SOFTWARE_OFF = "Reply Coach's coaching only: no LanguageTool server is configured"


@pytest.fixture
def secret(app: Flask) -> str:
    return str(app.extensions["replycoach.keys"].create("agent", "lt")[1])


def _check(client: FlaskClient, secret: str, **fields: str) -> Any:
    return client.post(f"/lt/{secret}/v2/check", data={"language": "en-US", **fields})


def _error(response: Any) -> tuple[int, str, str]:
    return response.status_code, response.content_type, response.get_data(as_text=True)


def test_check_answers_every_field_of_languagetools_answer(client: FlaskClient, secret: str) -> None:
    response = _check(client, secret, text=DRAFT)
    assert (response.status_code, response.content_type) == (200, "application/json")
    body = response.json
    assert list(body) == ["software", "warnings", "language", "matches"]
    assert body["software"] == {
        "name": "Reply Coach",
        "version": body["software"]["version"],
        "buildDate": "2026-12-06 00:00:00 +0000",
        "apiVersion": 1,
        "premium": False,
        "status": SOFTWARE_OFF,
    }
    assert body["warnings"] == {"incompleteResults": False}
    assert body["language"] == {
        "name": "English (US)",
        "code": "en-US",
        "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 1.0, "source": "given"},
    }
    calm, wait = body["matches"]
    assert calm == {
        "message": "Tells an upset customer how to feel.",
        "shortMessage": "Dismissive",
        "replacements": [{"value": "I understand why this is upsetting"}],
        # The emoji is two UTF-16 code units, as LanguageTool (Java) counts.
        "offset": 3,
        "length": 16,
        "context": {"text": DRAFT, "offset": 3, "length": 16},
        "sentence": "😀 Please calm down.",
        "type": {"typeName": "Other"},
        "rule": {
            "id": "dismissive.calm-down",
            "description": "It dismisses the feeling instead of naming it.",
            "issueType": "register",
            "category": {"id": "dismissive", "name": "Dismissive"},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }
    assert (wait["offset"], wait["length"], wait["rule"]["id"]) == (21, 28, "blame.have-to-wait")
    assert [r["value"] for r in wait["replacements"]] == [
        "I'll make sure you hear from me within 24 hours",
        "I've passed this on, and you'll have an update within 24 hours",
    ]


def test_a_suggestion_is_a_style_hint(client: FlaskClient, secret: str) -> None:
    [match] = _check(client, secret, text="So sorry to hear that.").json["matches"]
    assert (match["rule"]["issueType"], match["type"]["typeName"]) == ("style", "Hint")
    assert match["rule"]["category"] == {"id": "sympathy", "name": "Sympathy"}


def test_context_is_forty_units_either_side_with_ellipses_and_no_line_breaks(
    client: FlaskClient, secret: str
) -> None:
    text = (
        "Thanks for the photos of the parcel, all of them.\nPlease calm down. " + "We have it in hand. " * 3
    )
    [match] = _check(client, secret, text=text).json["matches"]
    start = text.index("Please calm down")
    assert match["offset"] == start
    assert match["context"] == {
        "text": "..." + text[start - 40 : start + 16 + 40].replace("\n", " ") + "...",
        "offset": 43,
        "length": 16,
    }


def test_query_string_wins_over_the_body_and_get_works(client: FlaskClient, secret: str) -> None:
    response = client.post(
        f"/lt/{secret}/v2/check?text=Please%20calm%20down.", data={"language": "en-US", "text": "All good."}
    )
    assert [m["rule"]["id"] for m in response.json["matches"]] == ["dismissive.calm-down"]
    response = client.get(f"/lt/{secret}/v2/check?language=en&text=Please+calm+down.")
    assert response.json["language"]["code"] == "en"
    assert [m["offset"] for m in response.json["matches"]] == [0]


def test_a_post_body_is_read_as_form_fields_whatever_its_content_type(
    client: FlaskClient, secret: str
) -> None:
    response = client.post(
        f"/lt/{secret}/v2/check", data="language=en-US&text=Please+calm+down.", content_type="text/plain"
    )
    assert [m["rule"]["id"] for m in response.json["matches"]] == ["dismissive.calm-down"]


def test_unknown_parameters_are_ignored(client: FlaskClient, secret: str) -> None:
    response = _check(client, secret, text="Please calm down.", motherTongue="de-DE", useragent="x", c="1")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({}, 400, "Missing 'text' or 'data' parameter"),
        ({"text": "a", "data": "{}"}, 400, "Set only 'text' or 'data' parameter, not both"),
        (
            {"text": "a", "language": ""},
            400,
            "Missing 'language' parameter, e.g. 'language=en-US' for "
            "American English or 'language=fr' for French",
        ),
        ({"data": "{not json"}, 400, "Could not parse JSON from 'data' parameter"),
        ({"data": "{}"}, 400, "'data' key in JSON requires 'text' or 'annotation' key"),
        (
            {"data": '{"annotation": [{"text": "a", "markup": "<b>"}]}'},
            400,
            "Only either 'text' or 'markup' are supported in an object in 'annotation' list, not both: "
            '{"text":"a","markup":"<b>"}',
        ),
        (
            {"data": '{"annotation": [{"text": "a", "interpretAs": "b"}]}'},
            400,
            TEXT_WITH_INTERPRET_AS,
        ),
        (
            {"text": "a", "enabled": "X"},
            400,
            "You specified 'enabled' but the parameter is now called 'enabledRules' in v2 of the API",
        ),
        (
            {"text": "a", "enabledOnly": "true"},
            400,
            "You must specify enabled rules or categories when using enabledOnly=true",
        ),
        (
            {"text": "a", "enabledOnly": "true", "enabledRules": "X", "disabledRules": "Y"},
            400,
            "You cannot specify disabled rules or categories using enabledOnly=true",
        ),
        ({"text": "a", "level": "strict"}, 400, "If 'level' is set, it must be set to 'default' or 'picky'"),
        (
            {"text": "a", "preferredVariants": "en-GB"},
            400,
            "You specified 'preferredVariants' but you didn't specify 'language=auto'",
        ),
        ({"text": "a", "language": "en-US-x-y-z"}, 400, "'en-US-x-y-z' isn't a valid language code"),
    ],
)
def test_bad_requests_get_languagetools_own_answers(
    client: FlaskClient, secret: str, fields: dict[str, str], status: int, message: str
) -> None:
    response = _check(client, secret, **fields)
    assert _error(response) == (status, "text/plain; charset=utf-8", f"Error: {message}")


def test_an_unknown_language_is_refused_naming_the_supported_codes(client: FlaskClient, secret: str) -> None:
    response = _check(client, secret, text="Hallo", language="de-DE")
    assert _error(response) == (
        400,
        "text/plain; charset=utf-8",
        "Error: 'de-DE' is not a language code known to LanguageTool. Supported language codes are: en, "
        "en-AU, en-CA, en-GB, en-NZ, en-ZA, en-US. Reply Coach coaches replies written in English.",
    )


@pytest.mark.parametrize("code", ["en", "en-GB", "EN-us", "en_US", "auto"])
def test_english_in_every_form_languagetool_accepts(client: FlaskClient, secret: str, code: str) -> None:
    response = _check(client, secret, text="Please calm down.", language=code)
    assert response.status_code == 200
    assert len(response.json["matches"]) == 1


def test_a_text_over_the_limit_is_refused_with_languagetools_413(make_app: MakeApp) -> None:
    app = make_app(MAX_DRAFT_CHARS=20)
    secret = app.extensions["replycoach.keys"].create("agent", "lt")[1]
    response = _check(app.test_client(), secret, text="x" * 21)
    assert _error(response) == (
        413,
        "text/plain; charset=utf-8",
        "Error: Your text exceeds the limit of 20 characters (it's 21 characters). Please submit a shorter "
        "text.",
    )


def test_languages_lists_english_as_languagetool_does_without_a_key(client: FlaskClient) -> None:
    response = client.get("/v2/languages")
    assert (response.status_code, response.content_type) == (200, "application/json")
    assert response.json == [
        {"name": "English", "code": "en", "longCode": "en"},
        {"name": "English (Australian)", "code": "en", "longCode": "en-AU"},
        {"name": "English (Canadian)", "code": "en", "longCode": "en-CA"},
        {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
        {"name": "English (New Zealand)", "code": "en", "longCode": "en-NZ"},
        {"name": "English (South African)", "code": "en", "longCode": "en-ZA"},
        {"name": "English (US)", "code": "en", "longCode": "en-US"},
    ]


def test_configinfo_lists_the_banks_rules_for_libreoffice(client: FlaskClient, secret: str) -> None:
    response = client.post(f"/lt/{secret}/v2/configinfo", data={"language": "en-US"})
    assert response.status_code == 200
    body = response.json
    assert body["software"]["name"] == "Reply Coach"
    assert body["parameter"] == {"maxTextLength": 20000}
    assert body["rules"][0] == {
        "ruleId": "blame.have-to-wait",
        "description": "Orders the customer to wait.",
        "categoryId": "blame",
        "categoryName": "Blame",
        "locQualityIssueType": "register",
    }
    assert len(body["rules"]) == 6
    missing = client.post(f"/lt/{secret}/v2/configinfo")
    assert _error(missing) == (400, "text/plain; charset=utf-8", "Error: 'language' parameter missing")


def test_the_key_in_the_apikey_field_and_username_ignored(client: FlaskClient, secret: str) -> None:
    response = client.post(
        "/v2/check",
        data={"language": "en-US", "text": "Please calm down.", "apiKey": secret, "username": "x"},
    )
    assert response.status_code == 200


# What LibreOffice 7.4's built-in LanguageTool checker sends (recorded with scripts/try-libreoffice.py):
# the paragraph as it is, not percent-encoded, in a form body; username and apiKey only when both settings
# are filled in. It reads offset, length, message, shortMessage and the replacements' values of each match.
LIBREOFFICE_TEXT = "Hé 😀 Please calm down, you'll have to wait 24 hours."


def _libreoffice_fields(matches: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (m["offset"], m["length"], m["message"], m["shortMessage"], [r["value"] for r in m["replacements"]])
        for m in matches
    ]


@pytest.mark.parametrize("key_in", ["url", "fields"])
def test_libreoffices_own_request_gets_its_errors(client: FlaskClient, secret: str, key_in: str) -> None:
    body = f"text={LIBREOFFICE_TEXT}&language=en-US"
    path = f"/lt/{secret}/v2/check"
    if key_in == "fields":
        body += f"&username=replycoach&apiKey={secret}"
        path = "/v2/check"
    response = client.post(path, data=body.encode("utf-8"), content_type="application/x-www-form-urlencoded")
    assert (response.status_code, response.content_type) == (200, "application/json")
    # Offsets in UTF-16 code units, as LibreOffice counts its paragraph's characters.
    assert _libreoffice_fields(response.json["matches"]) == [
        (
            6,
            16,
            "Tells an upset customer how to feel.",
            "Dismissive",
            ["I understand why this is upsetting"],
        ),
        (
            24,
            28,
            "Orders the customer to wait.",
            "Blame",
            ["I'll make sure you hear from me within 24 hours"],
        ),
    ]
    languages = client.get(path.replace("/check", "/languages"))
    assert [language["longCode"] for language in languages.json] == [
        "en",
        "en-AU",
        "en-CA",
        "en-GB",
        "en-NZ",
        "en-ZA",
        "en-US",
    ]


def test_an_ampersand_in_libreoffices_unencoded_text_ends_the_text_as_languagetool_reads_it(
    client: FlaskClient, secret: str
) -> None:
    body = "text=Tom & Jerry, please calm down.&language=en-US"
    response = client.post(
        f"/lt/{secret}/v2/check", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert (response.status_code, response.json["matches"]) == (200, [])


# What LanguageTool's open-source browser add-on (1.0.48, in Firefox ESR 153) sends (recorded with
# scripts/try-languagetool-addon.py): a form body sent as text/plain (an XMLHttpRequest given a string),
# language=auto with the preferred variants of its settings, the text percent-encoded. Its popup reads
# language.name and language.code, and offset, length, context, message, replacements and rule (id,
# description, issueType) of each match; an issueType of style or register shows as a hint.
ADDON_BODY = (
    "disabledRules=WHITESPACE_RULE&useragent=webextension-firefox"
    "&text=Calm%20down%2C%20you'll%20have%20to%20wait%2024%20hours."
    "&language=auto&preferredVariants=en-US,de-DE,pt-PT,ca-ES"
)


def test_the_browser_addons_own_request_gets_its_matches(client: FlaskClient, secret: str) -> None:
    response = client.post(f"/lt/{secret}/v2/check", data=ADDON_BODY, content_type="text/plain;charset=UTF-8")
    assert (response.status_code, response.content_type) == (200, "application/json")
    body = response.json
    assert (body["language"]["name"], body["language"]["code"]) == ("English (US)", "en-US")
    shown = [
        (
            m["offset"],
            m["length"],
            m["context"]["text"][m["context"]["offset"] : m["context"]["offset"] + m["length"]],
            m["rule"]["id"],
            m["rule"]["issueType"],
            m["message"],
            [r["value"] for r in m["replacements"]],
        )
        for m in body["matches"]
    ]
    assert shown == [
        (
            0,
            9,
            "Calm down",
            "dismissive.calm-down",
            "register",
            "Tells an upset customer how to feel.",
            ["I understand why this is upsetting"],
        ),
        (
            11,
            28,
            "you'll have to wait 24 hours",
            "blame.have-to-wait",
            "register",
            "Orders the customer to wait.",
            ["I'll make sure you hear from me within 24 hours"],
        ),
    ]
    assert all(m["rule"]["description"] for m in body["matches"])


@pytest.mark.parametrize(
    ("variants", "name", "code"),
    [
        ("en-GB,de-DE,pt-PT,ca-ES", "English (GB)", "en-GB"),
        ("de-AT, en-AU", "English (Australian)", "en-AU"),
        ("en-GB,en-CA", "English (Canadian)", "en-CA"),
        ("de-DE,pt-PT", "English", "en"),
        ("en-GB,", "English (GB)", "en-GB"),
    ],
)
def test_language_auto_takes_the_english_variant_of_preferred_variants(
    client: FlaskClient, secret: str, variants: str, name: str, code: str
) -> None:
    # As LanguageTool answers for an English text: the (last) English variant named, else plain English.
    body = _check(client, secret, text="Please calm down.", language="auto", preferredVariants=variants).json
    assert body["language"] == {
        "name": name,
        "code": code,
        "detectedLanguage": {"name": name, "code": code, "confidence": 1.0, "source": "given"},
    }
    assert [m["rule"]["id"] for m in body["matches"]] == ["dismissive.calm-down"]


@pytest.mark.parametrize(
    ("variants", "message"),
    [
        ("en", "Invalid format for 'preferredVariants', expected a dash as in 'en-GB': 'en'"),
        ("de-DE,,en-GB", "Invalid format for 'preferredVariants', expected a dash as in 'en-GB': ''"),
        ("en-XX", "'en-XX' is not a language code known to LanguageTool."),
    ],
)
def test_a_bad_preferred_variant_gets_languagetools_400(
    client: FlaskClient, secret: str, variants: str, message: str
) -> None:
    response = _check(client, secret, text="a", language="auto", preferredVariants=variants)
    status, content_type, body = _error(response)
    assert (status, content_type) == (400, "text/plain; charset=utf-8")
    assert body.startswith(f"Error: {message}")


@pytest.mark.parametrize("path", ["/v2/check", "/lt/rc_wrong/v2/check"])
def test_without_a_valid_key_the_answer_is_languagetools_403(client: FlaskClient, path: str) -> None:
    response = client.post(path, data={"language": "en-US", "text": "Please calm down."})
    status, content_type, body = _error(response)
    assert (status, content_type) == (403, "text/plain; charset=utf-8")
    assert body.startswith("Error: This Reply Coach server needs an API key: give your client the server URL")
    assert "WWW-Authenticate" not in response.headers


def test_a_wrong_key_counts_towards_wrong_key_throttling(make_app: MakeApp) -> None:
    app = make_app(AUTH_FAILURE_LIMIT="3 per minute")
    client = app.test_client()
    for _ in range(3):
        assert client.post("/lt/rc_wrong/v2/check", data={"text": "a", "language": "en"}).status_code == 403
    blocked = client.post("/lt/rc_wrong/v2/check", data={"text": "a", "language": "en"})
    assert blocked.status_code == 429
    assert blocked.get_data(as_text=True).startswith("Error: ")


def test_the_key_and_the_text_never_reach_the_log(
    client: FlaskClient, secret: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        _check(client, secret, text="Please calm down, Priya.")
        client.post(f"/lt/{secret}/v2/nothing-here", data={"text": "Please calm down, Priya."})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    paths = [json.loads(r.getMessage())["path"] for r in caplog.records if r.name == "replycoach.access"]
    assert paths == ["/lt/[key]/v2/check", "/lt/[key]/v2/nothing-here"]
    assert secret not in logged and "Priya" not in logged


def test_disabled_rules_and_categories_mute_and_enabled_only_keeps_only_those(
    client: FlaskClient, secret: str
) -> None:
    def rules(**fields: str) -> list[str]:
        return [m["rule"]["id"] for m in _check(client, secret, text=DRAFT, **fields).json["matches"]]

    assert rules() == ["dismissive.calm-down", "blame.have-to-wait"]
    assert rules(disabledRules="dismissive.calm-down,UNKNOWN") == ["blame.have-to-wait"]
    assert rules(disabledCategories="BLAME") == ["dismissive.calm-down"]
    assert rules(enabledOnly="true", enabledCategories="blame") == ["blame.have-to-wait"]
    assert rules(enabledOnly="yes", enabledRules="dismissive.calm-down") == ["dismissive.calm-down"]


def test_annotated_text_offsets_count_the_markup_as_languagetool_does(
    client: FlaskClient, secret: str
) -> None:
    annotation = [
        {"markup": "<p>"},
        {"text": "Hi Sam,"},
        {"markup": "<br>", "interpretAs": "\n"},
        {"markup": "<b>"},
        {"text": "please calm down"},
        {"markup": "</b>"},
        {"text": ". We're on it."},
        {"markup": "</p>", "interpretAs": "\n\n"},
    ]
    original = "".join(part.get("text", part.get("markup", "")) for part in annotation)
    [match] = _check(client, secret, data=json.dumps({"annotation": annotation})).json["matches"]
    assert original[match["offset"] : match["offset"] + match["length"]] == "please calm down"
    assert match["context"]["text"] == original
    assert match["sentence"] == "please calm down."
    plain = _check(client, secret, data=json.dumps({"text": "Please calm down."})).json["matches"]
    assert [(m["offset"], m["length"]) for m in plain] == [(0, 16)]


@pytest.fixture
def fake() -> Iterator[FakeLanguageTool]:
    with running() as server:
        yield server


def test_languagetools_matches_merge_in_without_overlap(make_app: MakeApp, fake: FakeLanguageTool) -> None:
    app = make_app(LANGUAGETOOL_URL=fake.url)
    secret = app.extensions["replycoach.keys"].create("agent", "lt")[1]
    text = "😀 Please calm down, I recieve teh order today."
    body = _check(app.test_client(), secret, text=text).json
    assert body["software"]["status"] == "Reply Coach's coaching and LanguageTool's matches"
    assert [(m["rule"]["id"], m["offset"], m["length"]) for m in body["matches"]] == [
        ("dismissive.calm-down", 3, 16),
        ("MORFOLOGIK_RULE_EN_US", 23, 7),
        ("MORFOLOGIK_RULE_EN_US", 31, 3),
    ]
    spelling = body["matches"][1]
    # LanguageTool's own match, as its server answered it: its rule, category and type.
    assert spelling["rule"]["issueType"] == "misspelling"
    assert spelling["rule"]["category"]["id"] == "TYPOS"
    assert spelling["message"] == "Possible spelling mistake found."
    assert [r["value"] for r in spelling["replacements"]] == ["receive"]
    muted = _check(app.test_client(), secret, text=text, disabledRules="MORFOLOGIK_RULE_EN_US").json
    assert [m["rule"]["id"] for m in muted["matches"]] == ["dismissive.calm-down"]


def test_the_per_key_rate_limit_answers_languagetools_way(make_app: MakeApp) -> None:
    app = make_app(RATE_LIMIT="2 per minute")
    secret = app.extensions["replycoach.keys"].create("agent", "lt")[1]
    client = app.test_client()
    assert [_check(client, secret, text="Hi.").status_code for _ in range(2)] == [200, 200]
    limited = _check(client, secret, text="Hi.")
    status, content_type, body = _error(limited)
    assert (status, content_type) == (429, "text/plain; charset=utf-8")
    assert body.startswith("Error: This key has made too many requests (2 per 1 minute)")
    assert "Retry-After" in limited.headers


def test_a_browser_client_of_a_listed_origin_may_call_it(make_app: MakeApp) -> None:
    origin = "chrome-extension://oldceeleldhonbafppcapldpdifcinji"
    app = make_app(CORS_ORIGINS=[origin])
    secret = app.extensions["replycoach.keys"].create("agent", "lt")[1]
    client = app.test_client()
    preflight = client.options(
        f"/lt/{secret}/v2/check",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
    )
    assert preflight.headers["Access-Control-Allow-Origin"] == origin
    answer = client.post(
        f"/lt/{secret}/v2/check", data={"language": "en-US", "text": "Hi."}, headers={"Origin": origin}
    )
    assert answer.headers["Access-Control-Allow-Origin"] == origin
    other = client.post(
        f"/lt/{secret}/v2/check",
        data={"language": "en-US", "text": "Hi."},
        headers={"Origin": "https://x.test"},
    )
    assert "Access-Control-Allow-Origin" not in other.headers
