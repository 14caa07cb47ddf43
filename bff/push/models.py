"""Web Push state: devices, preferences, the notification outbox and its deliveries, the feed cursor.

Everything that must survive a worker restart is a row here; the queue only carries "look now" kicks.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bff.platform.db import UTCDateTime, db

TOPICS = ("notice", "hearing_reminder", "case_update", "brief_status")

# Delivery statuses (one row per notification and device).
CREATED = "created"
SENDING = "sending"
DELIVERED = "delivered"
TEMPORARY_FAILURE = "temporary-failure"
PERMANENT_FAILURE = "permanent-failure"
CANCELLED = "cancelled"  # the notification was withdrawn (a moved hearing) before it could be sent
STATUSES = (CREATED, SENDING, DELIVERED, TEMPORARY_FAILURE, PERMANENT_FAILURE, CANCELLED)


class Subscription(db.Model):
    """One browser's push subscription (a device), bound to the citizen who made it."""

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sub: Mapped[str] = mapped_column(String(128), index=True)
    endpoint: Mapped[str] = mapped_column(Text, unique=True)
    p256dh: Mapped[str] = mapped_column(String(128))
    auth: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(120))
    vapid_key_id: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def info(self) -> dict:
        """What pywebpush calls subscription_info."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class RetiredEndpoint(db.Model):
    """An endpoint the push service declared gone (404/410), so a device that still holds it re-subscribes."""

    __tablename__ = "push_retired_endpoints"

    endpoint_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    retired_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class PushPreference(db.Model):
    """A citizen's choices; a citizen without a row has the defaults (see bff.push.preferences)."""

    __tablename__ = "push_preferences"

    sub: Mapped[str] = mapped_column(String(128), primary_key=True)
    topics: Mapped[dict] = mapped_column(JSON)
    lead_times: Mapped[list] = mapped_column(JSON)
    quiet_start: Mapped[str | None] = mapped_column(String(5))
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    show_details: Mapped[bool] = mapped_column(Boolean)
    language: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Notification(db.Model):
    """Something to tell one citizen (the outbox): fanned out to their devices once ``not_before`` is reached."""

    __tablename__ = "push_notifications"
    __table_args__ = (Index("ix_push_notifications_due", "fanned_out_at", "not_before"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sub: Mapped[str] = mapped_column(String(128), index=True)
    topic: Mapped[str] = mapped_column(String(32))  # a preference topic, or "test"
    kind: Mapped[str] = mapped_column(String(32))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    ref: Mapped[str | None] = mapped_column(String(120), index=True)  # e.g. "hearing:h-12", to cancel by
    params: Mapped[dict] = mapped_column(JSON)
    url: Mapped[str] = mapped_column(String(300))
    urgency: Mapped[str] = mapped_column(String(16))
    topic_header: Mapped[str] = mapped_column(String(32))
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    fanned_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Delivery(db.Model):
    """One notification to one device, with its status: created → sending → delivered | *-failure."""

    __tablename__ = "push_deliveries"
    __table_args__ = (
        UniqueConstraint("notification_id", "subscription_id"),
        Index("ix_push_deliveries_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notification_id: Mapped[int] = mapped_column(ForeignKey("push_notifications.id", ondelete="CASCADE"))
    # No foreign key: a retired device's row is deleted, its deliveries stay as history.
    subscription_id: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(24))
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claim_token: Mapped[str | None] = mapped_column(String(36), index=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class FeedCursor(db.Model):
    """Where the event-feed poller stopped: the id of the last event it handled."""

    __tablename__ = "push_feed_cursors"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    cursor: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProcessedEvent(db.Model):
    """An event id already turned into notifications (the feed is at-least-once; this makes it once)."""

    __tablename__ = "push_processed_events"

    event_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class TrackedHearing(db.Model):
    """The newest version we know of a subscribed citizen's hearing; reminders are planned from it."""

    __tablename__ = "push_tracked_hearings"
    __table_args__ = (UniqueConstraint("sub", "hearing_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sub: Mapped[str] = mapped_column(String(128), index=True)
    hearing_id: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    branch: Mapped[str] = mapped_column(String(300))
    address: Mapped[str] = mapped_column(String(500))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
