"""The one date formatter of the server: Solar Hijri (Jalali) dates in Tehran time, Persian or English.

The PWA formats with the browser's Intl (``fa-IR-u-ca-persian``); tests hold both to the same output.
Store and exchange instants in UTC; format only at the edge.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import jdatetime

from bff.platform.text import digits

TEHRAN = ZoneInfo("Asia/Tehran")

MONTHS = {
    "fa": ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"],
    "en": ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban", "Azar", "Dey",
           "Bahman", "Esfand"],
}
# Python's weekday(): Monday = 0.
WEEKDAYS = {
    "fa": ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
def to_tehran(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("naive datetime: pass an aware UTC instant")
    return instant.astimezone(TEHRAN)


def jalali(instant: datetime) -> jdatetime.datetime:
    """The Jalali calendar fields of an instant, in Tehran."""
    return jdatetime.datetime.fromgregorian(datetime=to_tehran(instant).replace(tzinfo=None))


def format_date(instant: datetime, lang: str = "fa", *, weekday: bool = True) -> str:
    """«شنبه ۱۵ آذر ۱۴۰۵» / "Saturday 15 Azar 1405"."""
    local = to_tehran(instant)
    j = jalali(instant)
    text = f"{j.day} {MONTHS[lang][j.month - 1]} {j.year}"
    if weekday:
        text = f"{WEEKDAYS[lang][local.weekday()]} {text}"
    return digits(text, lang)


def format_time(instant: datetime, lang: str = "fa") -> str:
    """«۹:۳۰» / "09:30" (24-hour clock, Tehran time)."""
    local = to_tehran(instant)
    return digits(f"{local.hour}:{local.minute:02d}") if lang == "fa" else f"{local.hour:02d}:{local.minute:02d}"


def format_datetime(instant: datetime, lang: str = "fa", *, weekday: bool = True) -> str:
    """«شنبه ۱۵ آذر ۱۴۰۵، ساعت ۹:۳۰» / "Saturday 15 Azar 1405, 09:30"."""
    if lang == "fa":
        return f"{format_date(instant, lang, weekday=weekday)}، ساعت {format_time(instant, lang)}"
    return f"{format_date(instant, lang, weekday=weekday)}, {format_time(instant, lang)}"


def parse_instant(value: str) -> datetime:
    """An ISO 8601 instant from the core ("…Z" or with an offset) as an aware UTC datetime."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"instant without a time zone: {value!r}")
    return parsed.astimezone(UTC)


def iso_instant(instant: datetime) -> str:
    """An instant as the API and the core write it: UTC, to the second, with a trailing Z."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
