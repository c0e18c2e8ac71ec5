"""GET /health, the OpenAPI document, the docs page, and JSON answers for unknown paths and methods."""

from __future__ import annotations

from flask.testing import FlaskClient

from .helpers import error


def test_health_reports_bank_and_grammar_without_a_key(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "version": "0.1.0",
        "bank": {"entries": 6, "revision": response.json["bank"]["revision"], "curated_update": None},
        "grammar": {"status": "off", "backend": "off", "detail": None},
    }
    assert len(response.json["bank"]["revision"]) == 12
    assert len(response.headers["X-Request-ID"]) == 32


def test_openapi_document_needs_no_key_and_describes_every_endpoint(client: FlaskClient) -> None:
    response = client.get("/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"] == "3.0.3"
    methods = {path: sorted(set(ops) - {"parameters"}) for path, ops in spec["paths"].items()}
    assert methods == {
        "/health": ["get"],
        "/v1/analyze": ["post"],
        "/v1/analyze/batch": ["post"],
        "/v1/rewrite": ["post"],
        "/v1/phrasebank/entries": ["get", "post"],
        "/v1/phrasebank/entries/{entry_id}": ["delete", "get", "put"],
        "/v1/phrasebank/entries/{entry_id}/history": ["get"],
        "/v1/phrasebank/entries/{entry_id}/rollback": ["post"],
        "/v1/phrasebank/audit": ["get"],
        "/v1/phrasebank/preview": ["post"],
        "/v1/phrasebank/explain": ["post"],
        "/v1/phrasebank/validate": ["post"],
        "/v1/phrasebank/curated-update": ["get", "post"],
        "/v1/phrasebank/vocabulary": ["get", "post"],
        "/v1/phrasebank/vocabulary/{name}": ["delete", "get", "put"],
        "/v1/phrasebank/vocabulary/{name}/history": ["get"],
        "/v1/events": ["post"],
        "/v1/insights": ["get"],
        "/v1/insights/charts/{name}.svg": ["get"],
    }
    assert spec["components"]["securitySchemes"] == {"bearerAuth": {"type": "http", "scheme": "bearer"}}
    assert spec["paths"]["/v1/analyze"]["post"]["security"] == [{"bearerAuth": []}]
    assert "security" not in spec["paths"]["/health"]["get"]
    assert spec["components"]["schemas"]["Error"]["properties"]["error"] == {
        "$ref": "#/components/schemas/ErrorDetail"
    }


def test_docs_page_is_served_with_its_assets_and_no_cdn(client: FlaskClient) -> None:
    page = client.get("/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '"/v1/openapi.json"' in html
    assert "https://" not in html and "http://" not in html
    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        assert f"/v1/docs/assets/{asset}" in html
        with client.get(f"/v1/docs/assets/{asset}") as response:
            assert response.status_code == 200


def test_unknown_path_is_404_json(client: FlaskClient) -> None:
    response = client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.json == error(
        "not_found", "There is nothing at this address; GET /v1/openapi.json lists the endpoints."
    )


def test_health_is_get_only(client: FlaskClient) -> None:
    response = client.post("/health")
    assert response.status_code == 405
    assert response.json == error("method_not_allowed", "POST is not allowed here; use GET, HEAD, OPTIONS.")
