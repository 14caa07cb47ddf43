"""Authorization code flow with PKCE S256, ID tokens, IdP sessions and logout, driven over HTTP."""

from __future__ import annotations

import secrets
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from sandbox.testing import pkce_pair, submit_sign_in

REDIRECT = "http://127.0.0.1:8000/auth/callback"


def query_of(response: httpx.Response) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["Location"]).query).items()}


def authorize(sandbox, **overrides) -> str:
    params = {"response_type": "code", "client_id": sandbox.client_id, "redirect_uri": REDIRECT,
              "scope": "openid profile phone core.citizen", "state": "st-1", "nonce": secrets.token_urlsafe(8)}
    params.update(overrides)
    return f"{sandbox.url}/oidc/authorize?" + urlencode({k: v for k, v in params.items() if v is not None})


def exchange(sandbox, code: str, verifier: str | None, **extra) -> httpx.Response:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, **extra}
    if verifier is not None:
        data["code_verifier"] = verifier
    return httpx.post(f"{sandbox.url}/oidc/token", data=data, auth=(sandbox.client_id, sandbox.client_secret))


@pytest.fixture
def browser():
    with httpx.Client(timeout=10) as client:
        yield client


def signed_code(sandbox, browser, citizen, challenge, **overrides) -> httpx.Response:
    url = authorize(sandbox, code_challenge=challenge, code_challenge_method="S256", **overrides)
    return submit_sign_in(browser, url, citizen["national_code"], sandbox.otp)


def test_full_flow_returns_state_a_verified_id_token_with_nonce_and_userinfo(sandbox, browser, persona):
    verifier, challenge = pkce_pair()
    redirected = signed_code(sandbox, browser, persona, challenge, state="xyz-42", nonce="n-0S6_WzA2Mj")
    assert redirected.status_code == 302
    assert redirected.headers["Location"].startswith(REDIRECT + "?")
    params = query_of(redirected)
    assert params["state"] == "xyz-42"

    tokens = exchange(sandbox, params["code"], verifier).json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 300
    assert set(tokens["scope"].split()) == {"openid", "profile", "phone", "core.citizen"}

    keys = KeySet.import_key_set(httpx.get(f"{sandbox.url}/oidc/jwks").json())
    id_token = jwt.decode(tokens["id_token"], keys, algorithms=["RS256"])
    claims = id_token.claims
    assert claims["iss"] == sandbox.issuer and claims["aud"] == sandbox.client_id
    assert claims["nonce"] == "n-0S6_WzA2Mj"
    assert claims["sub"] == persona["sub"] and claims["sub"] != persona["national_code"]
    assert claims["exp"] > time.time() and claims["national_code"] == persona["national_code"]

    access = jwt.decode(tokens["access_token"], keys, algorithms=["RS256"])
    assert access.header["typ"] == "at+jwt"
    assert {"iss", "sub", "aud", "exp", "iat", "scope", "client_id", "jti"} <= set(access.claims)
    assert access.claims["sub"] == persona["sub"] and access.claims["client_id"] == sandbox.client_id

    info = httpx.get(f"{sandbox.url}/oidc/userinfo",
                     headers={"Authorization": f"Bearer {tokens['access_token']}"}).json()
    assert info["sub"] == persona["sub"]
    assert info["name"] == persona["name"]
    assert info["given_name"] == persona["given_name"] and info["family_name"] == persona["family_name"]
    assert info["national_code"] == persona["national_code"]
    assert info["phone_number"] == persona["mobile"] and info["phone_number"].startswith("09")


def test_token_exchange_without_code_verifier_is_refused(sandbox, browser, persona):
    _, challenge = pkce_pair()
    code = query_of(signed_code(sandbox, browser, persona, challenge))["code"]
    response = exchange(sandbox, code, None)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
    assert "access_token" not in response.json()


def test_token_exchange_with_a_wrong_code_verifier_is_refused(sandbox, browser, persona):
    _, challenge = pkce_pair()
    other_verifier, _ = pkce_pair()
    code = query_of(signed_code(sandbox, browser, persona, challenge))["code"]
    response = exchange(sandbox, code, other_verifier)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_an_authorization_code_works_only_once(sandbox, browser, persona):
    verifier, challenge = pkce_pair()
    code = query_of(signed_code(sandbox, browser, persona, challenge))["code"]
    assert exchange(sandbox, code, verifier).status_code == 200
    again = exchange(sandbox, code, verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


@pytest.mark.parametrize("pkce", [
    {"code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method": "plain"},
    {"code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"},
    {},
], ids=["plain", "no-method", "no-challenge"])
def test_authorize_without_an_s256_challenge_redirects_with_invalid_request(sandbox, browser, pkce):
    response = browser.get(authorize(sandbox, **pkce))
    assert response.status_code == 302
    params = query_of(response)
    assert params["error"] == "invalid_request" and params["state"] == "st-1"
    assert "code" not in params


def test_authorize_without_nonce_redirects_with_invalid_request(sandbox, browser):
    _, challenge = pkce_pair()
    response = browser.get(authorize(sandbox, nonce=None, code_challenge=challenge, code_challenge_method="S256"))
    assert query_of(response)["error"] == "invalid_request"


def test_a_nonce_still_held_by_an_unused_code_is_refused_as_a_replay(sandbox, browser, persona):
    _, challenge = pkce_pair()
    assert "code" in query_of(signed_code(sandbox, browser, persona, challenge, nonce="once-only"))
    replay = browser.get(authorize(sandbox, nonce="once-only", code_challenge=challenge,
                                   code_challenge_method="S256"))
    assert query_of(replay)["error"] == "invalid_request" and "code" not in query_of(replay)


def test_citizens_cannot_ask_for_service_scopes(sandbox, browser):
    _, challenge = pkce_pair()
    response = browser.get(authorize(sandbox, scope="openid core.citizen core.events", code_challenge=challenge,
                                     code_challenge_method="S256"))
    assert query_of(response)["error"] == "invalid_scope"


def test_unregistered_redirect_uri_gets_an_error_page_and_no_redirect(sandbox, browser):
    _, challenge = pkce_pair()
    response = browser.get(authorize(sandbox, redirect_uri="http://evil.example/auth/callback",
                                     code_challenge=challenge, code_challenge_method="S256"))
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert "داده‌های نمونه — سامانه آزمایشی" in response.text


def test_loopback_callback_on_any_port_is_accepted_in_test_mode(sandbox, browser, persona):
    _, challenge = pkce_pair()
    url = authorize(sandbox, redirect_uri="http://localhost:5173/auth/callback", code_challenge=challenge,
                    code_challenge_method="S256")
    response = submit_sign_in(browser, url, persona["national_code"], sandbox.otp)
    assert response.headers["Location"].startswith("http://localhost:5173/auth/callback?code=")


def test_second_authorization_skips_the_form_while_the_idp_session_lives(sandbox, browser, persona):
    _, challenge = pkce_pair()
    assert signed_code(sandbox, browser, persona, challenge).status_code == 302
    again = browser.get(authorize(sandbox, state="second", code_challenge=challenge, code_challenge_method="S256"))
    assert again.status_code == 302
    assert query_of(again)["state"] == "second" and "code" in query_of(again)
    assert "sandbox_idp_session" in browser.cookies


def test_logout_redirects_with_state_ends_idp_session_and_revokes_refresh_tokens(sandbox, browser, persona):
    verifier, challenge = pkce_pair()
    code = query_of(signed_code(sandbox, browser, persona, challenge))["code"]
    tokens = exchange(sandbox, code, verifier).json()
    logout = browser.get(f"{sandbox.url}/oidc/logout", params={
        "id_token_hint": tokens["id_token"], "post_logout_redirect_uri": "http://127.0.0.1:8000/", "state": "bye"})
    assert logout.status_code == 302
    assert logout.headers["Location"] == "http://127.0.0.1:8000/?state=bye"

    refresh = httpx.post(f"{sandbox.url}/oidc/token", auth=(sandbox.client_id, sandbox.client_secret),
                         data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]})
    assert refresh.status_code == 400 and refresh.json()["error"] == "invalid_grant"
    form_again = browser.get(authorize(sandbox, code_challenge=challenge, code_challenge_method="S256"))
    assert form_again.status_code == 200 and 'name="national_code"' in form_again.text


def test_logout_to_an_unregistered_uri_ends_the_session_without_redirecting(sandbox, browser, persona):
    verifier, challenge = pkce_pair()
    code = query_of(signed_code(sandbox, browser, persona, challenge))["code"]
    tokens = exchange(sandbox, code, verifier).json()
    logout = browser.get(f"{sandbox.url}/oidc/logout", params={
        "id_token_hint": tokens["id_token"], "post_logout_redirect_uri": "http://evil.example/"})
    assert logout.status_code == 200 and "Location" not in logout.headers
    assert "خارج شدید" in logout.text


def test_a_wrong_client_secret_is_refused(sandbox, browser, persona):
    verifier, challenge = pkce_pair()
    code = query_of(signed_code(sandbox, browser, persona, challenge))["code"]
    response = httpx.post(f"{sandbox.url}/oidc/token", auth=(sandbox.client_id, "not-the-secret"), data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "code_verifier": verifier})
    assert response.status_code == 401 and response.json()["error"] == "invalid_client"
