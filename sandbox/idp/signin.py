"""Checking a national code and one-time code, with a lockout after repeated wrong codes."""

from __future__ import annotations

import hmac
import math
import time
from dataclasses import dataclass

from ..model import Citizen
from ..persian import ascii_digits, is_valid_national_code, persian_digits
from ..runtime import Sandbox
from ..store import Lockout

MAX_WRONG_CODES = 5


@dataclass
class SignInResult:
    citizen: Citizen | None = None
    error: str | None = None
    status: int = 200
    retry_after: int | None = None


def normalise_digits(raw: str | None) -> str:
    return ascii_digits((raw or "").strip()).replace(" ", "").replace("-", "")


def check_national_code(code: str) -> str | None:
    """A Persian error message, or None when the code is valid."""
    if not code:
        return "کد ملی را وارد کنید."
    if len(code) != 10 or not code.isdigit():
        return "کد ملی باید ۱۰ رقم باشد."
    if not is_valid_national_code(code):
        return "کد ملی معتبر نیست؛ رقم کنترل آن با بقیه رقم‌ها نمی‌خواند."
    return None


def _locked(lockout: Lockout, now: float) -> SignInResult:
    seconds = math.ceil(lockout.locked_until - now)
    minutes = persian_digits(max(1, math.ceil(seconds / 60)))
    return SignInResult(
        error=f"به دلیل {persian_digits(MAX_WRONG_CODES)} بار ورود کد یکبار مصرف نادرست، ورود با این کد ملی "
              f"تا {minutes} دقیقه دیگر ممکن نیست.",
        status=429, retry_after=seconds,
    )


def sign_in(sandbox: Sandbox, national_code_raw: str | None, otp_raw: str | None) -> SignInResult:
    code = normalise_digits(national_code_raw)
    problem = check_national_code(code)
    if problem:
        return SignInResult(error=problem, status=400)
    otp = normalise_digits(otp_raw)
    store = sandbox.store
    now = time.time()
    with store.lock:
        lockout = store.lockouts.setdefault(code, Lockout())
        if lockout.locked_until > now:
            return _locked(lockout, now)  # even a correct code waits until the lockout ends
        if lockout.locked_until:
            lockout.failures, lockout.locked_until = 0, 0.0
        if not hmac.compare_digest(otp.encode(), sandbox.settings.otp.encode()):
            lockout.failures += 1
            if lockout.failures >= MAX_WRONG_CODES:
                lockout.locked_until = now + sandbox.settings.lockout_seconds
                return _locked(lockout, now)
            left = persian_digits(MAX_WRONG_CODES - lockout.failures)
            return SignInResult(error=f"کد یکبار مصرف نادرست است. {left} بار دیگر می‌توانید تلاش کنید.",
                                status=401)
        lockout.failures = 0
        citizen = store.by_national_code.get(code)
    if citizen is None:
        return SignInResult(
            error="این کد ملی در داده‌های نمونه نیست؛ یکی از کدهای ملی جدول زیر را وارد کنید.", status=404)
    return SignInResult(citizen=citizen)
