"""The citizen, their cases and their hearings."""

from __future__ import annotations

from flask import Blueprint, g, jsonify, request

from ..model import parse_instant
from ..problems import invalid_parameter
from ..runtime import current
from . import representations as rep
from .auth import citizen_required


@citizen_required
def me():
    """The signed-in citizen."""
    citizen = g.citizen
    return jsonify({"sub": citizen.sub, "name": citizen.name, "national_code": citizen.national_code,
                    "mobile": citizen.mobile})


@citizen_required
def list_cases():
    """Cases where the citizen is a party, most recently changed first."""
    store = current().store
    with store.lock:
        cases = sorted(store.cases_of(g.citizen.sub), key=lambda c: c.last_change_at, reverse=True)
        return jsonify({"sample": True, "cases": [rep.case_summary(store, c, g.citizen.sub) for c in cases]})


@citizen_required
def get_case(case_id: str):
    """One case with parties, timeline and hearings."""
    store = current().store
    with store.lock:
        return jsonify(rep.case_detail(store, store.case_of(g.citizen.sub, case_id), g.citizen.sub))


@citizen_required
def list_hearings():
    """Hearings of the citizen's cases starting at or after `from` (default: now)."""
    store = current().store
    raw = request.args.get("from")
    try:
        start = parse_instant(raw) if raw else store.clock.now()
    except ValueError:
        raise invalid_parameter("پارامتر from باید یک لحظه ISO 8601 با منطقه زمانی باشد.") from None
    with store.lock:
        items = []
        for case in store.cases_of(g.citizen.sub):
            for hearing in store.hearings_of(case):
                if hearing.starts_at >= start:
                    items.append({**rep.hearing(hearing), "case_number": case.case_number, "title": case.title})
        items.sort(key=lambda item: (item["starts_at"], item["id"]))
        return jsonify({"sample": True, "hearings": items})


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/me", view_func=me, methods=["GET"])
    bp.add_url_rule("/cases", view_func=list_cases, methods=["GET"])
    bp.add_url_rule("/cases/<case_id>", view_func=get_case, methods=["GET"])
    bp.add_url_rule("/hearings", view_func=list_hearings, methods=["GET"])
