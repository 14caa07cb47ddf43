"""Kavenegar's REST API as the sandbox serves it under /kavenegar/v1/{API-KEY}/…: send, status,
status by local id and account info, each by GET (query) or POST (form), answering JSON."""

from __future__ import annotations

import hmac
import random
import re
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, request

from ..persian import ascii_digits
from ..runtime import current
from ..store import Store
from .protocol import INVALID_ID, STATUS_TEXTS, KavenegarError, answer, down_page
from .state import PART_COST, SmsMessage, SmsState, Timings
from .text import parts_of

bp = Blueprint("kavenegar", __name__, url_prefix="/kavenegar/v1")
ANY_METHOD = ["GET", "POST", "PUT", "PATCH", "DELETE"]
MAX_RECEPTORS = 200
MAX_STATUS_IDS = 500
MAX_PARTS = 8
PAST_DATE_TOLERANCE = 60  # seconds
MOBILE = re.compile(r"^(?:\+98|0098|98|0)?(9[0-9]{9})$")
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
_chance = random.SystemRandom()


def normalized_mobile(text: str) -> str | None:
    """An Iranian mobile number as 09XXXXXXXXX, from 09…, 9…, 989…, +989… or 00989…; None otherwise."""
    match = MOBILE.match(ascii_digits(text.strip()).replace(" ", ""))
    return "0" + match.group(1) if match else None


def _params() -> dict[str, str]:
    """Query and form parameters, names case-insensitive; the form wins."""
    merged = {key.lower(): value for key, value in request.args.items()}
    merged.update({key.lower(): value for key, value in request.form.items()})
    return merged


def _list(params: dict[str, str], name: str, limit: int) -> list[str]:
    if name not in params:
        raise KavenegarError(400)
    items = [item.strip() for item in params[name].split(",")]
    if not any(items):
        raise KavenegarError(406)
    if len(items) > limit:
        raise KavenegarError(414)
    return items


def delivery_timings() -> Timings:
    settings = current().settings
    return Timings(settings.sms_operator_after_ms / 1000, settings.sms_report_after_ms / 1000)


def provider_call(view: Callable[[Store, dict[str, str]], Any]) -> Callable:
    """Faults, method and API key first; the latency delays the answer after the work is done, so
    a client that times out may still have had its message accepted."""

    @wraps(view)
    def run(apikey: str, **_):
        sandbox = current()
        store = sandbox.store
        with store.lock:
            faults = store.sms.faults.as_json()
        try:
            if faults["down"]:
                response = down_page()
            elif request.method not in ("GET", "POST"):
                raise KavenegarError(405)
            elif not hmac.compare_digest(apikey.encode(), sandbox.settings.sms_api_key.encode()):
                raise KavenegarError(403)
            elif faults["error_rate"] and _chance.random() < faults["error_rate"]:
                raise KavenegarError(409)
            else:
                response = answer(view(store, _params()))
        except KavenegarError as refused:
            response = answer(None, refused.status)
        if faults["latency_ms"]:
            time.sleep(faults["latency_ms"] / 1000)  # outside the lock
        return response

    return run


def _entry(message: SmsMessage, now: float, timings: Timings) -> dict[str, Any]:
    status = message.status(now, timings)
    return {"messageid": message.messageid, "message": message.text, "status": status,
            "statustext": STATUS_TEXTS[status], "sender": message.sender, "receptor": message.receptor,
            "date": int(message.accepted_at), "cost": message.cost}


def _send_at(params: dict[str, str], now: float) -> float:
    """`date`: Unix time to send at; missing or empty means now, the past or garbage is 417."""
    raw = params.get("date", "").strip()
    if not raw:
        return now
    if not raw.isascii() or not raw.isdigit() or int(raw) < now - PAST_DATE_TOLERANCE:
        raise KavenegarError(417)
    return max(float(raw), now)


def _outcome(state: SmsState, receptor: str) -> int:
    failing = receptor in state.faults.failing_receptors
    if failing or (state.faults.undelivered_rate and _chance.random() < state.faults.undelivered_rate):
        return 11
    return 10


@provider_call
def send(store: Store, params: dict[str, str]) -> list[dict[str, Any]]:
    """sms/send: one message per receptor (comma list), idempotent per `localid`."""
    settings = current().settings
    now = time.time()
    with store.lock:
        if store.sms.over_rate_limit(time.monotonic()):
            raise KavenegarError(451)
    receptors = [normalized_mobile(r) for r in _list(params, "receptor", MAX_RECEPTORS)]
    if None in receptors:
        raise KavenegarError(411)
    if "message" not in params:
        raise KavenegarError(400)
    sender = params.get("sender", "").strip() or settings.sms_sender
    if sender != settings.sms_sender:
        raise KavenegarError(412)
    text = params["message"]
    encoding, parts = parts_of(text)
    if not text.strip() or parts > MAX_PARTS:
        raise KavenegarError(413)
    send_at = _send_at(params, now)
    localids = [item.strip() for item in params["localid"].split(",")] if params.get("localid") else None
    if localids is not None and len(localids) != len(receptors):
        raise KavenegarError(419)
    tag = params.get("tag") or None
    with store.lock:
        state = store.sms
        if state.faults.links_blocked and LINK.search(text):
            raise KavenegarError(420)
        known = [state.localids.get(localids[i]) if localids else None for i in range(len(receptors))]
        cost = parts * PART_COST
        if cost * known.count(None) > state.credit:
            raise KavenegarError(418)
        messages = []
        for index, receptor in enumerate(receptors):
            if known[index] is not None:
                messages.append(state.messages[known[index]])
                continue
            message = SmsMessage(
                messageid=state.next_id(), localid=localids[index] if localids else None, tag=tag,
                receptor=receptor, sender=sender, text=text, encoding=encoding, parts=parts, cost=cost,
                accepted_at=now, send_at=send_at, outcome=_outcome(state, receptor),
            )
            state.messages[message.messageid] = message
            if message.localid:
                state.localids[message.localid] = message.messageid
            state.credit -= cost
            messages.append(message)
        return [_entry(m, now, delivery_timings()) for m in messages]


@provider_call
def status(store: Store, params: dict[str, str]) -> list[dict[str, Any]]:
    """sms/status: the delivery status of each `messageid` (comma list, up to 500); 100 when unknown."""
    ids = _list(params, "messageid", MAX_STATUS_IDS)
    if not all(item.isascii() and item.isdigit() for item in ids):
        raise KavenegarError(400)
    now, timings = time.time(), delivery_timings()
    with store.lock:
        entries = []
        for item in ids:
            message = store.sms.messages.get(int(item))
            code = message.status(now, timings) if message else INVALID_ID
            entries.append({"messageid": int(item), "status": code, "statustext": STATUS_TEXTS[code]})
        return entries


@provider_call
def status_by_localid(store: Store, params: dict[str, str]) -> list[dict[str, Any]]:
    """sms/statuslocalmessageid: the same by the caller's own `localid`s; messageid 0 when unknown."""
    localids = _list(params, "localid", MAX_STATUS_IDS)
    now, timings = time.time(), delivery_timings()
    with store.lock:
        entries = []
        for localid in localids:
            messageid = store.sms.localids.get(localid)
            code = store.sms.messages[messageid].status(now, timings) if messageid else INVALID_ID
            entries.append({"messageid": messageid or 0, "localid": localid, "status": code,
                            "statustext": STATUS_TEXTS[code]})
        return entries


@provider_call
def account_info(store: Store, params: dict[str, str]) -> dict[str, Any]:
    """account/info: the remaining credit in rial."""
    with store.lock:
        credit = store.sms.credit
    return {"remaincredit": credit, "expiredate": int(time.time()) + 365 * 86400, "type": "master"}


@provider_call
def unknown_method(store: Store, params: dict[str, str]):
    """Any other path under the key: the protocol's «unknown method»."""
    raise KavenegarError(404)


for rule, view in (("/<apikey>/sms/send.json", send), ("/<apikey>/sms/status.json", status),
                   ("/<apikey>/sms/statuslocalmessageid.json", status_by_localid),
                   ("/<apikey>/account/info.json", account_info), ("/<apikey>/<path:rest>", unknown_method)):
    bp.add_url_rule(rule, view_func=view, methods=ANY_METHOD)
