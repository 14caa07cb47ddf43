"""Open now and the next change, in Tehran time, across midnight, weekends, holidays and Nowruz."""

import json
from datetime import UTC, date, datetime

import pytest

from bff.offices.hours import compile_hours, open_state, validate_hours
from tests.support import ROOT
from tests.support.offices import shipped_holidays

FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "office_hours.json").read_text(encoding="utf-8"))
HOLIDAYS = shipped_holidays()


def _now(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("case", FIXTURE["cases"], ids=lambda c: c["note"])
def test_open_state_matches_the_shared_case(case):
    schedule = compile_hours(validate_hours(FIXTURE["hours"][case["hours"]]))
    is_open, change = open_state(schedule, HOLIDAYS, _now(case["now"]),
                                 in_service=case.get("status", "active") == "active")
    assert is_open is case["open_now"]
    assert (change.isoformat() if change else None) == case["next_change"]


def test_the_shipped_table_has_nowruz_of_both_years_and_coinciding_holidays():
    assert {date(2025, 3, 21), date(2025, 3, 24), date(2026, 3, 21), date(2026, 3, 24)} <= HOLIDAYS
    data = json.loads((ROOT / "bff" / "offices" / "data" / "holidays.json").read_text(encoding="utf-8"))
    dates = [h["date"] for h in data["holidays"]]
    assert len(dates) > len(set(dates))  # two occasions on one day are two entries


def test_next_change_is_reported_in_tehran_time():
    schedule = compile_hours(validate_hours(FIXTURE["hours"]["standard"]))
    _, change = open_state(schedule, frozenset(), datetime(2025, 11, 29, 6, 0, tzinfo=UTC))
    assert change.utcoffset().total_seconds() == 3.5 * 3600
    assert change.astimezone(UTC) == datetime(2025, 11, 29, 10, 30, tzinfo=UTC)


@pytest.mark.parametrize(("hours", "message"), [
    ({"sat": [["8:00", "14:00"]]}, "HH:MM"),
    ({"sat": [["08:00", "24:30"]]}, "HH:MM"),
    ({"sat": [["24:00", "02:00"]]}, "24:00"),
    ({"sat": [["08:00", "08:00"]]}, "start and end"),
    ({"someday": []}, "unknown weekday"),
    ({"sat": "08:00-14:00"}, "list"),
    ({"sat": [["08:00"]]}, "interval"),
    ([], "object"),
])
def test_invalid_hours_are_refused_with_a_reason(hours, message):
    with pytest.raises(ValueError, match=message):
        validate_hours(hours)


def test_validated_hours_list_every_weekday_with_sorted_intervals():
    hours = validate_hours({"sat": [["16:00", "19:00"], ["08:00", "12:00"]]})
    assert list(hours) == ["sat", "sun", "mon", "tue", "wed", "thu", "fri"]
    assert hours["sat"] == [["08:00", "12:00"], ["16:00", "19:00"]] and hours["fri"] == []
