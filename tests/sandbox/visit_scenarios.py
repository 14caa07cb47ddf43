"""Visit booking in the contract test: a world with visits in every state, and the calls to validate.

`prepare` books, moves, cancels and closes through the real API so that every visit shape and every
event variant exists; `SCENARIOS` are (method, documented path, status, provoke) like the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx

from tests.sandbox.visit_support import BASE, MONDAY, STANDARD_HOURS, book, find_office, slots_on, travel

EVENT_TYPES = {"visit.booked", "visit.moved", "visit.cancelled", "office.closed", "branch.closed"}
KEY = "visit-contract-key"


def _day(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code in (200, 201), response.text
    return response.json()


def prepare(sandbox, persona: dict, other: dict, citizen: httpx.Client, other_client: httpx.Client,
            service: httpx.Client) -> dict[str, str]:
    office = find_office(service, kind="independent", counters=2, hours=STANDARD_HOURS, service="petition")
    single = find_office(service, kind="single_counter", hours=STANDARD_HOURS, service="petition")
    elsewhere = [o for o in service.get(f"{BASE}/offices").json()["offices"]
                 if o["status"] == "active" and "petition" in o["services"] and o["hours"] == STANDARD_HOURS
                 and o["code"] not in
                 (office["code"], single["code"])][:2]
    petition = {(o["code"], d): slots_on(service, o["code"], "petition", _day(d))
                for o in (office, single, *elsewhere) for d in range(4)}
    cases = {c["id"]: c for c in sandbox.cases()}
    mine = [i for i in persona["case_ids"] if cases[i]["status"] != "closed" and i not in other["case_ids"]]
    branch = _ok(citizen.get(f"{BASE}/cases/{mine[0]}/branch-slots", params={"from": MONDAY.isoformat()}))
    branch_days = [d for d in branch["days"] if d["slots"]]
    mine_a = _ok(book(citizen, petition[(office["code"], 0)][0]["id"], key=KEY))
    mine_b = _ok(book(citizen, branch_days[0]["slots"][0]["id"], case_id=mine[0]))
    full = _ok(book(other_client, petition[(single["code"], 0)][2]["id"]))
    moving = _ok(book(other_client, petition[(elsewhere[0]["code"], 1)][0]["id"]))
    _ok(other_client.put(f"{BASE}/visits/{moving['id']}",
                         json={"slot_id": petition[(elsewhere[0]["code"], 2)][0]["id"]}))
    cancelled = _ok(book(other_client, petition[(office["code"], 3)][0]["id"]))
    _ok(other_client.delete(f"{BASE}/visits/{cancelled['id']}"))
    _ok(book(other_client, petition[(elsewhere[1]["code"], 0)][0]["id"]))
    sandbox.close_day(office_code=elsewhere[1]["code"], date=MONDAY.isoformat(), reason="تعطیلی آزمایشی")
    sandbox.close_day(branch_id=branch["branch"]["id"], date=branch_days[1]["date"])
    return {
        "office": office["code"], "single": single["code"], "closed_office": elsewhere[1]["code"],
        "hosted_without_petition": find_office(service, kind="notary_hosted", lacks="petition")["code"],
        "visit": mine_a["id"], "visit_slot": mine_a["slot_id"], "branch_visit": mine_b["id"],
        "mine_case": mine[0], "other_branch_case": next(i for i in mine if _branch_of(cases[i]) !=
                                                        _branch_of(cases[mine[0]])),
        "branch_slot": branch_days[2]["slots"][0]["id"], "full_slot": full["slot_id"],
        "free_slot": petition[(office["code"], 1)][0]["id"],
        "elsewhere_slot": petition[(elsewhere[0]["code"], 1)][1]["id"],
        "cancelled_visit": cancelled["id"], "other_visit": full["id"],
    }


def _branch_of(case: dict) -> tuple[str, str, str]:
    return case["court"]["complex"], case["court"]["court"], case["court"]["branch"]


def _too_late_cancel(w) -> httpx.Response:
    visit = w.citizen.get(f"{BASE}/visits/{w.ids['visit']}").json()
    until = dt.datetime.fromisoformat(visit["changeable_until"].replace("Z", "+00:00"))
    now = dt.datetime.fromisoformat(w.sandbox.control("GET", "/sandbox/control").json()["now"].replace("Z", "+00:00"))
    shift = until - now + dt.timedelta(minutes=1)
    travel(w.sandbox, shift)
    try:
        return w.citizen.delete(f"{BASE}/visits/{w.ids['visit']}")
    finally:
        travel(w.sandbox, -shift)


def _slots(w, client: str, code: str, **params) -> httpx.Response:
    return getattr(w, client).get(f"{BASE}/offices/{code}/slots", params={"service": "petition", **params})


def _branch_slots(w, client: str, case: str, **params) -> httpx.Response:
    return getattr(w, client).get(f"{BASE}/cases/{case}/branch-slots", params=params)


SCENARIOS: list[tuple[str, str, int, Callable[[Any], httpx.Response]]] = [
    ("GET", "/offices/{office_code}/slots", 200, lambda w: _slots(w, "service", w.ids["office"], days=31)),
    ("GET", "/offices/{office_code}/slots", 200,
     lambda w: _slots(w, "service", w.ids["closed_office"], **{"from": "2025-11-28"})),
    ("GET", "/offices/{office_code}/slots", 400, lambda w: _slots(w, "service", w.ids["office"], days=0)),
    ("GET", "/offices/{office_code}/slots", 401, lambda w: _slots(w, "anon", w.ids["office"])),
    ("GET", "/offices/{office_code}/slots", 403, lambda w: _slots(w, "citizen", w.ids["office"])),
    ("GET", "/offices/{office_code}/slots", 404, lambda w: _slots(w, "service", "99999999")),
    ("GET", "/offices/{office_code}/slots", 422, lambda w: _slots(w, "service", w.ids["hosted_without_petition"])),
    ("GET", "/cases/{case_id}/branch-slots", 200, lambda w: _branch_slots(w, "citizen", w.ids["mine_case"], days=14)),
    ("GET", "/cases/{case_id}/branch-slots", 400, lambda w: _branch_slots(w, "citizen", w.ids["mine_case"], days=99)),
    ("GET", "/cases/{case_id}/branch-slots", 403, lambda w: _branch_slots(w, "other", w.ids["mine_case"])),
    ("GET", "/cases/{case_id}/branch-slots", 404, lambda w: _branch_slots(w, "citizen", "c-999999")),
    ("GET", "/cases/{case_id}/branch-slots", 422, lambda w: _branch_slots(w, "citizen", w.ids["closed_case"])),
    ("GET", "/notices/{notice_id}/branch-slots", 200,
     lambda w: w.citizen.get(f"{BASE}/notices/{w.ids['unread']}/branch-slots")),
    ("GET", "/notices/{notice_id}/branch-slots", 403,
     lambda w: w.other.get(f"{BASE}/notices/{w.ids['unread']}/branch-slots")),
    ("GET", "/notices/{notice_id}/branch-slots", 404,
     lambda w: w.citizen.get(f"{BASE}/notices/n-999999/branch-slots")),
    ("POST", "/visits", 201, lambda w: book(w.other, w.ids["free_slot"])),
    ("POST", "/visits", 200, lambda w: book(w.citizen, w.ids["visit_slot"], key=KEY)),
    ("POST", "/visits", 400, lambda w: w.citizen.post(f"{BASE}/visits", json={"slot_id": w.ids["free_slot"]})),
    ("POST", "/visits", 401, lambda w: book(w.anon, w.ids["free_slot"])),
    ("POST", "/visits", 403, lambda w: book(w.other, w.ids["branch_slot"], case_id=w.ids["mine_case"])),
    ("POST", "/visits", 404, lambda w: book(w.citizen, "os-00000000-petition-20251201T0430Z")),
    ("POST", "/visits", 409, lambda w: book(w.citizen, w.ids["full_slot"])),
    ("POST", "/visits", 409, lambda w: book(w.citizen, w.ids["free_slot"], key=KEY)),
    ("POST", "/visits", 422, lambda w: book(w.citizen, w.ids["branch_slot"], case_id=w.ids["other_branch_case"])),
    ("POST", "/visits", 422, lambda w: book(w.citizen, w.ids["branch_slot"], case_id=w.ids["closed_case"])),
    ("GET", "/visits", 200, lambda w: w.citizen.get(f"{BASE}/visits")),
    ("GET", "/visits", 200, lambda w: w.other.get(f"{BASE}/visits")),
    ("GET", "/visits", 401, lambda w: w.anon.get(f"{BASE}/visits")),
    ("GET", "/visits/{visit_id}", 200, lambda w: w.citizen.get(f"{BASE}/visits/{w.ids['visit']}")),
    ("GET", "/visits/{visit_id}", 200, lambda w: w.citizen.get(f"{BASE}/visits/{w.ids['branch_visit']}")),
    ("GET", "/visits/{visit_id}", 200, lambda w: w.other.get(f"{BASE}/visits/{w.ids['cancelled_visit']}")),
    ("GET", "/visits/{visit_id}", 404, lambda w: w.citizen.get(f"{BASE}/visits/{w.ids['other_visit']}")),
    ("PUT", "/visits/{visit_id}", 200,
     lambda w: w.citizen.put(f"{BASE}/visits/{w.ids['visit']}", json={"slot_id": w.ids["visit_slot"]})),
    ("PUT", "/visits/{visit_id}", 400, lambda w: w.citizen.put(f"{BASE}/visits/{w.ids['visit']}", json={})),
    ("PUT", "/visits/{visit_id}", 404,
     lambda w: w.citizen.put(f"{BASE}/visits/v-999999", json={"slot_id": w.ids["visit_slot"]})),
    ("PUT", "/visits/{visit_id}", 409,
     lambda w: w.other.put(f"{BASE}/visits/{w.ids['cancelled_visit']}", json={"slot_id": w.ids["free_slot"]})),
    ("PUT", "/visits/{visit_id}", 422,
     lambda w: w.citizen.put(f"{BASE}/visits/{w.ids['visit']}", json={"slot_id": w.ids["elsewhere_slot"]})),
    ("DELETE", "/visits/{visit_id}", 200, lambda w: w.other.delete(f"{BASE}/visits/{w.ids['cancelled_visit']}")),
    ("DELETE", "/visits/{visit_id}", 404, lambda w: w.citizen.delete(f"{BASE}/visits/v-999999")),
    ("DELETE", "/visits/{visit_id}", 409, _too_late_cancel),
]
