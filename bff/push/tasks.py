"""Push tasks for the Huey worker; each is a thin call into the push domain."""

from __future__ import annotations

import logging
import sys
import threading

from huey import crontab

from bff.worker import app_context, huey

log = logging.getLogger(__name__)
_pump_kick = threading.Lock()
_pump_kicked = False


@huey.periodic_task(crontab(minute="*"), retries=0)
@app_context
def push_pump() -> int:
    """Every minute, a loop of a little over a minute: read the event feed, send what is due."""
    from bff.push import pump

    return pump.run()


@huey.on_startup()
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
    push_pump()


@huey.task(retries=0)
@app_context
def deliver_soon() -> dict:
    """Send at once what a web request just put in the outbox (the pump would, within a second or two)."""
    from bff.extensions import db
    from bff.push import delivery

    try:
        return delivery.deliver_due()
    finally:
        db.session.remove()


@huey.task(retries=2, retry_delay=30)
@app_context
def sync_citizen_hearings(sub: str, grant_id: str) -> int:
    """Plan reminders for the hearings a citizen already has (right after they subscribe a device)."""
    from bff.extensions import db
    from bff.push import service

    try:
        return service.sync_citizen_hearings(sub, grant_id)
    finally:
        db.session.remove()


@huey.periodic_task(crontab(minute="23"), retries=0)
@app_context
def sync_subscribed_hearings() -> int:
    """Hourly: refresh hearings of citizens with a device and a valid sign-in grant."""
    from bff.extensions import db
    from bff.push import service

    try:
        return service.sync_all_hearings()
    finally:
        db.session.remove()


@huey.periodic_task(crontab(hour="1", minute="41"), retries=0)
@app_context
def prune_push_history() -> dict:
    """Nightly: drop old notifications, their deliveries, processed event ids and retired endpoints."""
    from bff.extensions import db
    from bff.push import service

    try:
        pruned = service.prune_history()
        log.info("pruned push history", extra={"fields": pruned})
        return pruned
    finally:
        db.session.remove()
