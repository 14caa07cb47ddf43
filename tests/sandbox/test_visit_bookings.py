"""Bookings: idempotent creation, codes and QR payloads, fairness limits, moves, cancellations, events."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.sandbox.visit_support import (
    BASE,
    MONDAY,
    STANDARD_HOURS,
    book,
    events,
    find_office,
    local,
    now,
    signed_in_clients,
    slots_on,
    travel,
)

TUESDAY = MONDAY + dt.timedelta(days=1)


@pytest.fixture
def office(service) -> dict:
    return find_office(service, kind="independent", counters=2, hours=STANDARD_HOURS, service="petition")


@pytest.fixture
def other_office(service, office) -> dict:
    return next(o for o in service.get(f"{BASE}/offices").json()["offices"]
                if o["status"] == "active" and o["code"] != office["code"] and "petition" in o["services"])


@pytest.fixture
def me(as_citizen, persona):
    return as_citizen(persona)


def petition_slots(service, office, day=MONDAY) -> list[dict]:
    return slots_on(service, office["code"], "petition", day)


def remaining(service, office, slot_id: str, day=MONDAY) -> int:
    return next(s["remaining"] for s in petition_slots(service, office, day) if s["id"] == slot_id)


def test_booking_answers_the_visit_with_a_counter_code_and_a_qr_payload_and_tells_the_feed(
        service, office, me, persona):
    slot = petition_slots(service, office)[0]
    response = book(me, slot["id"])
    assert response.status_code == 201, response.text
    visit = response.json()
    assert response.headers["Location"].endswith(f"{BASE}/visits/{visit['id']}")
    assert (visit["status"], visit["kind"], visit["service"], visit["version"]) == ("booked", "office", "petition", 1)
    assert (visit["slot_id"], visit["starts_at"], visit["ends_at"]) == (slot["id"], slot["starts_at"], slot["ends_at"])
    assert visit["office"]["code"] == office["code"] and visit["office"]["address"] == office["address"]
    assert re.fullmatch(r"[34679ACEFHJKMNPRTWXY]{6}", visit["code"])
    assert re.fullmatch(rf"JV1:{visit['code']}:[A-Z2-7]{{16}}", visit["qr"])
    assert local(visit["changeable_until"]) == local(slot["starts_at"]) - dt.timedelta(hours=1)
    assert remaining(service, office, slot["id"]) == slot["remaining"] - 1
    [event] = [e for e in events(service) if e["type"] == "visit.booked"]
    assert (event["person"], event["case_id"]) == (persona["sub"], None)
    assert event["data"] == {
        "visit_id": visit["id"], "kind": "office", "code": visit["code"], "slot_id": slot["id"],
        "starts_at": slot["starts_at"], "ends_at": slot["ends_at"], "office_code": office["code"],
        "service": "petition", "branch_id": None, "version": 1}


def test_the_same_key_and_body_give_the_same_visit_and_another_body_a_conflict(sandbox, service, office, me):
    first, second = petition_slots(service, office)[:2]
    created = book(me, first["id"], key="visit-key-1")
    again = book(me, first["id"], key="visit-key-1")
    assert (created.status_code, again.status_code) == (201, 200)
    assert again.json() == created.json()
    conflict = book(me, second["id"], key="visit-key-1")
    assert conflict.status_code == 409 and conflict.json()["code"] == "idempotency_conflict"
    assert len(sandbox.visits()["visits"]) == 1


def test_a_refused_booking_records_nothing_so_its_key_can_be_used_again(sandbox, service, office, me):
    slot = petition_slots(service, office)[0]
    refused = book(me, slot["id"].replace("petition", "fee_payment") + "0", key="retry-key")
    assert refused.status_code == 404
    assert book(me, slot["id"], key="retry-key").status_code == 201


@pytest.mark.parametrize(("headers", "body", "code"), [
    ({}, {"slot_id": "os-1-petition-20251201T0430Z"}, "idempotency_key_missing"),
    ({"Idempotency-Key": "k" * 256}, {"slot_id": "x"}, "invalid_parameter"),
    ({"Idempotency-Key": "k"}, ["not", "an", "object"], "validation_failed"),
    ({"Idempotency-Key": "k"}, {}, "validation_failed"),
    ({"Idempotency-Key": "k"}, {"slot_id": ""}, "validation_failed"),
    ({"Idempotency-Key": "k"}, {"slot_id": 7}, "validation_failed"),
    ({"Idempotency-Key": "k"}, {"slot_id": "x", "when": "soon"}, "validation_failed"),
])
def test_malformed_booking_requests_get_a_400_problem(me, headers, body, code):
    response = me.post(f"{BASE}/visits", json=body, headers=headers)
    assert response.status_code == 400 and response.json()["code"] == code


@pytest.mark.parametrize("slot_id", [
    "os-00000000-petition-20251201T0430Z", "os-{code}-petition-20251201T0431Z", "os-{code}-wedding-20251201T0430Z",
    "os-{code}-petition-2025121T0430Z", "os-{code}-petition-20251205T0430Z", "bogus",
])
def test_a_slot_id_outside_the_published_calendar_is_not_found(office, me, slot_id):
    response = book(me, slot_id.format(code=office["code"]))
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_an_office_slot_takes_no_case(office, service, me, persona):
    response = book(me, petition_slots(service, office)[0]["id"], case_id=persona["case_ids"][0])
    assert response.status_code == 400 and response.json()["code"] == "validation_failed"


def test_citizens_see_only_their_own_visits(service, office, me, as_citizen, citizens):
    mine = book(me, petition_slots(service, office)[0]["id"]).json()
    other = as_citizen(citizens[8])
    theirs = book(other, petition_slots(service, office)[1]["id"]).json()
    assert [v["id"] for v in me.get(f"{BASE}/visits").json()["visits"]] == [mine["id"]]
    assert me.get(f"{BASE}/visits/{mine['id']}").json() == mine
    for response in (me.get(f"{BASE}/visits/{theirs['id']}"), me.delete(f"{BASE}/visits/{theirs['id']}"),
                     me.put(f"{BASE}/visits/{theirs['id']}", json={"slot_id": theirs["slot_id"]})):
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert other.get(f"{BASE}/visits/{theirs['id']}").json()["status"] == "booked"


def test_a_citizen_holds_at_most_three_active_visits(service, office, other_office, me):
    offices = [office, other_office, find_office(service, kind="single_counter", service="petition")]
    visits = [book(me, petition_slots(service, o)[0]["id"]).json() for o in offices]
    fourth = book(me, petition_slots(service, office, TUESDAY)[0]["id"])
    assert fourth.status_code == 409 and fourth.json()["code"] == "visit_limit_reached"
    assert me.delete(f"{BASE}/visits/{visits[0]['id']}").status_code == 200
    assert book(me, petition_slots(service, office, TUESDAY)[0]["id"]).status_code == 201


def test_one_visit_per_office_per_day_but_another_day_or_office_is_fine(service, office, other_office, me):
    first, second = petition_slots(service, office)[:2]
    assert book(me, first["id"]).status_code == 201
    same_day = book(me, second["id"])
    assert same_day.status_code == 409 and same_day.json()["code"] == "one_visit_per_day"
    fees = slots_on(service, office["code"], "fee_payment", MONDAY)[-1]
    assert book(me, fees["id"]).json()["code"] == "one_visit_per_day"  # another service, same office and day
    assert book(me, petition_slots(service, office, TUESDAY)[0]["id"]).status_code == 201
    assert book(me, petition_slots(service, other_office)[0]["id"]).status_code == 201


def test_moving_takes_the_new_place_frees_the_old_keeps_the_code_and_changes_the_qr(service, office, me, persona):
    old, new = petition_slots(service, office)[0], petition_slots(service, office, TUESDAY)[3]
    visit = book(me, old["id"]).json()
    response = me.put(f"{BASE}/visits/{visit['id']}", json={"slot_id": new["id"]})
    assert response.status_code == 200, response.text
    moved = response.json()
    assert (moved["slot_id"], moved["starts_at"], moved["version"]) == (new["id"], new["starts_at"], 2)
    assert moved["code"] == visit["code"] and moved["qr"] != visit["qr"]
    assert remaining(service, office, old["id"]) == 2 and remaining(service, office, new["id"], TUESDAY) == 1
    [event] = [e for e in events(service) if e["type"] == "visit.moved"]
    assert event["person"] == persona["sub"]
    assert (event["data"]["previous_slot_id"], event["data"]["previous_starts_at"]) == (old["id"], old["starts_at"])
    assert (event["data"]["slot_id"], event["data"]["version"]) == (new["id"], 2)
    assert me.put(f"{BASE}/visits/{visit['id']}", json={"slot_id": new["id"]}).json() == moved  # same slot: no change
    assert len([e for e in events(service) if e["type"] == "visit.moved"]) == 1


def test_moving_to_a_full_slot_fails_and_keeps_the_old_place(service, office, me, as_citizen, citizens):
    old, full = petition_slots(service, office)[:2]
    visit = book(me, old["id"]).json()
    for citizen in citizens[8:10]:
        assert book(as_citizen(citizen), full["id"]).status_code == 201
    response = me.put(f"{BASE}/visits/{visit['id']}", json={"slot_id": full["id"]})
    assert response.status_code == 409 and response.json()["code"] == "slot_full"
    assert response.json()["next_slots"] and all(s["remaining"] > 0 for s in response.json()["next_slots"])
    assert me.get(f"{BASE}/visits/{visit['id']}").json() == visit
    assert remaining(service, office, old["id"]) == 1


def test_a_visit_moves_only_within_its_office_and_service(service, office, other_office, me):
    visit = book(me, petition_slots(service, office)[0]["id"]).json()
    elsewhere = petition_slots(service, other_office, TUESDAY)[0]["id"]
    other_service = slots_on(service, office["code"], "fee_payment", TUESDAY)[0]["id"]
    for slot_id in (elsewhere, other_service):
        response = me.put(f"{BASE}/visits/{visit['id']}", json={"slot_id": slot_id})
        assert response.status_code == 422 and response.json()["code"] == "slot_mismatch"


def test_cancelling_frees_the_place_at_once_and_is_final(service, office, me, persona):
    slot = petition_slots(service, office)[0]
    visit = book(me, slot["id"]).json()
    response = me.delete(f"{BASE}/visits/{visit['id']}")
    assert response.status_code == 200
    cancelled = response.json()
    assert (cancelled["status"], cancelled["cancelled_by"], cancelled["qr"], cancelled["version"]) == (
        "cancelled", "citizen", None, 2)
    assert remaining(service, office, slot["id"]) == 2
    assert me.delete(f"{BASE}/visits/{visit['id']}").json() == cancelled
    [event] = [e for e in events(service) if e["type"] == "visit.cancelled"]
    assert event["person"] == persona["sub"]
    assert (event["data"]["cancelled_by"], event["data"]["reason"]) == ("citizen", None)
    moved = me.put(f"{BASE}/visits/{visit['id']}", json={"slot_id": petition_slots(service, office)[1]["id"]})
    assert moved.status_code == 409 and moved.json()["code"] == "visit_cancelled"


def test_within_the_last_hour_a_visit_can_neither_be_cancelled_nor_moved(sandbox, service, office, me):
    first, later = petition_slots(service, office)[0], petition_slots(service, office, TUESDAY)[0]
    visit = book(me, first["id"]).json()
    travel(sandbox, local(visit["changeable_until"]) - now(sandbox) - dt.timedelta(minutes=1))
    assert me.put(f"{BASE}/visits/{visit['id']}", json={"slot_id": later["id"]}).status_code == 200
    assert me.put(f"{BASE}/visits/{visit['id']}", json={"slot_id": first["id"]}).status_code == 200
    travel(sandbox, dt.timedelta(minutes=2))
    for response in (me.delete(f"{BASE}/visits/{visit['id']}"),
                     me.put(f"{BASE}/visits/{visit['id']}", json={"slot_id": later["id"]})):
        assert response.status_code == 409 and response.json()["code"] == "too_late"
    assert me.get(f"{BASE}/visits/{visit['id']}").json()["status"] == "booked"


def test_booking_codes_are_unique_and_the_qr_payload_checks_out_at_the_counter(sandbox, service, office, me):
    slots = petition_slots(service, office)
    with signed_in_clients(sandbox, 11) as others:
        visits = [book(client, slot["id"]).json() for client, slot in zip([me, *others], slots + slots, strict=False)]
    assert len({v["code"] for v in visits}) == 12
    visit = visits[0]

    def check(payload):
        return sandbox.control("POST", "visits/check", json={"payload": payload}).json()

    assert check(visit["qr"])["outcome"] == "valid" and check(visit["qr"])["visit"]["id"] == visit["id"]
    forged = visit["qr"][:-1] + ("A" if visit["qr"][-1] != "A" else "B")
    assert check(forged) == {"outcome": "forged", "visit": None}
    assert check("JV1:AAAAAA:" + "A" * 16)["outcome"] == "unknown"
    assert check("hello")["outcome"] == "malformed"
    moved = me.put(f"{BASE}/visits/{visit['id']}", json={"slot_id": petition_slots(service, office, TUESDAY)[0]["id"]})
    assert check(visit["qr"])["outcome"] == "forged" and check(moved.json()["qr"])["outcome"] == "valid"
    me.delete(f"{BASE}/visits/{visit['id']}")
    assert check(moved.json()["qr"])["outcome"] == "cancelled"
