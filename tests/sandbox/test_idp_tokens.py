"""Refresh rotation, client credentials, revocation and how the core judges access tokens."""

from __future__ import annotations

import time

import httpx


def refresh(sandbox, token: str) -> httpx.Response:
    return httpx.post(f"{sandbox.url}/oidc/token", auth=(sandbox.client_id, sandbox.client_secret),
                      data={"grant_type": "refresh_token", "refresh_token": token})


def test_refresh_rotates_the_refresh_token_and_rejects_the_old_one(sandbox, persona):
    first = sandbox.sign_in(persona["national_code"])
    rotated = refresh(sandbox, first["refresh_token"])
    assert rotated.status_code == 200
    second = rotated.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    old = refresh(sandbox, first["refresh_token"])
    assert old.status_code == 400 and old.json()["error"] == "invalid_grant"


def test_replaying_a_rotated_refresh_token_also_revokes_its_successor(sandbox, persona):
    first = sandbox.sign_in(persona["national_code"])
    second = refresh(sandbox, first["refresh_token"]).json()
    assert refresh(sandbox, first["refresh_token"]).status_code == 400
    assert refresh(sandbox, second["refresh_token"]).status_code == 400


def test_refreshed_access_token_reads_the_citizens_data(sandbox, persona):
    tokens = refresh(sandbox, sandbox.sign_in(persona["national_code"])["refresh_token"]).json()
    me = httpx.get(f"{sandbox.url}/core/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200 and me.json()["sub"] == persona["sub"]


def test_client_credentials_with_secret_post_gets_registry_and_events_scopes(sandbox, api):
    response = httpx.post(f"{sandbox.url}/oidc/token", data={
        "grant_type": "client_credentials", "client_id": sandbox.client_id,
        "client_secret": sandbox.client_secret, "scope": "core.registry core.events"})
    assert response.status_code == 200
    token = response.json()
    assert set(token["scope"].split()) == {"core.registry", "core.events"}
    assert "refresh_token" not in token
    client = api(token["access_token"])
    assert client.get("/core/v1/offices").status_code == 200
    assert client.get("/core/v1/events/head").status_code == 200


def test_client_credentials_refuses_citizen_scopes(sandbox):
    for scope in ("core.citizen", "openid", "core.registry core.citizen"):
        response = httpx.post(f"{sandbox.url}/oidc/token", auth=(sandbox.client_id, sandbox.client_secret),
                              data={"grant_type": "client_credentials", "scope": scope})
        assert response.status_code == 400 and response.json()["error"] == "invalid_scope", scope


def test_service_token_on_citizen_endpoints_is_403_insufficient_scope(sandbox, service, persona):
    for path in ("/core/v1/me", "/core/v1/cases", f"/core/v1/cases/{persona['case_ids'][0]}", "/core/v1/notices"):
        response = service.get(path)
        assert response.status_code == 403, path
        assert response.json()["code"] == "insufficient_scope"
        assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]


def test_citizen_token_on_registry_and_event_feed_is_403_insufficient_scope(sandbox, as_citizen, persona):
    client = as_citizen(persona)
    for path in ("/core/v1/offices", "/core/v1/events", "/core/v1/events/head"):
        response = client.get(path)
        assert response.status_code == 403 and response.json()["code"] == "insufficient_scope", path


def test_missing_token_is_401_with_a_bearer_challenge(sandbox, api):
    response = api().get("/core/v1/cases")
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "missing_token"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_garbage_tokens_and_id_tokens_are_401_invalid_token(sandbox, api, persona):
    id_token = sandbox.sign_in(persona["national_code"])["id_token"]
    for token in ("not-a-jwt", id_token):
        response = api(token).get("/core/v1/me")
        assert response.status_code == 401
        assert response.json()["code"] == "invalid_token"
        assert 'Bearer error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_revoked_access_token_is_rejected_by_the_core(sandbox, api, persona):
    token = sandbox.sign_in(persona["national_code"])["access_token"]
    client = api(token)
    assert client.get("/core/v1/me").status_code == 200
    revoked = httpx.post(f"{sandbox.url}/oidc/revoke", auth=(sandbox.client_id, sandbox.client_secret),
                         data={"token": token, "token_type_hint": "access_token"})
    assert revoked.status_code == 200
    response = client.get("/core/v1/me")
    assert response.status_code == 401 and response.json()["code"] == "invalid_token"


def test_revoked_refresh_token_cannot_be_used(sandbox, persona):
    tokens = sandbox.sign_in(persona["national_code"])
    httpx.post(f"{sandbox.url}/oidc/revoke", auth=(sandbox.client_id, sandbox.client_secret),
               data={"token": tokens["refresh_token"]}).raise_for_status()
    assert refresh(sandbox, tokens["refresh_token"]).status_code == 400


def test_expired_access_token_is_401_invalid_token(start_sandbox):
    short = start_sandbox(SANDBOX_ACCESS_TOKEN_TTL="1")
    tokens = short.sign_in(short.citizens()[0]["national_code"])
    assert tokens["expires_in"] == 1
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert httpx.get(f"{short.url}/core/v1/me", headers=headers).status_code == 200
    time.sleep(2.05)
    response = httpx.get(f"{short.url}/core/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_tokens_stay_valid_across_a_reset_with_the_same_seed(sandbox, persona):
    tokens = sandbox.sign_in(persona["national_code"])
    sandbox.reset()
    me = httpx.get(f"{sandbox.url}/core/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200 and me.json()["sub"] == persona["sub"]
    assert refresh(sandbox, tokens["refresh_token"]).status_code == 200


def test_tokens_of_citizens_gone_after_a_reset_with_another_seed_are_401(sandbox, persona):
    tokens = sandbox.sign_in(persona["national_code"])
    sandbox.reset(seed=7)  # the next test's fixture reseeds with 1404
    me = httpx.get(f"{sandbox.url}/core/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 401 and me.json()["code"] == "invalid_token"
