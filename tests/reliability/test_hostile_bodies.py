"""Every operation of the OpenAPI document, sent hostile bodies (NUL bytes, lone surrogates, huge integers,
deep nesting, wrong types) with an agent and a lead key: never a 5xx, always the JSON error shape, and only
statuses the document lists for that operation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_HOSTILE_TEXT = st.sampled_from(["\x00", "\ud800", "\udfff", "a\ud83d", "\u200b", "\\u0000", "😀", ""])
_TEXT = st.one_of(_HOSTILE_TEXT, st.text(max_size=20), st.text(max_size=3).map(lambda t: t * 700))
_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.just(2**63),
    st.floats(allow_nan=False),
    _TEXT,
)
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(_TEXT, st.sampled_from(["text", "drafts", "apply", "revision"])), inner, max_size=4
        ),
    ),
    max_leaves=12,
)


def _raw_bodies() -> st.SearchStrategy[bytes]:
    """Bodies as bytes: JSON of hostile values, with lone-surrogate escapes, huge integers, deep nesting."""
    as_json = _VALUE.map(lambda v: json.dumps(v).encode())
    return st.one_of(
        as_json,
        st.integers(1, 3000).map(lambda d: b"[" * d + b"]" * d),
        st.integers(1, 3000).map(lambda d: b'{"a":' * d + b"1" + b"}" * d),
        st.integers(4000, 6000).map(lambda n: b'{"text": "x", "revision": ' + b"7" * n + b"}"),
        st.sampled_from(
            [
                b'{"text": "\\ud800"}',
                b'{"text": "a\\u0000b"}',
                b"\xff\xfe",
                b"nul\x00",
                b'{"drafts": [{"text": "\\udc00"}]}',
            ]
        ),
    )


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Flask, dict[str, dict[str, str]], dict[str, Any]]:
    from conftest import BASIC_BANK
    from replycoach.web.app import create_app

    home = tmp_path_factory.mktemp("home")
    app = create_app(
        {
            "TESTING": True,
            "HOME": str(home),
            "BANK_DIR": str(BASIC_BANK),
            "RATE_LIMIT": "1000000 per minute",
            "AUTH_FAILURE_LIMIT": "1000000 per minute",
            "MAX_DRAFT_CHARS": 2000,
        }
    )
    keys = app.extensions["replycoach.keys"]
    headers = {role: {"Authorization": f"Bearer {keys.create(role, role)[1]}"} for role in ("agent", "lead")}
    spec = app.test_client().get("/v1/openapi.json").json
    return app, headers, spec


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, set[str]]]:
    found = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method in {"post", "put", "delete"}:
                documented = set(operation["responses"]) - {"default"}
                concrete = path.replace("{entry_id}", "dismissive.calm-down").replace(
                    "{name}", "nothing-here"
                )
                found.append((method.upper(), concrete, documented))
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    body=_raw_bodies(),
    role=st.sampled_from(["agent", "lead"]),
    content_type=st.sampled_from(["application/json", "text/plain"]),
)
def test_no_hostile_body_gets_a_5xx_or_an_undocumented_status(
    served: tuple[Flask, dict[str, dict[str, str]], dict[str, Any]], body: bytes, role: str, content_type: str
) -> None:
    app, headers, spec = served
    client = app.test_client()
    for method, path, documented in _operations(spec):
        response = client.open(
            path,
            method=method,
            data=body,
            headers={**headers[role], "Content-Type": content_type, "If-Match": '"stale"'},
        )
        assert response.status_code < 500, (method, path, body[:80], response.get_data()[:300])
        if response.status_code >= 400:
            error = response.get_json()["error"]
            assert set(error) == {"code", "message", "details"} and error["message"]
        assert str(response.status_code) in documented, (method, path, response.status_code, response.json)
