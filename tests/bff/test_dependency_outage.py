"""The database or Redis going away for a moment is a 503 with Retry-After, never a 500.

Found by the load run with faults (bench/load): a PostgreSQL restart and a Redis stop turned every
signed-in request into a 500 without Retry-After.
"""

from __future__ import annotations

import contextlib
import io
import socket

from sqlalchemy import event

from bff.auth.session_store import make_session_interface
from bff.platform.db import db

PROBLEM = "application/problem+json"


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def database_refusing_connections(app):
    """Every new connection fails as it does while the server restarts; pooled ones are dropped first."""
    with app.app_context():
        engine = db.engine
    dbapi = engine.dialect.loaded_dbapi

    def refuse(dialect, record, cargs, cparams):
        raise dbapi.OperationalError("the database system is shutting down")

    event.listen(engine, "do_connect", refuse)
    engine.dispose()
    try:
        yield
    finally:
        event.remove(engine, "do_connect", refuse)
        engine.dispose()


def assert_unavailable(response) -> None:
    assert response.status_code == 503, response.get_data(as_text=True)[:300]
    assert response.mimetype == PROBLEM
    assert response.get_json()["code"] == "service_unavailable"
    assert int(response.headers["Retry-After"]) > 0


def test_a_database_that_refuses_connections_is_503_with_retry_after_then_recovers(core_app, signed_in, monkeypatch):
    monkeypatch.setitem(core_app.config, "PROPAGATE_EXCEPTIONS", False)  # as in production
    client = signed_in()
    assert client.get("/api/v1/briefs").status_code == 200
    with database_refusing_connections(core_app):
        assert_unavailable(client.get("/api/v1/briefs"))
    assert client.get("/api/v1/briefs").status_code == 200


def test_a_session_store_that_cannot_be_reached_is_503_and_keeps_the_session_cookie(app, monkeypatch):
    monkeypatch.setattr(app, "session_interface", make_session_interface(app, f"redis://127.0.0.1:{free_port()}/0"))
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # as in production
    client = app.test_client()
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "s" * 43)
    response = client.get("/api/v1/me")
    assert_unavailable(response)
    cookie = app.config["SESSION_COOKIE_NAME"] + "="
    assert not [c for c in response.headers.getlist("Set-Cookie") if c.startswith(cookie)]
    # Without a session there is nothing to read: public routes keep answering.
    assert app.test_client().get("/api/v1/catalog").status_code == 200


def test_an_upload_answered_before_it_is_read_is_read_to_its_end(app, monkeypatch):
    """Refused before any view reads it (here: the session store is down), the body is still read, so the
    connection stays usable: under gunicorn, an unread body over 64 KB closes it, and the threaded
    worker lingers on that close, stalling all its other clients (found by the load run)."""
    monkeypatch.setattr(app, "session_interface", make_session_interface(app, f"redis://127.0.0.1:{free_port()}/0"))
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    body = b"--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n" + b"x" * 200_000 + b"\r\n--b--\r\n"
    stream = io.BytesIO(body)
    client = app.test_client()
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "s" * 43)
    response = client.post("/api/v1/cases/c-000001/briefs", input_stream=stream,
                           content_type="multipart/form-data; boundary=b", content_length=len(body),
                           headers={"Idempotency-Key": "7c9e6679-7425-40de-944b-e07fc1f90ae7"})
    assert_unavailable(response)
    assert stream.tell() == len(body)


def test_an_upload_refused_by_the_csrf_check_is_read_to_its_end(client):
    body = b"--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n" + b"x" * 200_000 + b"\r\n--b--\r\n"
    stream = io.BytesIO(body)
    response = client.post("/api/v1/cases/c-000001/briefs", input_stream=stream,
                           content_type="multipart/form-data; boundary=b", content_length=len(body))
    assert response.status_code == 403
    assert stream.tell() == len(body)
