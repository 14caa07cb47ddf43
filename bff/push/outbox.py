"""Adding notifications to the outbox (in the caller's transaction) and withdrawing them.

A notification is a row first; the worker fans it out and sends it. Code that runs in the web
process calls ``request_delivery()`` so that, once its transaction commits, a queue task sends at
once instead of waiting for the worker's next round (the commit hook is in hooks.py, installed by
bff.push.init_app).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from datetime import datetime

from sqlalchemy import select, update

from bff.platform import clock
from bff.platform.db import db
from bff.push.models import CANCELLED, CREATED, TEMPORARY_FAILURE, Delivery, Notification

log = logging.getLogger(__name__)

_TOPIC = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
KICK = "push_delivery_requested"


def topic_header(key: str) -> str:
    """An RFC 8030 Topic (at most 32 base64url characters): ``key`` itself when it fits, else its hash."""
    if _TOPIC.match(key):
        return key
    return base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest()).rstrip(b"=").decode()[:32]


def notify(*, sub: str, topic: str, kind: str, dedupe_key: str, params: dict, url: str, expires_at: datetime,
           topic_key: str, urgency: str = "normal", not_before: datetime | None = None,
           ref: str | None = None) -> Notification | None:
    """Add a notification unless one with ``dedupe_key`` exists; returns it (None: a duplicate).

    The caller commits. ``topic_key`` names what a newer push replaces (a hearing, a notice).
    """
    if db.session.scalar(select(Notification.id).where(Notification.dedupe_key == dedupe_key)) is not None:
        return None
    now = clock.utcnow()
    notification = Notification(sub=sub, topic=topic, kind=kind, dedupe_key=dedupe_key[:200], ref=ref,
                                params=params, url=url, urgency=urgency, topic_header=topic_header(topic_key),
                                not_before=not_before or now, expires_at=expires_at, created_at=now)
    db.session.add(notification)
    return notification


def cancel_pending_deliveries(notification_ids) -> None:
    """Deliveries of withdrawn notifications that have not gone yet will not go (the caller commits)."""
    if not notification_ids:
        return
    db.session.execute(
        update(Delivery).where(Delivery.notification_id.in_(list(notification_ids)),
                               Delivery.status.in_((CREATED, TEMPORARY_FAILURE)))
        .values(status=CANCELLED, updated_at=clock.utcnow()), execution_options={"synchronize_session": False})


def request_delivery() -> None:
    """After this transaction commits, ask the worker to send at once."""
    db.session.info[KICK] = True
