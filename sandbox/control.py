"""Control API for tests and demos: make things happen in the core, inject faults, reset.

Registered only in demo and test mode. It has no authentication: never expose it beyond loopback.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Flask, jsonify, request

from . import changes
from .core import representations as rep
from .model import CASE_STATUSES, DEFAULT_KINDS, NOTICE_KINDS, NOTICE_TYPES, iso, parse_instant
from .problems import Problem, not_found
from .runtime import current

bp = Blueprint("control", __name__, url_prefix="/sandbox/control")


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Problem(400, "validation_failed", "بدنه درخواست باید یک شیء JSON باشد.")
    return body


def _text(body: dict, key: str, required: bool = True) -> str | None:
    value = body.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise Problem(400, "validation_failed", f"فیلد {key} باید متن غیرخالی باشد.")
    return value.strip()


def _instant(body: dict, key: str, required: bool = True) -> dt.datetime | None:
    value = _text(body, key, required)
    if value is None:
        return None
    try:
        return parse_instant(value)
    except ValueError:
        raise Problem(400, "validation_failed", f"فیلد {key} باید لحظه ISO 8601 با منطقه زمانی باشد.") from None


@bp.get("")
def status():
    """Mode, seed, anchor date, the business clock and the event head."""
    sandbox = current()
    store = sandbox.store
    return jsonify({"mode": sandbox.settings.mode, "seed": store.seed, "anchor_date": store.anchor.isoformat(),
                    "now": iso(store.clock.now()), "event_head": store.head_cursor, "sample": True})


@bp.get("/citizens")
def citizens():
    """Every sample citizen with their case ids."""
    store = current().store
    with store.lock:
        items = [{
            "sub": c.sub, "national_code": c.national_code, "name": c.name, "given_name": c.given_name,
            "family_name": c.family_name, "mobile": c.mobile, "lawyer": c.is_lawyer,
            "resides_abroad": c.resides_abroad,
            "case_ids": [case.id for case in store.cases_of(c.sub)],
        } for c in store.citizens.values()]
    return jsonify({"sample": True, "citizens": items})


@bp.get("/cases")
def cases():
    """Every case in full, with its citizen parties' subs (for tests and demos)."""
    store = current().store
    with store.lock:
        items = [{**rep.case_detail(store, case, None), "citizen_subs": case.citizen_subs}
                 for case in store.cases.values()]
    return jsonify({"sample": True, "cases": items})


@bp.get("/briefs")
def briefs():
    """Every brief registered at the core, with its idempotency key."""
    store = current().store
    with store.lock:
        items = [{**rep.brief(b), "person": b.person, "idempotency_key": b.idempotency_key}
                 for b in store.briefs.values()]
    return jsonify({"sample": True, "briefs": items})


def _notice_kind(body: dict) -> str:
    """`kind`, or the usual kind of `type`; both given must agree."""
    kind, type_ = body.get("kind"), body.get("type")
    if kind is None and type_ is None:
        raise Problem(400, "validation_failed", "یکی از فیلدهای kind یا type لازم است.")
    if kind is not None and kind not in NOTICE_KINDS:
        raise Problem(400, "validation_failed", f"kind باید یکی از {', '.join(NOTICE_KINDS)} باشد.")
    if type_ is not None and type_ not in NOTICE_TYPES:
        raise Problem(400, "validation_failed", f"type باید یکی از {', '.join(NOTICE_TYPES)} باشد.")
    if kind is not None and type_ is not None and NOTICE_KINDS[kind] != type_:
        raise Problem(400, "validation_failed", f"ابلاغیه از نوع {kind} از دسته {NOTICE_KINDS[kind]} است، نه {type_}.")
    return kind or DEFAULT_KINDS[type_]


def _served_moments(body: dict, now: dt.datetime) -> tuple[dt.datetime | None, dt.datetime | None]:
    issued, opened = _instant(body, "issued_at", required=False), _instant(body, "opened_at", required=False)
    if issued is not None and issued > now:
        raise Problem(400, "validation_failed", "issued_at نباید پس از اکنونِ سامانه باشد.")
    if opened is not None and not (issued or now) <= opened <= now:
        raise Problem(400, "validation_failed", "opened_at باید میان زمان صدور و اکنونِ سامانه باشد.")
    return issued, opened


@bp.post("/notices")
def create_notice():
    """Issue an electronic notice (optionally issued or opened earlier) to a citizen party of a case."""
    body = _body()
    store = current().store
    with store.lock:
        citizen = store.citizen_by_reference(_text(body, "person"))
        if citizen is None:
            raise not_found("شهروند")
        case = store.case(_text(body, "case_id"))
        if citizen.sub not in case.citizen_subs:
            raise Problem(422, "not_a_party", "این شهروند طرف این پرونده نیست.")
        kind = _notice_kind(body)
        hearing_id = _text(body, "hearing_id", required=False)
        if hearing_id is not None:
            if kind != "summons":
                raise Problem(400, "validation_failed", "hearing_id فقط برای احضاریه (summons) پذیرفته است.")
            if hearing_id not in case.hearing_ids:
                raise Problem(400, "validation_failed", "hearing_id باید جلسه‌ای از همین پرونده باشد.")
        abroad = body.get("addressee_resides_abroad")
        if abroad is not None and not isinstance(abroad, bool):
            raise Problem(400, "validation_failed", "addressee_resides_abroad باید true یا false باشد.")
        issued_at, opened_at = _served_moments(body, store.clock.now())
        notice = changes.issue_notice(store, citizen.sub, case, kind, _text(body, "title"),
                                      _text(body, "body", required=False), hearing_id=hearing_id,
                                      issued_at=issued_at, opened_at=opened_at, resides_abroad=abroad)
        return jsonify({**rep.notice(store, notice, with_body=False), "person": notice.person,
                        "body": notice.body}), 201


@bp.post("/hearings")
def create_hearing():
    """Schedule a hearing for a case."""
    body = _body()
    store = current().store
    hearing = changes.schedule_hearing(store, _text(body, "case_id"), _instant(body, "starts_at"),
                                       _instant(body, "ends_at", required=False),
                                       _text(body, "room", required=False))
    return jsonify(rep.hearing(hearing)), 201


@bp.patch("/hearings/<hearing_id>")
def change_hearing(hearing_id: str):
    """Move a hearing ({starts_at, ends_at?}) or cancel it ({status: "cancelled"})."""
    body = _body()
    store = current().store
    if "status" in body and "starts_at" in body:
        raise Problem(400, "validation_failed", "یا starts_at بفرستید یا status، نه هر دو.")
    if "status" in body:
        if body["status"] != "cancelled":
            raise Problem(400, "validation_failed", "تنها وضعیت پذیرفته cancelled است.")
        hearing = changes.cancel_hearing(store, hearing_id)
    else:
        hearing = changes.move_hearing(store, hearing_id, _instant(body, "starts_at"),
                                       _instant(body, "ends_at", required=False))
    return jsonify(rep.hearing(hearing))


@bp.post("/cases/<case_id>/status")
def change_case_status(case_id: str):
    """Set a case's status; an event follows when it changes."""
    status = _text(_body(), "status")
    if status not in CASE_STATUSES:
        raise Problem(400, "validation_failed", f"status باید یکی از {', '.join(CASE_STATUSES)} باشد.")
    case, previous = changes.change_status(current().store, case_id, status)
    return jsonify({"id": case.id, "status": case.status, "previous_status": previous})


@bp.get("/faults")
def get_faults():
    """The faults now applied to /core/v1."""
    store = current().store
    with store.lock:
        return jsonify(store.faults.as_json())


@bp.put("/faults")
def put_faults():
    """Replace the faults: latency_ms (0..60000), error_rate (0..1), down; omitted fields reset."""
    body = _body()
    latency = body.get("latency_ms", 0)
    rate = body.get("error_rate", 0)
    down = body.get("down", False)
    if isinstance(latency, bool) or not isinstance(latency, int) or not 0 <= latency <= 60_000:
        raise Problem(400, "validation_failed", "latency_ms باید عدد صحیح ۰ تا ۶۰٬۰۰۰ باشد.")
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
        raise Problem(400, "validation_failed", "error_rate باید عددی از ۰ تا ۱ باشد.")
    if not isinstance(down, bool):
        raise Problem(400, "validation_failed", "down باید true یا false باشد.")
    store = current().store
    with store.lock:
        store.faults.latency_ms, store.faults.error_rate, store.faults.down = latency, float(rate), down
        return jsonify(store.faults.as_json())


@bp.post("/reset")
def reset():
    """Reseed (optionally with another seed or anchor date) and clear events, briefs, faults, lockouts."""
    body = request.get_json(silent=True) or {}
    sandbox = current()
    store = sandbox.store
    try:
        seed = int(body.get("seed", store.seed))
        anchor = dt.date.fromisoformat(body["anchor_date"]) if body.get("anchor_date") else store.anchor
    except (TypeError, ValueError):
        raise Problem(400, "validation_failed", "seed باید عدد و anchor_date باید تاریخ YYYY-MM-DD باشد.") from None
    store.reset(seed, anchor)
    return jsonify({"seed": store.seed, "anchor_date": store.anchor.isoformat(), "now": iso(store.clock.now()),
                    "event_head": store.head_cursor})


def register_control(app: Flask) -> None:
    from .crowd import register_crowd
    from .visits.control import register_visits_control

    app.register_blueprint(bp)
    register_crowd(app)
    register_visits_control(app)
