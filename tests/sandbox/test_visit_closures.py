"""Closing an office or a branch for a day cancels its visits, tells each citizen, and takes its slots away."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.sandbox.visit_support import (
    BASE,
    MONDAY,
    STANDARD_HOURS,
    book,
    day_of,
    events,
    find_office,
    office_calendar,
    signed_in_clients,
    slots_on,
)

TUESDAY = MONDAY + dt.timedelta(days=1)
REASON = "قطعی برق ساختمان"


@pytest.fixture
def office(service) -> dict:
    return find_office(service, kind="independent", counters=2, hours=STANDARD_HOURS, service="petition")


def test_closing_an_office_day_cancels_its_visits_tells_each_citizen_and_removes_the_slots(
        sandbox, service, office):
    monday, tuesday = (slots_on(service, office["code"], "petition", d) for d in (MONDAY, TUESDAY))
    with signed_in_clients(sandbox, 3) as (first, second, third):
        hit = [book(first, monday[0]["id"]).json(), book(second, monday[5]["id"]).json()]
        spared = book(third, tuesday[0]["id"]).json()
        cursor = service.get(f"{BASE}/events/head").json()["cursor"]
        closure = sandbox.control("POST", "visits/closures",
                                  json={"office_code": office["code"], "date": MONDAY.isoformat(), "reason": REASON})
        assert closure.status_code == 201
        assert closure.json()["cancelled_visits"] == [v["id"] for v in hit]
        for client, visit in ((first, hit[0]), (second, hit[1])):
            now = client.get(f"{BASE}/visits/{visit['id']}").json()
            assert (now["status"], now["cancelled_by"], now["cancel_reason"]) == ("cancelled", "office", REASON)
        assert third.get(f"{BASE}/visits/{spared['id']}").json()["status"] == "booked"
        refused = book(third, monday[1]["id"])
        assert refused.status_code == 409 and refused.json()["code"] == "slot_unavailable"
    new = events(service, cursor)
    assert [e["type"] for e in new] == ["visit.cancelled", "visit.cancelled", "office.closed"]
    assert [(e["person"], e["data"]["visit_id"]) for e in new[:2]] == [(person_of(sandbox, v), v["id"]) for v in hit]
    assert all(e["data"]["office_code"] == office["code"] and e["data"]["reason"] == REASON for e in new[:2])
    assert all(e["data"]["cancelled_by"] == "office" for e in new[:2])
    assert new[2]["person"] is None and new[2]["data"]["date"] == MONDAY.isoformat()
    day = day_of(office_calendar(service, office["code"], "petition", **{"from": MONDAY.isoformat(), "days": 2}),
                 MONDAY)
    assert (day["status"], day["note"], day["slots"]) == ("closed", REASON, [])
    assert slots_on(service, office["code"], "petition", TUESDAY)[0]["remaining"] == 1


def person_of(sandbox, visit: dict) -> str:
    return next(v["person"] for v in sandbox.visits()["visits"] if v["id"] == visit["id"])


def test_closing_a_closed_day_again_changes_nothing(sandbox, service, office):
    body = {"office_code": office["code"], "date": MONDAY.isoformat()}
    first = sandbox.control("POST", "visits/closures", json=body)
    head = service.get(f"{BASE}/events/head").json()["cursor"]
    again = sandbox.control("POST", "visits/closures", json={**body, "reason": "دلیل دیگر"})
    assert (first.status_code, again.status_code) == (201, 200) and again.json() == first.json()
    assert service.get(f"{BASE}/events/head").json()["cursor"] == head
    assert sandbox.control("GET", "visits/closures").json()["closures"] == [first.json()]


def test_closing_a_branch_day_cancels_its_visits_with_a_branch_closed_event(sandbox, service, as_citizen, persona):
    cases = {c["id"]: c for c in sandbox.cases()}
    case_id = next(i for i in persona["case_ids"] if cases[i]["status"] != "closed")
    client = as_citizen(persona)
    calendar = client.get(f"{BASE}/cases/{case_id}/branch-slots", params={"from": MONDAY.isoformat()}).json()
    day = next(d for d in calendar["days"] if d["slots"])
    visit = book(client, day["slots"][0]["id"], case_id=case_id).json()
    closure = sandbox.close_day(branch_id=calendar["branch"]["id"], date=day["date"])
    assert closure["cancelled_visits"] == [visit["id"]] and closure["kind"] == "branch"
    cancelled = [e for e in events(service) if e["type"] == "visit.cancelled"]
    assert [(e["person"], e["case_id"], e["data"]["branch_id"]) for e in cancelled] == [
        (persona["sub"], case_id, calendar["branch"]["id"])]
    assert [e["data"]["branch_id"] for e in events(service) if e["type"] == "branch.closed"] == [
        calendar["branch"]["id"]]
    again = client.get(f"{BASE}/cases/{case_id}/branch-slots", params={"from": day["date"], "days": 1}).json()
    assert again["days"][0]["status"] == "closed" and again["days"][0]["slots"] == []


@pytest.mark.parametrize(("body", "status"), [
    ({"date": "2025-12-01"}, 400),
    ({"office_code": "{code}", "branch_id": "br0000000000", "date": "2025-12-01"}, 400),
    ({"office_code": "{code}", "date": "1 Dey"}, 400),
    ({"office_code": "{code}", "date": "2025-11-28"}, 400),
    ({"office_code": "{code}", "date": "2025-12-01", "reason": ""}, 400),
    ({"office_code": "99999999", "date": "2025-12-01"}, 404),
    ({"branch_id": "br0000000000", "date": "2025-12-01"}, 404),
])
def test_a_closure_needs_one_known_place_and_a_day_from_today_on(sandbox, office, body, status):
    body = {k: v.format(code=office["code"]) for k, v in body.items()}
    response = sandbox.control("POST", "visits/closures", json=body)
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/problem+json"


def test_a_reset_forgets_visits_closures_and_idempotency_keys(sandbox, service, office, as_citizen, persona):
    client = as_citizen(persona)
    slot = slots_on(service, office["code"], "petition", TUESDAY)[0]
    first = book(client, slot["id"], key="kept-key").json()
    sandbox.close_day(office_code=office["code"], date=MONDAY.isoformat())
    sandbox.reset()
    assert sandbox.visits() == {"sample": True, "visits": [], "slots": [], "total_booked": 0}
    assert sandbox.control("GET", "visits/closures").json()["closures"] == []
    assert slots_on(service, office["code"], "petition", MONDAY)
    again = book(client, slot["id"], key="kept-key")
    assert again.status_code == 201 and again.json()["id"] == first["id"]  # numbering starts over, a new booking
