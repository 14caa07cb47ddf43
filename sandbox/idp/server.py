"""Authlib authorization server: code flow with PKCE S256, refresh rotation, client credentials."""

from __future__ import annotations

import secrets
import time
from typing import ClassVar

from authlib.common.security import generate_token
from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import InvalidRequestError, InvalidScopeError, grants
from authlib.oauth2.rfc6749.util import list_to_scope, scope_to_list
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc9068 import JWTBearerTokenGenerator
from authlib.oidc.core import OpenIDCode
from authlib.oidc.rpinitiated import EndSessionEndpoint
from flask import Flask, session

from ..model import Citizen
from ..runtime import Sandbox
from ..tokens import (
    CITIZEN_SCOPES,
    CORE_AUDIENCE,
    DEFAULT_SERVICE_SCOPES,
    SERVICE_SCOPES,
    decode_own_token,
    forget_expired_revocations,
)
from .models import AUTH_METHODS, AccessTokenRecord, AuthorizationCode, Client, RefreshToken

CODE_TTL_SECONDS = 120


def user_info(citizen: Citizen, scope: str) -> dict:
    scopes = scope_to_list(scope) or []
    info: dict = {"sub": citizen.sub}
    if "profile" in scopes:
        info.update(name=citizen.name, given_name=citizen.given_name, family_name=citizen.family_name,
                    national_code=citizen.national_code, locale="fa-IR")
    if "phone" in scopes:
        info.update(phone_number=citizen.mobile, phone_number_verified=True)
    return info


class S256Required(CodeChallenge):
    """PKCE for every authorization request, and only with S256."""

    SUPPORTED_CODE_CHALLENGE_METHOD: ClassVar[list[str]] = ["S256"]

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: send 'code_challenge'.")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("'code_challenge_method' must be S256.")
        super().validate_code_challenge(grant, redirect_uri)


def create_authorization_server(app: Flask) -> AuthorizationServer:
    sandbox: Sandbox = app.extensions["sandbox"]
    settings, store, key = sandbox.settings, sandbox.store, sandbox.signing_key
    identity = store.identity
    client = Client(settings)

    def query_client(client_id):
        return client if client_id == client.client_id else None

    def save_token(token, request):
        if "refresh_token" not in token:
            return
        previous = request.refresh_token
        with store.lock:
            identity.refresh_tokens[token["refresh_token"]] = RefreshToken(
                token=token["refresh_token"], client_id=request.client.client_id,
                sub=request.user.get_user_id(), scope=token["scope"],
                family=previous.family if previous else secrets.token_hex(8),
                expires_at=time.time() + settings.refresh_token_ttl,
            )

    class AccessTokens(JWTBearerTokenGenerator):
        def get_jwks(self):
            return key.private_set

        def get_audiences(self, client, user, scope):
            return CORE_AUDIENCE

    class CodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = list(AUTH_METHODS)

        def validate_authorization_request(self):
            redirect_uri = super().validate_authorization_request()
            requested = scope_to_list(self.request.payload.scope) or []
            if "openid" not in requested or not set(requested) <= set(CITIZEN_SCOPES):
                raise InvalidScopeError(
                    f"Citizens sign in with 'openid' and any of: {' '.join(CITIZEN_SCOPES)}.",
                    redirect_uri=redirect_uri)
            return redirect_uri

        def save_authorization_code(self, code, request):
            data = request.payload.data
            with store.lock:
                identity.codes[code] = AuthorizationCode(
                    code=code, client_id=request.client.client_id, redirect_uri=request.payload.redirect_uri,
                    scope=request.scope, sub=request.user.get_user_id(), auth_time=request.user.auth_time,
                    nonce=data.get("nonce"), code_challenge=data.get("code_challenge"),
                    code_challenge_method=data.get("code_challenge_method"),
                    expires_at=time.time() + CODE_TTL_SECONDS,
                )

        def query_authorization_code(self, code, client):
            # Consumed on first presentation, even if the exchange then fails (e.g. a wrong verifier).
            with store.lock:
                item = identity.codes.get(code)
                if item is None or item.client_id != client.client_id:
                    return None
                del identity.codes[code]
            return None if item.is_expired() else item

        def delete_authorization_code(self, authorization_code):
            pass  # already consumed by query_authorization_code

        def authenticate_user(self, authorization_code):
            return store.citizens.get(authorization_code.sub)

    class RefreshGrant(grants.RefreshTokenGrant):
        TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = list(AUTH_METHODS)
        INCLUDE_NEW_REFRESH_TOKEN = True

        def authenticate_refresh_token(self, refresh_token):
            with store.lock:
                item = identity.refresh_tokens.get(refresh_token)
                if item is None or item.revoked or item.is_expired():
                    return None
                if item.used:
                    # A rotated token came back: it may have leaked, so end the whole family.
                    for other in identity.refresh_tokens.values():
                        if other.family == item.family:
                            other.revoked = True
                    return None
                item.used = True  # atomically, so two concurrent refreshes cannot both succeed
                return item

        def authenticate_user(self, refresh_token):
            return store.citizens.get(refresh_token.sub)

        def revoke_old_credential(self, refresh_token):
            pass  # marked used by authenticate_refresh_token

    class ServiceGrant(grants.ClientCredentialsGrant):
        TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = list(AUTH_METHODS)

        def validate_token_request(self):
            super().validate_token_request()
            requested = scope_to_list(self.request.payload.scope) or list(DEFAULT_SERVICE_SCOPES)
            if not set(requested) <= set(SERVICE_SCOPES):
                raise InvalidScopeError(f"A service may only ask for: {' '.join(SERVICE_SCOPES)}.")
            self.request.scope = list_to_scope(requested)

        def create_token_response(self):
            token = self.generate_token(scope=self.request.scope, include_refresh_token=False)
            self.save_token(token)
            return 200, token, self.TOKEN_RESPONSE_HEADER

    class OpenID(OpenIDCode):
        def exists_nonce(self, nonce, request):
            with store.lock:
                for code in [c for c, item in identity.codes.items() if item.is_expired()]:
                    del identity.codes[code]
                return any(c.nonce == nonce and c.client_id == request.payload.client_id
                           for c in identity.codes.values())

        def resolve_client_private_key(self, client):
            return key.private_set

        def get_client_algorithm(self, client):
            return "RS256"

        def get_encode_header(self, client):
            return {"alg": "RS256", "kid": key.kid, "typ": "JWT"}

        def get_client_claims(self, client):
            return {"iss": settings.issuer, "aud": client.get_client_id()}

        def generate_user_info(self, user, scope):
            return user_info(user, scope)

    class Revocation(RevocationEndpoint):
        CLIENT_AUTH_METHODS: ClassVar[list[str]] = list(AUTH_METHODS)

        def query_token(self, token_string, token_type_hint):
            with store.lock:
                refresh = identity.refresh_tokens.get(token_string)
            if refresh is not None:
                return refresh
            claims = decode_own_token(sandbox, token_string)
            if claims is None:
                return None
            return AccessTokenRecord(claims["jti"], claims.get("client_id", ""), int(claims.get("exp", 0)))

        def revoke_token(self, token, request):
            forget_expired_revocations(sandbox)
            with store.lock:
                if isinstance(token, RefreshToken):
                    token.revoked = True
                else:
                    identity.revoked_jtis[token.jti] = token.expires_at

    class EndSession(EndSessionEndpoint):
        def get_server_jwks(self):
            return key.public_set

        def get_algorithms(self):
            return ["RS256"]

        def _is_valid_post_logout_redirect_uri(self, client, post_logout_redirect_uri):
            # Same rule as redirect URIs: registered ones, and loopback ports in demo and test mode.
            return client.check_post_logout_redirect_uri(post_logout_redirect_uri)

        def end_session(self, end_session_request):
            sid = session.pop("sid", None)
            with store.lock:
                ended = identity.sessions.pop(sid, None) if sid else None
                claims = end_session_request.id_token_claims or {}
                sub = claims.get("sub") or (ended or {}).get("sub")
                if sub and end_session_request.client is not None:
                    for token in identity.refresh_tokens.values():
                        if token.sub == sub and token.client_id == end_session_request.client.client_id:
                            token.revoked = True

    server = AuthorizationServer(app, query_client=query_client, save_token=save_token)
    server.scopes_supported = [*CITIZEN_SCOPES, *SERVICE_SCOPES]
    server.register_token_generator("default", AccessTokens(
        issuer=settings.issuer,
        refresh_token_generator=lambda **_: generate_token(48),
        expires_generator=lambda client, grant_type: settings.access_token_ttl,
    ))
    server.register_grant(CodeGrant, [S256Required(required=True), OpenID(require_nonce=True)])
    server.register_grant(RefreshGrant)
    server.register_grant(ServiceGrant)
    server.register_endpoint(Revocation)
    server.register_endpoint(EndSession)
    return server

