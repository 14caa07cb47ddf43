"""Sign a test client of the BFF in through the sandbox IdP, the way a browser does it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx

from sandbox.testing import SandboxServer, submit_sign_in


def start_login(client, next_path: str = "/") -> str:
    """GET /auth/login on the BFF; returns the IdP authorization URL it redirects to."""
    response = client.get("/auth/login", query_string={"next": next_path})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def authorize(sandbox: SandboxServer, authorize_url: str, national_code: str,
              browser: httpx.Client | None = None) -> str:
    """Sign in at the IdP; returns the BFF callback URL (with code and state) the IdP redirects to."""
    own = browser is None
    browser = browser or httpx.Client(timeout=10)
    try:
        done = submit_sign_in(browser, authorize_url, national_code, sandbox.otp)
    finally:
        if own:
            browser.close()
    assert done.status_code == 302, done.text[:500]
    return done.headers["Location"]


def callback_path(callback_url: str) -> str:
    parts = urlsplit(callback_url)
    return f"{parts.path}?{parts.query}"


def sign_in(client, sandbox: SandboxServer, national_code: str, next_path: str = "/"):
    """The whole flow; returns the BFF's final redirect response."""
    callback = authorize(sandbox, start_login(client, next_path), national_code)
    response = client.get(callback_path(callback))
    assert response.status_code == 302, response.get_data(as_text=True)
    assert not response.headers["Location"].startswith("/signin"), response.headers["Location"]
    return response


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
