"""Security headers: a strict Content-Security-Policy with no inline script, HSTS in production."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask
from flask_talisman import Talisman
from werkzeug.datastructures import Headers

from bff.platform.config import Settings


def _origin(url_template: str) -> str | None:
    """The origin of a tile URL template; ``{s}.`` subdomain templates become a ``*.`` wildcard."""
    parts = urlsplit(url_template.replace("{s}.", "x."))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname
    if "{s}." in url_template:
        host = "*." + host.split(".", 1)[1]
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


def content_security_policy(settings: Settings) -> dict[str, str | list[str]]:
    img_src = ["'self'", "data:", "blob:"]
    tile_origin = _origin(settings.map_tile_url)
    if tile_origin:
        img_src.append(tile_origin)
    return {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": img_src,
        "font-src": "'self'",
        "connect-src": "'self'",
        "worker-src": "'self'",
        "manifest-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


PERMISSIONS_POLICY = "geolocation=(self), camera=(self), microphone=(), payment=(), usb=(), interest-cohort=()"


class StaticHeadersTalisman(Talisman):
    """Talisman, with the response headers computed once instead of on every response.

    No view overrides its policy, so the headers never vary; building the CSP string per response
    cost a noticeable share of a fast endpoint's time.
    """

    _frozen: list[tuple[str, str]] | None = None

    def _set_response_headers(self, response):
        if self._frozen is None:
            probe = Headers()
            super()._set_response_headers(_HeadersOnly(probe))
            self._frozen = [(k, v) for k, v in probe.items() if k != "Strict-Transport-Security"]
        for name, value in self._frozen:
            response.headers[name] = value
        self._set_hsts_headers(response.headers)  # depends on whether this request came over HTTPS
        return response


class _HeadersOnly:
    def __init__(self, headers: Headers):
        self.headers = headers


def register_security_headers(app: Flask, settings: Settings) -> None:
    talisman = StaticHeadersTalisman()  # one per app: its frozen headers follow that app's settings
    app.extensions["talisman"] = talisman
    talisman.init_app(
        app,
        force_https=settings.is_production,
        strict_transport_security=settings.is_production,
        strict_transport_security_max_age=31536000,
        strict_transport_security_include_subdomains=True,
        content_security_policy=content_security_policy(settings),
        content_security_policy_nonce_in=[],
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        permissions_policy=PERMISSIONS_POLICY,
        session_cookie_secure=settings.is_production,
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
        x_content_type_options=True,
    )
