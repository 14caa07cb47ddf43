"""One row of the office registry, checked and normalised, whether it comes from the core or a file.

Each row is checked on its own: a bad row is reported (``RowError`` says what is wrong) and skipped,
never the whole registry.
"""

from __future__ import annotations

import json
import math
import re

from bff.offices.catalog import KINDS, PROVINCES, SERVICES, STATUSES
from bff.offices.hours import validate_hours
from bff.platform.text import clean_line, normalise_persian

FIELDS = ("code", "name", "kind", "counters", "province", "county", "city", "district", "address", "postal_code",
          "phone", "lat", "lon", "services", "hours", "status", "accessibility")
_CODE = re.compile(r"^[A-Za-z0-9-]{1,16}$")
_PHONE = re.compile(r"^[0-9+\-() ]{0,40}$")
_LIST_SEPARATORS = re.compile(r"[;,|\s]+")


class RowError(ValueError):
    """Why one row of the registry cannot be used."""


def _text(raw: dict, name: str, *, required: bool = False, max_length: int = 200) -> str:
    value = raw.get(name)
    if value is None:
        value = ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise RowError(f"{name} must be text")
    value = clean_line(str(value))
    if required and not value:
        raise RowError(f"{name} is required")
    if len(value) > max_length:
        raise RowError(f"{name} is longer than {max_length} characters")
    return value


def _number(raw: dict, name: str, low: float, high: float) -> float:
    value = raw.get(name)
    if isinstance(value, str):
        value = normalise_persian(value).strip().replace("\u066b", ".")  # the Persian decimal separator
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RowError(f"{name} must be a number") from None
    if isinstance(value, bool) or not math.isfinite(number) or not low <= number <= high:
        raise RowError(f"{name} must be between {low:g} and {high:g}")
    return round(number, 6)  # 0.1 m: what is stored, served and bundled, identically


def _services(raw: dict) -> list[str]:
    value = raw.get("services")
    if isinstance(value, str):
        value = [part for part in _LIST_SEPARATORS.split(value.strip()) if part]
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise RowError("services must be a list of service codes")
    unknown = sorted(set(value) - set(SERVICES))
    if unknown:
        raise RowError(f"unknown service(s): {', '.join(unknown)}")
    return [s for s in SERVICES if s in value]


def _hours(raw: dict) -> dict:
    value = raw.get("hours")
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise RowError("hours must be JSON: {\"sat\": [[\"08:00\", \"14:00\"]], …}") from None
    try:
        return validate_hours(value)
    except ValueError as exc:
        raise RowError(str(exc)) from None


def parse_office(raw) -> dict:
    """A registry row as the Office columns, normalised; RowError says what is wrong."""
    if not isinstance(raw, dict):
        raise RowError("not an object")
    code = normalise_persian(str(raw.get("code") or "")).strip()
    if not _CODE.match(code):
        raise RowError("code must be 1–16 letters, digits or dashes")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise RowError(f"kind must be one of {', '.join(KINDS)}")
    try:
        counters = int(normalise_persian(str(raw.get("counters"))).strip())
    except ValueError:
        raise RowError("counters must be a whole number") from None
    if counters < 1 or (kind == "independent" and counters < 2):
        raise RowError("counters must be at least 1 (at least 2 for an independent office)")
    province = raw.get("province")
    if province not in PROVINCES:
        raise RowError("province is not one of the 31 province codes")
    status = raw.get("status") or "active"
    if status not in STATUSES:
        raise RowError(f"status must be one of {', '.join(STATUSES)}")
    postal_code = _text(raw, "postal_code", max_length=10).replace(" ", "").replace("-", "")
    if postal_code and not (len(postal_code) == 10 and postal_code.isascii() and postal_code.isdigit()):
        raise RowError("postal_code must be 10 digits")
    phone = _text(raw, "phone", max_length=40)
    if not _PHONE.match(phone):
        raise RowError("phone may contain only digits, spaces, +, - and parentheses")
    city = _text(raw, "city", required=True, max_length=100)
    return {
        "code": code,
        "name": _text(raw, "name", required=True),
        "kind": kind,
        "counters": counters,
        "province": province,
        "county": _text(raw, "county", max_length=100) or city,
        "city": city,
        "district": _text(raw, "district", max_length=100),
        "address": _text(raw, "address", required=True, max_length=500),
        "postal_code": postal_code,
        "phone": phone,
        "lat": _number(raw, "lat", -90, 90),
        "lon": _number(raw, "lon", -180, 180),
        "services": _services(raw),
        "hours": _hours(raw),
        "status": status,
        "accessibility": _text(raw, "accessibility", max_length=500),
    }
