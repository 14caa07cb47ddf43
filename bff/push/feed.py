"""The event-feed poller: reads the core's feed from a stored cursor and turns events into notifications.

At least once, deduplicated by event id: each event is handled, recorded as processed and the cursor
moved in one transaction; an event seen again (a replay, a concurrent poller) changes nothing. A first
run starts at the feed's head: only what happens from then on is pushed. Events of citizens without
a device are skipped (a device subscribed later catches up on hearings from the citizen's own list).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from bff.extensions import db
from bff.push import clock, reminders
from bff.push.models import FeedCursor, ProcessedEvent
from bff.push.outbox import notify

log = logging.getLogger(__name__)

CURSOR = "core-events"
PAGE = 100
NOTICE_TTL = timedelta(days=28)
CASE_UPDATE_TTL = timedelta(days=7)
PROCESSED_RETENTION = timedelta(days=14)


def _core():
    return current_app.extensions["core"]


def _cursor() -> FeedCursor | None:
    return db.session.get(FeedCursor, CURSOR)


def start_at_head() -> str:
    """Store the feed's head as the cursor (first run); returns the cursor in use."""
    head = _core().service("GET", "/core/v1/events/head").json()["cursor"]
    db.session.add(FeedCursor(name=CURSOR, cursor=head, updated_at=clock.now()))
    try:
        db.session.commit()
    except IntegrityError:  # another poller started it first
        db.session.rollback()
        return _cursor().cursor
    log.info("event feed cursor started at the head", extra={"fields": {"cursor": head}})
    return head


def poll_once(max_pages: int = 10) -> int:
    """Read and handle what is new in the feed; returns how many events were handled."""
    row = _cursor()
    if row is None:
        start_at_head()
        return 0
    cursor = row.cursor
    db.session.rollback()
    handled = 0
    for _ in range(max_pages):
        page = _core().service("GET", "/core/v1/events", params={"after": cursor, "limit": PAGE}).json()
        events = page.get("events") or []
        for item in events:
            handle(item)
            cursor = item["id"]
            handled += 1
        if len(events) < PAGE:
            break
    return handled


def handle(item: dict) -> None:
    """Handle one event and move the cursor past it, in one transaction."""
    event_id = str(item["id"])
    try:
        if db.session.get(ProcessedEvent, event_id) is None:
            try:
                dispatch(item)
            except (KeyError, TypeError, ValueError) as exc:
                # Outside the contract: skipping it beats holding up every later event behind it.
                db.session.rollback()
                log.error("malformed event skipped", extra={"fields": {"event": event_id, "error": repr(exc)[:200]}})
            db.session.add(ProcessedEvent(event_id=event_id, processed_at=clock.now()))
        row = _cursor()
        if row is not None and int(event_id) > int(row.cursor):
            row.cursor = event_id
            row.updated_at = clock.now()
        db.session.commit()
    except IntegrityError:  # processed concurrently by another poller
        db.session.rollback()


def dispatch(item: dict) -> None:
    """The notifications one event means for its citizen (the caller commits)."""
    kind, sub, case_id, data = item.get("type"), item.get("person"), item.get("case_id"), item.get("data") or {}
    if not sub or not reminders.has_devices(sub):
        return
    now = clock.now()
    if kind == "notice.issued":
        notify(sub=sub, topic="notice", kind="notice_issued", dedupe_key=f"notice:{sub}:{data['notice_id']}",
               params={"notice_id": data["notice_id"], "number": data.get("number", ""),
                       "type": data.get("type", "notice"), "title": data.get("title", ""), "case_id": case_id},
               url=f"/notices/{data['notice_id']}", expires_at=now + NOTICE_TTL,
               topic_key=f"n-{data['notice_id']}")
    elif kind == "hearing.scheduled":
        reminders.on_scheduled(sub, case_id, data)
    elif kind == "hearing.changed":
        reminders.on_changed(sub, case_id, data)
    elif kind == "hearing.cancelled":
        reminders.on_cancelled(sub, case_id, data)
    elif kind == "case.status_changed":
        notify(sub=sub, topic="case_update", kind="case_status", dedupe_key=f"event:{item['id']}",
               params={"case_id": case_id, "status": data.get("status"),
                       "previous_status": data.get("previous_status")},
               url=f"/cases/{case_id}", expires_at=now + CASE_UPDATE_TTL, topic_key=f"c-{case_id}")
    elif kind == "brief.registered":
        # The briefs domain tells the citizen about their brief itself (the brief_status_changed signal,
        # received in bff.push.signals); pushing this event too would announce the same thing twice.
        return
    else:
        log.info("event type without a notification", extra={"fields": {"type": kind}})


def prune_processed(now=None) -> int:
    """Forget processed event ids older than two weeks (the cursor is far past them)."""
    cutoff = (now or clock.now()) - PROCESSED_RETENTION
    deleted = db.session.execute(delete(ProcessedEvent).where(ProcessedEvent.processed_at < cutoff)).rowcount
    db.session.commit()
    return deleted or 0
