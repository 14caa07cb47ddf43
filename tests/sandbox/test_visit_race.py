"""No double booking whatever the timing: many threads race over real HTTP for the last places."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.sandbox.visit_support import BASE, MONDAY, STANDARD_HOURS, book, find_office, signed_in_clients, slots_on


def race(calls: list[Callable[[], httpx.Response]]) -> list[httpx.Response]:
    """Run every call at the same moment, one thread each; the answers in the order of the calls."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], httpx.Response]) -> httpx.Response:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.fixture
def office(service) -> dict:
    return find_office(service, kind="independent", counters=2, hours=STANDARD_HOURS, service="petition")


def test_200_citizens_racing_for_20_places_get_exactly_20_visits_and_180_clear_conflicts(
        sandbox, service, office):
    slots = slots_on(service, office["code"], "petition", MONDAY)[:10]  # 10 slots × 2 counters
    with signed_in_clients(sandbox, 200) as clients:
        answers = race([lambda c=client, s=slots[i % 10]: book(c, s["id"]) for i, client in enumerate(clients)])
    statuses = Counter(a.status_code for a in answers)
    assert statuses == {201: 20, 409: 180}
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"slot_full"}
    assert all(a.json()["title"] and a.json()["detail"] for a in answers if a.status_code == 409)
    counted = {s["slot_id"]: s["booked"] for s in sandbox.visits()["slots"]}
    assert counted == {s["id"]: 2 for s in slots}
    assert sandbox.visits()["total_booked"] == 20
    assert all(s["remaining"] == 0 for s in slots_on(service, office["code"], "petition", MONDAY)[:10])


def test_the_losers_of_the_last_place_get_409_slot_full_with_the_next_free_slots(sandbox, service, office):
    target, *later = slots_on(service, office["code"], "petition", MONDAY)
    with signed_in_clients(sandbox, 31) as (first, *racers):
        assert book(first, target["id"]).status_code == 201  # one place left
        answers = race([lambda c=client: book(c, target["id"]) for client in racers])
    assert sorted(a.status_code for a in answers) == [201] + [409] * 29
    losers = [a.json() for a in answers if a.status_code == 409]
    assert all(p["code"] == "slot_full" for p in losers)
    assert all([s["id"] for s in p["next_slots"]] == [s["id"] for s in later[:3]] for p in losers)
    assert {s["slot_id"]: s["booked"] for s in sandbox.visits()["slots"]} == {target["id"]: 2}


def test_racing_moves_into_the_last_place_move_one_visit_and_leave_the_others_where_they_were(
        sandbox, service, office):
    monday, tuesday = (slots_on(service, office["code"], "petition", MONDAY.replace(day=d)) for d in (1, 2))
    with signed_in_clients(sandbox, 9) as clients:
        visits = [book(c, monday[i // 2]["id"]).json() for i, c in enumerate(clients[:8])]
        assert book(clients[8], tuesday[0]["id"]).status_code == 201  # one place left on Tuesday 08:00
        answers = race([lambda c=c, v=v: c.put(f"{BASE}/visits/{v['id']}", json={"slot_id": tuesday[0]["id"]})
                        for c, v in zip(clients, visits, strict=False)])
        assert sorted(a.status_code for a in answers) == [200] + [409] * 7
        for client, visit, answer in zip(clients, visits, answers, strict=False):
            now_held = client.get(f"{BASE}/visits/{visit['id']}").json()
            assert now_held["slot_id"] == (tuesday[0]["id"] if answer.status_code == 200 else visit["slot_id"])
            assert now_held["status"] == "booked"
    counted = {s["slot_id"]: s["booked"] for s in sandbox.visits()["slots"]}
    assert counted[tuesday[0]["id"]] == 2 and sum(counted.values()) == 9


def test_the_same_key_sent_many_times_at_once_books_one_visit(sandbox, service, office):
    slot = slots_on(service, office["code"], "petition", MONDAY)[0]
    key = str(uuid.uuid4())
    with signed_in_clients(sandbox, 1) as [client]:
        answers = race([lambda: book(client, slot["id"], key=key) for _ in range(20)])
    assert sorted(a.status_code for a in answers) == [200] * 19 + [201]
    assert len({a.json()["id"] for a in answers}) == 1
    assert len(sandbox.visits()["visits"]) == 1
