"""The office registry as the BFF keeps it: offices, official holidays, and the registry's revision."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bff.platform.db import UTCDateTime, db


class Office(db.Model):
    """One judicial e-services office, as the core's registry describes it (text normalised on the way in).

    ``deactivated_at`` is set when the office disappears from the registry; such offices are never served.
    """

    __tablename__ = "offices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    counters: Mapped[int] = mapped_column(Integer)
    province: Mapped[str] = mapped_column(String(40), index=True)
    county: Mapped[str] = mapped_column(String(100))
    city: Mapped[str] = mapped_column(String(100))
    district: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(500))
    postal_code: Mapped[str] = mapped_column(String(10))
    phone: Mapped[str] = mapped_column(String(40))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    services: Mapped[list] = mapped_column(JSON)
    hours: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(24))
    accessibility: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Holiday(db.Model):
    """An official public holiday. Two occasions on one day are two rows, so never key by date alone."""

    __tablename__ = "holidays"
    __table_args__ = (UniqueConstraint("date", "title_fa", name="uq_holidays_date_title_fa"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    title_fa: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200))
    approximate: Mapped[bool] = mapped_column(Boolean, default=False)


class OfficeRegistry(db.Model):
    """The one row saying which revision of the registry the offices table holds.

    Every change (sync, import, holidays) writes a new random ``revision``; each web process compares it
    with the revision its in-memory index was built from and rebuilds when they differ.
    """

    __tablename__ = "office_registry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16))
    core_etag: Mapped[str | None] = mapped_column(String(200))
    sample: Mapped[bool] = mapped_column(Boolean, default=False)
    office_count: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
