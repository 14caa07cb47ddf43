"""«همراه قضایی» backend-for-frontend: serves the PWA and its API, keeps tokens server-side."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from bff.config import Settings

__version__ = "0.1.0"


def create_app(config: Settings | dict | None = None) -> Flask:
    """Build the app from ``config``: a Settings, a dict of overrides, or None for the environment."""
    settings = config if isinstance(config, Settings) else Settings.from_env(**(config or {}))
    app = Flask(__name__, instance_path=settings.instance_path, instance_relative_config=False)
    Path(settings.instance_path).mkdir(parents=True, exist_ok=True)
    app.extensions["settings"] = settings
    configure(app, settings)
    register_logging(app, settings)
    register_inbound(app)
    register_extensions(app, settings)
    register_core(app, settings)
    register_auth(app, settings)
    register_blueprints(app)
    register_errors(app)
    register_cli(app)
    return app


def configure(app: Flask, settings: Settings) -> None:
    app.config.update(
        SECRET_KEY=settings.resolved_secret_key(),
        APP_ENV=settings.app_env,
        APP_VERSION=__version__,
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


def register_logging(app: Flask, settings: Settings) -> None:
    from bff.logs import configure_logging, register_request_logging

    configure_logging(settings.log_level, as_json=settings.log_json, log_file=settings.log_file)
    register_request_logging(app)


def register_inbound(app: Flask) -> None:
    from bff.inbound import register_inbound_checks

    register_inbound_checks(app)


def register_extensions(app: Flask, settings: Settings) -> None:
    import bff.models  # noqa: F401  (the whole schema, for Alembic)
    from bff.extensions import api, babel, db, migrate
    from bff.i18n import current_language, load_catalogs
    from bff.security import register_security_headers

    app.extensions["catalogs"] = load_catalogs(settings.locales_dir)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).resolve().parent.parent / "migrations"),
                     render_as_batch=True, compare_type=True)
    babel.init_app(app, locale_selector=current_language)
    api.init_app(app)
    register_security_headers(app, settings)


def register_core(app: Flask, settings: Settings) -> None:
    """The one HTTP client, the identity provider and the core client, one of each per process."""
    from bff.auth.grants import Vault
    from bff.auth.idp import IdentityProvider
    from bff.core_client import CoreClient, CoreError
    from bff.core_client.http import make_http_client
    from bff.errors import handle_problem

    http = make_http_client(settings)
    idp = IdentityProvider(settings, http)
    app.extensions["http"] = http
    app.extensions["idp"] = idp
    app.extensions["core"] = CoreClient(settings, http, idp)
    app.extensions["vault"] = Vault(app.config["SECRET_KEY"])
    app.register_error_handler(CoreError, lambda error: handle_problem(error.to_problem()))


def register_auth(app: Flask, settings: Settings) -> None:
    """Server-side sessions (database or Redis), the OIDC client, CSRF and the sign-in rate limits."""
    from authlib.integrations.flask_client import OAuth

    from bff.auth.csrf import register_csrf
    from bff.auth.idp import CITIZEN_SCOPE
    from bff.auth.session_store import make_session_interface
    from bff.extensions import limiter

    app.session_interface = make_session_interface(app, settings.redis_url)
    # One registry per app (Authlib's registry caches clients; tests build apps with other issuers).
    oauth = OAuth(app)
    app.extensions["oidc_client"] = oauth.register(
        "judiciary",
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        server_metadata_url=settings.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": CITIZEN_SCOPE, "code_challenge_method": "S256",
                       "default_timeout": settings.core_read_timeout,
                       "token_endpoint_auth_method": "client_secret_basic"},
    )
    limiter.init_app(app)
    register_csrf(app, secure=settings.is_production)


def register_blueprints(app: Flask) -> None:
    from bff.auth.routes import bp as auth_bp
    from bff.briefs.routes import bp as briefs_bp
    from bff.cases.routes import bp as cases_bp
    from bff.docs import bp as docs_bp
    from bff.extensions import api
    from bff.limits import limit_writes
    from bff.notices.routes import bp as notices_bp
    from bff.offices.routes import bp as offices_bp
    from bff.ops.metrics import bp as metrics_bp
    from bff.ops.routes import bp as ops_bp
    from bff.push import register_push
    from bff.push.routes import bp as push_bp
    from bff.web import register_web

    limit_writes(auth_bp, briefs_bp, cases_bp, notices_bp, offices_bp, push_bp)

    api.register_blueprint(ops_bp)
    api.register_blueprint(auth_bp)
    api.register_blueprint(offices_bp)
    api.register_blueprint(cases_bp)
    api.register_blueprint(briefs_bp)
    api.register_blueprint(notices_bp)
    register_push(app)  # its API, the VAPID key and sender, the outbox hooks, the brief-status receiver
    app.register_blueprint(docs_bp)
    app.register_blueprint(metrics_bp)
    register_web(app)


def register_errors(app: Flask) -> None:
    from bff.errors import register_errors as register

    register(app)


def register_cli(app: Flask) -> None:
    from bff.cli import register_commands

    register_commands(app)
