"""The merchant's server-to-server calls (JSON): token, VerifyTransaction, ReverseTransaction, receipt inquiry.

Shapes and codes are SEP's (see protocol.py and sandbox/openapi/gateway-sep.yaml). SEP answers its own
business outcomes with HTTP 200 and a code in the body; only malformed requests (400) and scripted
outages (500/503/504) use HTTP errors, as RFC 9457 problems.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, jsonify, request

from ..problems import Problem
from ..runtime import Sandbox, current
from . import bank
from . import protocol as sep

MAX_RES_NUM = 50


def _json_body() -> dict[str, Any] | None:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else None


def _terminal(value: Any) -> str | None:
    """A terminal number sent as a JSON number or a digit string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value > 0:
        return str(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return str(int(value.strip()))
    return None


def _token_error(status: int) -> tuple[Any, int]:
    state = sep.STATES[status]
    return jsonify({"status": -1, "errorCode": str(status), "errorDesc": sep.STATE_TEXT[state]}), 200


def _redirect_ok(url: Any) -> bool:
    if not isinstance(url, str) or len(url) > 2000:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def request_token():
    """`POST /onlinepg/onlinepg` with JSON {action: "token", TerminalId, Amount, ResNum, RedirectUrl, …}."""
    sandbox = current()
    body = _json_body()
    if not bank.merchant_ip_allowed(sandbox, request.remote_addr):
        return _token_error(8)
    if body is None or str(body.get("action", "")).lower() != "token":
        return _token_error(5)
    terminal = _terminal(body.get("TerminalId"))
    if terminal != sandbox.settings.gateway_terminal_id:
        return _token_error(12)
    amount, res_num, expiry = body.get("Amount"), body.get("ResNum"), body.get("TokenExpiryInMin", 20)
    low, high = sep.TOKEN_EXPIRY_MINUTES
    if (isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0
            or not isinstance(res_num, str) or not res_num.strip() or len(res_num) > MAX_RES_NUM
            or not res_num.isprintable() or not _redirect_ok(body.get("RedirectUrl"))
            or isinstance(expiry, bool) or not isinstance(expiry, int) or not low <= expiry <= high):
        return _token_error(5)
    txn = bank.new_transaction(sandbox, terminal, amount, res_num, body["RedirectUrl"], expiry)
    return jsonify({"status": 1, "token": txn.token})


def _refusal(sandbox: Sandbox, terminal: str) -> int | None:
    """The ResultCode refusing this caller (unregistered address, unknown terminal), or None."""
    if not bank.merchant_ip_allowed(sandbox, request.remote_addr):
        return sep.IP_NOT_ALLOWED
    return None if terminal == sandbox.settings.gateway_terminal_id else sep.TERMINAL_UNKNOWN


def _server_call() -> tuple[str, str]:
    """(terminal, RefNum) of a verify or reverse body; 400 when either is missing or malformed."""
    body = _json_body()
    ref_num = body.get("RefNum") if body else None
    terminal = _terminal(body.get("TerminalNumber")) if body else None
    if not isinstance(ref_num, str) or not ref_num.strip() or len(ref_num) > 100 or terminal is None:
        raise Problem(400, "validation_failed", "بدنه باید JSON با RefNum (متن) و TerminalNumber (عدد) باشد.")
    return terminal, ref_num.strip()


def _result(code: int, txn) -> Any:
    return jsonify({
        "TransactionDetail": bank.transaction_detail(txn) if txn is not None else None,
        "ResultCode": code, "ResultDescription": sep.RESULT_TEXT[code], "Success": code in (sep.OK, sep.DUPLICATE),
    })


def verify_transaction():
    """Confirm a payment: only then does it count; unverified ones are reversed when the window ends."""
    sandbox = current()
    terminal, ref_num = _server_call()
    if (refused := _refusal(sandbox, terminal)) is not None:
        return _result(refused, None)
    mode = _scripted_verify_failure(sandbox)
    if mode in ("error", "timeout"):
        _fail(sandbox, mode)
    code, txn = bank.verify(sandbox, terminal, ref_num)
    if mode == "timeout_after_apply":
        _fail(sandbox, "timeout")
    return _result(code, txn)


def _scripted_verify_failure(sandbox: Sandbox) -> str | None:
    faults = sandbox.store.gateway.faults
    with sandbox.store.lock:
        return faults.verify.mode if faults.verify is not None and faults.verify.take() else None


def _fail(sandbox: Sandbox, mode: str) -> None:
    if mode == "error":
        raise Problem(500, "internal_error", "خطای داخلی شبیه‌سازی‌شده در سرویس تأیید تراکنش.")
    time.sleep(sandbox.store.gateway.faults.hang_ms / 1000)
    raise Problem(504, "gateway_timeout", "سرویس تأیید تراکنش به موقع پاسخ نداد (شبیه‌سازی).")


def reverse_transaction():
    """Give the money back: an unverified payment, or a verified one within the reverse window."""
    sandbox = current()
    terminal, ref_num = _server_call()
    if (refused := _refusal(sandbox, terminal)) is not None:
        return _result(refused, None)
    return _result(*bank.reverse(sandbox, terminal, ref_num))


def payment_receipt():
    """Inquiry by RefNum or by Token: what happened to a payment whose callback never came."""
    sandbox = current()
    body = _json_body() or {}
    terminal = _terminal(body.get("TerminalNumber"))
    ref_num, token = body.get("RefNum"), body.get("Token")
    if terminal is None or not any(isinstance(v, str) and v.strip() for v in (ref_num, token)):
        raise Problem(400, "validation_failed", "بدنه باید JSON با TerminalNumber و RefNum یا Token باشد.")
    code = _refusal(sandbox, terminal)
    if code is None:
        txn = bank.inquire(sandbox, terminal, ref_num if isinstance(ref_num, str) else None,
                           token if isinstance(token, str) else None)
        if txn is not None:
            return jsonify({"HasError": False, "Data": bank.receipt(txn), "ErrorCode": 0, "ErrorMessage": None})
        code = sep.NOT_FOUND
    return jsonify({"HasError": True, "Data": None, "ErrorCode": code, "ErrorMessage": sep.RESULT_TEXT[code]})


def register(bp: Blueprint) -> None:
    base = "/verifyTxnRandomSessionkey"
    bp.add_url_rule(f"{base}/ipg/VerifyTransaction", view_func=verify_transaction, methods=["POST"])
    bp.add_url_rule(f"{base}/ipg/ReverseTransaction", view_func=reverse_transaction, methods=["POST"])
    bp.add_url_rule(f"{base}/api/v2/ipg/payment/receipt", view_func=payment_receipt, methods=["POST"])
