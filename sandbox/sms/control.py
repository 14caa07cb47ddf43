"""Control API of the SMS provider sandbox (demo and test mode only): the account, every message
it took with its delivery progress, clearing them, and scripted failures."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from flask import Blueprint, jsonify, request

from ..control import _body
from ..model import iso
from ..problems import Problem
from ..runtime import current
from .protocol import STATUS_TEXTS
from .provider import delivery_timings, normalized_mobile
from .state import DEFAULT_CREDIT, SmsFaults, SmsMessage, Timings

bp = Blueprint("sms_control", __name__, url_prefix="/sandbox/control/sms")


def _instant(moment: float | None) -> str | None:
    return iso(dt.datetime.fromtimestamp(moment, dt.UTC)) if moment is not None else None


def _message(message: SmsMessage, person: str | None, now: float, timings: Timings) -> dict[str, Any]:
    status = message.status(now, timings)
    return {
        "messageid": message.messageid, "localid": message.localid, "tag": message.tag,
        "receptor": message.receptor, "person": person, "sender": message.sender, "message": message.text,
        "encoding": message.encoding, "parts": message.parts, "cost": message.cost, "status": status,
        "statustext": STATUS_TEXTS[status], "accepted_at": _instant(message.accepted_at),
        "scheduled_for": _instant(message.send_at) if message.send_at > message.accepted_at else None,
        "sent_at": _instant(message.sent_at(now, timings)),
        "reported_at": _instant(message.reported_at(now, timings)),
    }


@bp.get("")
def account():
    """Where the provider is, its API key and line, the delivery timings and the credit left."""
    sandbox = current()
    settings = sandbox.settings
    with sandbox.store.lock:
        credit, count = sandbox.store.sms.credit, len(sandbox.store.sms.messages)
    return jsonify({"provider": "kavenegar", "base_url": request.host_url + "kavenegar",
                    "api_key": settings.sms_api_key, "sender": settings.sms_sender,
                    "operator_after_ms": settings.sms_operator_after_ms,
                    "report_after_ms": settings.sms_report_after_ms, "credit": credit, "messages": count,
                    "sample": True})


@bp.get("/messages")
def messages():
    """Every message the provider took, oldest first; `receptor` filters by mobile number."""
    store = current().store
    wanted = request.args.get("receptor")
    receptor = normalized_mobile(wanted) if wanted else None
    if wanted and receptor is None:
        raise Problem(400, "validation_failed", "receptor باید شماره همراه ایرانی باشد.")
    now, timings = time.time(), delivery_timings()
    with store.lock:
        people: dict[str, str | None] = {}
        for citizen in store.citizens.values():  # a number shared by two sample citizens names neither
            people[citizen.mobile] = None if citizen.mobile in people else citizen.sub
        items = [_message(m, people.get(m.receptor), now, timings) for m in store.sms.messages.values()
                 if receptor in (None, m.receptor)]
    return jsonify({"sample": True, "messages": items})


@bp.delete("/messages")
def clear_messages():
    """Forget every message and local id (the credit and the faults stay)."""
    store = current().store
    with store.lock:
        count = len(store.sms.messages)
        store.sms.messages.clear()
        store.sms.localids.clear()
    return jsonify({"deleted": count})


def _number(body: dict, key: str, default: float, low: float, high: float, integer: bool) -> Any:
    value = body.get(key, default)
    kinds = int if integer else int | float
    if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
        raise Problem(400, "validation_failed", f"{key} باید عددی از {low:g} تا {high:g} باشد.")
    return value


def _flag(body: dict, key: str) -> bool:
    value = body.get(key, False)
    if not isinstance(value, bool):
        raise Problem(400, "validation_failed", f"{key} باید true یا false باشد.")
    return value


def _receptors(body: dict) -> tuple[str, ...]:
    value = body.get("failing_receptors", [])
    if not isinstance(value, list):
        value = [None]
    numbers = [normalized_mobile(v) if isinstance(v, str) else None for v in value]
    if None in numbers:
        raise Problem(400, "validation_failed", "failing_receptors باید فهرستی از شماره‌های همراه ایرانی باشد.")
    return tuple(numbers)


def _faults_json() -> dict[str, Any]:
    store = current().store
    with store.lock:
        return {**store.sms.faults.as_json(), "credit": store.sms.credit}


@bp.get("/faults")
def get_faults():
    """The scripted failures now applied to the provider, and the credit left."""
    return jsonify(_faults_json())


@bp.put("/faults")
def put_faults():
    """Replace the scripted failures and set the credit; fields left out go back to their defaults."""
    body = _body()
    faults = SmsFaults(
        down=_flag(body, "down"), latency_ms=_number(body, "latency_ms", 0, 0, 60_000, True),
        error_rate=float(_number(body, "error_rate", 0, 0, 1, False)),
        rate_limit_per_minute=_number(body, "rate_limit_per_minute", 0, 0, 100_000, True),
        undelivered_rate=float(_number(body, "undelivered_rate", 0, 0, 1, False)),
        failing_receptors=_receptors(body), links_blocked=_flag(body, "links_blocked"),
    )
    credit = _number(body, "credit", DEFAULT_CREDIT, 0, 10**15, True)
    store = current().store
    with store.lock:
        store.sms.faults, store.sms.credit = faults, credit
        store.sms.send_calls.clear()
    return jsonify(_faults_json())
