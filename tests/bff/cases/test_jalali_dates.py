"""The server's date formatter against the fixture the PWA's formatter is held to (tests/fixtures/jalali-dates.json)."""

import json
from datetime import UTC, datetime

import pytest

from bff.platform.dates import format_date, format_datetime, parse_instant
from tests.support import ROOT

FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "jalali-dates.json").read_text(encoding="utf-8"))["dates"]


@pytest.mark.parametrize("entry", FIXTURE, ids=lambda e: e["instant"])
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_server_formats_each_fixture_instant_as_expected(entry, lang):
    instant = parse_instant(entry["instant"])
    assert format_date(instant, lang) == entry[lang]["date"]
    assert format_datetime(instant, lang) == entry[lang]["datetime"]


@pytest.mark.parametrize(("instant", "expected"), [
    (datetime(2025, 3, 21, 8, 0, tzinfo=UTC), "جمعه ۱ فروردین ۱۴۰۴"),  # Nowruz 1404
    (datetime(2025, 3, 20, 12, 0, tzinfo=UTC), "پنجشنبه ۳۰ اسفند ۱۴۰۳"),  # 1403 is a leap year
    (datetime(2025, 3, 20, 20, 30, tzinfo=UTC), "جمعه ۱ فروردین ۱۴۰۴"),  # midnight in Tehran is 20:30 UTC
    (datetime(2026, 3, 20, 12, 0, tzinfo=UTC), "جمعه ۲۹ اسفند ۱۴۰۴"),  # 1404 is not
    (datetime(2026, 12, 6, 4, 30, tzinfo=UTC), "یکشنبه ۱۵ آذر ۱۴۰۵"),
])
def test_gregorian_instants_become_the_right_jalali_day(instant, expected):
    assert format_date(instant) == expected


def test_the_fixture_covers_nowruz_and_the_last_day_of_a_leap_year():
    shown = {entry["fa"]["date"] for entry in FIXTURE}
    assert "جمعه ۱ فروردین ۱۴۰۴" in shown
    assert "پنجشنبه ۳۰ اسفند ۱۴۰۳" in shown
    assert all(entry["instant"].endswith("Z") for entry in FIXTURE)
