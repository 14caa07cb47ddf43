"""Other domains tell the push domain what happened; it turns that into notifications.

``brief_status_changed`` (bff.briefs.signals) is sent inside the transaction that changes a brief's
status; the notification joins that transaction, so it exists exactly when the change does.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bff.push import clock
from bff.push.outbox import notify, request_delivery

log = logging.getLogger(__name__)

BRIEF_TTL = timedelta(days=7)


def on_brief_status_changed(sender, *, sub: str, brief_id: str, case_id: str, status: str,
                            tracking_code: str | None = None, **extra) -> None:
    """A ``brief_status`` notification in the caller's session (the caller commits)."""
    notification = notify(
        sub=sub, topic="brief_status", kind="brief_status", dedupe_key=f"brief:{sub}:{brief_id}:{status}",
        params={"brief_id": brief_id, "case_id": case_id, "status": status, "tracking_code": tracking_code},
        url=f"/briefs/{brief_id}", expires_at=clock.now() + BRIEF_TTL, topic_key=f"b-{brief_id}")
    if notification is not None:
        request_delivery()


def on_erase_requested(sender, *, sub: str, **_) -> dict[str, int]:
    """«حذف اطلاعات من»: the citizen's devices, preferences, notifications (and their deliveries) and the
    hearings tracked for reminders, in the caller's session (the caller commits)."""
    from sqlalchemy import delete, select

    from bff.extensions import db
    from bff.push.models import Delivery, Notification, PushPreference, Subscription, TrackedHearing

    notifications = select(Notification.id).where(Notification.sub == sub)
    deliveries = db.session.execute(delete(Delivery).where(Delivery.notification_id.in_(notifications)),
                                    execution_options={"synchronize_session": False}).rowcount
    counts = {
        "notifications": db.session.execute(delete(Notification).where(Notification.sub == sub),
                                            execution_options={"synchronize_session": False}).rowcount,
        "devices": db.session.execute(delete(Subscription).where(Subscription.sub == sub),
                                      execution_options={"synchronize_session": False}).rowcount,
        "preferences": db.session.execute(delete(PushPreference).where(PushPreference.sub == sub),
                                          execution_options={"synchronize_session": False}).rowcount,
        "tracked_hearings": db.session.execute(delete(TrackedHearing).where(TrackedHearing.sub == sub),
                                               execution_options={"synchronize_session": False}).rowcount,
    }
    counts["deliveries"] = deliveries
    return {name: count or 0 for name, count in counts.items()}


def connect() -> None:
    """Connect the receivers to the signals of the domains that send them (safe to call repeatedly)."""
    from bff.auth.service import erase_requested
    from bff.briefs.signals import brief_status_changed

    erase_requested.connect(on_erase_requested)
    brief_status_changed.connect(on_brief_status_changed)
