"""The one registered client (the BFF), authorization codes and refresh tokens, for Authlib."""

from __future__ import annotations

import hmac
import re
import time
from dataclasses import dataclass, field

from authlib.oauth2.rfc6749 import ClientMixin, TokenMixin
from authlib.oidc.core import AuthorizationCodeMixin

from ..config import Settings
from ..model import Citizen

AUTH_METHODS = ("client_secret_basic", "client_secret_post")
GRANT_TYPES = ("authorization_code", "refresh_token", "client_credentials")
LOOPBACK = r"http://(?:127\.0\.0\.1|localhost):\d{1,5}"
LOOPBACK_CALLBACK = re.compile(LOOPBACK + "/auth/callback")
LOOPBACK_HOME = re.compile(LOOPBACK + "/")


class Client(ClientMixin):
    def __init__(self, settings: Settings):
        self.client_id = settings.client_id
        self.client_secret = settings.client_secret
        self.redirect_uris = settings.redirect_uris
        self.post_logout_redirect_uris = settings.post_logout_redirect_uris
        self.loopback_any_port = settings.loopback_any_port

    @property
    def client_metadata(self) -> dict:
        return {"post_logout_redirect_uris": list(self.post_logout_redirect_uris)}

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        return None  # OpenID Connect requires redirect_uri in every authorization request

    def get_allowed_scope(self, scope: str) -> str:
        return scope or ""  # the grants decide which scopes they grant

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris or bool(
            self.loopback_any_port and LOOPBACK_CALLBACK.fullmatch(redirect_uri))

    def check_post_logout_redirect_uri(self, uri: str) -> bool:
        return uri in self.post_logout_redirect_uris or bool(
            self.loopback_any_port and LOOPBACK_HOME.fullmatch(uri))

    def check_client_secret(self, client_secret: str) -> bool:
        return hmac.compare_digest(client_secret.encode(), self.client_secret.encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in AUTH_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in GRANT_TYPES


@dataclass
class SignedIn:
    """A citizen with an IdP session, as Authlib's `user`."""

    citizen: Citizen
    auth_time: int

    def get_user_id(self) -> str:
        return self.citizen.sub


@dataclass
class AuthorizationCode(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    sub: str
    auth_time: int
    nonce: str | None
    code_challenge: str
    code_challenge_method: str
    expires_at: float

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_amr(self) -> list[str]:
        return ["otp"]

    def is_expired(self) -> bool:
        return time.time() >= self.expires_at


@dataclass
class RefreshToken(TokenMixin):
    """`family` links the tokens of one sign-in across rotations."""

    token: str
    client_id: str
    sub: str
    scope: str
    family: str
    expires_at: float
    issued_at: float = field(default_factory=time.time)
    used: bool = False
    revoked: bool = False

    def check_client(self, client) -> bool:
        return client.get_client_id() == self.client_id

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return int(self.expires_at - self.issued_at)

    def is_expired(self) -> bool:
        return time.time() >= self.expires_at

    def is_revoked(self) -> bool:
        return self.revoked or self.used


@dataclass
class AccessTokenRecord(TokenMixin):
    """An access token presented for revocation; access tokens themselves are not stored."""

    jti: str
    client_id: str
    expires_at: int

    def check_client(self, client) -> bool:
        return client.get_client_id() == self.client_id
