"""The worker's push loop: every second or so, read the event feed and send what is due.

Huey's periodic tasks run at most once a minute — every 60 seconds counted from the consumer's start,
not on the whole minute — so each task loops for a little over 60 seconds from when it started (a
worker that starts runs a loop at once). A lease in the database keeps one loop running at a time
across processes and machines; the next task waits for it, so there is no gap, and a loop whose
worker died loses the lease within seconds. A database that goes away for a moment (a restart, a
failover) costs rounds, not the loop.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from sqlalchemy.exc import OperationalError

from bff.core_client import CoreError
from bff.platform import config, leases
from bff.platform.db import db
from bff.push import delivery, feed

log = logging.getLogger(__name__)

PUMP = "pump"
LEASE = timedelta(seconds=15)
PERIOD = 60.0  # seconds between two periodic tasks of a Huey consumer
OVERLAP = 10.0  # seconds a loop runs past the next task's start, so that one takes over without a gap
WAIT_FOR_LEASE = 20.0


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"[:80]


def acquire(name: str, holder: str, length: timedelta = LEASE) -> bool:
    """Take or renew the loop's lease (the one lease helper; a test can make it fail)."""
    return leases.hold(name, holder, length)


def release(name: str, holder: str) -> None:
    leases.let_go(name, holder)


def run_once() -> dict:
    """One round: the feed (unless disabled), then fan-out and sending."""
    settings = config.settings()
    handled = 0
    if settings.push_feed_enabled:
        try:
            handled = feed.poll_once()
        except CoreError as exc:
            db.session.rollback()
            log.warning("event feed unavailable", extra={"fields": {"error": type(exc).__name__}})
    sent = delivery.deliver_due(time_budget=max(1.0, settings.push_poll_interval * 3))
    return {"events": handled, **sent}


def run(duration: float | None = None) -> int:
    """Loop while holding the pump lease, for ``duration`` seconds or until OVERLAP seconds past the
    start of the next periodic task (counted from this one's start, waiting for the lease included);
    returns the rounds run."""
    end = time.monotonic() + (duration if duration is not None else PERIOD + OVERLAP)
    interval = config.settings().push_poll_interval
    holder = holder_id()
    waited_until = time.monotonic() + WAIT_FOR_LEASE
    while not acquire(PUMP, holder):
        if time.monotonic() > waited_until:
            return 0  # another loop holds it and keeps going
        time.sleep(min(1.0, interval))
    rounds = 0
    try:
        while time.monotonic() < end:
            started = time.monotonic()
            try:
                run_once()
                held = acquire(PUMP, holder)
            except OperationalError as exc:  # the database went away for a moment: try again next round
                db.session.rollback()
                log.warning("push round failed", extra={"fields": {"error": repr(exc)[:200]}})
                held = True  # unknown until the database answers; the next round checks the lease again
            rounds += 1
            if not held:
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
