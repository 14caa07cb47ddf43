"""The BFF serves the built PWA: immutable hashed assets, a revalidated shell, SPA fallback."""

import pytest

from bff import create_app
from tests.support import make_settings


@pytest.fixture(scope="module")
def web(migrated_database, tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    (dist / "assets").mkdir()
    (dist / "index.html").write_text("<!doctype html><html lang=fa dir=rtl><title>shell</title></html>")
    (dist / "sw.js").write_text("self.addEventListener('install', () => {});")
    (dist / "manifest.webmanifest").write_text("{}")
    (dist / "assets" / "index-abc123.js").write_text("console.log(1)")
    (dist / ".vite").mkdir()
    (dist / ".vite" / "manifest.json").write_text('{"index.html": {}}')
    (dist / "icons").mkdir()
    (dist / "icons" / "icon-192.png").write_bytes(b"\x89PNG")
    return create_app(make_settings(pwa_dist=str(dist))).test_client()


def test_hashed_assets_are_immutable(web):
    response = web.get("/assets/index-abc123.js")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("path", ["/", "/sw.js", "/manifest.webmanifest"])
def test_shell_worker_and_manifest_are_revalidated(web, path):
    response = web.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"


def test_worker_may_control_the_whole_origin(web):
    assert web.get("/sw.js").headers["Service-Worker-Allowed"] == "/"


@pytest.mark.parametrize("path", ["/cases", "/offices/10020001", "/settings/notifications"])
def test_client_routes_get_the_shell(web, path):
    response = web.get(path)
    assert response.status_code == 200
    assert b"<title>shell</title>" in response.data


@pytest.mark.parametrize("path", ["/api/v1/unknown", "/auth/nothing", "/api", "/sandbox/control/x"])
def test_server_paths_never_fall_back_to_the_shell(web, path):
    response = web.get(path)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_missing_asset_is_404_not_the_shell(web):
    assert web.get("/assets/gone-999.js").status_code == 404
    assert web.get("/missing.png").status_code == 404


@pytest.mark.parametrize("path", ["/..%2f..%2fetc/passwd", "/assets/..%2f..%2f..%2fetc/hostname", "/%2e%2e/setup.cfg"])
def test_path_traversal_never_reads_outside_dist(web, path):
    response = web.get(path)
    assert response.status_code in (200, 404)
    assert b"root:" not in response.data and b"[metadata]" not in response.data
    if response.status_code == 200:
        assert b"<title>shell</title>" in response.data


def test_shell_has_csp_header(web):
    assert "script-src 'self'" in web.get("/").headers["Content-Security-Policy"]


def test_manifest_and_worker_have_their_content_types(web):
    assert web.get("/manifest.webmanifest").mimetype == "application/manifest+json"
    assert web.get("/sw.js").mimetype == "text/javascript"


def test_build_manifest_is_not_served(web):
    assert web.get("/.vite/manifest.json").status_code == 404
