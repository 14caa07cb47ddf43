"""Signing out stays signed out, even when a request that began before it (a service worker fetching
assets, a slow API call) ends after it and saves its copy of the session."""

from flask import Response, request

from tests.support import csrf_headers


def test_a_request_that_began_before_sign_out_does_not_bring_the_session_back(core_app, signed_in):
    client = signed_in()
    cookie_name = core_app.config["SESSION_COOKIE_NAME"]
    sid = client.get_cookie(cookie_name).value
    sessions = core_app.session_interface

    with core_app.test_request_context("/assets/app.js", headers={"Cookie": f"{cookie_name}={sid}"}):
        in_flight = sessions.open_session(core_app, request)
    assert in_flight.get("citizen"), "the in-flight request saw the signed-in session"

    assert client.post("/auth/logout", headers=csrf_headers(client)).status_code == 200

    with core_app.test_request_context("/assets/app.js", headers={"Cookie": f"{cookie_name}={sid}"}):
        sessions.save_session(core_app, in_flight, Response())  # it ends now, refreshing its copy

    client.set_cookie(cookie_name, sid)  # even presenting the old session id
    assert client.get("/api/v1/me").status_code == 401


def test_a_changed_session_of_an_ended_sign_in_is_not_saved_either(core_app, signed_in):
    client = signed_in()
    cookie_name = core_app.config["SESSION_COOKIE_NAME"]
    sid = client.get_cookie(cookie_name).value
    sessions = core_app.session_interface
    with core_app.test_request_context("/api/v1/cases/c-1", headers={"Cookie": f"{cookie_name}={sid}"}):
        in_flight = sessions.open_session(core_app, request)
        in_flight["cases.own_party"] = "digest"  # a view wrote to the session meanwhile
    client.post("/auth/logout", headers=csrf_headers(client))
    with core_app.test_request_context("/api/v1/cases/c-1", headers={"Cookie": f"{cookie_name}={sid}"}):
        sessions.save_session(core_app, in_flight, Response())
    client.set_cookie(cookie_name, sid)
    assert client.get("/api/v1/me").status_code == 401


def test_sessions_still_refresh_and_new_sign_ins_still_save(core_app, signed_in):
    client = signed_in()
    assert client.get("/api/v1/me").status_code == 200
    assert client.get("/api/v1/me").status_code == 200
    again = signed_in()  # a fresh sign-in in another browser
    assert again.get("/api/v1/me").status_code == 200


def test_a_request_that_began_before_sign_in_does_not_replace_the_new_session_cookie(core_app, sandbox, citizens):
    from tests.support.signin import authorize, callback_path, start_login

    client = core_app.test_client()
    cookie_name = core_app.config["SESSION_COOKIE_NAME"]
    login_url = start_login(client, "/settings")
    anonymous_sid = client.get_cookie(cookie_name).value
    sessions = core_app.session_interface
    with core_app.test_request_context("/assets/app.js", headers={"Cookie": f"{cookie_name}={anonymous_sid}"}):
        in_flight = sessions.open_session(core_app, request)

    client.get(callback_path(authorize(sandbox, login_url, citizens[0]["national_code"])))  # signed in
    new_sid = client.get_cookie(cookie_name).value
    assert new_sid != anonymous_sid

    response = Response()
    with core_app.test_request_context("/assets/app.js", headers={"Cookie": f"{cookie_name}={anonymous_sid}"}):
        sessions.save_session(core_app, in_flight, response)
    assert not [c for c in response.headers.getlist("Set-Cookie") if c.startswith(f"{cookie_name}=")]
    assert client.get("/api/v1/me").status_code == 200


def test_a_live_session_still_gets_its_cookie_refreshed(core_app, signed_in):
    client = signed_in()
    response = client.get("/api/v1/me")
    cookie_name = core_app.config["SESSION_COOKIE_NAME"]
    assert [c for c in response.headers.getlist("Set-Cookie") if c.startswith(f"{cookie_name}=")]
