"""The one lease helper: a worker holds a row (or a named job) for a while, and loses it if it dies.

Two forms, one rule — the holder is decided by one atomic UPDATE whose WHERE is evaluated again under
the row's write lock, so of two workers exactly one wins; a lease runs out by itself (``lease_until``),
so a killed worker only delays the work until then:

- ``claim(Model, condition, length)``: rows of an outbox (briefs to forward, pushes to send) get a
  fresh token and ``lease_until``; the caller then updates only rows that still carry its token.
- ``hold(name, holder, length)`` / ``let_go(name, holder)``: one named job at a time across processes
  and machines (the push loop), renewed by calling ``hold`` again.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, String, delete, or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from bff.platform import clock
from bff.platform.db import UTCDateTime, db


class Lease(db.Model):
    """A named lease held by one worker at a time; it lapses if the holder dies.

    (The table keeps the name it was created with, when the push loop was its only user.)
    """

    __tablename__ = "push_leases"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(80))
    until: Mapped[datetime] = mapped_column(UTCDateTime)


@dataclass(frozen=True)
class Claim:
    token: str
    until: datetime
    rows: int


def free(model, now: datetime) -> ColumnElement[bool]:
    """Rows nobody holds: never leased, or whose lease ran out."""
    return or_(model.lease_until.is_(None), model.lease_until < now)


def claim(model, condition: ColumnElement[bool], length: timedelta, *, now: datetime | None = None,
          claim_column: str = "lease_token", **values) -> Claim | None:
    """Lease every row of ``model`` matching ``condition`` for ``length`` from ``now``: a fresh token in
    ``claim_column`` (and ``values`` set), committed; the claim, or None when no row matched.
    ``condition`` should include ``free(model, now)`` or its own notion of a lapsed lease."""
    token = secrets.token_hex(16)
    until = (now or clock.utcnow()) + length
    result = db.session.execute(
        update(model).where(condition).values(lease_until=until, **{claim_column: token}, **values)
        .execution_options(synchronize_session=False))
    db.session.commit()
    return Claim(token, until, result.rowcount) if result.rowcount else None


def hold(name: str, holder: str, length: timedelta) -> bool:
    """Take or renew the lease ``name`` for ``holder``; False while someone else holds it."""
    now = clock.utcnow()
    renewed = db.session.execute(
        update(Lease).where(Lease.name == name, (Lease.until < now) | (Lease.holder == holder))
        .values(holder=holder, until=now + length), execution_options={"synchronize_session": False}).rowcount
    if renewed:
        db.session.commit()
        return True
    db.session.rollback()
    if db.session.get(Lease, name) is not None:
        db.session.rollback()
        return False
    db.session.add(Lease(name=name, holder=holder, until=now + length))
    try:
        db.session.commit()
        return True
    except IntegrityError:
        db.session.rollback()
        return False


def let_go(name: str, holder: str) -> None:
    db.session.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))
    db.session.commit()
