"""The judiciary's identity provider as the BFF uses it directly: discovery, refresh, client credentials,
revocation, userinfo, end-session.

(The browser-facing authorization-code flow goes through Authlib's Flask client in bff.auth.routes.)
Its failures are the core's (``CoreUnavailable``…): to the citizen, the judiciary's systems are one.
"""

from __future__ import annotations

import threading
import time
from urllib.parse import urlencode

import httpx

from bff.core_client.errors import CoreBadAnswer, CoreTimeout, CoreUnauthorized, CoreUnavailable
from bff.platform.config import Settings

SERVICE_SCOPE = "core.registry core.events"
CITIZEN_SCOPE = "openid profile phone core.citizen"
METADATA_TTL = 3600
EARLY_REFRESH_SECONDS = 30


class TokenRejected(CoreUnauthorized):
    """The IdP refused a grant (invalid_grant): the refresh token is spent, revoked or expired."""


class IdentityProvider:
    def __init__(self, settings: Settings, http: httpx.Client):
        self.issuer = settings.oidc_issuer.rstrip("/")
        self.client_id = settings.oidc_client_id
        self.client_secret = settings.oidc_client_secret
        self.http = http
        self._lock = threading.Lock()
        self._metadata: dict | None = None
        self._metadata_at = 0.0
        self._service_token: str | None = None
        self._service_expires = 0.0

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def metadata(self) -> dict:
        with self._lock:
            if self._metadata is None or time.monotonic() - self._metadata_at > METADATA_TTL:
                self._metadata = self._json("GET", self.metadata_url)
                self._metadata_at = time.monotonic()
            return self._metadata

    def refresh(self, refresh_token: str) -> dict:
        return self._token({"grant_type": "refresh_token", "refresh_token": refresh_token})

    def service_token(self, *, force: bool = False) -> str:
        """The BFF's own access token (client credentials), cached until shortly before it expires."""
        with self._lock:
            fresh = self._service_token and time.monotonic() < self._service_expires - EARLY_REFRESH_SECONDS
            if fresh and not force:
                return self._service_token
        token = self._token({"grant_type": "client_credentials", "scope": SERVICE_SCOPE})
        with self._lock:
            self._service_token = token["access_token"]
            self._service_expires = time.monotonic() + float(token.get("expires_in", 300))
            return self._service_token

    def revoke(self, token: str, hint: str = "refresh_token") -> None:
        endpoint = self.metadata().get("revocation_endpoint")
        if endpoint:
            self._send("POST", endpoint, data={"token": token, "token_type_hint": hint},
                       auth=(self.client_id, self.client_secret))

    def userinfo(self, access_token: str) -> dict:
        return self._json("GET", self.metadata()["userinfo_endpoint"],
                          headers={"Authorization": f"Bearer {access_token}"})

    def end_session_url(self, id_token: str | None, post_logout_redirect_uri: str) -> str | None:
        endpoint = self.metadata().get("end_session_endpoint")
        if not endpoint:
            return None
        params = {"post_logout_redirect_uri": post_logout_redirect_uri, "client_id": self.client_id}
        if id_token:
            params["id_token_hint"] = id_token
        return f"{endpoint}?{urlencode(params)}"

    # -- internals --------------------------------------------------------------------------------

    def _token(self, form: dict) -> dict:
        response = self._send("POST", self.metadata()["token_endpoint"], data=form,
                              auth=(self.client_id, self.client_secret))
        if response.status_code in (400, 401):
            error = _json_or_empty(response).get("error")
            if error in ("invalid_grant", "invalid_token"):
                raise TokenRejected(error)
            raise CoreBadAnswer(f"token endpoint said {response.status_code} {error}")
        return self._decode(response)

    def _json(self, method: str, url: str, **kwargs) -> dict:
        response = self._send(method, url, **kwargs)
        if response.status_code == 401:
            raise CoreUnauthorized("identity provider rejected the token")
        return self._decode(response)

    def _send(self, method: str, url: str, **kwargs) -> httpx.Response:
        try:
            response = self.http.request(method, url, **kwargs)
        except httpx.ConnectError as exc:
            raise CoreUnavailable("identity provider unreachable") from exc
        except httpx.TimeoutException as exc:
            raise CoreTimeout("identity provider timeout") from exc
        except httpx.TransportError as exc:
            raise CoreUnavailable(f"identity provider: {type(exc).__name__}") from exc
        if response.status_code == 503:
            raise CoreUnavailable("identity provider unavailable")
        if response.status_code >= 500:
            raise CoreBadAnswer(f"identity provider {response.status_code}")
        return response

    @staticmethod
    def _decode(response: httpx.Response) -> dict:
        if response.status_code >= 400:
            raise CoreBadAnswer(f"identity provider {response.status_code}")
        body = _json_or_empty(response)
        if not body:
            raise CoreBadAnswer("identity provider sent no JSON object")
        return body


def _json_or_empty(response: httpx.Response) -> dict:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


class ServiceCredential:
    """The BFF's own credential (client credentials), for the registry and the event feed."""

    def __init__(self, identity: IdentityProvider):
        self.identity = identity

    def token(self) -> str:
        return self.identity.service_token()

    def renewed(self, rejected: str) -> str:
        return self.identity.service_token(force=True)
