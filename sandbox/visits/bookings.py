"""Book, move and cancel visits, and close a place for a day; every change goes on the event feed.

Each operation runs whole under the store's lock: the capacity check and the write are one step, so
two citizens taking the last place cannot both get it, and a move never holds two places or loses the
old one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from ..changes import notice_of
from ..model import Case, iso
from ..problems import Problem, not_found
from ..store import Store
from . import problems
from . import representations as rep
from .calendar import Calendar, Place, Slot, parse_slot_id
from .codes import new_code
from .schedule import Schedule
from .state import Closure, Visit

MAX_ACTIVE = 3  # active visits per citizen
OFFICE_CLOSED = {"office": "office.closed", "branch": "branch.closed"}


@dataclass(frozen=True)
class Request:
    """What a citizen asks to book: a slot, and for a branch slot the case (or a notice of it)."""

    slot_id: str
    case_id: str | None = None
    notice_id: str | None = None

    @property
    def fingerprint(self) -> str:
        body = {"slot_id": self.slot_id, "case_id": self.case_id, "notice_id": self.notice_id}
        return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def case_for_branch(store: Store, sub: str, request: Request) -> tuple[Case, str | None]:
    """The case a branch visit is about, found by case id or by notice id; 403/404/422 otherwise."""
    if (request.case_id is None) == (request.notice_id is None):
        raise problems.invalid("برای نوبت شعبه یکی از case_id یا notice_id را بفرستید.")
    if request.notice_id is not None:
        case = store.cases[notice_of(store, sub, request.notice_id).case_id]
    else:
        case = store.case_of(sub, request.case_id)
    if case.status == "closed":
        raise problems.case_closed()
    return case, request.notice_id


def _on_grid(calendar: Calendar, place: Place, service: str | None, starts_at: dt.datetime) -> Slot:
    slot = calendar.slot(place, service, starts_at)
    if slot is None:
        raise problems.slot_not_found()
    return slot


def office_slot(calendar: Calendar, text: str) -> Slot:
    ref = parse_slot_id(text)
    place = calendar.offices.get(ref.code) if ref and ref.kind == "office" else None
    if place is None or ref.service not in place.services:
        raise problems.slot_not_found()
    return _on_grid(calendar, place, ref.service, ref.starts_at)


def slot_at(calendar: Calendar, place: Place, service: str | None, text: str) -> Slot:
    """The slot `text` names, which must be of `place` (and `service`): 404, or 422 slot_mismatch."""
    ref = parse_slot_id(text)
    if ref is None:
        raise problems.slot_not_found()
    if (ref.kind, ref.code, ref.service) != (place.kind, place.code, service):
        raise problems.slot_mismatch("این نوبت از تقویم همین محل و همین خدمت نیست.")
    return _on_grid(calendar, place, service, ref.starts_at)


def _check_room(schedule: Schedule, sub: str, slot: Slot, moving: Visit | None = None) -> None:
    """Fairness limits, then a free counter: 409 with a distinct code for each."""
    state = schedule.state
    exclude = moving.id if moving else None
    if moving is None and len(state.active_of(sub, schedule.now)) >= MAX_ACTIVE:
        raise problems.visit_limit_reached(MAX_ACTIVE)
    if any(v.person == sub and v.id != exclude for v in state.booked_on(slot.place.kind, slot.place.code, slot.day)):
        raise problems.one_visit_per_day()
    if schedule.remaining(slot, exclude) <= 0:
        raise problems.slot_full(schedule.next_free(slot, exclude))


def book(store: Store, calendar: Calendar, sub: str, key: str, request: Request) -> tuple[Visit, bool]:
    """Book once per (citizen, Idempotency-Key); returns (visit, created)."""
    with store.lock:
        state = store.visits
        if (existing := state.idempotency.get((sub, key))) is not None:
            visit = state.visits[existing]
            if visit.fingerprint != request.fingerprint:
                raise Problem(409, "idempotency_conflict",
                              "این کلید یکتایی پیش‌تر برای نوبت دیگری به کار رفته است.")
            return visit, False
        case, notice_id = None, None
        if request.slot_id.startswith("bs-"):
            case, notice_id = case_for_branch(store, sub, request)
            slot = slot_at(calendar, calendar.branch(case.court), None, request.slot_id)
        elif request.case_id is not None or request.notice_id is not None:
            raise problems.invalid("case_id و notice_id فقط همراه نوبت شعبه فرستاده می‌شوند.")
        else:
            slot = office_slot(calendar, request.slot_id)
        schedule = Schedule(store, calendar)
        schedule.check_bookable(slot)
        _check_room(schedule, sub, slot)
        visit_id = state.next_id()
        visit = Visit(
            id=visit_id, person=sub, kind=slot.place.kind, place_code=slot.place.code,
            place=dict(slot.place.details), service=slot.service, case_id=case.id if case else None,
            case_number=case.case_number if case else None, notice_id=notice_id, slot_id=slot.id,
            starts_at=slot.starts_at, ends_at=slot.ends_at, code=new_code(state, store.seed, visit_id),
            booked_at=schedule.now, idempotency_key=key, fingerprint=request.fingerprint,
        )
        state.visits[visit.id] = visit
        state.codes[visit.code] = visit.id
        state.idempotency[(sub, key)] = visit.id
        state.hold(visit)
        store.publish("visit.booked", sub, visit.case_id, rep.event_data(visit))
        return visit, True


def visit_of(store: Store, sub: str, visit_id: str) -> Visit:
    """The citizen's own visit; another citizen's is as unknown as a missing one (404)."""
    visit = store.visits.visits.get(visit_id)
    if visit is None or visit.person != sub:
        raise not_found("نوبت")
    return visit


def _changeable(schedule: Schedule, visit: Visit) -> None:
    if visit.status == "cancelled":
        raise problems.visit_cancelled()
    if schedule.now > visit.starts_at - rep.CHANGE_DEADLINE:
        raise problems.too_late()


def place_of(store: Store, calendar: Calendar, visit: Visit) -> Place:
    if visit.kind == "office":
        return calendar.offices[visit.place_code]
    return calendar.branch(store.cases[visit.case_id].court)


def move(store: Store, calendar: Calendar, sub: str, visit_id: str, slot_text: str) -> Visit:
    """Move to another slot of the same place and service, atomically; the same slot changes nothing."""
    with store.lock:
        visit = visit_of(store, sub, visit_id)
        schedule = Schedule(store, calendar)
        if visit.status == "booked" and slot_text == visit.slot_id:
            return visit
        _changeable(schedule, visit)
        slot = slot_at(calendar, place_of(store, calendar, visit), visit.service, slot_text)
        schedule.check_bookable(slot)
        _check_room(schedule, sub, slot, moving=visit)
        previous_slot, previous_start = visit.slot_id, visit.starts_at
        store.visits.release(visit)
        visit.slot_id, visit.starts_at, visit.ends_at = slot.id, slot.starts_at, slot.ends_at
        store.visits.hold(visit)
        visit.version += 1
        visit.updated_at = schedule.now
        store.publish("visit.moved", sub, visit.case_id, rep.event_data(
            visit, previous_slot_id=previous_slot, previous_starts_at=iso(previous_start)))
        return visit


def _cancel(store: Store, visit: Visit, now: dt.datetime, by: str, reason: str | None) -> None:
    store.visits.release(visit)
    visit.status, visit.cancelled_at, visit.cancelled_by, visit.cancel_reason = "cancelled", now, by, reason
    visit.version += 1
    visit.updated_at = now
    store.publish("visit.cancelled", visit.person, visit.case_id,
                  rep.event_data(visit, cancelled_by=by, reason=reason))


def cancel(store: Store, calendar: Calendar, sub: str, visit_id: str) -> Visit:
    """Cancel up to one hour before the start; the place is free again at once. Cancelling twice is a no-op."""
    with store.lock:
        visit = visit_of(store, sub, visit_id)
        if visit.status == "cancelled":
            return visit
        schedule = Schedule(store, calendar)
        _changeable(schedule, visit)
        _cancel(store, visit, schedule.now, "citizen", None)
        return visit


def close_day(store: Store, calendar: Calendar, place: Place, day: dt.date, reason: str) -> tuple[Closure, bool]:
    """Close a place for a day: its visits not yet over are cancelled, one event each, then the closure event.

    Returns (closure, created); closing a closed day again changes nothing.
    """
    with store.lock:
        state = store.visits
        if (existing := state.closures.get((*place.key, day))) is not None:
            return existing, False
        now = store.clock.now()
        closure = Closure(place.kind, place.code, day, reason, now)
        state.closures[(*place.key, day)] = closure
        for visit in state.booked_on(place.kind, place.code, day):
            if visit.ends_at > now:
                _cancel(store, visit, now, "office", reason)
                closure.cancelled.append(visit.id)
        store.publish(OFFICE_CLOSED[place.kind], None, None, rep.closure(closure))
        return closure, True
