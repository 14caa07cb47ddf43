"""A strict CSP with no inline script on every response; HSTS only in production."""

from bff import create_app
from tests.support import make_settings


def _csp(response) -> dict[str, str]:
    directives = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    return directives


def test_csp_allows_only_own_scripts_and_no_framing(client):
    response = client.get("/healthz")
    csp = _csp(response)
    assert csp["script-src"] == "'self'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "geolocation=(self)" in response.headers["Permissions-Policy"]


def test_problem_responses_carry_the_headers_too(client):
    response = client.get("/api/v1/missing")
    assert "Content-Security-Policy" in response.headers


def test_map_tiles_origin_is_allowed_for_images_only(migrated_database):
    app = create_app(make_settings(map_tile_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png"))
    csp = _csp(app.test_client().get("/healthz"))
    assert "https://*.tiles.example.org" in csp["img-src"]
    assert "tiles.example.org" not in csp["script-src"] + csp["connect-src"]


def test_map_tiles_origin_keeps_its_port(migrated_database):
    app = create_app(make_settings(map_tile_url="http://127.0.0.1:8088/tiles/{z}/{x}/{y}.png"))
    assert "http://127.0.0.1:8088" in _csp(app.test_client().get("/healthz"))["img-src"].split()


def test_no_hsts_outside_production(client):
    assert "Strict-Transport-Security" not in client.get("/healthz").headers


def test_production_sends_hsts_and_redirects_to_https(migrated_database):
    app = create_app(make_settings(app_env="production", secret_key="k" * 40, oidc_client_secret="real-secret"))
    client = app.test_client()
    assert client.get("/healthz").status_code in (301, 302)
    secure = client.get("/healthz", base_url="https://localhost")
    assert secure.status_code == 200
    assert "max-age=31536000" in secure.headers["Strict-Transport-Security"]


def test_no_cors_for_other_origins(client):
    preflight = client.options("/api/v1/offices", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert "Access-Control-Allow-Origin" not in preflight.headers
    simple = client.get("/api/v1/app-config", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in simple.headers
    assert "Access-Control-Allow-Credentials" not in simple.headers
