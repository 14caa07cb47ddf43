"""The event-feed poller: reads the core's feed from a stored cursor and turns events into notifications.

At least once, deduplicated by event id: each event is handled, recorded as processed and the cursor
moved in one transaction; an event seen again (a replay, a concurrent poller) changes nothing. A first
run starts at the feed's head: only what happens from then on is pushed. Events of citizens without
a device are skipped (a device subscribed later catches up on hearings from the citizen's own list).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from bff.core_client import core
from bff.core_client.events import CaseStatusChanged, Event, HearingCancelled, HearingSet, NoticeIssued
from bff.platform import clock
from bff.platform.db import db
from bff.push import reminders
from bff.push.models import FeedCursor, ProcessedEvent
from bff.push.outbox import notify

log = logging.getLogger(__name__)

CURSOR = "core-events"
PAGE = 100
NOTICE_TTL = timedelta(days=28)
CASE_UPDATE_TTL = timedelta(days=7)
PROCESSED_RETENTION = timedelta(days=14)


def _cursor() -> FeedCursor | None:
    return db.session.get(FeedCursor, CURSOR)


def start_at_head() -> str:
    """Store the feed's head as the cursor (first run); returns the cursor in use."""
    head = core().events.head()
    db.session.add(FeedCursor(name=CURSOR, cursor=head, updated_at=clock.utcnow()))
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
        events = core().events.page(cursor, PAGE).events
        for event in events:
            handle(event)
            cursor = event.id
            handled += 1
        if len(events) < PAGE:
            break
    return handled


def handle(event: Event) -> None:
    """Handle one event and move the cursor past it, in one transaction."""
    try:
        if db.session.get(ProcessedEvent, event.id) is None:
            if event.problem:
                # Outside the contract: skipping it beats holding up every later event behind it.
                log.error("malformed event skipped",
                          extra={"fields": {"event": event.id, "error": event.problem[:200]}})
            else:
                dispatch(event)
            db.session.add(ProcessedEvent(event_id=event.id, processed_at=clock.utcnow()))
        row = _cursor()
        if row is not None and event.position > int(row.cursor):
            row.cursor = event.id
            row.updated_at = clock.utcnow()
        db.session.commit()
    except IntegrityError:  # processed concurrently by another poller
        db.session.rollback()


def dispatch(event: Event) -> None:
    """The notifications one event means for its citizen (the caller commits)."""
    sub, case_id, data = event.person, event.case_id, event.data
    if not sub or not reminders.has_devices(sub):
        return
    now = clock.utcnow()
    if isinstance(data, NoticeIssued):
        notify(sub=sub, topic="notice", kind="notice_issued", dedupe_key=f"notice:{sub}:{data.notice_id}",
               params={"notice_id": data.notice_id, "number": data.number, "type": data.type, "title": data.title,
                       "case_id": case_id},
               url=f"/notices/{data.notice_id}", expires_at=now + NOTICE_TTL, topic_key=f"n-{data.notice_id}")
    elif isinstance(data, HearingSet):
        reminders.on_set("hearing_changed" if event.type == "hearing.changed" else "hearing_scheduled",
                         sub, case_id, data)
    elif isinstance(data, HearingCancelled):
        reminders.on_cancelled(sub, case_id, data)
    elif isinstance(data, CaseStatusChanged):
        notify(sub=sub, topic="case_update", kind="case_status", dedupe_key=f"event:{event.id}",
               params={"case_id": case_id, "status": data.status, "previous_status": data.previous_status},
               url=f"/cases/{case_id}", expires_at=now + CASE_UPDATE_TTL, topic_key=f"c-{case_id}")
    elif event.type == "brief.registered":
        # The briefs room tells the citizen about their brief itself (the brief_status_changed signal,
        # received in bff.push.hooks); pushing this event too would announce the same thing twice.
        return
    else:
        log.info("event type without a notification", extra={"fields": {"type": event.type}})


def prune_processed(now=None) -> int:
    """Forget processed event ids older than two weeks (the cursor is far past them)."""
    cutoff = (now or clock.utcnow()) - PROCESSED_RETENTION
    deleted = db.session.execute(delete(ProcessedEvent).where(ProcessedEvent.processed_at < cutoff)).rowcount
    db.session.commit()
    return deleted or 0
