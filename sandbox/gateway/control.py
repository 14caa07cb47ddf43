"""Control API of the bank gateway (demo and test mode): transactions, scripted faults, the reversal sweep."""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, jsonify, request

from ..model import iso, parse_instant
from ..problems import Problem
from ..runtime import current
from . import bank
from .cards import CARDS
from .state import VERIFY_MODES, GatewayFaults, Transaction, VerifyFault

bp = Blueprint("gateway_control", __name__, url_prefix="/sandbox/control/gateway")


def _invalid(detail: str) -> Problem:
    return Problem(400, "validation_failed", detail)


def transaction(txn: Transaction) -> dict[str, Any]:
    return {
        "token": txn.token, "terminal_id": txn.terminal_id, "res_num": txn.res_num, "amount": txn.amount,
        "redirect_url": txn.redirect_url, "state": txn.state, "outcome": txn.outcome, "card": txn.card,
        "ref_num": txn.ref_num or None, "rrn": txn.rrn or None, "trace_no": txn.trace_no or None,
        "masked_pan": txn.masked_pan or None, "callback": txn.callback, "created_at": iso(txn.created_at),
        "expires_at": iso(txn.expires_at), "charged_at": iso(txn.charged_at), "verified_at": iso(txn.verified_at),
        "verify_count": txn.verify_count, "reversed_at": iso(txn.reversed_at), "reversed_by": txn.reversed_by,
    }


@bp.get("")
def status():
    """The terminal, the merchant addresses, the windows, the test cards and the gateway's now."""
    sandbox = current()
    settings = sandbox.settings
    with sandbox.store.lock:
        now = bank.swept_now(sandbox)
    return jsonify({
        "sample": True, "protocol": "SEP OnlinePG", "base_path": "/gateway/sep", "now": iso(now),
        "terminal_id": settings.gateway_terminal_id, "merchant_ips": list(settings.gateway_merchant_ips),
        "reversal_seconds": settings.gateway_reversal_seconds, "reverse_seconds": settings.gateway_reverse_seconds,
        "cards": [{"id": c.id, "label": c.label, "outcome": c.outcome, "masked_pan": c.masked_pan or None,
                   "charges": c.charges, "callback": c.callback, "hangs": c.hangs} for c in CARDS],
    })


@bp.get("/transactions")
def transactions():
    """Every transaction since the last reset, oldest first, and the money check against the core."""
    sandbox = current()
    store = sandbox.store
    with store.lock:
        now = bank.swept_now(sandbox)
        items = list(store.gateway.by_token.values())
        if res_num := request.args.get("res_num"):
            items = [t for t in items if t.res_num == res_num]
        return jsonify({"sample": True, "now": iso(now), "transactions": [transaction(t) for t in items],
                        "summary": summary(sandbox)})


def summary(sandbox) -> dict[str, Any]:
    """Counts by state, and whether every verified payment is recorded at the core exactly once."""
    store = sandbox.store
    counts: dict[str, int] = {}
    for txn in store.gateway.by_token.values():
        counts[txn.state] = counts.get(txn.state, 0) + 1
    terminal = sandbox.settings.gateway_terminal_id
    recorded = {r.reference for r in store.payments.records.values() if r.terminal_id == terminal and not r.seeded}
    verified = {t.ref_num for t in store.gateway.by_ref.values() if t.state == "verified"}
    return {
        "by_state": counts,
        "charged_unsettled": sorted(t.ref_num for t in store.gateway.by_ref.values() if t.state == "charged"),
        "verified_not_recorded": sorted(verified - recorded),
        "recorded_not_verified": sorted(recorded - verified),
    }


@bp.get("/faults")
def get_faults():
    """The scripted faults now applied to the gateway."""
    store = current().store
    with store.lock:
        return jsonify(store.gateway.faults.as_json())


@bp.put("/faults")
def put_faults():
    """Replace the faults; fields left out go back to their defaults."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise _invalid("بدنه درخواست باید یک شیء JSON باشد.")
    faults = GatewayFaults()
    faults.down = _flag(body, "down")
    faults.latency_ms = _whole(body, "latency_ms", 0, 0, 60_000)
    faults.hang_ms = _whole(body, "hang_ms", faults.hang_ms, 0, 120_000)
    rate = body.get("drop_callback_rate", 0)
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1:
        raise _invalid("drop_callback_rate باید عددی از ۰ تا ۱ باشد.")
    faults.drop_callback_rate = float(rate)
    faults.verify = _verify_fault(body.get("verify"))
    store = current().store
    with store.lock:
        store.gateway.faults = faults
        return jsonify(faults.as_json())


def _flag(body: dict, key: str) -> bool:
    value = body.get(key, False)
    if not isinstance(value, bool):
        raise _invalid(f"{key} باید true یا false باشد.")
    return value


def _whole(body: dict, key: str, default: int, low: int, high: int) -> int:
    value = body.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _invalid(f"{key} باید عدد صحیح {low} تا {high} باشد.")
    return value


def _verify_fault(value: Any) -> VerifyFault | None:
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("mode") not in VERIFY_MODES:
        raise _invalid(f"verify باید null یا شیئی با mode یکی از {', '.join(VERIFY_MODES)} باشد.")
    count, seconds = value.get("count"), value.get("for_seconds")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
        raise _invalid("verify.count باید عدد صحیح مثبت باشد.")
    if seconds is not None and (isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds <= 0):
        raise _invalid("verify.for_seconds باید عدد مثبت باشد.")
    until = time.monotonic() + seconds if seconds is not None else None
    return VerifyFault(value["mode"], count, until)


@bp.post("/sweep")
def sweep():
    """Run the bank's sweep as of `as_of` (default now): expire tokens, reverse unverified payments."""
    body = request.get_json(silent=True) or {}
    sandbox = current()
    store = sandbox.store
    try:
        as_of = parse_instant(body["as_of"]) if body.get("as_of") else None
    except (TypeError, ValueError, AttributeError):
        raise _invalid("as_of باید لحظه ISO 8601 با منطقه زمانی باشد.") from None
    with store.lock:
        now = store.clock.now()
        as_of = max(as_of or now, now)
        changed = store.gateway.sweep(as_of, bank.reversal_window(sandbox))
        return jsonify({"as_of": iso(as_of), "changed": [transaction(t) for t in changed]})
