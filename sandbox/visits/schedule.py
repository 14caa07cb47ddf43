"""A place's days as the booking calendar shows them now: what is open, what is free, what is next."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..config import TEHRAN
from ..store import Store
from . import problems
from . import representations as rep
from .calendar import Calendar, Place, Slot

NEXT_SLOTS = 3
TEMPORARILY_CLOSED = "دفتر موقتاً تعطیل است."


class Schedule:
    """The calendar seen at the business clock's now, with the store's bookings and closures.

    Use under the store's lock: what it reads must not change between the check and the booking.
    """

    def __init__(self, store: Store, calendar: Calendar):
        self.store, self.calendar, self.state = store, calendar, store.visits
        self.now = store.clock.now()
        self.today = self.now.astimezone(TEHRAN).date()
        self.earliest = self.now + calendar.lead  # slots starting sooner are not bookable
        self.last_day = self.today + dt.timedelta(days=calendar.horizon_days)

    def status(self, place: Place, day: dt.date) -> tuple[str, str | None]:
        """past, not_published, holiday, weekly_off, closed or open; with a Persian note where useful."""
        if day < self.today:
            return "past", None
        if day > self.last_day:
            return "not_published", None
        status, note = self.calendar.static_status(place, day)
        if status != "open":
            return status, note
        if not place.active:
            return "closed", TEMPORARILY_CLOSED
        if closure := self.state.closures.get((*place.key, day)):
            return "closed", closure.reason
        return "open", None

    def remaining(self, slot: Slot, exclude: str | None = None) -> int:
        taken = self.state.taken(slot.place.kind, slot.place.code, slot.starts_at, slot.ends_at, exclude)
        return max(0, slot.place.capacity - taken)

    def open_slots(self, place: Place, service: str | None, day: dt.date) -> list[Slot]:
        """The day's slots that can still be booked in time (full ones included)."""
        if self.status(place, day)[0] != "open":
            return []
        return [s for s in self.calendar.slots_of_day(place, service, day) if s.starts_at >= self.earliest]

    def days(self, place: Place, service: str | None, first: dt.date, count: int) -> list[dict[str, Any]]:
        listed = []
        for offset in range(count):
            day = first + dt.timedelta(days=offset)
            status, note = self.status(place, day)
            slots = [rep.slot(s, place.capacity, self.remaining(s)) for s in self.open_slots(place, service, day)]
            listed.append(rep.day(day, status, note, slots))
        return listed

    def check_bookable(self, slot: Slot) -> None:
        """409 slot_unavailable unless the slot can be booked now (free places aside)."""
        status, note = self.status(slot.place, slot.day)
        if status == "past" or slot.starts_at < self.earliest:
            raise problems.slot_unavailable("این نوبت گذشته است یا زمان رزرو آن به پایان رسیده است.")
        if status == "not_published":
            raise problems.slot_unavailable("نوبت‌های این روز هنوز برای رزرو باز نشده است.")
        if status == "closed":
            raise problems.slot_unavailable(f"این محل در آن روز تعطیل است: {note}")

    def next_free(self, slot: Slot, exclude: str | None = None) -> list[dict[str, Any]]:
        """Up to three free slots of the same place and service after `slot`, within the horizon."""
        found: list[dict[str, Any]] = []
        day = slot.day
        while day <= self.last_day and len(found) < NEXT_SLOTS:
            for candidate in self.open_slots(slot.place, slot.service, day):
                if candidate.starts_at > slot.starts_at and (free := self.remaining(candidate, exclude)):
                    found.append(rep.slot(candidate, slot.place.capacity, free))
                    if len(found) == NEXT_SLOTS:
                        break
            day += dt.timedelta(days=1)
        return found
