"""The worker's push loop: every second or so, read the event feed and send what is due.

Huey's periodic tasks run at most once a minute, so each minute's task loops until a few seconds
past the next whole minute (a worker that starts mid-minute starts a loop at once). A lease in the
database keeps one loop running at a time across processes and machines; the next minute's task
waits for it, so there is no gap, and a loop whose worker died loses the lease within seconds.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError, OperationalError

from bff.core_client import CoreError
from bff.extensions import db
from bff.push import clock, delivery, feed
from bff.push.models import Lease

log = logging.getLogger(__name__)

PUMP = "pump"
LEASE = timedelta(seconds=15)
OVERLAP = 5.0  # seconds a loop runs past the whole minute, so the next one takes over without a gap
WAIT_FOR_LEASE = 20.0


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:80]


def acquire(name: str, holder: str, length: timedelta = LEASE) -> bool:
    """Take or renew the lease ``name`` for ``holder``; False while someone else holds it."""
    wall = clock.wall()
    renewed = db.session.execute(
        update(Lease).where(Lease.name == name, (Lease.until < wall) | (Lease.holder == holder))
        .values(holder=holder, until=wall + length), execution_options={"synchronize_session": False}).rowcount
    if renewed:
        db.session.commit()
        return True
    db.session.rollback()
    if db.session.get(Lease, name) is not None:
        db.session.rollback()
        return False
    db.session.add(Lease(name=name, holder=holder, until=wall + length))
    try:
        db.session.commit()
        return True
    except IntegrityError:
        db.session.rollback()
        return False


def release(name: str, holder: str) -> None:
    db.session.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))
    db.session.commit()


def run_once() -> dict:
    """One round: the feed (unless disabled), then fan-out and sending."""
    settings = current_app.extensions["settings"]
    handled = 0
    if settings.push_feed_enabled:
        try:
            handled = feed.poll_once()
        except CoreError as exc:
            db.session.rollback()
            log.warning("event feed unavailable", extra={"fields": {"error": type(exc).__name__}})
    sent = delivery.deliver_due(time_budget=max(1.0, settings.push_poll_interval * 3))
    return {"events": handled, **sent}


def _until_next_minute() -> float:
    return 60.0 - time.time() % 60.0 + OVERLAP


def run(duration: float | None = None) -> int:
    """Loop while holding the pump lease, for ``duration`` seconds or until just past the next whole
    minute; returns the rounds run."""
    interval = current_app.extensions["settings"].push_poll_interval
    holder = holder_id()
    waited_until = time.monotonic() + WAIT_FOR_LEASE
    while not acquire(PUMP, holder):
        if time.monotonic() > waited_until:
            return 0  # another loop holds it and keeps going
        time.sleep(min(1.0, interval))
    rounds = 0
    end = time.monotonic() + (duration if duration is not None else _until_next_minute())
    try:
        while time.monotonic() < end:
            started = time.monotonic()
            try:
                run_once()
            except OperationalError as exc:  # the database went away for a moment
                db.session.rollback()
                log.warning("push round failed", extra={"fields": {"error": repr(exc)[:200]}})
            rounds += 1
            if not acquire(PUMP, holder):
                log.warning("push pump lost its lease")
                return rounds
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
    finally:
        try:
            release(PUMP, holder)
        except OperationalError:
            db.session.rollback()
        db.session.remove()
    return rounds
