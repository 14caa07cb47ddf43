"""JSON shapes of visit booking, as documented in sandbox/openapi/core-v1.yaml."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import iso
from .calendar import WEEKDAYS, Slot
from .codes import qr_payload
from .state import Closure, Visit

CHANGE_DEADLINE = dt.timedelta(hours=1)  # cancel or move up to one hour before the start


def slot(item: Slot, capacity: int, remaining: int) -> dict[str, Any]:
    return {"id": item.id, "starts_at": iso(item.starts_at), "ends_at": iso(item.ends_at), "capacity": capacity,
            "remaining": remaining}


def day(date: dt.date, status: str, note: str | None, slots: list[dict[str, Any]]) -> dict[str, Any]:
    return {"date": date.isoformat(), "weekday": WEEKDAYS[date.weekday()], "status": status, "note": note,
            "slots": slots}


def visit(qr_key: bytes, item: Visit) -> dict[str, Any]:
    office = item.kind == "office"
    return {
        "id": item.id,
        "status": item.status,
        "kind": item.kind,
        "code": item.code,
        "qr": qr_payload(qr_key, item) if item.status == "booked" else None,
        "slot_id": item.slot_id,
        "starts_at": iso(item.starts_at),
        "ends_at": iso(item.ends_at),
        "service": item.service,
        "office": dict(item.place) if office else None,
        "branch": None if office else dict(item.place),
        "case_id": item.case_id,
        "case_number": item.case_number,
        "notice_id": item.notice_id,
        "booked_at": iso(item.booked_at),
        "updated_at": iso(item.updated_at or item.booked_at),
        "changeable_until": iso(item.starts_at - CHANGE_DEADLINE),
        "cancelled_at": iso(item.cancelled_at),
        "cancelled_by": item.cancelled_by,
        "cancel_reason": item.cancel_reason,
        "version": item.version,
    }


def event_data(item: Visit, **extra: Any) -> dict[str, Any]:
    office = item.kind == "office"
    return {
        "visit_id": item.id, "kind": item.kind, "code": item.code, "slot_id": item.slot_id,
        "starts_at": iso(item.starts_at), "ends_at": iso(item.ends_at),
        "office_code": item.place_code if office else None, "service": item.service,
        "branch_id": None if office else item.place_code, "version": item.version, **extra,
    }


def closure(item: Closure) -> dict[str, Any]:
    office = item.kind == "office"
    return {"kind": item.kind, "office_code": item.place_code if office else None,
            "branch_id": None if office else item.place_code, "date": item.day.isoformat(), "reason": item.reason,
            "closed_at": iso(item.closed_at), "cancelled_visits": list(item.cancelled)}
