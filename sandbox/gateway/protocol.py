"""The codes and formats of SEP's OnlinePG protocol (Saman Electronic Payment, a Shaparak-licensed PSP).

Field names and codes follow SEP's merchant document for the token-based internet payment gateway
(«راهنمای پیاده‌سازی درگاه پرداخت اینترنتی»): the token call, the browser's form POST to the card page,
the form POST back to the merchant (State/Status), VerifyTransaction and ReverseTransaction
(ResultCode), and the receipt inquiry.
"""

from __future__ import annotations

import datetime as dt

from ..config import TEHRAN

# Callback `Status` -> `State`, and the same numbers as a token request's `errorCode`.
STATES = {
    0: "InProgress",  # receipt inquiry only: the token has not been paid (yet)
    1: "CanceledByUser",
    2: "OK",
    3: "Failed",
    4: "SessionIsNull",
    5: "InvalidParameters",
    8: "MerchantIpAddressIsInvalid",
    10: "TokenNotFound",
    11: "TokenRequired",
    12: "TerminalNotFound",
}
STATUS = {state: status for status, state in STATES.items()}
STATE_TEXT = {
    "InProgress": "پرداخت هنوز انجام نشده است",
    "CanceledByUser": "کاربر انصراف داده است",
    "OK": "پرداخت با موفقیت انجام شد",
    "Failed": "پرداخت انجام نشد",
    "SessionIsNull": "کاربر در بازه زمانی تعیین‌شده پاسخی ارسال نکرده است",
    "InvalidParameters": "پارامترهای ارسالی نامعتبر است",
    "MerchantIpAddressIsInvalid": "آدرس سرور پذیرنده نامعتبر است",
    "TokenNotFound": "توکن ارسال‌شده یافت نشد",
    "TokenRequired": "با این شماره ترمینال فقط تراکنش‌های توکنی قابل پرداخت هستند",
    "TerminalNotFound": "شماره ترمینال ارسال‌شده یافت نشد",
}

# VerifyTransaction / ReverseTransaction / receipt inquiry `ResultCode` (`ErrorCode` in the inquiry).
OK, DUPLICATE, REVERSED = 0, 2, 5
NOT_FOUND, TOO_LATE = -2, -6
TERMINAL_DISABLED, TERMINAL_UNKNOWN, IP_NOT_ALLOWED = -104, -105, -106
RESULT_TEXT = {
    OK: "عملیات با موفقیت انجام شد",
    DUPLICATE: "درخواست تکراری می‌باشد",
    REVERSED: "تراکنش برگشت خورده می‌باشد",
    NOT_FOUND: "تراکنش یافت نشد",
    TOO_LATE: "مهلت مجاز این عملیات گذشته است؛ تراکنش تأییدنشده به‌طور خودکار برگشت خورده است",
    TERMINAL_DISABLED: "ترمینال ارسالی غیرفعال می‌باشد",
    TERMINAL_UNKNOWN: "ترمینال ارسالی در سیستم موجود نمی‌باشد",
    IP_NOT_ALLOWED: "آدرس آی‌پی درخواستی غیرمجاز می‌باشد",
}

TOKEN_EXPIRY_MINUTES = (20, 3600)  # TokenExpiryInMin: default and maximum are SEP's 20 and 3600 minutes


def strace_date(instant: dt.datetime) -> str:
    """SEP's `StraceDate`: Tehran local time, "YYYY-MM-DD HH:MM:SS", no zone."""
    return instant.astimezone(TEHRAN).strftime("%Y-%m-%d %H:%M:%S")


def mask_pan(first_six: str, last_four: str) -> str:
    """The only form of a card number that ever leaves the gateway: first six, six stars, last four."""
    return f"{first_six}******{last_four}"
