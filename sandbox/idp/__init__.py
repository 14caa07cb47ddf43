"""The identity provider: OpenID Connect with Authlib, a Persian sign-in page and IdP sessions."""

from __future__ import annotations

from flask import Flask

from .routes import bp
from .server import create_authorization_server


def register_identity_provider(app: Flask) -> None:
    app.extensions["sandbox"].oauth = create_authorization_server(app)
    app.register_blueprint(bp)
