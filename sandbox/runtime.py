"""The running sandbox: settings, state and signing key, reachable from any request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from joserfc.jwk import KeySet, RSAKey

from .config import Settings
from .store import Store


class SigningKey:
    """An RSA key generated at start: tokens from an earlier process no longer verify."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"}, auto_kid=True)
        self.private_set = KeySet([self.key])
        self.public_jwks: dict[str, Any] = {"keys": [self.key.as_dict(private=False)]}
        self.public_set = KeySet.import_key_set(self.public_jwks)

    @property
    def kid(self) -> str:
        return self.key.kid


@dataclass
class Sandbox:
    settings: Settings
    store: Store
    signing_key: SigningKey
    oauth: Any = None  # the Authlib AuthorizationServer, set by the identity provider


def current() -> Sandbox:
    return current_app.extensions["sandbox"]
