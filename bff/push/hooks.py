"""What the push room does when something happens elsewhere (all connected in bff.push.init_app).

- ``brief_status_changed`` is sent inside the transaction that changes a brief's status; the notification
  joins that transaction, so it exists exactly when the change does.
- ``erase_requested``: «حذف اطلاعات من» deletes the citizen's push data in the sender's transaction.
- After a database commit that added something to push, a queue task sends at once (``request_delivery``).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import delete, event, select

from bff import queue
from bff.platform import clock
from bff.platform.db import db
from bff.push import tasks
from bff.push.models import Delivery, Notification, PushPreference, Subscription, TrackedHearing
from bff.push.outbox import KICK, notify, request_delivery

log = logging.getLogger(__name__)

BRIEF_TTL = timedelta(days=7)


def on_brief_status_changed(sender, *, sub: str, brief_id: str, case_id: str, status: str,
                            tracking_code: str | None = None, **extra) -> None:
    """A ``brief_status`` notification in the caller's session (the caller commits)."""
    notification = notify(
        sub=sub, topic="brief_status", kind="brief_status", dedupe_key=f"brief:{sub}:{brief_id}:{status}",
        params={"brief_id": brief_id, "case_id": case_id, "status": status, "tracking_code": tracking_code},
        url=f"/briefs/{brief_id}", expires_at=clock.utcnow() + BRIEF_TTL, topic_key=f"b-{brief_id}")
    if notification is not None:
        request_delivery()


def on_erase_requested(sender, *, sub: str, **_) -> dict[str, int]:
    """«حذف اطلاعات من»: the citizen's devices, preferences, notifications (and their deliveries) and the
    hearings tracked for reminders, in the caller's session (the caller commits)."""
    unsynced = {"synchronize_session": False}
    notifications = select(Notification.id).where(Notification.sub == sub)
    deliveries = db.session.execute(delete(Delivery).where(Delivery.notification_id.in_(notifications)),
                                    execution_options=unsynced).rowcount
    counts = {
        "notifications": db.session.execute(delete(Notification).where(Notification.sub == sub),
                                            execution_options=unsynced).rowcount,
        "devices": db.session.execute(delete(Subscription).where(Subscription.sub == sub),
                                      execution_options=unsynced).rowcount,
        "preferences": db.session.execute(delete(PushPreference).where(PushPreference.sub == sub),
                                          execution_options=unsynced).rowcount,
        "tracked_hearings": db.session.execute(delete(TrackedHearing).where(TrackedHearing.sub == sub),
                                               execution_options=unsynced).rowcount,
    }
    counts["deliveries"] = deliveries
    return {name: count or 0 for name, count in counts.items()}


def _after_commit(session) -> None:
    if session.info.pop(KICK, False):
        # If it cannot be queued, the worker's next round sends it anyway.
        queue.enqueue(tasks.deliver_soon, failure="could not enqueue push delivery")


def _after_rollback(session) -> None:
    session.info.pop(KICK, None)


def install_session_hooks() -> None:
    """Send at once what a committed transaction asked to push (safe to call for every app)."""
    for name, hook in (("after_commit", _after_commit), ("after_rollback", _after_rollback)):
        if not event.contains(db.session, name, hook):
            event.listen(db.session, name, hook)
