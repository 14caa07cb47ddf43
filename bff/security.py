"""Security headers: a strict Content-Security-Policy with no inline script, HSTS in production."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask

from bff.config import Settings
from bff.extensions import talisman


def _origin(url_template: str) -> str | None:
    """The origin of a tile URL template; ``{s}.`` subdomain templates become a ``*.`` wildcard."""
    parts = urlsplit(url_template.replace("{s}.", "x."))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname
    if "{s}." in url_template:
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


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


def register_security_headers(app: Flask, settings: Settings) -> None:
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
