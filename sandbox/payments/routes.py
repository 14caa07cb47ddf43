"""Core routes of court fees: what the citizen owes, one item, and recording a verified payment."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, g, jsonify, request, url_for

from ..core.auth import citizen_or_service_required, citizen_required
from ..model import parse_instant
from ..problems import Problem, invalid_parameter
from ..runtime import current
from ..store import Store
from . import ledger
from .model import STATUSES, PaymentItem
from .representations import payment_item, payment_record

MASKED_PAN = r"^[0-9]{6}\*{6}[0-9]{4}$"


def _item_json(store: Store, item: PaymentItem) -> dict[str, Any]:
    case = store.cases.get(item.case_id) if item.case_id else None
    return payment_item(item, ledger.tehran_today(store), case.case_number if case else None)


@citizen_required
def list_items():
    """The citizen's payment items: overdue, then due (by due date), then paid; `status` filters."""
    wanted = request.args.getlist("status")
    if any(s not in STATUSES for s in wanted):
        raise invalid_parameter(f"پارامتر status باید یکی از {', '.join(STATUSES)} باشد.")
    store = current().store
    with store.lock:
        items = [_item_json(store, i) for i in ledger.items_of(store, g.citizen.sub)]
    return jsonify({"sample": True, "items": [i for i in items if not wanted or i["status"] in wanted]})


@citizen_required
def get_item(item_id: str):
    """One payment item of the citizen, with its payment once recorded."""
    store = current().store
    with store.lock:
        return jsonify(_item_json(store, ledger.item_of(store, g.citizen.sub, item_id)))


@citizen_or_service_required("core.payments")
def record_payment(item_id: str):
    """Record a payment the BFF verified with the gateway; idempotent by the gateway's reference."""
    store = current().store
    details = _details(request.get_json(silent=True))
    sub = g.citizen.sub if g.citizen is not None else None
    record, created = ledger.record_payment(store, sub, item_id, details)
    headers = {"Location": url_for("core.get_payment_item", item_id=item_id)}
    return jsonify(payment_record(record)), 201 if created else 200, headers


def _invalid(detail: str) -> Problem:
    return Problem(400, "validation_failed", detail)


def _details(body: Any) -> ledger.PaymentDetails:
    if not isinstance(body, dict):
        raise _invalid("بدنه درخواست باید یک شیء JSON باشد.")
    texts = {}
    for key, limit in (("gateway", 32), ("terminal_id", 20), ("reference", 100), ("order_id", 100), ("rrn", 20),
                       ("trace_no", 20), ("masked_pan", 19)):
        value = body.get(key)
        if not isinstance(value, str) or not value.strip() or len(value) > limit or not value.isprintable():
            raise _invalid(f"فیلد {key} باید متن غیرخالی حداکثر {limit} نویسه باشد.")
        texts[key] = value.strip()
    if not re.fullmatch(MASKED_PAN, texts["masked_pan"]):
        raise _invalid("masked_pan باید شماره کارت پوشیده باشد: شش رقم اول، شش ستاره، چهار رقم آخر.")
    amount = body.get("amount")
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise _invalid("amount باید عدد صحیح مثبت (ریال) باشد.")
    try:
        paid_at = parse_instant(body["paid_at"]) if isinstance(body.get("paid_at"), str) else None
    except ValueError:
        paid_at = None
    if paid_at is None:
        raise _invalid("paid_at باید لحظه ISO 8601 با منطقه زمانی باشد.")
    return ledger.PaymentDetails(amount=amount, paid_at=paid_at, **texts)


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/payment-items", view_func=list_items, methods=["GET"])
    bp.add_url_rule("/payment-items/<item_id>", view_func=get_item, methods=["GET"], endpoint="get_payment_item")
    bp.add_url_rule("/payment-items/<item_id>/payment", view_func=record_payment, methods=["POST"])
