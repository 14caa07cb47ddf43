"""«همراه قضایی» backend-for-frontend: serves the PWA and its API, keeps tokens server-side.

``create_app`` builds the platform, the clients of outside systems, then each room by its ``init_app``
(its blueprint, signal receivers, hooks, periodic work); the PWA's catch-all route comes last. The
rooms and how they may import each other: docs/architecture.md.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from bff import auth, briefs, cases, notices, offices, ops, push
from bff.core_client import CoreClient, IdentityProvider, core, identity
from bff.platform import config, errors, i18n, inbound, logs, outbound, pwa, security
from bff.platform.api import api
from bff.platform.config import VERSION, Settings
from bff.platform.db import MIGRATIONS_DIR, db, migrate
from bff.platform.limits import limiter

__version__ = VERSION

# In the order their blueprints are registered (and listed in the OpenAPI document).
ROOMS = (ops, auth, offices, cases, briefs, notices, push)


def create_app(settings: Settings | dict | None = None) -> Flask:
    """Build the app from ``settings``: a Settings, a dict of overrides, or None for the environment."""
    settings = settings if isinstance(settings, Settings) else Settings.from_env(**(settings or {}))
    app = Flask(__name__, instance_path=settings.instance_path, instance_relative_config=False)
    Path(settings.instance_path).mkdir(parents=True, exist_ok=True)
    config.settings.set(app, settings)
    configure(app, settings)
    register_platform(app, settings)
    register_outside_systems(app, settings)
    for room in ROOMS:
        room.init_app(app)
    pwa.init_app(app)
    return app


def configure(app: Flask, settings: Settings) -> None:
    app.config.update(
        SECRET_KEY=settings.resolved_secret_key(),
        APP_ENV=settings.app_env,
        APP_VERSION=VERSION,
        TESTING=settings.is_test,
        SQLALCHEMY_DATABASE_URI=settings.sqlalchemy_url,
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True},
        MAX_CONTENT_LENGTH=settings.max_content_length,
        PERMANENT_SESSION_LIFETIME=settings.session_idle_minutes * 60,
        SESSION_COOKIE_NAME="__Host-session" if settings.is_production else "hamrah_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.is_production,
        SESSION_REFRESH_EACH_REQUEST=True,
        RATELIMIT_STORAGE_URI=settings.rate_limit_storage_url or settings.redis_url or "memory://",
        RATELIMIT_KEY_PREFIX=settings.queue_name,
        # A rate-limit store outage must not become an outage of the app: fall back to memory.
        RATELIMIT_SWALLOW_ERRORS=True,
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        PWA_DIST=settings.pwa_dist,
        JSON_AS_ASCII=False,
        API_TITLE="Hamrah Ghazaei BFF",
        API_VERSION="v1",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={
            "info": {"description": "Backend-for-frontend of the «همراه قضایی» PWA. Errors are RFC 9457 "
                                    "problem details, localised by Accept-Language (fa default, en)."},
        },
    )
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    if settings.trust_proxy_hops:
        hops = settings.trust_proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_platform(app: Flask, settings: Settings) -> None:
    """Logs, inbound checks, the database, catalogs, the API document, headers, limits, the error path."""
    logs.configure_logging(settings.log_level, as_json=settings.log_json, log_file=settings.log_file)
    logs.register_request_logging(app)
    inbound.register_inbound_checks(app)
    i18n.catalogs.set(app, i18n.load_catalogs(settings.locales_dir))
    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True, compare_type=True)
    i18n.babel.init_app(app, locale_selector=i18n.current_language)
    api.init_app(app)
    security.register_security_headers(app, settings)
    limiter.init_app(app)
    errors.register_errors(app)


def register_outside_systems(app: Flask, settings: Settings) -> None:
    """The one HTTP client, the identity provider and the core client, one of each per process."""
    http = outbound.make_http_client(settings)
    idp = identity.set(app, IdentityProvider(settings, http))
    core.set(app, CoreClient(settings, http, idp))
    outbound.init_app(app)
