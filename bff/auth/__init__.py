"""Sign-in through the identity provider (OIDC, PKCE), server-side sessions and tokens, CSRF, the sign-in
decorator (``bff.auth.access.signed_in``) every room's views use."""

from __future__ import annotations

from authlib.integrations.flask_client import OAuth
from flask import Flask
from huey import crontab

from bff import queue
from bff.auth import csrf, grants, routes, service, tasks
from bff.auth.session_store import make_session_interface
from bff.core_client.identity import CITIZEN_SCOPE
from bff.platform import config, limits
from bff.platform.api import api


def init_app(app: Flask) -> None:
    """Server-side sessions (database or Redis), the OIDC client, CSRF, the sign-in API, housekeeping."""
    settings = config.settings.of(app)
    app.session_interface = make_session_interface(app, settings.redis_url)
    grants.vault.set(app, grants.Vault(app.config["SECRET_KEY"]))
    # One registry per app (Authlib's registry caches clients; tests build apps with other issuers).
    routes.oidc_client.set(app, OAuth(app).register(
        "judiciary",
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        server_metadata_url=settings.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": CITIZEN_SCOPE, "code_challenge_method": "S256",
                       "default_timeout": settings.core_read_timeout,
                       "token_endpoint_auth_method": "client_secret_basic"},
    ))
    csrf.register_csrf(app, secure=settings.is_production)
    limits.caller.set(app, service.current_sub)
    limits.limit_writes(routes.bp)
    api.register_blueprint(routes.bp)
    queue.periodic(crontab(minute="*/15"), tasks.prune_expired_sign_ins)
