"""Bookings and closures, held in the store and only touched under its lock.

The store's one lock is the sandbox's stand-in for a database constraint: checking a slot's free
places and recording the booking happen in one step under it, so no timing can double-book a slot.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..config import TEHRAN


@dataclass
class Visit:
    id: str
    person: str  # the citizen's sub
    kind: str  # office | branch
    place_code: str  # office code or branch id
    place: dict[str, Any]  # the office or branch as shown on the booking
    service: str | None
    case_id: str | None
    case_number: str | None
    notice_id: str | None
    slot_id: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    code: str
    booked_at: dt.datetime
    idempotency_key: str
    fingerprint: str
    status: str = "booked"  # booked | cancelled
    version: int = 1
    updated_at: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None
    cancelled_by: str | None = None  # citizen | office
    cancel_reason: str | None = None

    @property
    def place_key(self) -> tuple[str, str]:
        return (self.kind, self.place_code)

    @property
    def day(self) -> dt.date:
        return self.starts_at.astimezone(TEHRAN).date()

    def is_active(self, now: dt.datetime) -> bool:
        """Booked and not over yet: what counts towards the fairness limits."""
        return self.status == "booked" and self.ends_at > now


@dataclass
class Closure:
    kind: str  # office | branch
    place_code: str
    day: dt.date
    reason: str
    closed_at: dt.datetime
    cancelled: list[str] = field(default_factory=list)  # ids of the visits it cancelled


@dataclass
class VisitState:
    visits: dict[str, Visit] = field(default_factory=dict)
    idempotency: dict[tuple[str, str], str] = field(default_factory=dict)  # (sub, key) -> visit id
    codes: dict[str, str] = field(default_factory=dict)  # booking code -> visit id
    closures: dict[tuple[str, str, dt.date], Closure] = field(default_factory=dict)
    # ids of booked visits per (kind, place code, Tehran date): the occupancy of a place's day
    booked: dict[tuple[str, str, dt.date], list[str]] = field(default_factory=dict)
    sequence: int = 0

    def next_id(self) -> str:
        self.sequence += 1
        return f"v-{self.sequence:06d}"

    def hold(self, visit: Visit) -> None:
        self.booked.setdefault((*visit.place_key, visit.day), []).append(visit.id)

    def release(self, visit: Visit) -> None:
        held = self.booked.get((*visit.place_key, visit.day), [])
        if visit.id in held:
            held.remove(visit.id)

    def booked_on(self, kind: str, code: str, day: dt.date) -> list[Visit]:
        return [self.visits[i] for i in self.booked.get((kind, code, day), [])]

    def taken(self, kind: str, code: str, starts_at: dt.datetime, ends_at: dt.datetime,
              exclude: str | None = None) -> int:
        """The most visits booked at once at the place during [starts_at, ends_at).

        Visits of different services (different lengths) share the place's counters; by the
        interval-graph colouring argument, a new visit fits on some counter exactly when this peak
        is below the number of counters.
        """
        day = starts_at.astimezone(TEHRAN).date()
        changes: list[tuple[dt.datetime, int]] = []
        for visit in self.booked_on(kind, code, day):
            if visit.id != exclude and visit.starts_at < ends_at and visit.ends_at > starts_at:
                changes += [(max(visit.starts_at, starts_at), 1), (min(visit.ends_at, ends_at), -1)]
        peak = current = 0
        for _, change in sorted(changes):  # at equal instants -1 sorts first: back-to-back visits don't overlap
            current += change
            peak = max(peak, current)
        return peak

    def active_of(self, person: str, now: dt.datetime) -> list[Visit]:
        return [v for v in self.visits.values() if v.person == person and v.is_active(now)]
