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


METHODS = ("get", "put", "post", "patch", "delete")


def operations(spec):
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield f"{method.upper()} {path}", item[method]


def resolved(spec, node: dict) -> dict:
    while "$ref" in node:
        section, name = node["$ref"].split("/")[-2:]
        node = spec["components"][section][name]
    return node


def test_every_operation_documents_a_client_error_as_problem_json(client):
    spec = client.get("/api/openapi.json").get_json()
    for label, operation in operations(spec):
        problems = [status for status, response in operation["responses"].items() if status.startswith("4")
                    and "application/problem+json" in resolved(spec, response).get("content", {})]
        assert problems, f"{label} documents no 4xx problem response"


def test_every_error_response_is_problem_json_and_all_content_has_a_schema(client):
    spec = client.get("/api/openapi.json").get_json()
    for label, operation in operations(spec):
        assert "default" not in operation["responses"], f"{label}: each status is documented by itself"
        for status, response in operation["responses"].items():
            content = resolved(spec, response).get("content", {})
            if int(status) >= 400:
                assert list(content) == ["application/problem+json"], f"{label} {status}: {list(content)}"
            for media_type, body in content.items():
                assert "schema" in body, f"{label} {status} {media_type} has no schema"
