"""Branch calendars: published per kind of court, seen and booked only by the parties of the case."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.sandbox.visit_support import BASE, MONDAY, book, local

CALENDARS = json.loads((Path(__file__).resolve().parents[2] / "sandbox" / "data" / "visit_calendars.json")
                       .read_text(encoding="utf-8"))


def rule_for(court: str) -> dict:
    return next((r for r in CALENDARS["branches"] if court.startswith(r["court_kind"])),
                next(r for r in CALENDARS["branches"] if r["court_kind"] == "*"))


def branch_calendar(client, case_id: str, **params) -> dict:
    response = client.get(f"{BASE}/cases/{case_id}/branch-slots", params={"from": MONDAY.isoformat(), **params})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def cases(sandbox) -> dict[str, dict]:
    return {c["id"]: c for c in sandbox.cases()}


@pytest.fixture
def open_cases(persona, cases) -> list[dict]:
    return [cases[i] for i in persona["case_ids"] if cases[i]["status"] != "closed"]


def test_a_branch_publishes_its_courts_few_short_single_party_slots(as_citizen, persona, open_cases):
    client = as_citizen(persona)
    for case in open_cases:
        calendar = branch_calendar(client, case["id"], days=14)
        rule = rule_for(case["court"]["court"])
        assert calendar["branch"]["name"] == f"{case['court']['branch']} {case['court']['court']}"
        assert calendar["branch"]["complex"] == case["court"]["complex"]
        assert (calendar["case_id"], calendar["case_number"]) == (case["id"], case["case_number"])
        assert calendar["slot_minutes"] == rule["slot_minutes"] and calendar["capacity"] == 1
        for day in calendar["days"]:
            hours = rule["hours"][day["weekday"]]
            assert bool(day["slots"]) == bool(hours) == (day["status"] == "open")
            for slot in day["slots"]:
                assert slot["id"].startswith(f"bs-{calendar['branch']['id']}-")
                assert hours[0][0] <= local(slot["starts_at"]).strftime("%H:%M") < hours[0][1]
                assert local(slot["ends_at"]) - local(slot["starts_at"]) == dt.timedelta(minutes=rule["slot_minutes"])


def test_only_parties_of_the_case_see_its_branch_calendar(as_citizen, citizens, persona, open_cases):
    stranger = next(c for c in citizens if not set(c["case_ids"]) & {k["id"] for k in open_cases})
    response = as_citizen(stranger).get(f"{BASE}/cases/{open_cases[0]['id']}/branch-slots")
    assert response.status_code == 403 and response.json()["code"] == "not_a_party"
    assert as_citizen(persona).get(f"{BASE}/cases/c-999999/branch-slots").status_code == 404


def test_a_closed_case_has_no_branch_calendar(as_citizen, persona, cases):
    closed = next(i for i in persona["case_ids"] if cases[i]["status"] == "closed")
    response = as_citizen(persona).get(f"{BASE}/cases/{closed}/branch-slots")
    assert response.status_code == 422 and response.json()["code"] == "case_closed"


def test_a_notice_leads_to_the_calendar_of_its_cases_branch(sandbox, as_citizen, citizens, persona, open_cases):
    case = open_cases[0]
    notice = sandbox.control("POST", "notices", json={"person": persona["sub"], "case_id": case["id"],
                                                      "type": "summons", "title": "احضار"}).json()
    client = as_citizen(persona)
    by_notice = client.get(f"{BASE}/notices/{notice['id']}/branch-slots", params={"from": MONDAY.isoformat()}).json()
    by_case = branch_calendar(client, case["id"])
    assert by_notice["notice_id"] == notice["id"] and by_case["notice_id"] is None
    assert {**by_notice, "notice_id": None} == by_case
    other = next(c for c in citizens if c["sub"] != persona["sub"])
    response = as_citizen(other).get(f"{BASE}/notices/{notice['id']}/branch-slots")
    assert response.status_code == 403 and response.json()["code"] == "not_a_party"


def first_slot(calendar: dict, index: int = 0) -> dict:
    return [s for d in calendar["days"] for s in d["slots"]][index]


def test_booking_a_branch_slot_records_the_branch_the_case_and_the_notice(sandbox, as_citizen, persona, open_cases):
    case = open_cases[0]
    client = as_citizen(persona)
    calendar = branch_calendar(client, case["id"], days=14)
    by_case = book(client, first_slot(calendar)["id"], case_id=case["id"])
    assert by_case.status_code == 201, by_case.text
    visit = by_case.json()
    assert (visit["kind"], visit["service"], visit["office"]) == ("branch", None, None)
    assert visit["branch"] == calendar["branch"]
    assert (visit["case_id"], visit["case_number"], visit["notice_id"]) == (case["id"], case["case_number"], None)
    notice = sandbox.control("POST", "notices", json={"person": persona["sub"], "case_id": case["id"],
                                                      "type": "summons", "title": "احضار"}).json()
    slots = [s for d in calendar["days"] for s in d["slots"]]
    next_day = next(s for s in slots if local(s["starts_at"]).date() > local(visit["starts_at"]).date())
    by_notice = book(client, next_day["id"], notice_id=notice["id"])
    assert by_notice.status_code == 201, by_notice.text
    assert (by_notice.json()["case_id"], by_notice.json()["notice_id"]) == (case["id"], notice["id"])
    remaining = {s["id"]: s["remaining"] for d in branch_calendar(client, case["id"], days=14)["days"]
                 for s in d["slots"]}
    assert remaining[visit["slot_id"]] == remaining[next_day["id"]] == 0
    assert sum(remaining.values()) == len(slots) - 2


def test_a_slot_of_another_branch_is_refused_for_this_case(as_citizen, persona, open_cases):
    client = as_citizen(persona)
    calendars = {c["id"]: branch_calendar(client, c["id"], days=14) for c in open_cases}
    here, there = next((a, b) for a in calendars for b in calendars
                       if calendars[a]["branch"]["id"] != calendars[b]["branch"]["id"])
    response = book(client, first_slot(calendars[there])["id"], case_id=here)
    assert response.status_code == 422 and response.json()["code"] == "slot_mismatch"


def test_a_citizen_who_is_not_a_party_cannot_book_the_branch(as_citizen, citizens, persona, open_cases):
    case = open_cases[0]
    slot = first_slot(branch_calendar(as_citizen(persona), case["id"]))
    stranger = next(c for c in citizens if case["id"] not in c["case_ids"])
    response = book(as_citizen(stranger), slot["id"], case_id=case["id"])
    assert response.status_code == 403 and response.json()["code"] == "not_a_party"


@pytest.mark.parametrize("extra", [{}, {"case_id": "{case}", "notice_id": "n-000001"}])
def test_a_branch_slot_needs_exactly_one_of_case_or_notice(as_citizen, persona, open_cases, extra):
    case = open_cases[0]
    client = as_citizen(persona)
    slot = first_slot(branch_calendar(client, case["id"]))
    response = book(client, slot["id"], **{k: v.format(case=case["id"]) for k, v in extra.items()})
    assert response.status_code == 400 and response.json()["code"] == "validation_failed"
