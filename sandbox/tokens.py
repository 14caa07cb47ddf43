"""Access tokens: JWTs (RFC 9068) signed by the identity provider and checked by the core."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from authlib.oauth2.rfc6750.errors import InsufficientScopeError
from authlib.oauth2.rfc9068 import JWTBearerTokenValidator
from joserfc import jwt
from joserfc.errors import JoseError

from .runtime import Sandbox

CORE_AUDIENCE = "judiciary-core"
CITIZEN_SCOPES = ("openid", "profile", "phone", "core.citizen")
SERVICE_SCOPES = ("core.registry", "core.events", "core.payments")
DEFAULT_SERVICE_SCOPES = ("core.registry", "core.events")  # core.payments only when asked for


@dataclass
class TokenRejected(Exception):
    """`error` is an RFC 6750 error code, or None when no token was sent."""

    status: int
    error: str | None
    description: str
    scope: str | None = None

    @property
    def www_authenticate(self) -> str:
        if self.error is None:
            return f'Bearer realm="{CORE_AUDIENCE}"'
        value = f'Bearer error="{self.error}", error_description="{self.description}"'
        if self.scope:
            value += f', scope="{self.scope}"'
        return value


class _Validator(JWTBearerTokenValidator):
    def __init__(self, sandbox: Sandbox):
        super().__init__(issuer=sandbox.settings.issuer, resource_server=CORE_AUDIENCE)
        self.sandbox = sandbox

    def get_jwks(self):
        return self.sandbox.signing_key.public_set


def check_access_token(sandbox: Sandbox, authorization: str | None, scope: str) -> dict[str, Any]:
    """The verified claims of the bearer token in `authorization`, which must grant `scope`."""
    kind, _, token = (authorization or "").partition(" ")
    if kind.lower() != "bearer" or not token.strip():
        raise TokenRejected(401, None, "access token required")
    validator = _Validator(sandbox)
    try:
        claims = validator.authenticate_token(token.strip())
        validator.validate_token(claims, [scope], None)
    except InsufficientScopeError as error:
        raise TokenRejected(403, "insufficient_scope", f"this endpoint needs scope {scope}", scope) from error
    except Exception as error:  # every other failure means the token is unusable
        raise TokenRejected(401, "invalid_token", "the access token is invalid or expired") from error
    with sandbox.store.lock:
        if claims["jti"] in sandbox.store.identity.revoked_jtis:
            raise TokenRejected(401, "invalid_token", "the access token was revoked")
    return dict(claims)


def decode_own_token(sandbox: Sandbox, token: str) -> dict[str, Any] | None:
    """Claims of a token this provider signed, ignoring expiry (for revocation); None otherwise."""
    try:
        decoded = jwt.decode(token, sandbox.signing_key.public_set)
    except (JoseError, ValueError):
        return None
    claims = dict(decoded.claims)
    if claims.get("iss") != sandbox.settings.issuer or "jti" not in claims:
        return None
    return claims


def forget_expired_revocations(sandbox: Sandbox) -> None:
    now = time.time()
    with sandbox.store.lock:
        revoked = sandbox.store.identity.revoked_jtis
        for jti in [jti for jti, exp in revoked.items() if exp < now]:
            del revoked[jti]
