"""A brief as accepted by the BFF, its attachments, and where it stands on its way to the core."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bff.platform.db import UTCDateTime, db

RECEIVED, FORWARDING, REGISTERED, REJECTED = "received", "forwarding", "registered", "rejected"
STATUSES = (RECEIVED, FORWARDING, REGISTERED, REJECTED)
PENDING = (RECEIVED, FORWARDING)


class Brief(db.Model):
    """One submission. Its row and its files are committed together; it is also the outbox entry
    from which the worker forwards it to the core (``next_attempt_at``, ``lease_until``)."""

    __tablename__ = "briefs"
    __table_args__ = (UniqueConstraint("sub", "idempotency_key", name="uq_briefs_sub_idempotency_key"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sub: Mapped[str] = mapped_column(String(128), index=True)
    case_id: Mapped[str] = mapped_column(String(64))
    case_number: Mapped[str | None] = mapped_column(String(32))
    case_title: Mapped[str | None] = mapped_column(String(255))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    # Hash of the request as sent (case, raw text bytes, raw file bytes): decides "same content".
    request_hash: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64))
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    tracking_code: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    core_brief_id: Mapped[str | None] = mapped_column(String(64))
    core_tracking_code: Mapped[str | None] = mapped_column(String(32))
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rejection_code: Mapped[str | None] = mapped_column(String(64))
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    rejected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    files_deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The outbox: attempts so far, when the next one is due (NULL: waiting for the citizen to sign in
    # again), and the lease of the worker forwarding it now.
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lease_token: Mapped[str | None] = mapped_column(String(32))
    awaiting_sign_in: Mapped[bool] = mapped_column(default=False)
    last_error: Mapped[str | None] = mapped_column(String(255))

    files: Mapped[list[BriefFile]] = relationship(
        back_populates="brief", order_by="BriefFile.position", cascade="all, delete-orphan", lazy="selectin")


class BriefFile(db.Model):
    """An attachment as stored: cleaned (images re-encoded), under a random name in the briefs folder."""

    __tablename__ = "brief_files"
    __table_args__ = (UniqueConstraint("brief_id", "position", name="uq_brief_files_brief_id_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brief_id: Mapped[str] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))

    brief: Mapped[Brief] = relationship(back_populates="files")
