"""The event feed: empty after seeding, ordered, replayable, one event per citizen party."""

from __future__ import annotations

import pytest


def move(sandbox, hearing_id: str, starts_at: str) -> None:
    sandbox.control("PATCH", f"hearings/{hearing_id}", json={"starts_at": starts_at}).raise_for_status()


def future_hearing(case: dict) -> dict:
    return next(h for h in case["hearings"] if h["status"] == "scheduled" and h["starts_at"] > "2025-11-29")


@pytest.fixture
def shared_hearing(sandbox, shared_case) -> tuple[dict, dict]:
    if not any(h["status"] == "scheduled" and h["starts_at"] > "2025-11-29" for h in shared_case["hearings"]):
        sandbox.control("POST", "hearings", json={"case_id": shared_case["id"],
                                                  "starts_at": "2025-12-10T06:00:00Z"}).raise_for_status()
        shared_case = next(c for c in sandbox.cases() if c["id"] == shared_case["id"])
    return shared_case, future_hearing(shared_case)


def test_feed_is_empty_after_seeding_and_head_is_a_cursor(sandbox, service):
    page = service.get("/core/v1/events").json()
    assert page["events"] == [] and page["sample"] is True
    head = service.get("/core/v1/events/head").json()["cursor"]
    assert head.isdigit()
    assert service.get("/core/v1/events", params={"after": head}).json()["events"] == []


def test_a_change_in_a_case_with_two_citizen_parties_yields_one_event_each(sandbox, service, shared_hearing):
    case, hearing = shared_hearing
    head = service.get("/core/v1/events/head").json()["cursor"]
    move(sandbox, hearing["id"], "2025-12-20T05:30:00Z")
    events = service.get("/core/v1/events", params={"after": head}).json()["events"]
    assert sorted(e["person"] for e in events) == sorted(case["citizen_subs"])
    assert len(case["citizen_subs"]) >= 2
    for event in events:
        assert event["type"] == "hearing.changed" and event["case_id"] == case["id"]
        assert event["data"]["hearing_id"] == hearing["id"]
        assert event["data"]["starts_at"] == "2025-12-20T05:30:00Z"
        assert event["data"]["previous_starts_at"] == hearing["starts_at"]
        assert event["data"]["version"] == hearing["version"] + 1


def test_events_are_strictly_ordered_and_replayable_from_an_old_cursor(sandbox, service, shared_hearing):
    case, hearing = shared_hearing
    start = service.get("/core/v1/events/head").json()["cursor"]
    move(sandbox, hearing["id"], "2025-12-21T05:30:00Z")
    middle = service.get("/core/v1/events/head").json()["cursor"]
    sandbox.control("POST", f"cases/{case['id']}/status", json={"status": "decided"}).raise_for_status()
    page = service.get("/core/v1/events", params={"after": start}).json()
    ids = [e["id"] for e in page["events"]]
    assert ids == sorted(ids) and len(set(ids)) == len(ids) and all(i > start for i in ids)
    assert [e["type"] for e in page["events"]] == ["hearing.changed"] * 2 + ["case.status_changed"] * 2
    assert page["next_cursor"] == ids[-1]
    assert service.get("/core/v1/events", params={"after": start}).json() == page
    tail = service.get("/core/v1/events", params={"after": middle}).json()["events"]
    assert [e["id"] for e in tail] == ids[2:]
    assert service.get("/core/v1/events", params={"after": page["next_cursor"]}).json() == {
        "sample": True, "events": [], "next_cursor": page["next_cursor"]}


def test_limit_pages_through_the_feed_with_next_cursor(sandbox, service, shared_hearing):
    case, hearing = shared_hearing
    start = service.get("/core/v1/events/head").json()["cursor"]
    for day in (22, 23, 24):
        move(sandbox, hearing["id"], f"2025-12-{day}T05:30:00Z")
    seen, cursor = [], start
    while True:
        page = service.get("/core/v1/events", params={"after": cursor, "limit": 4}).json()
        if not page["events"]:
            break
        assert len(page["events"]) <= 4
        seen += [e["id"] for e in page["events"]]
        cursor = page["next_cursor"]
    everything = service.get("/core/v1/events", params={"after": start, "limit": 500}).json()["events"]
    assert seen == [e["id"] for e in everything] and len(seen) == 3 * len(case["citizen_subs"])


@pytest.mark.parametrize("params", [{"after": "abc"}, {"after": "-1"}, {"limit": 0}, {"limit": 501},
                                    {"limit": "many"}])
def test_malformed_cursor_or_limit_is_400_invalid_parameter(sandbox, service, params):
    response = service.get("/core/v1/events", params=params)
    assert response.status_code == 400 and response.json()["code"] == "invalid_parameter"


def test_cursors_stay_valid_across_a_reset(sandbox, service, shared_hearing):
    _, hearing = shared_hearing
    move(sandbox, hearing["id"], "2025-12-25T05:30:00Z")
    cursor = service.get("/core/v1/events/head").json()["cursor"]
    sandbox.reset()
    assert service.get("/core/v1/events").json()["events"] == []
    case = next(c for c in sandbox.cases() if c["id"] == shared_hearing[0]["id"])
    move(sandbox, future_hearing(case)["id"], "2025-12-26T05:30:00Z")
    after = service.get("/core/v1/events", params={"after": cursor}).json()["events"]
    assert after and all(e["id"] > cursor for e in after)
