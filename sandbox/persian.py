"""Persian digits, national-code checks and Solar Hijri dates for sample data and pages."""

from __future__ import annotations

import datetime as dt

import jdatetime

from .config import TEHRAN

_TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)


def ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to ASCII; everything else unchanged."""
    return text.translate(_TO_ASCII)


def persian_digits(value: object) -> str:
    return str(value).translate(_TO_PERSIAN)


def national_code_check_digit(first_nine: str) -> int:
    total = sum(int(digit) * (10 - i) for i, digit in enumerate(first_nine))
    remainder = total % 11
    return remainder if remainder < 2 else 11 - remainder


def is_valid_national_code(code: str) -> bool:
    """Ten ASCII digits, a correct check digit, and not all the same digit."""
    if len(code) != 10 or not code.isascii() or not code.isdigit():
        return False
    if len(set(code)) == 1:
        return False
    return national_code_check_digit(code[:9]) == int(code[9])


def jalali_date(instant: dt.datetime) -> str:
    """For example «۸ آذر ۱۴۰۵», in Tehran time."""
    local = jdatetime.datetime.fromgregorian(datetime=instant.astimezone(TEHRAN))
    return persian_digits(f"{local.day} {MONTHS[local.month - 1]} {local.year}")


def jalali_datetime(instant: dt.datetime) -> str:
    local = instant.astimezone(TEHRAN)
    return f"{jalali_date(instant)} ساعت {persian_digits(local.strftime('%H:%M'))}"


def jalali_year(day: dt.date) -> int:
    return jdatetime.date.fromgregorian(date=day).year


def grouped_rials(amount: int) -> str:
    return persian_digits(f"{amount:,}").replace(",", "٬")
