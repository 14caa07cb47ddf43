"""Kavenegar's REST protocol: the answer envelope, its `return.status` codes and message statuses.

Every answer is JSON `{"return": {"status", "message"}, "entries": ...}`, with the HTTP status equal
to `return.status`; `entries` is null on an error. Codes and field names are the provider's; the
Persian messages are the sandbox's wording of their documented meaning.
"""

from __future__ import annotations

from typing import Any

from flask import Response, json

RETURN_MESSAGES = {
    200: "تایید شد",
    400: "پارامترها ناقص هستند.",
    403: "کلید API معتبر نیست.",
    404: "متد درخواست‌شده وجود ندارد.",
    405: "روش درخواست باید GET یا POST باشد.",
    406: "پارامتر اجباری خالی فرستاده شده است.",
    409: "سرور فعلاً قادر به پاسخ نیست؛ بعداً دوباره تلاش کنید.",
    411: "گیرنده نامعتبر است.",
    412: "فرستنده نامعتبر است.",
    413: "متن پیام خالی یا بلندتر از اندازه مجاز است.",
    414: "تعداد رکوردهای درخواست بیش از حد مجاز است.",
    417: "تاریخ ارسال نامعتبر است.",
    418: "اعتبار حساب کافی نیست.",
    419: "تعداد شناسه‌های محلی با تعداد گیرندگان برابر نیست.",
    420: "ارسال پیام دارای پیوند (لینک) برای این حساب محدود شده است.",
    451: "فراخوانی بیش از حد در بازه زمانی مجاز؛ کمی بعد دوباره تلاش کنید.",
}

QUEUED, SCHEDULED, SENT_TO_OPERATOR, DELIVERED, UNDELIVERED, INVALID_ID = 1, 2, 4, 10, 11, 100
STATUS_TEXTS = {
    QUEUED: "در صف ارسال",
    SCHEDULED: "زمان‌بندی شده",
    SENT_TO_OPERATOR: "ارسال به مخابرات",
    6: "خطا در ارسال",
    DELIVERED: "رسیده به گیرنده",
    UNDELIVERED: "نرسیده به گیرنده",
    13: "لغو شده",
    14: "بلاک شده",
    INVALID_ID: "شناسه پیامک نامعتبر است",
}
FINAL_STATUSES = frozenset({6, DELIVERED, UNDELIVERED, 13, 14})

DOWN_PAGE = (
    "<html><head><title>503 Service Temporarily Unavailable</title></head><body>"
    "<center><h1>503 Service Temporarily Unavailable</h1></center></body></html>"
)


class KavenegarError(Exception):
    """Refuses a call with one of the protocol's `return.status` codes."""

    def __init__(self, status: int):
        super().__init__(RETURN_MESSAGES[status])
        self.status = status


def answer(entries: Any, status: int = 200) -> Response:
    body = {"return": {"status": status, "message": RETURN_MESSAGES[status]}, "entries": entries}
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")


def down_page() -> Response:
    """What the provider's front end answers while the service behind it is down: HTML, not the protocol."""
    return Response(DOWN_PAGE, status=503, mimetype="text/html")
