"""Office calendars: weekly hours, short Thursdays, Fridays, holidays, slot lengths, capacity, lead time, horizon."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from sandbox import create_app
from sandbox.config import Settings
from tests.sandbox.visit_support import (
    BASE,
    MONDAY,
    STANDARD_HOURS,
    TEHRAN,
    book,
    day_of,
    find_office,
    local,
    now,
    office_calendar,
    slots_on,
    travel,
)


@pytest.fixture
def office(service) -> dict:
    """An independent office with two counters and the usual government week."""
    return find_office(service, kind="independent", counters=2, hours=STANDARD_HOURS, service="petition")


def expected_starts(hours: list[list[str]], day: dt.date, minutes: int) -> list[dt.datetime]:
    starts = []
    for opens, closes in hours:
        start = dt.datetime.combine(day, dt.time.fromisoformat(opens), TEHRAN)
        end = dt.datetime.combine(day, dt.time.fromisoformat(closes), TEHRAN)
        while start + dt.timedelta(minutes=minutes) <= end:
            starts.append(start)
            start += dt.timedelta(minutes=minutes)
    return starts


def test_slots_follow_the_offices_weekly_hours_with_a_short_thursday_and_no_friday(service, office):
    calendar = office_calendar(service, office["code"], "fee_payment", **{"from": MONDAY.isoformat(), "days": 7})
    assert [d["weekday"] for d in calendar["days"]] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    for day in calendar["days"]:
        date = dt.date.fromisoformat(day["date"])
        hours = office["hours"][day["weekday"]]
        assert [local(s["starts_at"]) for s in day["slots"]] == expected_starts(hours, date, 10)
    thursday, friday = calendar["days"][3], calendar["days"][4]
    assert local(thursday["slots"][-1]["ends_at"]).time() == dt.time(13, 0)
    assert len(thursday["slots"]) < len(calendar["days"][0]["slots"])
    assert friday["status"] == "weekly_off" and friday["slots"] == []


def test_every_service_has_its_fixed_slot_length(service, office):
    for code, minutes in (("petition", 30), ("declaration", 20), ("case_followup", 15), ("fee_payment", 10)):
        calendar = office_calendar(service, office["code"], code, **{"from": MONDAY.isoformat(), "days": 1})
        assert calendar["slot_minutes"] == minutes
        for slot in calendar["days"][0]["slots"]:
            assert local(slot["ends_at"]) - local(slot["starts_at"]) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize(("kind", "counters", "capacity"), [
    ("independent", 2, 2), ("independent", 4, 4), ("single_counter", 1, 1), ("notary_hosted", 1, 1),
    ("eservice_hosted", 1, 1),
])
def test_capacity_is_the_offices_counters_at_least_two_when_independent_and_one_for_the_others(
        service, kind, counters, capacity):
    office = find_office(service, kind=kind, counters=counters, service="case_followup")
    calendar = office_calendar(service, office["code"], "case_followup", **{"from": MONDAY.isoformat()})
    slots = [s for d in calendar["days"] for s in d["slots"]]
    assert calendar["capacity"] == capacity and slots
    assert {(s["capacity"], s["remaining"]) for s in slots} == {(capacity, capacity)}


def test_slot_ids_are_stable_and_name_the_office_the_service_and_the_start(service, office):
    first = office_calendar(service, office["code"], "petition", **{"from": MONDAY.isoformat()})
    again = office_calendar(service, office["code"], "petition", **{"from": MONDAY.isoformat()})
    assert first == again
    slot = day_of(first, MONDAY)["slots"][0]
    stamp = local(slot["starts_at"]).astimezone(dt.UTC).strftime("%Y%m%dT%H%MZ")
    assert slot["id"] == f"os-{office['code']}-petition-{stamp}"


def test_an_official_holiday_shows_its_title_and_has_no_slots_to_book(sandbox, service, office, as_citizen, persona):
    sandbox.reset(seed=1404, anchor_date="2025-12-28")
    holiday = dt.date(2026, 1, 3)  # a Saturday: the birthday of Imam Ali
    day = day_of(office_calendar(service, office["code"], "petition", **{"from": holiday.isoformat(), "days": 1}),
                 holiday)
    assert day["status"] == "holiday" and "امام علی" in day["note"] and day["slots"] == []
    on_grid_otherwise = f"os-{office['code']}-petition-20260103T0430Z"  # 08:00 Tehran
    response = book(as_citizen(persona), on_grid_otherwise)
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_past_days_and_slots_within_the_lead_time_are_not_offered(sandbox, service, office, as_citizen, persona):
    sandbox.reset(seed=1404, anchor_date=MONDAY.isoformat())
    calendar = office_calendar(service, office["code"], "fee_payment", **{"from": "2025-11-30", "days": 2})
    yesterday, today = calendar["days"]
    assert yesterday["status"] == "past" and yesterday["slots"] == []
    assert all(local(s["starts_at"]) >= now(sandbox) + dt.timedelta(minutes=60) for s in today["slots"])
    response = book(as_citizen(persona), f"os-{office['code']}-fee_payment-20251130T0430Z")
    assert response.status_code == 409 and response.json()["code"] == "slot_unavailable"


def test_a_slot_starting_within_the_lead_time_cannot_be_booked(sandbox, service, office, as_citizen, persona):
    first, second = slots_on(service, office["code"], "petition", MONDAY)[:2]
    travel(sandbox, local(first["starts_at"]) - dt.timedelta(minutes=59) - now(sandbox))
    assert [s["id"] for s in slots_on(service, office["code"], "petition", MONDAY)][:1] == [second["id"]]
    response = book(as_citizen(persona), first["id"])
    assert response.status_code == 409 and response.json()["code"] == "slot_unavailable"


def test_days_beyond_the_booking_horizon_are_not_published(service, office, as_citizen, persona):
    calendar = office_calendar(service, office["code"], "petition", **{"from": "2025-12-27", "days": 6})
    statuses = {d["date"]: d["status"] for d in calendar["days"]}
    assert statuses["2025-12-29"] == "open"  # the anchor (2025-11-29) plus 30 days
    assert statuses["2025-12-30"] == statuses["2026-01-01"] == "not_published"
    assert all(d["slots"] == [] for d in calendar["days"] if d["status"] == "not_published")
    response = book(as_citizen(persona), f"os-{office['code']}-petition-20251230T0430Z")
    assert response.status_code == 409 and response.json()["code"] == "slot_unavailable"


def test_a_temporarily_closed_office_shows_closed_days_without_slots(service):
    closed = next(o for o in service.get(f"{BASE}/offices").json()["offices"] if o["status"] == "temporarily_closed")
    calendar = office_calendar(service, closed["code"], "case_followup", **{"from": MONDAY.isoformat()})
    open_weekdays = [d for d in calendar["days"] if closed["hours"][d["weekday"]]]
    assert open_weekdays and all(d["status"] == "closed" and d["note"] and not d["slots"] for d in open_weekdays)


def test_visits_of_every_service_share_the_counters(service, as_citizen, persona):
    office = find_office(service, kind="single_counter", hours=STANDARD_HOURS, service="petition")
    petition = slots_on(service, office["code"], "petition", MONDAY)[2]  # 09:00–09:30
    assert book(as_citizen(persona), petition["id"]).status_code == 201
    fees = {local(s["starts_at"]).strftime("%H:%M"): s["remaining"]
            for s in slots_on(service, office["code"], "fee_payment", MONDAY)}
    assert (fees["08:50"], fees["09:00"], fees["09:10"], fees["09:20"], fees["09:30"]) == (1, 0, 0, 0, 1)


@pytest.mark.parametrize(("path", "params", "status", "code"), [
    ("/offices/99999999/slots", {"service": "petition"}, 404, "not_found"),
    ("/offices/{code}/slots", {}, 400, "invalid_parameter"),
    ("/offices/{code}/slots", {"service": "wedding"}, 400, "invalid_parameter"),
    ("/offices/{hosted}/slots", {"service": "petition"}, 422, "service_not_offered"),
    ("/offices/{code}/slots", {"service": "petition", "from": "1404-09-10"}, 400, "invalid_parameter"),
    ("/offices/{code}/slots", {"service": "petition", "from": "2031-01-01"}, 400, "invalid_parameter"),
    ("/offices/{code}/slots", {"service": "petition", "days": "32"}, 400, "invalid_parameter"),
    ("/offices/{code}/slots", {"service": "petition", "days": "a"}, 400, "invalid_parameter"),
])
def test_calendar_queries_outside_the_contract_get_a_problem(service, office, path, params, status, code):
    hosted = find_office(service, kind="notary_hosted", lacks="petition")
    response = service.get(BASE + path.format(code=office["code"], hosted=hosted["code"]), params=params)
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/problem+json" and response.json()["code"] == code


def test_office_calendars_need_a_registry_token_not_a_citizens(office, as_citizen, persona, api):
    path = f"{BASE}/offices/{office['code']}/slots?service=petition"
    assert as_citizen(persona).get(path).json()["code"] == "insufficient_scope"
    assert api().get(path).status_code == 401


def test_the_sandbox_refuses_to_start_without_the_holiday_table(tmp_path):
    with pytest.raises(RuntimeError, match="SANDBOX_HOLIDAYS_PATH"):
        create_app({"SANDBOX_HOLIDAYS_PATH": str(tmp_path / "missing.json")})


@pytest.mark.parametrize(("name", "value"), [("SANDBOX_VISIT_LEAD_MINUTES", "-1"),
                                             ("SANDBOX_VISIT_HORIZON_DAYS", "0")])
def test_visit_settings_out_of_range_are_refused(name, value):
    with pytest.raises(ValueError, match=name):
        Settings.load({name: value}, environ={})


def test_a_longer_lead_time_and_horizon_change_what_is_published(start_sandbox, office):
    wide = start_sandbox(SANDBOX_VISIT_LEAD_MINUTES="4320", SANDBOX_VISIT_HORIZON_DAYS="60")
    client = httpx.Client(base_url=wide.url, headers={"Authorization": f"Bearer {wide.service_token()}"})
    with client:
        calendar = office_calendar(client, office["code"], "petition", **{"from": MONDAY.isoformat(), "days": 31})
    by_date = {d["date"]: d for d in calendar["days"]}
    assert by_date["2025-12-01"]["status"] == "open" and by_date["2025-12-01"]["slots"] == []  # within 3 days
    assert by_date["2025-12-03"]["slots"] and by_date["2025-12-31"]["status"] == "open"
