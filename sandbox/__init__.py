"""Sandbox of the judiciary's identity provider and core APIs, with seeded sample data.

Run: ``gunicorn 'sandbox:create_app()' --bind 127.0.0.1:8001 --workers 1 --threads 8``
or ``python -m sandbox --port 8001``. State lives in memory, so run exactly one process.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from .config import Settings
from .core.uploads import SandboxRequest
from .runtime import Sandbox, SigningKey
from .store import Store


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the sandbox; `config` overrides SANDBOX_* settings from the environment."""
    settings = Settings.load(config)
    app = Flask(__name__, static_folder=None)
    app.request_class = SandboxRequest
    app.config.update(
        SECRET_KEY=settings.secret_key,
        # Its own cookie name: the BFF on the same host (another port) shares the cookie jar.
        SESSION_COOKIE_NAME="sandbox_idp_session",
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=60 * 1024 * 1024,
    )
    app.config.update({k: v for k, v in (config or {}).items() if not k.startswith("SANDBOX_")})
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["sandbox"] = Sandbox(settings, Store(settings.seed, settings.anchor_date), SigningKey())
    register_blueprints(app, settings)
    register_errors(app)
    return app


def register_blueprints(app: Flask, settings: Settings) -> None:
    from .core import register_core
    from .gateway import register_gateway
    from .idp import register_identity_provider
    from .pages import register_pages
    from .payments import register_payments
    from .sms import register_sms

    register_pages(app)
    register_identity_provider(app)
    register_core(app)
    register_sms(app, settings)
    register_gateway(app, settings)
    if settings.control_enabled:
        from .control import register_control

        register_control(app)
        register_payments(app)


def register_errors(app: Flask) -> None:
    from .errors import register_error_handlers

    register_error_handlers(app)
