"""Core API of visit booking: office and branch calendars, and the citizen's own visits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Flask, current_app, g, jsonify, request, url_for

from ..changes import notice_of
from ..config import TEHRAN
from ..core.auth import citizen_required, service_required
from ..model import Case
from ..offices import load_offices
from ..problems import Problem, invalid_parameter, not_found
from ..runtime import current
from . import bookings, problems
from . import representations as rep
from .calendar import Calendar, Place
from .schedule import Schedule

MAX_DAYS = 31
DEFAULT_DAYS = 7
BODY_FIELDS = {"slot_id", "case_id", "notice_id"}


def prepare(app: Flask) -> None:
    settings = app.extensions["sandbox"].settings
    app.extensions["sandbox.visits"] = Calendar(settings, load_offices(settings.offices_path)[0])


def calendar() -> Calendar:
    return current_app.extensions["sandbox.visits"]


def _date_range() -> tuple[dt.date, int]:
    """`from` (a Tehran date, default today) and `days` (1–31, default 7) of a calendar query."""
    today = current().store.clock.now().astimezone(TEHRAN).date()
    raw = request.args.get("from", "").strip()
    try:
        first = dt.date.fromisoformat(raw) if raw else today
    except ValueError:
        raise invalid_parameter("پارامتر from باید تاریخ YYYY-MM-DD باشد.") from None
    if abs((first - today).days) > 366:
        raise invalid_parameter("پارامتر from باید تا یک سال پیش یا پس از امروز باشد.")
    try:
        count = int(request.args.get("days", DEFAULT_DAYS))
    except ValueError:
        count = 0
    if not 1 <= count <= MAX_DAYS:
        raise invalid_parameter("پارامتر days باید عددی از ۱ تا ۳۱ باشد.")
    return first, count


def _listing(place: Place, service: str | None, first: dt.date, count: int) -> dict[str, Any]:
    schedule = Schedule(current().store, calendar())
    return {"sample": True, "time_zone": "Asia/Tehran", "slot_minutes": calendar().slot_minutes(place, service),
            "capacity": place.capacity, "days": schedule.days(place, service, first, count)}


@service_required("core.registry")
def office_slots(office_code: str):
    """An office's calendar for one service: days from `from`, their status and their slots."""
    place = calendar().offices.get(office_code)
    if place is None:
        raise not_found("دفتر")
    service = request.args.get("service", "").strip()
    if service not in calendar().service_minutes:
        raise invalid_parameter("پارامتر service باید یکی از کدهای خدمت دفاتر باشد.")
    if service not in place.services:
        raise problems.service_not_offered()
    first, count = _date_range()
    store = current().store
    with store.lock:
        listing = _listing(place, service, first, count)
    return jsonify({**listing, "office_code": place.code, "service": service})


def _branch_listing(case: Case, notice_id: str | None) -> dict[str, Any]:
    if case.status == "closed":
        raise problems.case_closed()
    first, count = _date_range()
    place = calendar().branch(case.court)
    return {**_listing(place, None, first, count), "case_id": case.id, "case_number": case.case_number,
            "notice_id": notice_id, "branch": dict(place.details)}


@citizen_required
def case_branch_slots(case_id: str):
    """The calendar the branch of the citizen's case publishes for parties."""
    store = current().store
    with store.lock:
        return jsonify(_branch_listing(store.case_of(g.citizen.sub, case_id), None))


@citizen_required
def notice_branch_slots(notice_id: str):
    """The same calendar, found by a notice of the citizen (the notice's case)."""
    store = current().store
    with store.lock:
        notice = notice_of(store, g.citizen.sub, notice_id)
        return jsonify(_branch_listing(store.cases[notice.case_id], notice.id))


def _idempotency_key() -> str:
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        raise Problem(400, "idempotency_key_missing", "سرآیند Idempotency-Key برای رزرو نوبت لازم است.")
    if len(key) > 255 or not key.isascii() or not key.isprintable():
        raise invalid_parameter("Idempotency-Key باید حداکثر ۲۵۵ نویسه ASCII چاپ‌پذیر باشد.")
    return key


def _body(allowed: set[str]) -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise problems.invalid("بدنه درخواست باید یک شیء JSON باشد.")
    if unknown := set(body) - allowed:
        raise problems.invalid(f"فیلدهای ناشناخته: {', '.join(sorted(unknown))}")
    for name in allowed & set(body):
        value = body[name]
        if name != "slot_id" and value is None:
            continue
        if not isinstance(value, str) or not value.strip() or len(value) > 128:
            raise problems.invalid(f"فیلد {name} باید متن غیرخالی تا ۱۲۸ نویسه باشد.")
    if "slot_id" not in body:
        raise problems.invalid("فیلد slot_id لازم است.")
    return body


@citizen_required
def create_visit():
    """Book a slot of an office, or of the branch of the citizen's case; once per Idempotency-Key."""
    key = _idempotency_key()
    body = _body(BODY_FIELDS)
    wanted = bookings.Request(body["slot_id"].strip(), (body.get("case_id") or "").strip() or None,
                              (body.get("notice_id") or "").strip() or None)
    visit, created = bookings.book(current().store, calendar(), g.citizen.sub, key, wanted)
    headers = {"Location": url_for("core.get_visit", visit_id=visit.id)}
    return jsonify(rep.visit(calendar().qr_key, visit)), 201 if created else 200, headers


@citizen_required
def list_visits():
    """The citizen's visits, booked and cancelled, by start."""
    store = current().store
    with store.lock:
        mine = sorted((v for v in store.visits.visits.values() if v.person == g.citizen.sub),
                      key=lambda v: (v.starts_at, v.id))
        return jsonify({"sample": True, "visits": [rep.visit(calendar().qr_key, v) for v in mine]})


@citizen_required
def get_visit(visit_id: str):
    """One of the citizen's visits."""
    store = current().store
    with store.lock:
        return jsonify(rep.visit(calendar().qr_key, bookings.visit_of(store, g.citizen.sub, visit_id)))


@citizen_required
def move_visit(visit_id: str):
    """Move the visit to another slot of the same place and service."""
    slot_text = _body({"slot_id"})["slot_id"].strip()
    visit = bookings.move(current().store, calendar(), g.citizen.sub, visit_id, slot_text)
    return jsonify(rep.visit(calendar().qr_key, visit))


@citizen_required
def cancel_visit(visit_id: str):
    """Cancel the visit; its place is free again at once."""
    visit = bookings.cancel(current().store, calendar(), g.citizen.sub, visit_id)
    return jsonify(rep.visit(calendar().qr_key, visit))


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/offices/<office_code>/slots", view_func=office_slots, methods=["GET"])
    bp.add_url_rule("/cases/<case_id>/branch-slots", view_func=case_branch_slots, methods=["GET"])
    bp.add_url_rule("/notices/<notice_id>/branch-slots", view_func=notice_branch_slots, methods=["GET"])
    bp.add_url_rule("/visits", view_func=create_visit, methods=["POST"])
    bp.add_url_rule("/visits", view_func=list_visits, methods=["GET"])
    bp.add_url_rule("/visits/<visit_id>", view_func=get_visit, methods=["GET"])
    bp.add_url_rule("/visits/<visit_id>", view_func=move_visit, methods=["PUT"])
    bp.add_url_rule("/visits/<visit_id>", view_func=cancel_visit, methods=["DELETE"])
