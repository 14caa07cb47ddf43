"""Run the sandbox on a free loopback port for a test suite, and drive its sign-in like a browser.

    with SandboxServer({"SANDBOX_ANCHOR_DATE": "2025-11-29"}) as sandbox:
        tokens = sandbox.sign_in(sandbox.citizens()[0]["national_code"])
        httpx.get(sandbox.url + "/core/v1/cases", headers={"Authorization": "Bearer " + tokens["access_token"]})

Everything goes over real HTTP (Werkzeug's threaded server in a daemon thread).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import secrets
import ssl
import threading
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from werkzeug.serving import WSGIRequestHandler, make_server

from . import create_app

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
# One TLS context for every client made here: building one reads the CA bundle (~40 ms each time).
_TLS = ssl.create_default_context()


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass


def pkce_pair() -> tuple[str, str]:
    """(code_verifier, S256 code_challenge)."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def csrf_token(page: str) -> str:
    match = _CSRF.search(page)
    if not match:
        raise AssertionError("no sign-in form on the page")
    return html.unescape(match.group(1))


def submit_sign_in(http: httpx.Client, authorize_url: str, national_code: str, otp: str) -> httpx.Response:
    """Open `authorize_url` and, if the sign-in form shows, fill it in; returns the last response.

    On success that is a 302 to the client's redirect URI with `code` and `state`; `http` keeps the
    IdP session cookie, so a second authorization skips the form.
    """
    page = http.get(authorize_url, follow_redirects=False)
    if page.status_code != 200:
        return page
    return http.post(authorize_url, data={
        "national_code": national_code, "otp": otp, "csrf": csrf_token(page.text),
    }, follow_redirects=False)


class SandboxServer:
    def __init__(self, config: dict[str, Any] | None = None, host: str = "127.0.0.1"):
        self.config = dict(config or {})
        self.host = host
        self.app = None
        self._server = None
        self._thread: threading.Thread | None = None
        self._http: httpx.Client | None = None

    # lifecycle -----------------------------------------------------------------------------------
    def start(self) -> SandboxServer:
        # Bind first, so the issuer can name the real port.
        self._server = make_server(self.host, 0, self._dispatch, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://{self.host}:{self._server.server_port}"
        self.app = create_app({"SANDBOX_MODE": "test", "SANDBOX_ISSUER": self.url, **self.config})
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="sandbox-server", daemon=True)
        self._thread.start()
        self._http = httpx.Client(base_url=self.url, timeout=10)
        return self

    def stop(self) -> None:
        if self._http is not None:
            self._http.close()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _dispatch(self, environ, start_response):
        return self.app(environ, start_response)

    # settings ------------------------------------------------------------------------------------
    @property
    def settings(self):
        return self.app.extensions["sandbox"].settings

    @property
    def issuer(self) -> str:
        return self.settings.issuer

    @property
    def client_id(self) -> str:
        return self.settings.client_id

    @property
    def client_secret(self) -> str:
        return self.settings.client_secret

    @property
    def otp(self) -> str:
        return self.settings.otp

    # control API ---------------------------------------------------------------------------------
    def control(self, method: str, path: str, json: Any = None) -> httpx.Response:
        """A control API call; `path` relative to /sandbox/control ("faults") or absolute."""
        if not path.startswith("/"):
            path = "/sandbox/control/" + path
        return self._http.request(method, path, json=json)

    def _ok(self, response: httpx.Response) -> Any:
        response.raise_for_status()
        return response.json()

    def citizens(self) -> list[dict[str, Any]]:
        return self._ok(self.control("GET", "citizens"))["citizens"]

    def cases(self) -> list[dict[str, Any]]:
        return self._ok(self.control("GET", "cases"))["cases"]

    def briefs(self) -> list[dict[str, Any]]:
        return self._ok(self.control("GET", "briefs"))["briefs"]

    def reset(self, **body: Any) -> dict[str, Any]:
        return self._ok(self.control("POST", "reset", json=body))

    def set_faults(self, **faults: Any) -> dict[str, Any]:
        return self._ok(self.control("PUT", "faults", json=faults))

    def visits(self) -> dict[str, Any]:
        """Every visit, and per slot the places booked and its capacity."""
        return self._ok(self.control("GET", "visits"))

    def close_day(self, **body: Any) -> dict[str, Any]:
        """Close an office (`office_code`) or a branch (`branch_id`) on `date`, with an optional `reason`."""
        return self._ok(self.control("POST", "visits/closures", json=body))

    def add_citizens(self, count: int) -> list[dict[str, Any]]:
        """Extra sample citizens without cases (gone after a reset)."""
        return self._ok(self.control("POST", "citizens", json={"count": count}))["citizens"]

    # SMS provider ------------------------------------------------------------------------------
    @property
    def sms_base_url(self) -> str:
        """What a Kavenegar client uses instead of https://api.kavenegar.com."""
        return f"{self.url}/kavenegar"

    @property
    def sms_api_key(self) -> str:
        return self.settings.sms_api_key

    def sms_messages(self, receptor: str | None = None) -> list[dict[str, Any]]:
        query = f"?{urlencode({'receptor': receptor})}" if receptor else ""
        return self._ok(self.control("GET", f"sms/messages{query}"))["messages"]

    def clear_sms(self) -> int:
        return self._ok(self.control("DELETE", "sms/messages"))["deleted"]

    def set_sms_faults(self, **faults: Any) -> dict[str, Any]:
        return self._ok(self.control("PUT", "sms/faults", json=faults))

    # tokens --------------------------------------------------------------------------------------
    def service_token(self, scope: str = "core.registry core.events") -> str:
        response = self._http.post("/oidc/token", data={"grant_type": "client_credentials", "scope": scope},
                                   auth=(self.client_id, self.client_secret))
        return self._ok(response)["access_token"]

    def authorize_url(self, redirect_uri: str, state: str, nonce: str, challenge: str,
                      scope: str = "openid profile phone core.citizen") -> str:
        query = urlencode({
            "response_type": "code", "client_id": self.client_id, "redirect_uri": redirect_uri, "scope": scope,
            "state": state, "nonce": nonce, "code_challenge": challenge, "code_challenge_method": "S256",
        })
        return f"{self.url}/oidc/authorize?{query}"

    def sign_in(self, national_code: str, redirect_uri: str = "http://127.0.0.1:8000/auth/callback",
                scope: str = "openid profile phone core.citizen") -> dict[str, Any]:
        """The whole authorization code flow for one citizen; returns the token response."""
        verifier, challenge = pkce_pair()
        with httpx.Client(timeout=10, verify=_TLS) as browser:
            url = self.authorize_url(redirect_uri, secrets.token_urlsafe(8), secrets.token_urlsafe(8), challenge,
                                     scope)
            done = submit_sign_in(browser, url, national_code, self.otp)
        if done.status_code != 302:
            raise AssertionError(f"sign-in failed with {done.status_code}")
        code = parse_qs(urlsplit(done.headers["Location"]).query)["code"][0]
        response = self._http.post("/oidc/token", data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            "code_verifier": verifier,
        }, auth=(self.client_id, self.client_secret))
        return self._ok(response)
