"""CSRF defence for the cookie session: a signed double-submit token and an Origin check.

Every unsafe request must carry header X-CSRF-Token equal to the `csrf_token` cookie, and the cookie's
value must carry our signature (so a value planted by a sibling site is refused). A browser's Origin
header, when present, must be this site.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from flask import Flask, current_app, g, request

from bff.platform import config
from bff.platform.errors import Problem

COOKIE = "csrf_token"
HEADER = "X-CSRF-Token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def _signature(nonce: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"csrf:" + nonce.encode(), hashlib.sha256).hexdigest()[:32]


def new_token() -> str:
    nonce = secrets.token_urlsafe(24)
    return f"{nonce}.{_signature(nonce)}"


def _same(a: str, b: str) -> bool:
    # As bytes: compare_digest refuses str with non-ASCII characters, and both come from the client.
    return hmac.compare_digest(a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass"))


def _well_formed(token: str) -> bool:
    nonce, _, signature = token.partition(".")
    return bool(nonce) and _same(signature, _signature(nonce))


def rotate() -> None:
    """Issue a fresh token on this response (at sign-in and sign-out)."""
    g.csrf_rotate = True


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def check_request() -> None:
    if request.method in SAFE_METHODS or request.routing_exception is not None:
        return  # nothing will run: the 404/405 is answered as such
    origin = request.headers.get("Origin")
    if origin is not None:
        allowed = {_origin(request.host_url), _origin(config.settings().public_base_url)}
        if origin.lower() not in allowed:
            raise Problem(403, "csrf_origin")
    cookie = request.cookies.get(COOKIE, "")
    header = request.headers.get(HEADER, "")
    if not cookie or not header or not _same(cookie, header) or not _well_formed(cookie):
        raise Problem(403, "csrf_failed")


def register_csrf(app: Flask, secure: bool) -> None:
    @app.before_request
    def _check() -> None:
        check_request()

    @app.after_request
    def _issue(response):
        present = request.cookies.get(COOKIE)
        if getattr(g, "csrf_rotate", False) or not present or not _well_formed(present):
            response.set_cookie(COOKIE, new_token(), secure=secure, httponly=False, samesite="Lax", path="/",
                                max_age=60 * 60 * 24 * 30)
        return response
