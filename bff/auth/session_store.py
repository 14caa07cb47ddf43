"""Flask-Session interfaces: sessions in our own table (SQLAlchemy, via migrations) or in Redis.

Flask-Session's bundled SQLAlchemy interface creates its table at start-up and commits the request's
database session; ours keeps its own short transactions on the schema the migrations made.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask
from flask_session.base import ServerSideSessionInterface
from flask_session.redis import RedisSessionInterface
from redis import Redis
from sqlalchemy import delete, insert, select, update

from bff.auth.models import ServerSession
from bff.extensions import db

SESSION_ID_BYTES = 32


class DatabaseSessionInterface(ServerSideSessionInterface):
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
        if row.expiry <= datetime.now(UTC):
            self._delete_session(store_id)
            return None
        return self.serializer.decode(bytes(row.data))

    def _delete_session(self, store_id: str) -> None:
        with db.engine.begin() as conn:
            conn.execute(delete(ServerSession).where(ServerSession.session_id == store_id))

    def _upsert_session(self, session_lifetime, session, store_id: str) -> None:
        data = self.serializer.encode(session)
        expiry = datetime.now(UTC) + session_lifetime
        with db.engine.begin() as conn:
            updated = conn.execute(update(ServerSession).where(ServerSession.session_id == store_id)
                                   .values(data=data, expiry=expiry))
            if not updated.rowcount:
                conn.execute(insert(ServerSession).values(session_id=store_id, data=data, expiry=expiry))


def prune_expired_sessions(now: datetime | None = None) -> int:
    now = now or datetime.now(UTC)
    with db.engine.begin() as conn:
        return conn.execute(delete(ServerSession).where(ServerSession.expiry <= now)).rowcount or 0


def make_session_interface(app: Flask, redis_url: str) -> ServerSideSessionInterface:
    if redis_url:
        return RedisSessionInterface(app, client=Redis.from_url(redis_url), key_prefix="hamrah:session:",
                                     use_signer=False, permanent=True, sid_length=SESSION_ID_BYTES,
                                     serialization_format="msgpack")
    return DatabaseSessionInterface(app)
