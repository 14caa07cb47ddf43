"""OpenAPI 3.1 at /api/openapi.json describes errors as problem details; /api/docs renders it."""


def test_openapi_document_is_3_1_with_our_paths(client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    assert {"/healthz", "/readyz", "/api/v1/app-config"} <= set(spec["paths"])


def test_error_responses_are_documented_as_problem_json(client):
    spec = client.get("/api/openapi.json").get_json()
    readyz = spec["paths"]["/readyz"]["get"]["responses"]
    assert "503" in readyz
    default_error = spec["components"]["responses"]["DEFAULT_ERROR"]
    assert "application/problem+json" in default_error["content"]


def test_docs_page_lists_operations_without_scripts(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "/api/v1/app-config" in html
    assert "<script" not in html
