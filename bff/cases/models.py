"""The last successful read of each of a citizen's case views, served (marked stale) while the core is down."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bff.platform.db import UTCDateTime, db


class CaseSnapshot(db.Model):
    """One citizen's copy of one read: ``key`` is "cases", "case:<id>" or "hearings".

    ``body`` is what the BFF answered (other parties' national codes already removed), never the
    core's raw response. Deleted at sign-out; pruned after ``expires_at``.
    """

    __tablename__ = "case_snapshots"
    __table_args__ = (UniqueConstraint("sub", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sub: Mapped[str] = mapped_column(String(128))
    key: Mapped[str] = mapped_column(String(80))
    body: Mapped[dict] = mapped_column(JSON)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
