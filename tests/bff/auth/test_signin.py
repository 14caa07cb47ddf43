"""Sign-in through the IdP with tokens kept server-side; the attacks that must fail."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select, update

from bff.auth.models import AuthGrant
from bff.platform.db import db
from tests.support import csrf_headers
from tests.support.signin import authorize, callback_path, query, sign_in, start_login


def test_login_redirects_to_the_idp_with_pkce_s256_state_and_nonce(core_app, sandbox):
    url = start_login(core_app.test_client(), "/cases")
    params = query(url)
    assert url.startswith(sandbox.url + "/oidc/authorize")
    assert params["code_challenge_method"] == "S256" and len(params["code_challenge"]) >= 43
    assert params["state"] and params["nonce"]
    assert params["redirect_uri"] == "http://localhost:5000/auth/callback"
    assert "core.citizen" in params["scope"]


def test_sign_in_returns_to_next_and_sets_only_an_httponly_session_cookie(core_app, sandbox, citizens):
    client = core_app.test_client()
    response = sign_in(client, sandbox, citizens[0]["national_code"], next_path="/cases/c-1?tab=hearings")
    assert response.headers["Location"] == "/cases/c-1?tab=hearings"
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("hamrah_session="))
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie
    assert not any("eyJ" in c for c in cookies), "a token reached the browser"
    me = client.get("/api/v1/me").get_json()
    assert me["name"] == citizens[0]["name"]
    assert me["national_code"] == "******" + citizens[0]["national_code"][-4:]
    assert me["mobile"].count("*") == 3


def test_tokens_are_encrypted_at_rest(core_app, signed_in):
    signed_in()
    with core_app.app_context():
        grant = db.session.scalar(select(AuthGrant))
    assert grant is not None and not grant.access_token.startswith("eyJ")


def test_session_id_is_rotated_at_sign_in(core_app, sandbox, citizens):
    client = core_app.test_client()
    url = start_login(client)
    before = client.get_cookie("hamrah_session").value
    client.get(callback_path(authorize(sandbox, url, citizens[0]["national_code"])))
    assert client.get_cookie("hamrah_session").value != before


def test_me_is_401_problem_when_signed_out(core_app):
    response = core_app.test_client().get("/api/v1/me")
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize("evil", ["https://evil.example/", "//evil.example/x", "/\\evil.example",
                                  "http:/evil.example", "/auth/logout", "javascript:alert(1)", "/%0d%0aSet-Cookie:x"])
def test_open_redirect_via_next_is_refused(core_app, sandbox, citizens, evil):
    client = core_app.test_client()
    response = sign_in(client, sandbox, citizens[0]["national_code"], next_path=evil)
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//")
    assert "evil" not in location and "\n" not in location


def test_replayed_state_is_refused(core_app, sandbox, citizens):
    client = core_app.test_client()
    callback = callback_path(authorize(sandbox, start_login(client), citizens[0]["national_code"]))
    assert client.get(callback).headers["Location"] == "/"
    client.post("/auth/logout", headers=csrf_headers(client))
    replay = client.get(callback)
    assert replay.headers["Location"].startswith("/signin?error=")
    assert client.get("/api/v1/me").status_code == 401


def test_callback_from_another_browser_is_refused(core_app, sandbox, citizens):
    callback = callback_path(authorize(sandbox, start_login(core_app.test_client()), citizens[0]["national_code"]))
    attacker = core_app.test_client()
    assert attacker.get(callback).headers["Location"].startswith("/signin?error=")
    assert attacker.get("/api/v1/me").status_code == 401


def test_code_without_the_pkce_verifier_is_refused_by_the_idp(core_app, sandbox, citizens):
    callback = authorize(sandbox, start_login(core_app.test_client()), citizens[0]["national_code"])
    code = query(callback)["code"]
    response = httpx.post(sandbox.url + "/oidc/token", data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": "http://localhost:5000/auth/callback"},
        auth=(sandbox.client_id, sandbox.client_secret))
    assert response.status_code == 400
    assert response.json()["error"] in ("invalid_request", "invalid_grant")


def test_tampered_session_cookie_is_not_signed_in(core_app, signed_in):
    client = signed_in()
    real = client.get_cookie("hamrah_session").value
    client.set_cookie("hamrah_session", real[:-2] + ("AA" if real[-2:] != "AA" else "BB"))
    assert client.get("/api/v1/me").status_code == 401


def test_logout_without_csrf_token_is_refused_and_changes_nothing(core_app, signed_in):
    client = signed_in()
    response = client.post("/auth/logout")
    assert response.status_code == 403
    assert response.get_json()["code"] == "csrf_failed"
    assert client.get("/api/v1/me").status_code == 200


def test_logout_with_wrong_csrf_token_is_refused(core_app, signed_in):
    client = signed_in()
    assert client.post("/auth/logout", headers={"X-CSRF-Token": "forged.token"}).status_code == 403


def test_forged_csrf_cookie_and_header_pair_is_refused(core_app, signed_in):
    client = signed_in()
    client.set_cookie("csrf_token", "planted.0000")
    assert client.post("/auth/logout", headers={"X-CSRF-Token": "planted.0000"}).status_code == 403


@pytest.mark.parametrize("token", ["é", "\u0633\u0644\u0627\u0645.x"])
def test_csrf_token_with_non_ascii_characters_is_refused_not_an_error(client, token):
    client.set_cookie("csrf_token", token)
    response = client.post("/auth/logout", headers={"X-CSRF-Token": token})
    assert response.status_code == 403 and response.get_json()["code"] == "csrf_failed"


def test_logout_from_another_origin_is_refused(core_app, signed_in):
    client = signed_in()
    headers = {**csrf_headers(client), "Origin": "https://evil.example"}
    response = client.post("/auth/logout", headers=headers)
    assert response.status_code == 403 and response.get_json()["code"] == "csrf_origin"


def test_logout_ends_the_session_revokes_tokens_and_gives_the_idp_end_session_url(core_app, sandbox, signed_in):
    client = signed_in()
    with core_app.app_context():
        grant_id = db.session.scalar(select(AuthGrant.id))
    response = client.post("/auth/logout", headers={**csrf_headers(client), "Origin": "http://localhost"})
    body = response.get_json()
    assert response.status_code == 200 and body["signed_out"] is True
    assert body["end_session_url"].startswith(sandbox.url + "/oidc/logout?")
    assert "id_token_hint" in body["end_session_url"]
    assert client.get("/api/v1/me").status_code == 401
    with core_app.app_context():
        assert db.session.get(AuthGrant, grant_id) is None


def test_absolute_session_timeout_signs_out(core_app, signed_in):
    client = signed_in()
    with client.session_transaction() as session:
        session["citizen"]["signed_in_at"] = (datetime.now(UTC) - timedelta(hours=13)).isoformat()
    assert client.get("/api/v1/me").status_code == 401


def test_login_is_rate_limited(core_app):
    client = core_app.test_client()
    statuses = [client.get("/auth/login", environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code
                for _ in range(25)]
    assert statuses.count(302) == 20
    limited = client.get("/auth/login", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert limited.status_code == 429 and limited.mimetype == "application/problem+json"
    assert "Retry-After" in limited.headers


def test_expired_access_token_is_refreshed_transparently(core_app, signed_in):
    client = signed_in()
    with core_app.app_context():
        db.session.execute(update(AuthGrant).values(access_expires_at=datetime.now(UTC) - timedelta(minutes=1)))
        db.session.commit()
        before = db.session.scalar(select(AuthGrant.version))
    assert client.get("/api/v1/cases").status_code in (200, 404)  # 404 until the cases domain exists
    from bff.auth.grants import GrantTokens

    with core_app.app_context():
        grant_id = db.session.scalar(select(AuthGrant.id))
        token = GrantTokens(grant_id).token()
        assert token.startswith("eyJ")
        assert db.session.scalar(select(AuthGrant.version)) == before + 1


def test_every_answer_for_the_signed_in_citizen_is_private_and_not_stored(core_app, signed_in):
    client = signed_in()
    for path in ("/api/v1/me", "/api/v1/briefs", "/api/v1/briefs/999999", "/api/v1/push/preferences",
                 "/api/v1/push/subscriptions", "/api/v1/cases", "/api/v1/notices"):
        response = client.get(path)
        assert response.headers.get("Cache-Control") == "private, no-store", path
        assert "Cookie" in response.headers["Vary"], path
    # A public answer keeps its own, shareable policy even when a citizen is signed in.
    assert "private" not in client.get("/api/v1/offices?q=تهران").headers.get("Cache-Control", "")
