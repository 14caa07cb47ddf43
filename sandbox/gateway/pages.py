"""The gateway's pages in the card holder's browser: the card page and the way back to the merchant.

No scripts: the return to the merchant is a form the card holder submits with a visible button
(«بازگشت به سایت پذیرنده»), as on SEP's own receipt page. A strict CSP allows forms to post only here
and to the merchant's RedirectUrl origin.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Response, render_template, request

from ..persian import grouped_rials, jalali_datetime, persian_digits
from ..runtime import current
from . import api, bank
from . import protocol as sep
from .cards import BY_ID, CARDS
from .state import Transaction

MERCHANT_NAME = "همراه قضایی — پرداخت هزینه‌های دادرسی (نمونه)"
OUTCOME_TITLES = {
    "OK": "پرداخت با موفقیت انجام شد",
    "Failed": "پرداخت انجام نشد",
    "CanceledByUser": "پرداخت لغو شد",
    "SessionIsNull": "زمان پرداخت به پایان رسید",
}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _page(html: str, status: int = 200, merchant_url: str | None = None) -> Response:
    response = Response(html, status=status, mimetype="text/html")
    form_action = "'self'" + (f" {_origin(merchant_url)}" if merchant_url else "")
    response.headers.update({
        "Content-Security-Policy": f"default-src 'none'; style-src 'unsafe-inline'; form-action {form_action}; "
                                   "frame-ancestors 'none'; base-uri 'none'",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    })
    return response


def message(title: str, detail: str, status: int) -> Response:
    return _page(render_template("message.html", title=title, detail=detail), status)


def online_pg():
    """The token request (JSON, server to server) or the browser's form POST with `Token` (the card page)."""
    if request.is_json:
        return api.request_token()
    get_method = request.form.get("GetMethod", "").strip().lower() in ("true", "1")
    return _card_page(request.form.get("Token", "").strip(), get_method)


def send_token():
    """`GET /OnlinePG/SendToken?token=…`: the card page by redirect instead of a form POST."""
    return _card_page(request.args.get("token", "").strip(), None)


def _card_page(token: str, get_method: bool | None) -> Response:
    txn = bank.find_by_token(current(), token, get_method) if token else None
    if txn is None:
        return message("توکن یافت نشد", sep.STATE_TEXT["TokenNotFound"] + ". از سایت پذیرنده دوباره اقدام کنید.", 404)
    if txn.state != "issued":
        return _result_page(txn)
    html = render_template(
        "gateway/card.html", merchant=MERCHANT_NAME, terminal=persian_digits(txn.terminal_id),
        amount=grouped_rials(txn.amount), res_num=txn.res_num, expires=jalali_datetime(txn.expires_at),
        token=txn.token, cards=CARDS, fa=persian_digits,
    )
    return _page(html)


def pay():
    """The card holder chose a test card; the answer is the outcome and the way back to the merchant."""
    sandbox = current()
    token, card = request.form.get("Token", "").strip(), BY_ID.get(request.form.get("Card", ""))
    txn = bank.find_by_token(sandbox, token) if token else None
    if txn is None:
        return message("توکن یافت نشد", sep.STATE_TEXT["TokenNotFound"] + ".", 404)
    if card is None and txn.state == "issued":
        return message("کارت نامعتبر", "یکی از کارت‌های آزمایشی فهرست را انتخاب کنید.", 400)
    return _result_page(bank.pay(sandbox, txn, card) if card is not None else txn)


def _result_page(txn: Transaction) -> Response:
    if txn.state == "processing":
        return message("در حال پردازش", "پاسخ بانک صادرکننده هنوز نرسیده است؛ چند لحظه بعد صفحه را تازه کنید.", 200)
    card = BY_ID.get(txn.card or "")
    html = render_template(
        "gateway/result.html", txn=txn, title=OUTCOME_TITLES.get(txn.outcome, sep.STATE_TEXT[txn.outcome]),
        reason=card.explanation if card is not None and txn.outcome != "OK" else sep.STATE_TEXT[txn.outcome],
        merchant=MERCHANT_NAME, amount=grouped_rials(txn.amount), fa=persian_digits,
        paid_at=jalali_datetime(txn.charged_at) if txn.charged_at else None,
        fields=bank.callback_fields(txn) if txn.callback in (None, "shown") else None,
        method="get" if txn.get_method else "post",
    )
    return _page(html, merchant_url=txn.redirect_url)


def register(bp: Blueprint) -> None:
    # SEP's server ignores the case of this path (merchants use both spellings); Flask does not
    bp.add_url_rule("/OnlinePG/OnlinePG", view_func=online_pg, methods=["POST"])
    bp.add_url_rule("/onlinepg/onlinepg", view_func=online_pg, methods=["POST"], endpoint="online_pg_lower")
    bp.add_url_rule("/OnlinePG/SendToken", view_func=send_token, methods=["GET"])
    bp.add_url_rule("/OnlinePG/Pay", view_func=pay, methods=["POST"])
