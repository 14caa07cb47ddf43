#!/usr/bin/env python3
"""Write tests/fixtures/office_queries.json: a small bundle and nearest/search queries with the server's answers.

The PWA's offline directory (pwa/src/features/offices/bundle.js) must give the same answers as the server
(bff/offices/directory.py); both test suites read this file. Re-run after changing the bundle format or
the query semantics, then review the diff:

    .venv/bin/python scripts/make_office_query_cases.py
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bff.offices.directory import Directory, Entry, encode_bundle  # noqa: E402
from bff.offices.registry import HOLIDAYS_FILE  # noqa: E402
from bff.offices.rows import parse_office  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "office_queries.json"
PROVINCES = ("isfahan", "lorestan", "qom")
NOWS = ("2025-11-29T10:00:00+03:30", "2025-12-05T10:00:00+03:30", "2026-03-21T11:00:00+03:30")

NEAREST = [
    {"lat": 32.6525, "lon": 51.6746},
    {"lat": 32.6525, "lon": 51.6746, "limit": 3, "kinds": ["notary_hosted"]},
    {"lat": 33.98, "lon": 51.43, "limit": 5, "services": ["petition", "brief"]},
    {"lat": 33.48, "lon": 48.35, "limit": 8, "openNow": True},
    {"lat": 34.64, "lon": 50.87, "limit": 20, "maxKm": 15},
    {"lat": 30.0, "lon": 55.0, "limit": 4},
    {"lat": 32.9, "lon": 51.1, "limit": 6, "kinds": ["single_counter", "eservice_hosted"], "openNow": True},
]
SEARCH = [
    {"q": "اصفهان"},
    {"q": "كاشان"},
    {"q": "خيابان امام"},
    {"q": "دفتر اسناد رسمي"},
    {"q": "خرم آباد"},
    {"q": "۱۲"},
    {"province": "qom"},
    {"city": "خرم‌آباد", "kinds": ["notary_hosted", "independent"]},
    {"q": "دفتر", "province": "lorestan", "openNow": True},
    {"q": "ict"},
    {"services": ["petition"], "province": "qom"},
]


def main() -> int:
    holidays_data = json.loads(HOLIDAYS_FILE.read_text(encoding="utf-8"))
    from datetime import date

    holidays = frozenset(date.fromisoformat(h["date"]) for h in holidays_data["holidays"])
    rows = json.loads((ROOT / "sandbox" / "data" / "offices.json").read_text(encoding="utf-8"))["offices"]
    entries = []
    for row in rows:
        if row["province"] in PROVINCES:
            fields = parse_office(row)
            entries.append(Entry(position=0, updated_at=datetime.fromisoformat("2025-11-01T00:00:00+00:00"),
                                 **{**fields, "services": tuple(fields["services"])}))
    directory = Directory(revision="fixture", entries=entries, holidays=holidays,
                          updated_at=datetime.fromisoformat("2025-11-01T00:00:00+00:00"), sample=True)
    cases = {"nearest": [], "search": []}
    for now_text in NOWS:
        now = datetime.fromisoformat(now_text)
        for query in NEAREST:
            found = directory.nearest(query["lat"], query["lon"], query.get("limit", 10),
                                      kinds=query.get("kinds", ()), services=query.get("services", ()),
                                      open_now=query.get("openNow", False), max_km=query.get("maxKm"), now=now)
            cases["nearest"].append({"now": now_text, "query": query, "expected": [
                {"code": e.code, "distance_km": round(km, 3), **_state(directory, e, now)} for km, e in found]})
        for query in SEARCH:
            found = directory.search(query.get("q"), province=query.get("province"), city=query.get("city"),
                                     kinds=query.get("kinds", ()), services=query.get("services", ()),
                                     open_now=query.get("openNow", False), now=now)
            cases["search"].append({"now": now_text, "query": query, "expected": [e.code for e in found]})
    OUT.write_text(json.dumps({
        "about": "Nearest and search answers of the server over a small bundle of sample offices; the PWA's "
                 "offline directory must give the same. Made by scripts/make_office_query_cases.py.",
        "bundle": encode_bundle(directory), **cases}, ensure_ascii=False, indent=None, separators=(",", ":"))
        + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(entries)} offices, {len(cases['nearest'])} nearest and "
          f"{len(cases['search'])} search cases")
    return 0


def _state(directory: Directory, entry: Entry, now: datetime) -> dict:
    is_open, change = directory.state(entry, now)
    return {"open_now": is_open, "next_change": change.isoformat() if change else None}


if __name__ == "__main__":
    sys.exit(main())
