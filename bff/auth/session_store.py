"""Flask-Session interfaces: sessions in our own table (SQLAlchemy, via migrations) or in Redis.

Flask-Session's bundled SQLAlchemy interface creates its table at start-up and commits the request's
database session; ours keeps its own short transactions on the schema the migrations made.

Both only ever *update* a session that existed when the request began, never re-create it: a request
that began before a sign-out (a service worker fetching assets, a slow API call) and ends after it
would otherwise save its copy back and undo the sign-out. Only a new session id is inserted. Such a
request does not send its (ended) session id back in a cookie either: arriving after a sign-in's
response, it would replace the new session's cookie and sign the browser out.
"""

from __future__ import annotations

from datetime import datetime

from flask import Flask, Request
from flask_session.base import ServerSideSessionInterface
from flask_session.redis import RedisSessionInterface
from redis import Redis
from sqlalchemy import delete, insert, select, update

from bff.auth.models import ServerSession
from bff.platform import clock
from bff.platform.db import db

SESSION_ID_BYTES = 32


class _UpdateOnly:
    """Notes which session id was loaded from the store, so that saving it can refuse to re-create it."""

    def open_session(self, app: Flask, request: Request):
        session = super().open_session(app, request)
        loaded = session.sid == request.cookies.get(app.config["SESSION_COOKIE_NAME"])
        session.stored_sid = session.sid if loaded else None  # a new or regenerated id differs
        return session

    @staticmethod
    def _existed(session) -> bool:
        return getattr(session, "stored_sid", None) == session.sid

    def save_session(self, app: Flask, session, response) -> None:
        if session is None:  # opening it failed (the store is down): that error is being answered
            return
        super().save_session(app, session, response)
        if getattr(session, "ended", False):  # set by _upsert_session: nothing was saved
            name = self.get_cookie_name(app)
            kept = [c for c in response.headers.getlist("Set-Cookie") if not c.startswith(f"{name}=")]
            response.headers.setlist("Set-Cookie", kept)


class DatabaseSessionInterface(_UpdateOnly, ServerSideSessionInterface):
    ttl = False

    def __init__(self, app: Flask):
        super().__init__(app, key_prefix="session:", use_signer=False, permanent=True,
                         sid_length=SESSION_ID_BYTES, serialization_format="msgpack", cleanup_n_requests=None)

    def _register_cleanup_app_command(self):
        """Expired sessions are pruned by the worker's periodic housekeeping instead."""

    def _retrieve_session_data(self, store_id: str) -> dict | None:
        with db.engine.connect() as conn:
            row = conn.execute(select(ServerSession.data, ServerSession.expiry)
                               .where(ServerSession.session_id == store_id)).first()
        if row is None:
            return None
        if row.expiry <= clock.utcnow():
            self._delete_session(store_id)
            return None
        return self.serializer.decode(bytes(row.data))

    def _delete_session(self, store_id: str) -> None:
        with db.engine.begin() as conn:
            conn.execute(delete(ServerSession).where(ServerSession.session_id == store_id))

    def _upsert_session(self, session_lifetime, session, store_id: str) -> None:
        data = self.serializer.encode(session)
        expiry = clock.utcnow() + session_lifetime
        with db.engine.begin() as conn:
            if self._existed(session):  # gone meanwhile (signed out): stays gone
                updated = conn.execute(update(ServerSession).where(ServerSession.session_id == store_id)
                                       .values(data=data, expiry=expiry))
                session.ended = not updated.rowcount
            else:
                conn.execute(insert(ServerSession).values(session_id=store_id, data=data, expiry=expiry))


def prune_expired_sessions(now: datetime | None = None) -> int:
    now = now or clock.utcnow()
    with db.engine.begin() as conn:
        return conn.execute(delete(ServerSession).where(ServerSession.expiry <= now)).rowcount or 0


class RedisSessions(_UpdateOnly, RedisSessionInterface):
    def _upsert_session(self, session_lifetime, session, store_id: str) -> None:
        if not self._existed(session):
            super()._upsert_session(session_lifetime, session, store_id)
            return
        # XX: set only if the key still exists, so a session ended meanwhile stays ended.
        saved = self.client.set(name=store_id, value=self.serializer.encode(session),
                                ex=int(session_lifetime.total_seconds()), xx=True)
        session.ended = not saved


def make_session_interface(app: Flask, redis_url: str) -> ServerSideSessionInterface:
    if redis_url:
        return RedisSessions(app, client=Redis.from_url(redis_url), key_prefix="hamrah:session:",
                                     use_signer=False, permanent=True, sid_length=SESSION_ID_BYTES,
                                     serialization_format="msgpack")
    return DatabaseSessionInterface(app)
