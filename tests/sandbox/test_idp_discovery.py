"""OpenID Provider metadata and the signing keys."""

from __future__ import annotations

import httpx
from authlib.oidc.discovery import OpenIDProviderMetadata
from joserfc.jwk import KeySet
from joserfc.jws import extract_compact


def test_discovery_document_names_every_endpoint_under_the_issuer(sandbox):
    meta = httpx.get(f"{sandbox.url}/.well-known/openid-configuration").json()
    issuer = sandbox.issuer
    assert meta["issuer"] == issuer == sandbox.url
    assert meta["authorization_endpoint"] == f"{issuer}/oidc/authorize"
    assert meta["token_endpoint"] == f"{issuer}/oidc/token"
    assert meta["jwks_uri"] == f"{issuer}/oidc/jwks"
    assert meta["userinfo_endpoint"] == f"{issuer}/oidc/userinfo"
    assert meta["end_session_endpoint"] == f"{issuer}/oidc/logout"
    assert meta["revocation_endpoint"] == f"{issuer}/oidc/revoke"
    OpenIDProviderMetadata(meta).validate()


def test_discovery_advertises_s256_only_scopes_grants_and_auth_methods(sandbox):
    meta = httpx.get(f"{sandbox.url}/.well-known/openid-configuration").json()
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert set(meta["scopes_supported"]) == {
        "openid", "profile", "phone", "core.citizen", "core.registry", "core.events", "core.payments"}
    assert set(meta["grant_types_supported"]) == {"authorization_code", "refresh_token", "client_credentials"}
    assert set(meta["token_endpoint_auth_methods_supported"]) == {"client_secret_basic", "client_secret_post"}
    assert meta["id_token_signing_alg_values_supported"] == ["RS256"]
    assert meta["response_types_supported"] == ["code"]


def test_jwks_publishes_the_public_rsa_key_that_signs_tokens(sandbox):
    jwks = httpx.get(f"{sandbox.url}/oidc/jwks").json()
    [key] = jwks["keys"]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["use"] == "sig"
    assert "d" not in key and "p" not in key  # no private parts
    token = sandbox.service_token()
    assert extract_compact(token.encode()).headers()["kid"] == key["kid"]
    assert KeySet.import_key_set(jwks).keys[0].kid == key["kid"]
