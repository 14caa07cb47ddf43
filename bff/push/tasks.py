"""Push tasks for the Huey worker; each is a thin call into the push room. Enqueued ones are declared with
``@queue.task``; periodic and start-up ones are scheduled in bff.push.init_app."""

from __future__ import annotations

import logging
import sys
import threading

from bff import queue
from bff.platform.db import db
from bff.push import delivery, pump, service

log = logging.getLogger(__name__)
_pump_kick = threading.Lock()
_pump_kicked = False


def push_pump() -> int:
    """Every minute, a loop of a little over a minute: read the event feed, send what is due."""
    return pump.run()


def start_push_pump() -> None:
    """A worker that starts runs the push loop at once, not at the next whole minute (once per process).

    A consumer started with -n/--no-periodic runs no periodic work, so not this loop either.
    """
    global _pump_kicked
    if {"-n", "--no-periodic"} & set(sys.argv):
        return
    with _pump_kick:
        if _pump_kicked:
            return
        _pump_kicked = True
    queue.enqueue(queue.periodic_task(push_pump))


@queue.task(retries=0)
def deliver_soon() -> dict:
    """Send at once what a web request just put in the outbox (the pump would, within a second or two)."""
    try:
        return delivery.deliver_due()
    finally:
        db.session.remove()


@queue.task(retries=2, retry_delay=30)
def sync_citizen_hearings(sub: str, grant_id: str) -> int:
    """Plan reminders for the hearings a citizen already has (right after they subscribe a device)."""
    try:
        return service.sync_citizen_hearings(sub, grant_id)
    finally:
        db.session.remove()


def sync_subscribed_hearings() -> int:
    """Hourly: refresh hearings of citizens with a device and a valid sign-in grant."""
    try:
        return service.sync_all_hearings()
    finally:
        db.session.remove()


def prune_push_history() -> dict:
    """Nightly: drop old notifications, their deliveries, processed event ids and retired endpoints."""
    try:
        pruned = service.prune_history()
        log.info("pruned push history", extra={"fields": pruned})
        return pruned
    finally:
        db.session.remove()
