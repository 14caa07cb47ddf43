"""Control API of visit booking (demo and test mode): every booking with counts per slot, closing a
place for a day, and the office counter's check of a QR payload."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from flask import Blueprint, Flask, jsonify, request

from ..config import TEHRAN
from ..problems import Problem, not_found
from ..runtime import current
from . import bookings, codes
from . import representations as rep
from .calendar import Place, branch_id
from .routes import calendar

bp = Blueprint("visits_control", __name__, url_prefix="/sandbox/control/visits")
DEFAULT_CLOSURE_REASON = "تعطیلی اعلام‌شده از سوی محل"


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Problem(400, "validation_failed", "بدنه درخواست باید یک شیء JSON باشد.")
    return body


@bp.get("")
def all_visits():
    """Every visit of every citizen, and per slot the places booked now (status booked) and its capacity."""
    store = current().store
    with store.lock:
        visits = sorted(store.visits.visits.values(), key=lambda v: v.id)
        items = [{**rep.visit(calendar().qr_key, v), "person": v.person, "idempotency_key": v.idempotency_key}
                 for v in visits]
        booked = Counter(v.slot_id for v in visits if v.status == "booked")
        capacity = {v.slot_id: _capacity(v.kind, v.place_code) for v in visits}
    slots = [{"slot_id": slot, "booked": booked[slot], "capacity": capacity[slot]} for slot in sorted(capacity)]
    return jsonify({"sample": True, "visits": items, "slots": slots, "total_booked": sum(booked.values())})


def _capacity(kind: str, code: str) -> int:
    return calendar().offices[code].capacity if kind == "office" else _branch(code).capacity


def _branch(code: str) -> Place:
    store = current().store
    court = next((c.court for c in store.cases.values() if branch_id(c.court) == code), None)
    if court is None:
        raise not_found("شعبه")
    return calendar().branch(court)


def _place(body: dict[str, Any]) -> Place:
    office_code, branch = body.get("office_code"), body.get("branch_id")
    if (office_code is None) == (branch is None) or not isinstance(office_code or branch, str):
        raise Problem(400, "validation_failed", "یکی از office_code یا branch_id را بفرستید.")
    if office_code is not None:
        place = calendar().offices.get(office_code)
        if place is None:
            raise not_found("دفتر")
        return place
    return _branch(branch)


@bp.post("/closures")
def close_day():
    """Close an office or a branch for a day: its visits are cancelled with the reason, events follow."""
    body = _body()
    store = current().store
    try:
        day = dt.date.fromisoformat(str(body.get("date", "")))
    except ValueError:
        raise Problem(400, "validation_failed", "date باید تاریخ YYYY-MM-DD باشد.") from None
    reason = body.get("reason", DEFAULT_CLOSURE_REASON)
    if not isinstance(reason, str) or not reason.strip() or len(reason) > 200:
        raise Problem(400, "validation_failed", "reason باید متن غیرخالی تا ۲۰۰ نویسه باشد.")
    with store.lock:
        place = _place(body)
        if day < store.clock.now().astimezone(TEHRAN).date():
            raise Problem(400, "validation_failed", "روز گذشته را نمی‌توان تعطیل کرد.")
        closure, created = bookings.close_day(store, calendar(), place, day, reason.strip())
        return jsonify(rep.closure(closure)), 201 if created else 200


@bp.get("/closures")
def closures():
    """Every closure since the last reset."""
    store = current().store
    with store.lock:
        items = [rep.closure(c) for c in store.visits.closures.values()]
    return jsonify({"sample": True, "closures": items})


@bp.post("/check")
def check():
    """What the office counter does with a QR payload: valid, cancelled, malformed, unknown or forged."""
    payload = _body().get("payload")
    if not isinstance(payload, str):
        raise Problem(400, "validation_failed", "payload باید متن باشد.")
    store = current().store
    with store.lock:
        outcome, visit = codes.check(calendar().qr_key, store.visits, payload)
        shown = {**rep.visit(calendar().qr_key, visit), "person": visit.person} if visit else None
    return jsonify({"outcome": outcome, "visit": shown})


def register_visits_control(app: Flask) -> None:
    app.register_blueprint(bp)
