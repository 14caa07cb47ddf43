"""The sample office registry: sandbox/data/offices.json when present, else a small built-in set."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from .model import iso

FIELDS = (
    "code", "name", "kind", "counters", "province", "county", "city", "district", "address", "postal_code",
    "phone", "lat", "lon", "services", "hours", "status", "accessibility",
)
ALL_SERVICES = ["petition", "complaint", "declaration", "case_followup", "brief", "judicial_papers",
                "e_notice", "fee_payment"]
OFFICE_HOURS = {**{day: [["07:30", "14:30"]] for day in ("sat", "sun", "mon", "tue", "wed")},
                "thu": [["08:00", "12:00"]], "fri": []}
BUILT_IN_GENERATED_AT = "2025-01-01T00:00:00Z"


def _office(code, name, kind, counters, province, city, address, postal_code, phone, lat, lon,
            services=None, status="active", accessibility="") -> dict[str, Any]:
    return {
        "code": code, "name": name, "kind": kind, "counters": counters, "province": province, "county": city,
        "city": city, "district": "مرکزی", "address": address, "postal_code": postal_code, "phone": phone,
        "lat": lat, "lon": lon, "services": services or ALL_SERVICES, "hours": OFFICE_HOURS, "status": status,
        "accessibility": accessibility,
    }


BUILT_IN = [
    _office("00001001", "دفتر خدمات الکترونیک قضایی نمونه ۱ تهران", "independent", 4, "tehran", "تهران",
            "خیابان انقلاب، نرسیده به میدان فردوسی، پلاک ۱۰", "1136914511", "021-66700001", 35.70155, 51.41890,
            accessibility="ورودی همکف با رمپ"),
    _office("00001002", "دفتر خدمات الکترونیک قضایی نمونه ۲ تهران", "single_counter", 1, "tehran", "تهران",
            "خیابان شریعتی، بالاتر از پل سیدخندان، پلاک ۴۲", "1639734151", "021-22800002", 35.75840, 51.44310),
    _office("00002001", "دفتر خدمات الکترونیک قضایی نمونه مشهد", "independent", 3, "razavi_khorasan", "مشهد",
            "بلوار وکیل‌آباد، نبش وکیل‌آباد ۱۰", "9184735611", "051-38400003", 36.32380, 59.53950),
    _office("00003001", "دفتر خدمات الکترونیک قضایی نمونه اصفهان", "independent", 2, "isfahan", "اصفهان",
            "خیابان چهارباغ بالا، کوچه ۸", "8173845961", "031-36600004", 32.64580, 51.66770,
            accessibility="آسانسور دارد"),
    _office("00004001", "باجه قضایی دفتر اسناد رسمی نمونه شیراز", "notary_hosted", 1, "fars", "شیراز",
            "بلوار زند، روبه‌روی پارک ملت، طبقه اول", "7134853371", "071-32300005", 29.61680, 52.53910,
            services=["case_followup", "brief", "judicial_papers", "e_notice", "fee_payment"]),
    _office("00005001", "دفتر خدمات الکترونیک قضایی نمونه تبریز", "independent", 2, "east_azerbaijan", "تبریز",
            "خیابان امام خمینی، جنب بانک ملی", "5138763641", "041-35500006", 38.07330, 46.29610),
    _office("00006001", "دفتر خدمات الکترونیک قضایی نمونه کرج", "single_counter", 1, "alborz", "کرج",
            "بلوار جمهوری، نرسیده به میدان سپاه", "3146874411", "026-34400007", 35.83270, 50.99150,
            status="temporarily_closed"),
    _office("00007001", "دفتر خدمات الکترونیک قضایی نمونه رشت", "independent", 2, "gilan", "رشت",
            "خیابان سعدی، کوچه ۱۴", "4193785311", "013-33300008", 37.28080, 49.58310),
    _office("00008001", "باجه قضایی دفتر پیشخوان نمونه یزد", "eservice_hosted", 1, "yazd", "یزد",
            "بلوار جمهوری اسلامی، پلاک ۷۷", "8915793311", "035-36200009", 31.89740, 54.36750,
            services=["case_followup", "judicial_papers", "e_notice", "fee_payment"]),
    _office("00009001", "دفتر خدمات الکترونیک قضایی نمونه بندرعباس", "independent", 3, "hormozgan", "بندرعباس",
            "بلوار امام خمینی، روبه‌روی بندر شهید باهنر", "7913874511", "076-33300010", 27.18320, 56.26660),
]


def load_offices(path: Path) -> tuple[list[dict[str, Any]], str]:
    """(offices, generated_at). Only the documented fields are kept, in the documented order."""
    if not path.is_file():
        return [dict(o) for o in BUILT_IN], BUILT_IN_GENERATED_AT
    data = json.loads(path.read_text(encoding="utf-8"))
    offices = data["offices"] if isinstance(data, dict) else data
    generated_at = data.get("generated_at") if isinstance(data, dict) else None
    if not generated_at:
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        generated_at = iso(mtime)
    return [{key: office.get(key) for key in FIELDS} for office in offices], generated_at
