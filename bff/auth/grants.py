"""Citizens' token grants: stored encrypted, refreshed transparently, safe under concurrent refreshes.

A PWA fires several API calls at once; when the access token has expired they may all try to refresh
with the same (rotating) refresh token. Only one refresh reaches the IdP per grant and process; a
refresh that loses the race across processes re-reads the grant and uses the winner's tokens.
"""

from __future__ import annotations

import base64
import threading
import uuid
from datetime import UTC, datetime, timedelta

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Select, delete, func, select, update

from bff.auth.models import AuthGrant
from bff.core_client import CoreUnauthorized, identity
from bff.core_client.identity import EARLY_REFRESH_SECONDS, TokenRejected
from bff.platform import clock
from bff.platform.db import db
from bff.platform.state import PerApp

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock_for(grant_id: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(grant_id, threading.Lock())


class Vault:
    """Symmetric encryption of tokens at rest, keyed from SECRET_KEY (HKDF), so a database dump alone
    does not hand out citizens' tokens."""

    def __init__(self, secret_key: str):
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"hamrah-token-vault", info=b"tokens v1") \
            .derive(secret_key.encode())
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def seal(self, value: str | None) -> str | None:
        return None if value is None else self._fernet.encrypt(value.encode()).decode()

    def open(self, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return self._fernet.decrypt(value.encode()).decode()
        except InvalidToken:
            return None


vault = PerApp[Vault]("vault")
"""The current app's vault (keyed from its SECRET_KEY)."""


def _expiry(token: dict, now: datetime) -> datetime:
    if token.get("expires_at"):
        return datetime.fromtimestamp(int(token["expires_at"]), UTC)
    return now + timedelta(seconds=int(token.get("expires_in", 300)))


def create_grant(sub: str, token: dict, lifetime: timedelta) -> str:
    """Keep a fresh sign-in's tokens; returns the grant id the session will hold."""
    now = clock.utcnow()
    grant_id = str(uuid.uuid4())
    v = vault()
    with db.engine.begin() as conn:
        conn.execute(AuthGrant.__table__.insert().values(
            id=grant_id, sub=sub, access_token=v.seal(token["access_token"]),
            refresh_token=v.seal(token.get("refresh_token")), id_token=v.seal(token.get("id_token")),
            access_expires_at=_expiry(token, now), created_at=now, expires_at=now + lifetime, version=1))
    return grant_id


def load_grant(grant_id: str) -> AuthGrant | None:
    with db.engine.connect() as conn:
        row = conn.execute(select(AuthGrant.__table__).where(AuthGrant.id == grant_id)).first()
    if row is None or row.expires_at <= clock.utcnow():
        return None
    return AuthGrant(**row._mapping)


def delete_grant(grant_id: str) -> AuthGrant | None:
    grant = load_grant(grant_id)
    with db.engine.begin() as conn:
        conn.execute(delete(AuthGrant).where(AuthGrant.id == grant_id))
    return grant


def prune_expired_grants(now: datetime | None = None) -> int:
    with db.engine.begin() as conn:
        return conn.execute(delete(AuthGrant).where(AuthGrant.expires_at <= (now or clock.utcnow()))).rowcount or 0


def live_grants(sub: str) -> list[str]:
    """The citizen's grants that have not expired, newest first (a brief goes with the newest that works)."""
    live = select(AuthGrant.id).where(AuthGrant.sub == sub, AuthGrant.expires_at > clock.utcnow())
    ids = list(db.session.scalars(live.order_by(AuthGrant.created_at.desc())))
    db.session.rollback()
    return ids


def newest_live_grants(subs: Select) -> list[tuple[str, str]]:
    """(sub, a grant id that has not expired) for each citizen among ``subs`` who has one."""
    rows = db.session.execute(
        select(AuthGrant.sub, func.max(AuthGrant.id))
        .where(AuthGrant.expires_at > clock.utcnow(), AuthGrant.sub.in_(subs))
        .group_by(AuthGrant.sub)).all()
    db.session.rollback()
    return [(sub, grant_id) for sub, grant_id in rows]


class GrantTokens:
    """One sign-in's tokens as the credential of core calls (``bff.platform.outbound.Credential``)."""

    def __init__(self, grant_id: str):
        self.grant_id = grant_id

    def _current(self) -> AuthGrant:
        grant = load_grant(self.grant_id)
        if grant is None:
            raise CoreUnauthorized("grant gone")
        return grant

    def token(self) -> str:
        """The access token, refreshed first when it is about to expire."""
        grant = self._current()
        if grant.access_expires_at - timedelta(seconds=EARLY_REFRESH_SECONDS) > clock.utcnow():
            token = vault().open(grant.access_token)
            if token:
                return token
        return self.renewed(vault().open(grant.access_token) or "")

    def renewed(self, rejected: str) -> str:
        """A fresh access token after ``rejected`` was refused (one refresh per grant at a time)."""
        with _lock_for(self.grant_id):
            grant = self._current()
            current = vault().open(grant.access_token)
            still_fresh = grant.access_expires_at - timedelta(seconds=EARLY_REFRESH_SECONDS) > clock.utcnow()
            if current and current != rejected and still_fresh:
                return current  # another request refreshed while we waited
            refresh_token = vault().open(grant.refresh_token)
            if not refresh_token:
                raise CoreUnauthorized("no refresh token")
            try:
                token = identity().refresh(refresh_token)
            except TokenRejected:
                winner = self._current()
                if winner.version != grant.version:
                    return vault().open(winner.access_token) or ""
                raise
            return self._store(grant, token)

    def _store(self, grant: AuthGrant, token: dict) -> str:
        v = vault()
        values = {"access_token": v.seal(token["access_token"]),
                  "access_expires_at": _expiry(token, clock.utcnow()), "version": grant.version + 1}
        if token.get("refresh_token"):
            values["refresh_token"] = v.seal(token["refresh_token"])
        if token.get("id_token"):
            values["id_token"] = v.seal(token["id_token"])
        with db.engine.begin() as conn:
            stored = conn.execute(update(AuthGrant).where(AuthGrant.id == grant.id,
                                                          AuthGrant.version == grant.version).values(**values))
        if not stored.rowcount:
            return vault().open(self._current().access_token) or token["access_token"]
        return token["access_token"]
