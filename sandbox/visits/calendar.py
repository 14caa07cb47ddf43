"""Which slots an office or a court branch publishes: weekly hours, holidays, slot lengths, capacity.

Offices take their weekly hours, counters, services and status from the office registry. How long a
visit for each service lasts and the hours court branches keep for parties are data
(sandbox/data/visit_calendars.json). The official holidays are the repository's one holiday table.
Nothing here changes while the sandbox runs; bookings and closures live in `state`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import DATA_DIR, TEHRAN, Settings
from ..model import Court
from ..persian import jalali_year

CALENDARS_FILE = DATA_DIR / "visit_calendars.json"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # indexed by date.weekday()
STAMP = "%Y%m%dT%H%MZ"
OFFICE_SLOT, BRANCH_SLOT = "os", "bs"
MULTI_COUNTER_KINDS = {"independent": 2}  # the kinds with more than one counter, and their minimum

Hours = Mapping[str, tuple[tuple[dt.time, dt.time], ...]]


def parse_hours(raw: Mapping[str, Sequence[Sequence[str]]]) -> dict[str, tuple[tuple[dt.time, dt.time], ...]]:
    return {day: tuple((dt.time.fromisoformat(opens), dt.time.fromisoformat(closes))
                       for opens, closes in raw.get(day) or ()) for day in WEEKDAYS}


@dataclass(frozen=True)
class Place:
    """An office or a court branch: where a visit happens, its weekly hours and its capacity."""

    kind: str  # office | branch
    code: str  # the office's registry code, or the branch id
    name: str
    hours: Hours
    capacity: int
    services: tuple[str, ...]  # an office's services; empty for a branch
    active: bool
    details: Mapping[str, Any]  # what a booking shows about the place
    slot_minutes: int = 0  # a branch's slot length; an office's depends on the service

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.code)


@dataclass(frozen=True)
class Slot:
    id: str
    place: Place
    service: str | None
    starts_at: dt.datetime
    ends_at: dt.datetime

    @property
    def day(self) -> dt.date:
        return self.starts_at.astimezone(TEHRAN).date()


@dataclass(frozen=True)
class SlotRef:
    """A slot id taken apart: which place, which service, which start; not yet checked against a calendar."""

    kind: str
    code: str
    service: str | None
    starts_at: dt.datetime


def slot_id(place: Place, service: str | None, starts_at: dt.datetime) -> str:
    stamp = starts_at.astimezone(dt.UTC).strftime(STAMP)
    if place.kind == "office":
        return f"{OFFICE_SLOT}-{place.code}-{service}-{stamp}"
    return f"{BRANCH_SLOT}-{place.code}-{stamp}"


def _stamp(text: str) -> dt.datetime:
    instant = dt.datetime.strptime(text, STAMP).replace(tzinfo=dt.UTC)
    if instant.strftime(STAMP) != text:  # strptime accepts unpadded fields; ids have one spelling
        raise ValueError(text)
    return instant


def parse_slot_id(text: str) -> SlotRef | None:
    parts = text.split("-")
    try:
        if len(parts) == 4 and parts[0] == OFFICE_SLOT:
            return SlotRef("office", parts[1], parts[2], _stamp(parts[3]))
        if len(parts) == 3 and parts[0] == BRANCH_SLOT:
            return SlotRef("branch", parts[1], None, _stamp(parts[2]))
    except ValueError:
        return None
    return None


def branch_id(court: Court) -> str:
    """A stable id for a court branch, from its complex, court and branch name."""
    digest = hashlib.sha256("\0".join((court.complex, court.court, court.branch)).encode()).hexdigest()
    return "br" + digest[:10]


def office_capacity(office: Mapping[str, Any]) -> int:
    """Counters serving a slot: every counter serves every service the office lists.

    An independent office has at least two counters; single-counter offices and counters hosted in a
    notary's or another e-services office have one.
    """
    minimum = MULTI_COUNTER_KINDS.get(office["kind"])
    return max(minimum, int(office.get("counters") or 0)) if minimum else 1


def load_holidays(path: Path) -> tuple[dict[dt.date, tuple[str, ...]], frozenset[int]]:
    """(Persian titles per Gregorian date, the Jalali years the table covers)."""
    if not path.is_file():
        raise RuntimeError(f"the holiday table is missing at {path}; point SANDBOX_HOLIDAYS_PATH at it")
    data = json.loads(path.read_text(encoding="utf-8"))
    table: dict[dt.date, list[str]] = {}
    for item in data["holidays"]:
        titles = table.setdefault(dt.date.fromisoformat(item["date"]), [])
        if item["title_fa"] not in titles:
            titles.append(item["title_fa"])
    return {day: tuple(titles) for day, titles in table.items()}, frozenset(int(y) for y in data["years"])


@dataclass(frozen=True)
class BranchRule:
    court_kind: str  # the court's name starts with it; "*" for any other
    slot_minutes: int
    capacity: int
    hours: Hours


class Calendar:
    def __init__(self, settings: Settings, offices: Sequence[Mapping[str, Any]]):
        data = json.loads(CALENDARS_FILE.read_text(encoding="utf-8"))
        self.service_minutes: dict[str, int] = {code: int(item["slot_minutes"])
                                                for code, item in data["services"].items()}
        self.branch_rules = [BranchRule(r["court_kind"], int(r["slot_minutes"]), int(r["capacity"]),
                                        parse_hours(r["hours"])) for r in data["branches"]]
        self.holidays, self.years = load_holidays(settings.holidays_path)
        self.lead = dt.timedelta(minutes=settings.visit_lead_minutes)
        self.horizon_days = settings.visit_horizon_days
        self.qr_key = hmac.new(settings.secret_key.encode(), b"visit-qr", hashlib.sha256).digest()
        self.offices = {o["code"]: self._office_place(o) for o in offices}

    def _office_place(self, office: Mapping[str, Any]) -> Place:
        details = {key: office[key] for key in ("code", "name", "address", "city", "province", "phone")}
        services = tuple(s for s in office["services"] if s in self.service_minutes)
        return Place("office", office["code"], office["name"], parse_hours(office["hours"]),
                     office_capacity(office), services, office["status"] == "active", details)

    def branch(self, court: Court) -> Place:
        rule = next((r for r in self.branch_rules if court.court.startswith(r.court_kind)),
                    next(r for r in self.branch_rules if r.court_kind == "*"))
        code = branch_id(court)
        details = {"id": code, "name": court.branch_label, "complex": court.complex,
                   "address": court.address, "city": court.city, "province": court.province}
        return Place("branch", code, court.branch_label, rule.hours, rule.capacity, (), True, details,
                     rule.slot_minutes)

    def slot_minutes(self, place: Place, service: str | None) -> int:
        return self.service_minutes[service] if place.kind == "office" else place.slot_minutes

    def static_status(self, place: Place, day: dt.date) -> tuple[str, str | None]:
        """What the published calendar says of a day: not_published, holiday, weekly_off or open."""
        if jalali_year(day) not in self.years:
            return "not_published", None
        if titles := self.holidays.get(day):
            return "holiday", "، ".join(titles)
        if not place.hours[WEEKDAYS[day.weekday()]]:
            return "weekly_off", None
        return "open", None

    def slots_of_day(self, place: Place, service: str | None, day: dt.date) -> list[Slot]:
        """Every slot of the day's grid, bookings and closures aside; none unless the day is open."""
        if self.static_status(place, day)[0] != "open":
            return []
        length = dt.timedelta(minutes=self.slot_minutes(place, service))
        slots = []
        for opens, closes in place.hours[WEEKDAYS[day.weekday()]]:
            start = dt.datetime.combine(day, opens, TEHRAN)
            end = dt.datetime.combine(day, closes, TEHRAN)
            while start + length <= end:
                begins = start.astimezone(dt.UTC)
                slots.append(Slot(slot_id(place, service, begins), place, service, begins,
                                  (start + length).astimezone(dt.UTC)))
                start += length
        return slots

    def slot(self, place: Place, service: str | None, starts_at: dt.datetime) -> Slot | None:
        """The slot of the grid that starts at `starts_at`, if there is one."""
        day = starts_at.astimezone(TEHRAN).date()
        return next((s for s in self.slots_of_day(place, service, day) if s.starts_at == starts_at), None)
