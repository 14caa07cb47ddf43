"""The control API: notices, hearings, case status, and its absence in plain mode."""

from __future__ import annotations

import httpx


def test_control_api_is_404_in_plain_mode_and_the_rest_still_works(start_sandbox):
    plain = start_sandbox(SANDBOX_MODE="plain")
    for method, path in (("GET", "citizens"), ("POST", "reset"), ("PUT", "faults"), ("GET", "briefs")):
        response = plain.control(method, path, json={})
        assert response.status_code == 404, path
    assert httpx.get(f"{plain.url}/.well-known/openid-configuration").status_code == 200
    assert httpx.get(f"{plain.url}/core/v1/openapi.json").status_code == 200


def test_plain_mode_accepts_only_registered_redirect_uris(start_sandbox):
    plain = start_sandbox(SANDBOX_MODE="plain")
    url = plain.authorize_url("http://127.0.0.1:5999/auth/callback", "s", "n", "x" * 43)
    assert httpx.get(url).status_code == 400
    registered = plain.authorize_url("http://127.0.0.1:8000/auth/callback", "s", "n", "x" * 43)
    assert httpx.get(registered).status_code == 200


def test_created_notice_reaches_the_citizen_and_the_feed(sandbox, as_citizen, service, persona):
    head = service.get("/core/v1/events/head").json()["cursor"]
    created = sandbox.control("POST", "notices", json={
        "person": persona["national_code"], "case_id": persona["case_ids"][0], "type": "summons",
        "title": "اخطاریه آزمایشی"})
    assert created.status_code == 201
    notice = created.json()
    assert notice["opened_at"] is None and notice["documents"]
    listed = as_citizen(persona).get("/core/v1/notices").json()["notices"]
    assert listed[0]["id"] == notice["id"] and listed[0]["title"] == "اخطاریه آزمایشی"
    [event] = service.get("/core/v1/events", params={"after": head}).json()["events"]
    assert event["type"] == "notice.issued" and event["person"] == persona["sub"]
    assert event["data"] == {"notice_id": notice["id"], "number": notice["number"], "type": "summons",
                             "title": "اخطاریه آزمایشی", "kind": "summons", "hearing_id": notice["hearing_id"],
                             "issued_at": notice["issued_at"], "deemed_served_at": notice["issued_at"],
                             "addressee_resides_abroad": False}


def test_notice_for_someone_who_is_not_a_party_is_422(sandbox, citizens):
    outsider = next(c for c in citizens if "c-000001" not in c["case_ids"])
    response = sandbox.control("POST", "notices", json={
        "person": outsider["sub"], "case_id": "c-000001", "type": "notice", "title": "x"})
    assert response.status_code == 422 and response.json()["code"] == "not_a_party"


def test_schedule_move_and_cancel_a_hearing_with_versions_and_events(sandbox, service, as_citizen, persona):
    case_id = persona["case_ids"][0]
    head = service.get("/core/v1/events/head").json()["cursor"]
    created = sandbox.control("POST", "hearings", json={
        "case_id": case_id, "starts_at": "2025-12-06T05:30:00Z", "room": "اتاق ۱۰۱"})
    assert created.status_code == 201
    hearing = created.json()
    assert hearing["version"] == 1 and hearing["status"] == "scheduled"
    assert hearing["ends_at"] == "2025-12-06T06:00:00Z" and hearing["room"] == "اتاق ۱۰۱"
    moved = sandbox.control("PATCH", f"hearings/{hearing['id']}", json={"starts_at": "2025-12-07T06:30:00Z"}).json()
    assert moved["version"] == 2 and moved["ends_at"] == "2025-12-07T07:00:00Z"
    cancelled = sandbox.control("PATCH", f"hearings/{hearing['id']}", json={"status": "cancelled"}).json()
    assert cancelled["version"] == 3 and cancelled["status"] == "cancelled"
    again = sandbox.control("PATCH", f"hearings/{hearing['id']}", json={"starts_at": "2025-12-08T06:30:00Z"})
    assert again.status_code == 409
    mine = [e for e in service.get("/core/v1/events", params={"after": head}).json()["events"]
            if e["person"] == persona["sub"]]
    assert [e["type"] for e in mine] == ["hearing.scheduled", "hearing.changed", "hearing.cancelled"]
    assert mine[2]["data"] == {"hearing_id": hearing["id"], "previous_starts_at": "2025-12-07T06:30:00Z",
                               "version": 3}
    detail = as_citizen(persona).get(f"/core/v1/cases/{case_id}").json()
    assert [e["type"] for e in detail["timeline"][-3:]] == [
        "hearing_scheduled", "hearing_changed", "hearing_cancelled"]


def test_closing_a_case_emits_a_status_event_and_stops_briefs(sandbox, service, as_citizen, persona):
    case_id = next(cid for cid in persona["case_ids"]
                   if as_citizen(persona).get(f"/core/v1/cases/{cid}").json()["accepts_briefs"])
    head = service.get("/core/v1/events/head").json()["cursor"]
    changed = sandbox.control("POST", f"cases/{case_id}/status", json={"status": "closed"}).json()
    assert changed["status"] == "closed" and changed["previous_status"] != "closed"
    events = service.get("/core/v1/events", params={"after": head}).json()["events"]
    assert {e["type"] for e in events} == {"case.status_changed"}
    assert events[0]["data"] == {"status": "closed", "previous_status": changed["previous_status"]}
    case = as_citizen(persona).get(f"/core/v1/cases/{case_id}").json()
    assert case["accepts_briefs"] is False and case["timeline"][-1]["type"] == "closed"
    same = sandbox.control("POST", f"cases/{case_id}/status", json={"status": "closed"})
    assert same.status_code == 200
    assert service.get("/core/v1/events", params={"after": head}).json()["events"] == events


def test_reset_restores_the_seeded_cases(sandbox, persona):
    before = sandbox.cases()
    sandbox.control("POST", f"cases/{persona['case_ids'][0]}/status", json={"status": "closed"})
    assert sandbox.cases() != before
    sandbox.reset()
    assert sandbox.cases() == before


def test_control_input_errors_are_problems(sandbox):
    assert sandbox.control("POST", "hearings", json={"case_id": "c-000001"}).status_code == 400
    assert sandbox.control("POST", "hearings", json={"case_id": "c-999999",
                                                     "starts_at": "2025-12-06T05:30:00Z"}).status_code == 404
    assert sandbox.control("POST", "cases/c-000001/status", json={"status": "lost"}).status_code == 400
    response = sandbox.control("PATCH", "hearings/h-999999", json={"status": "cancelled"})
    assert response.status_code == 404 and response.headers["Content-Type"] == "application/problem+json"


def test_citizens_list_names_codes_mobiles_and_case_ids(sandbox):
    citizens = sandbox.citizens()
    assert len(citizens) == 50
    for citizen in citizens:
        assert citizen["sub"].startswith("cit-") and len(citizen["sub"]) == 16
        assert citizen["mobile"].startswith("09") and len(citizen["mobile"]) == 11
        assert citizen["case_ids"]
