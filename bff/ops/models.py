"""The worker's heartbeat: proof that the queue consumer runs its periodic tasks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bff.platform.db import UTCDateTime, db


class WorkerHeartbeat(db.Model):
    __tablename__ = "worker_heartbeats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    worker: Mapped[str] = mapped_column(String(120))
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
