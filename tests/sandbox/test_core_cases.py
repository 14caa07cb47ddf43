"""The citizen, their cases and hearings: only their own, in the documented shapes."""

from __future__ import annotations

import datetime as dt

import pytest

NOW_AT_ANCHOR = "2025-11-28T20:30:00Z"  # the anchor date's midnight in Tehran


def test_me_returns_the_citizen_with_a_pseudonymous_sub(sandbox, as_citizen, persona):
    me = as_citizen(persona).get("/core/v1/me").json()
    assert me == {"sub": persona["sub"], "name": persona["name"], "national_code": persona["national_code"],
                  "mobile": persona["mobile"]}
    assert me["sub"].startswith("cit-") and persona["national_code"] not in me["sub"]


def test_case_list_is_exactly_the_citizens_cases_with_their_roles(sandbox, as_citizen, citizens):
    all_cases = {c["id"]: c for c in sandbox.cases()}
    for citizen in (citizens[0], citizens[7], citizens[-1]):
        body = as_citizen(citizen).get("/core/v1/cases").json()
        assert body["sample"] is True
        ids = [c["id"] for c in body["cases"]]
        assert sorted(ids) == sorted(citizen["case_ids"])
        for case in body["cases"]:
            party = next(p for p in all_cases[case["id"]]["parties"] if p["national_code"] == citizen["national_code"])
            assert case["role"] == party["role"]
        changes = [c["last_change_at"] for c in body["cases"]]
        assert changes == sorted(changes, reverse=True)


def test_reading_another_citizens_case_is_403_not_a_party(sandbox, as_citizen, citizens):
    reader, owner = citizens[0], citizens[8]
    foreign = next(case_id for case_id in owner["case_ids"] if case_id not in reader["case_ids"])
    response = as_citizen(reader).get(f"/core/v1/cases/{foreign}")
    assert response.status_code == 403
    assert response.headers["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "not_a_party" and problem["status"] == 403
    assert set(problem) == {"type", "title", "status", "detail", "code"}


def test_unknown_case_is_404_not_found(sandbox, as_citizen, persona):
    response = as_citizen(persona).get("/core/v1/cases/c-999999")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_a_shared_case_is_visible_to_each_citizen_party_in_their_own_role(sandbox, as_citizen, citizens,
                                                                         shared_case):
    by_sub = {c["sub"]: c for c in citizens}
    roles = set()
    for sub in shared_case["citizen_subs"][:2]:
        case = as_citizen(by_sub[sub]).get(f"/core/v1/cases/{shared_case['id']}").json()
        assert case["id"] == shared_case["id"]
        roles.add((sub, case["role"]))
    assert len(roles) == 2


def test_case_detail_has_parties_an_ordered_timeline_and_its_own_hearings(sandbox, as_citizen, persona):
    client = as_citizen(persona)
    for case_id in persona["case_ids"]:
        case = client.get(f"/core/v1/cases/{case_id}").json()
        assert any(p["national_code"] == persona["national_code"] for p in case["parties"])
        stamps = [entry["at"] for entry in case["timeline"]]
        assert stamps == sorted(stamps) and stamps[0] < NOW_AT_ANCHOR
        assert case["timeline"][0]["type"] == "registered"
        assert case["last_change_at"] == stamps[-1]
        assert all(h["case_id"] == case_id for h in case["hearings"])
        assert [h["starts_at"] for h in case["hearings"]] == sorted(h["starts_at"] for h in case["hearings"])
        assert case["accepts_briefs"] == (case["status"] != "closed")
        if case["next_hearing"]:
            upcoming = next(h for h in case["hearings"] if h["id"] == case["next_hearing"]["id"])
            assert upcoming["status"] == "scheduled" and upcoming["starts_at"] >= NOW_AT_ANCHOR


def test_hearings_from_an_instant_include_cancelled_ones_and_skip_earlier_ones(sandbox, as_citizen, persona):
    client = as_citizen(persona)
    upcoming = client.get("/core/v1/hearings", params={"from": NOW_AT_ANCHOR}).json()["hearings"]
    assert upcoming, "the persona has upcoming hearings"
    assert all(h["starts_at"] >= NOW_AT_ANCHOR for h in upcoming)
    first = upcoming[0]
    assert first["case_number"] and first["title"]
    sandbox.control("PATCH", f"hearings/{first['id']}", json={"status": "cancelled"}).raise_for_status()
    again = client.get("/core/v1/hearings", params={"from": NOW_AT_ANCHOR}).json()["hearings"]
    cancelled = next(h for h in again if h["id"] == first["id"])
    assert cancelled["status"] == "cancelled" and cancelled["version"] == first["version"] + 1
    just_after = dt.datetime.fromisoformat(first["starts_at"]) + dt.timedelta(seconds=1)
    tehran = just_after.astimezone(dt.timezone(dt.timedelta(hours=3, minutes=30))).isoformat()
    later = client.get("/core/v1/hearings", params={"from": tehran}).json()["hearings"]
    assert first["id"] not in {h["id"] for h in later}
    assert all(h["starts_at"] > first["starts_at"] for h in later)


def test_hearings_default_to_those_from_now_on_the_sandbox_clock(sandbox, as_citizen, persona):
    now = sandbox.control("GET", "/sandbox/control").json()["now"]
    hearings = as_citizen(persona).get("/core/v1/hearings").json()["hearings"]
    assert hearings and all(h["starts_at"] >= now for h in hearings)


@pytest.mark.parametrize("value", ["yesterday", "2025-11-29T10:00:00", "2025-13-01T00:00:00Z"])
def test_hearings_with_a_malformed_from_are_400_invalid_parameter(sandbox, as_citizen, persona, value):
    response = as_citizen(persona).get("/core/v1/hearings", params={"from": value})
    assert response.status_code == 400 and response.json()["code"] == "invalid_parameter"


def test_the_sandbox_clock_runs_on_the_anchor_date(sandbox):
    state = sandbox.control("GET", "/sandbox/control").json()
    now = dt.datetime.fromisoformat(state["now"])
    assert state["anchor_date"] == "2025-11-29"
    assert (now + dt.timedelta(hours=3, minutes=30)).date() == dt.date(2025, 11, 29)
