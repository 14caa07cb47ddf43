"""Control API of payment items (demo and test mode): see every item and create one for a citizen."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, jsonify, request

from ..problems import Problem, not_found
from ..runtime import current
from . import ledger
from .representations import payment_item

bp = Blueprint("payments_control", __name__, url_prefix="/sandbox/control/payment-items")


def _optional_text(body: dict, key: str) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise Problem(400, "validation_failed", f"فیلد {key} باید متن غیرخالی باشد.")
    return value.strip()


@bp.get("")
def list_items():
    """Every payment item, with the citizen who owes it and its payment record."""
    store = current().store
    with store.lock:
        today = ledger.tehran_today(store)
        items = [{**payment_item(i, today, store.cases[i.case_id].case_number if i.case_id else None),
                  "person": i.person} for i in store.payments.items.values()]
    return jsonify({"sample": True, "items": items})


@bp.post("")
def create_item():
    """A new item for a citizen (sub or national code): {person, kind, amount, case_id | filing_id, …}."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Problem(400, "validation_failed", "بدنه درخواست باید یک شیء JSON باشد.")
    store = current().store
    citizen = store.citizen_by_reference(_optional_text(body, "person") or "")
    if citizen is None:
        raise not_found("شهروند")
    due = _optional_text(body, "due_date")
    try:
        due_date = dt.date.fromisoformat(due) if due else None
    except ValueError:
        raise Problem(400, "validation_failed", "due_date باید تاریخ YYYY-MM-DD باشد.") from None
    item = ledger.create_item(
        store, person=citizen.sub, kind=_optional_text(body, "kind") or "", amount=body.get("amount"),
        title=_optional_text(body, "title"), due_date=due_date, case_id=_optional_text(body, "case_id"),
        filing_id=_optional_text(body, "filing_id"),
    )
    with store.lock:
        case_number = store.cases[item.case_id].case_number if item.case_id else None
        return jsonify({**payment_item(item, ledger.tehran_today(store), case_number), "person": item.person}), 201
