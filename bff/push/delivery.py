"""The outbox at work: due notifications fan out to devices; each delivery is claimed, sent, recorded.

A delivery moves created → sending → delivered | temporary-failure | permanent-failure (or
cancelled, when its notification is withdrawn before it could go). Sending is claimed by an atomic
UPDATE that only matches rows nobody holds, with a lease in real time; a worker that dies leaves a
``sending`` row whose lease lapses, and the next worker sends it. "Delivered" is committed on its
own right after the push service's 201, so the only window for a second send is a crash between
that 201 and the commit; the Topic header then makes the device replace the first copy, not add one.

Push service answers: 2xx delivered · 404/410 the subscription is dead: retire it · 413 never
retried · 429 again after Retry-After · 408, 5xx, timeouts, connection errors: backoff, for a
bounded time · any other 4xx: permanent (retrying a refused push helps nobody).
"""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from bff.platform import backoff, clock, config, leases
from bff.platform.db import db
from bff.push.models import (
    CANCELLED,
    CREATED,
    DELIVERED,
    PERMANENT_FAILURE,
    SENDING,
    TEMPORARY_FAILURE,
    Delivery,
    Notification,
    RetiredEndpoint,
    Subscription,
)
from bff.push.payloads import encode, expiry_seconds, render
from bff.push.preferences import preferences_of
from bff.push.sender import PushResult, PushSender, push_sender

log = logging.getLogger(__name__)

CLAIM_BATCH = 50
LEASE_MARGIN = timedelta(seconds=5)
MAX_ATTEMPTS = 150  # time bounds retries (PUSH_RETRY_HOURS); this only stops a delivery that keeps crashing workers
BACKOFF_BASE, BACKOFF_CAP = 5.0, 15 * 60.0
RETRY_AFTER_DEFAULT, RETRY_AFTER_CAP = 60, 3600


def endpoint_hash(endpoint: str) -> str:
    return hashlib.sha256(endpoint.encode()).hexdigest()


# -- fan-out ---------------------------------------------------------------------------------------

def fan_out_due(limit: int = 200) -> int:
    """Turn due notifications into one delivery per device of their citizen; returns deliveries made."""
    now = clock.utcnow()
    ids = db.session.scalars(
        select(Notification.id)
        .where(Notification.fanned_out_at.is_(None), Notification.cancelled_at.is_(None),
               Notification.not_before <= now)
        .order_by(Notification.not_before, Notification.id).limit(limit)).all()
    made = 0
    for notification_id in ids:
        taken = db.session.execute(
            update(Notification)
            .where(Notification.id == notification_id, Notification.fanned_out_at.is_(None),
                   Notification.cancelled_at.is_(None))
            .values(fanned_out_at=now), execution_options={"synchronize_session": False}).rowcount
        if not taken:  # another worker fanned it out, or it was cancelled meanwhile
            db.session.rollback()
            continue
        notification = db.session.get(Notification, notification_id)
        if notification.expires_at > now and preferences_of(notification.sub).wants(notification.topic):
            devices = db.session.scalars(select(Subscription.id).where(Subscription.sub == notification.sub)).all()
            for subscription_id in devices:
                db.session.add(Delivery(notification_id=notification_id, subscription_id=subscription_id,
                                        status=CREATED, attempts=0, next_attempt_at=now, created_at=now,
                                        updated_at=now))
            made += len(devices)
        db.session.commit()
    return made


def fan_out_now(notification: Notification) -> int:
    """Fan one just-created notification out at once (the test push); the caller has flushed it."""
    now = clock.utcnow()
    notification.fanned_out_at = now
    devices = db.session.scalars(select(Subscription.id).where(Subscription.sub == notification.sub)).all()
    for subscription_id in devices:
        db.session.add(Delivery(notification_id=notification.id, subscription_id=subscription_id, status=CREATED,
                                attempts=0, next_attempt_at=now, created_at=now, updated_at=now))
    return len(devices)


# -- claiming --------------------------------------------------------------------------------------

def _due_clause(now: datetime):
    return or_(and_(Delivery.status.in_((CREATED, TEMPORARY_FAILURE)), Delivery.next_attempt_at <= now),
               and_(Delivery.status == SENDING, Delivery.lease_until < now))


def _lease(sender: PushSender) -> timedelta:
    return timedelta(seconds=sender.timeout) + LEASE_MARGIN


def claim_due(sender: PushSender, limit: int = CLAIM_BATCH) -> str | None:
    """Claim up to ``limit`` due deliveries for this worker; returns the claim token (None: nothing due)."""
    now = clock.utcnow()
    ids = db.session.scalars(select(Delivery.id).where(_due_clause(now))
                             .order_by(Delivery.next_attempt_at, Delivery.id).limit(limit)).all()
    if not ids:
        db.session.rollback()
        return None
    held = leases.claim(Delivery, Delivery.id.in_(ids) & _due_clause(now), _lease(sender), now=now,
                        claim_column="claim_token", status=SENDING, attempts=Delivery.attempts + 1,
                        updated_at=now)
    return held.token if held else None


# -- sending ---------------------------------------------------------------------------------------

def _claimed(token: str) -> list:
    return db.session.execute(
        select(Delivery.id.label("delivery_id"), Delivery.attempts, Delivery.subscription_id,
               Notification.id.label("notification_id"), Notification.sub, Notification.topic, Notification.kind,
               Notification.params, Notification.url, Notification.urgency, Notification.topic_header,
               Notification.not_before, Notification.expires_at, Notification.created_at,
               Notification.cancelled_at, Subscription.endpoint, Subscription.p256dh, Subscription.auth)
        .join(Notification, Notification.id == Delivery.notification_id)
        .outerjoin(Subscription, Subscription.id == Delivery.subscription_id)
        .where(Delivery.claim_token == token, Delivery.status == SENDING)
        .order_by(Delivery.id)).all()


def _record(delivery_id: int, token: str, **values) -> None:
    db.session.execute(update(Delivery).where(Delivery.id == delivery_id, Delivery.claim_token == token)
                       .values(updated_at=clock.utcnow(), **values), execution_options={"synchronize_session": False})


def send_claimed(sender: PushSender, token: str) -> dict[str, int]:
    """Send every delivery held under ``token``, committing each outcome on its own."""
    rows = _claimed(token)
    db.session.rollback()  # end the read transaction; each outcome below is its own
    counts: dict[str, int] = {}
    payloads: dict[int, bytes] = {}
    prefs_by_sub: dict = {}
    lease_until = clock.utcnow() + _lease(sender)
    for row in rows:
        if lease_until - clock.utcnow() < timedelta(seconds=sender.timeout + 1):
            lease_until = clock.utcnow() + _lease(sender)
            db.session.execute(update(Delivery).where(Delivery.claim_token == token, Delivery.status == SENDING)
                               .values(lease_until=lease_until), execution_options={"synchronize_session": False})
            db.session.commit()
        status = _send_one(sender, token, row, payloads, prefs_by_sub)
        counts[status] = counts.get(status, 0) + 1
    return counts


def _send_one(sender: PushSender, token: str, row, payloads: dict, prefs_by_sub: dict) -> str:
    now = clock.utcnow()
    if row.cancelled_at is not None:
        _record(row.delivery_id, token, status=CANCELLED, lease_until=None)
        db.session.commit()
        return CANCELLED
    if row.endpoint is None:
        _record(row.delivery_id, token, status=PERMANENT_FAILURE, last_error="device removed", lease_until=None)
        db.session.commit()
        return PERMANENT_FAILURE
    ttl = expiry_seconds(row.expires_at, now)
    if ttl <= 0:
        _record(row.delivery_id, token, status=PERMANENT_FAILURE, last_error="expired before it could be sent",
                lease_until=None)
        db.session.commit()
        return PERMANENT_FAILURE
    if row.notification_id not in payloads:
        if row.sub not in prefs_by_sub:
            prefs_by_sub[row.sub] = preferences_of(row.sub)
            db.session.rollback()
        payloads[row.notification_id] = encode(render(SimpleNamespace(
            id=row.notification_id, kind=row.kind, topic=row.topic, url=row.url, topic_header=row.topic_header,
            params=row.params, created_at=row.created_at), prefs_by_sub[row.sub]))
    urgency = row.urgency
    if row.kind == "hearing_reminder":  # the hearing is what expires it: within a day it is urgent
        urgency = "high" if ttl <= 24 * 3600 else "normal"
    info = {"endpoint": row.endpoint, "keys": {"p256dh": row.p256dh, "auth": row.auth}}
    started = time.perf_counter()
    result = sender.send(info, payloads[row.notification_id], ttl=ttl, urgency=urgency, topic=row.topic_header)
    elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
    outcome = _outcome(token, row, result, now)
    log.info("push sent", extra={"fields": {"delivery": row.delivery_id, "notification": row.notification_id,
                                             "kind": row.kind, "status": result.status, "outcome": outcome,
                                             "ms": elapsed_ms, "attempt": row.attempts}})
    return outcome


def _outcome(token: str, row, result: PushResult, now: datetime) -> str:
    if result.accepted:
        _record(row.delivery_id, token, status=DELIVERED, delivered_at=now, last_status=result.status,
                last_error=None, lease_until=None)
        db.session.execute(update(Subscription).where(Subscription.id == row.subscription_id)
                           .values(last_success_at=now), execution_options={"synchronize_session": False})
        db.session.commit()
        return DELIVERED
    status = result.status
    if status in (404, 410):
        _record(row.delivery_id, token, status=PERMANENT_FAILURE, last_status=status,
                last_error="subscription gone", lease_until=None)
        retire_subscription(row.subscription_id, row.endpoint)
        db.session.commit()
        return PERMANENT_FAILURE
    retryable = status is None or status in (408, 429) or status >= 500
    if not retryable or row.attempts >= MAX_ATTEMPTS:  # 413 and other 4xx: sending again cannot help
        _record(row.delivery_id, token, status=PERMANENT_FAILURE, last_status=status,
                last_error=result.error or f"HTTP {status}", lease_until=None)
        db.session.commit()
        return PERMANENT_FAILURE
    if status == 429:
        delay = backoff.retry_after(result.retry_after, default=RETRY_AFTER_DEFAULT, cap=RETRY_AFTER_CAP, now=now)
    else:
        delay = backoff.exponential(row.attempts, base=BACKOFF_BASE, cap=BACKOFF_CAP, jitter=(0.8, 1.2))
    next_attempt = now + timedelta(seconds=delay)
    give_up_at = min(row.not_before + timedelta(hours=config.settings().push_retry_hours), row.expires_at)
    if next_attempt >= give_up_at:
        _record(row.delivery_id, token, status=PERMANENT_FAILURE, last_status=status,
                last_error=f"gave up: {result.error or status}"[:200], lease_until=None)
        db.session.commit()
        return PERMANENT_FAILURE
    _record(row.delivery_id, token, status=TEMPORARY_FAILURE, last_status=status, next_attempt_at=next_attempt,
            last_error=(result.error or f"HTTP {status}")[:200], lease_until=None)
    db.session.commit()
    return TEMPORARY_FAILURE


def retire_subscription(subscription_id: int | None, endpoint: str) -> None:
    """Forget a device the push service says is gone (the caller commits)."""
    if subscription_id is not None:
        db.session.execute(delete(Subscription).where(Subscription.id == subscription_id),
                           execution_options={"synchronize_session": False})
        db.session.execute(
            update(Delivery).where(Delivery.subscription_id == subscription_id,
                                   Delivery.status.in_((CREATED, TEMPORARY_FAILURE)))
            .values(status=PERMANENT_FAILURE, last_error="device removed", updated_at=clock.utcnow()),
            execution_options={"synchronize_session": False})
    digest = endpoint_hash(endpoint)
    if db.session.get(RetiredEndpoint, digest) is None:
        db.session.add(RetiredEndpoint(endpoint_sha256=digest, retired_at=clock.utcnow()))
    log.info("push subscription retired", extra={"fields": {"subscription": subscription_id}})


def deliver_due(time_budget: float = 5.0) -> dict[str, int]:
    """Fan out what is due and send what is claimable, until done or ``time_budget`` seconds pass."""
    sender = push_sender()
    totals: dict[str, int] = {}
    if sender is None:
        return totals
    deadline = time.monotonic() + time_budget
    try:
        fan_out_due()
    except IntegrityError:  # a concurrent fan-out of the same notification: it is done either way
        db.session.rollback()
    while time.monotonic() < deadline:
        token = claim_due(sender)
        if token is None:
            break
        for status, count in send_claimed(sender, token).items():
            totals[status] = totals.get(status, 0) + count
    return totals
