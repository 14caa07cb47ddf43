"""What the office tests share: registry rows, in-memory directories, a bundle decoder, sample data loading."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from bff.offices.directory import Directory, Entry

STANDARD_HOURS = {**{day: [["08:00", "14:00"]] for day in ("sat", "sun", "mon", "tue", "wed")},
                  "thu": [["08:00", "12:00"]], "fri": []}
ALWAYS = {day: [["00:00", "24:00"]] for day in ("sat", "sun", "mon", "tue", "wed", "thu", "fri")}
NEVER = {day: [] for day in ("sat", "sun", "mon", "tue", "wed", "thu", "fri")}
ALL_SERVICES = ["petition", "complaint", "declaration", "case_followup", "brief", "judicial_papers", "e_notice",
                "fee_payment"]
ISFAHAN = (32.6525, 51.6746)


def office_row(code: str, lat: float = 35.7, lon: float = 51.4, **fields) -> dict:
    """A valid registry row (as the core sends it), with any field overridden."""
    row = {
        "code": code, "name": f"دفتر خدمات الکترونیک قضایی {code}", "kind": "independent", "counters": 2,
        "province": "tehran", "county": "تهران", "city": "تهران", "district": "مرکزی",
        "address": "خیابان انقلاب، پلاک ۱۰", "postal_code": "1136914511", "phone": "021-66700001",
        "lat": lat, "lon": lon, "services": list(ALL_SERVICES), "hours": STANDARD_HOURS, "status": "active",
        "accessibility": "",
    }
    row.update(fields)
    return row


def entry(code: str, lat: float, lon: float, *, kind: str = "independent", services=ALL_SERVICES,
          hours=STANDARD_HOURS, status: str = "active", name: str | None = None, city: str = "تهران",
          province: str = "tehran", address: str = "خیابان انقلاب") -> Entry:
    return Entry(position=0, code=code, name=name or f"دفتر {code}", kind=kind, counters=2, province=province,
                 county=city, city=city, district="", address=address, postal_code="", phone="", lat=lat, lon=lon,
                 services=tuple(services), hours=hours, status=status,
                 accessibility="", updated_at=datetime(2025, 1, 1, tzinfo=UTC))


def directory_of(entries: list[Entry], holidays: frozenset[date] = frozenset()) -> Directory:
    return Directory(revision="test", entries=list(entries), holidays=holidays)


def shipped_holidays() -> frozenset[date]:
    from bff.offices.registry import HOLIDAYS_FILE

    data = json.loads(HOLIDAYS_FILE.read_text(encoding="utf-8"))
    return frozenset(date.fromisoformat(h["date"]) for h in data["holidays"])


def decode_bundle(bundle: dict) -> list[dict]:
    """The offices of GET /api/v1/offices/bundle, decoded the way the PWA's features/offices/bundle.js does."""
    columns = bundle["columns"]
    count = bundle["count"]
    text = {name: (value.split("\t") if count else []) for name, value in columns.items() if isinstance(value, str)}
    for name in bundle["front_coded"]:
        previous, decoded = "", []
        for value in text[name]:
            previous = previous[:ord(value[0]) - 65] + value[1:]
            decoded.append(previous)
        text[name] = decoded
    coordinates = bundle["coordinates"]
    lats, lons = coordinates["lat"], coordinates["lon"]
    if coordinates["scale"]:
        def undelta(values):
            out, total = [], 0
            for value in values:
                total += value
                out.append(total / coordinates["scale"])
            return out
        lats, lons = undelta(lats), undelta(lons)
    offices = []
    for n in range(count):
        city = text["city"][n]
        name = text["name"][n]
        offices.append({
            "code": text["code"][n],
            "name": name[:-1] + " " + city if name.endswith("\u0640") else name,
            "kind": bundle["kinds"][columns["kind"][n]],
            "counters": columns["counters"][n],
            "province": text["province"][n],
            "county": text["county"][n] or city,
            "city": city,
            "district": text["district"][n],
            "address": text["address"][n],
            "phone": text["phone"][n],
            "lat": lats[n],
            "lon": lons[n],
            "services": [s for bit, s in enumerate(bundle["services"]) if columns["services"][n] >> bit & 1],
            "hours": bundle["schedules"][columns["schedule"][n]],
            "status": bundle["statuses"][columns["status"][n]],
            "accessibility": text["accessibility"][n],
        })
    return offices


# Map tiles for browser tests: loopback, where no tile server runs, so no test ever reaches the internet
# (the list must work without tiles). No port: the CSP's img-src names the tile origin without one.
TEST_TILE_URL = "http://127.0.0.1/tiles/{z}/{x}/{y}.png"


def load_sample_offices(env: dict[str, str]) -> None:
    """`flask offices import` of the 1,676 sample offices into the database ``env`` points at."""
    import subprocess
    import sys
    from pathlib import Path

    from tests.support import ROOT

    flask = Path(sys.executable).parent / "flask"
    subprocess.run([str(flask), "--app", "bff", "offices", "import", str(ROOT / "sandbox" / "data" / "offices.json")],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
