"""Notice kinds, the hearing of a summons, residence abroad and the moments of service (ابلاغ)."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from sandbox.model import NOTICE_KINDS, iso, parse_instant

ANCHOR_START = "2025-11-28T20:30:00Z"  # midnight in Tehran at the start of the anchor date


def notices_of(client: httpx.Client) -> list[dict]:
    return client.get("/core/v1/notices").json()["notices"]


def control_notice(sandbox, person: dict, case_id: str, **fields) -> httpx.Response:
    return sandbox.control("POST", "notices", json={"person": person["sub"], "case_id": case_id,
                                                     "title": "ابلاغیه آزمایشی", **fields})


def now_of(sandbox) -> dt.datetime:
    return parse_instant(sandbox.control("GET", "/sandbox/control").json()["now"])


def test_the_persona_has_notices_of_every_kind_and_an_unread_deficiency(sandbox, as_citizen, persona):
    notices = notices_of(as_citizen(persona))
    assert {n["kind"] for n in notices} == set(NOTICE_KINDS)
    assert all(NOTICE_KINDS[n["kind"]] == n["type"] for n in notices)
    assert any(n["kind"] == "deficiency" and n["opened_at"] is None for n in notices)
    assert any(n["kind"] == "judgment_in_absentia" and n["opened_at"] is None for n in notices)
    recent = [n for n in notices if n["kind"] == "judgment" and n["opened_at"]
              and n["opened_at"] > "2025-11-21T00:00:00Z"]
    assert recent, "a judgment opened in the last week, so its appeal period is running"


def test_every_seeded_summons_names_a_hearing_of_its_own_case_and_other_kinds_none(sandbox):
    cases = {c["id"]: c for c in sandbox.cases()}
    for citizen in sandbox.citizens()[:12]:
        tokens = sandbox.sign_in(citizen["national_code"])
        with httpx.Client(base_url=sandbox.url, headers={"Authorization": f"Bearer {tokens['access_token']}"}) as c:
            for notice in notices_of(c):
                hearings = {h["id"] for h in cases[notice["case_id"]]["hearings"]}
                if notice["kind"] == "summons":
                    assert notice["hearing_id"] in hearings, notice["id"]
                else:
                    assert notice["hearing_id"] is None, notice["id"]


def test_by_default_arrival_is_service_and_opening_is_actual_service(sandbox, as_citizen, persona):
    client = as_citizen(persona)
    unread = next(n for n in notices_of(client) if n["opened_at"] is None)
    assert unread["served_at"] == unread["deemed_served_at"] == unread["issued_at"]
    opened = client.post(f"/core/v1/notices/{unread['id']}/receipt").json()
    assert opened["opened_at"] >= opened["issued_at"]
    assert opened["served_at"] == unread["issued_at"], "opening later does not move the service"


def test_with_a_deemed_service_period_an_unopened_notice_is_served_only_when_deemed_or_opened(start_sandbox):
    sandbox = start_sandbox(SANDBOX_NOTICE_DEEMED_SERVICE_DAYS="10")
    persona = sandbox.citizens()[0]
    case_id = persona["case_ids"][0]
    now = now_of(sandbox)
    fresh = control_notice(sandbox, persona, case_id, kind="deficiency").json()
    assert fresh["served_at"] is None
    assert parse_instant(fresh["deemed_served_at"]) - parse_instant(fresh["issued_at"]) == dt.timedelta(days=10)
    old = control_notice(sandbox, persona, case_id, kind="judgment",
                         issued_at=iso(now - dt.timedelta(days=11))).json()
    assert old["served_at"] == old["deemed_served_at"] == iso(now - dt.timedelta(days=1))
    tokens = sandbox.sign_in(persona["national_code"])
    with httpx.Client(base_url=sandbox.url, headers={"Authorization": f"Bearer {tokens['access_token']}"}) as c:
        opened = c.post(f"/core/v1/notices/{fresh['id']}/receipt").json()
        assert opened["served_at"] == opened["opened_at"] is not None
        assert c.post(f"/core/v1/notices/{old['id']}/receipt").json()["served_at"] == old["served_at"]


def test_citizens_living_abroad_have_it_recorded_on_each_of_their_notices(sandbox, as_citizen, citizens):
    abroad = [c for c in citizens if c["resides_abroad"]]
    assert len(abroad) == 2 and not citizens[0]["resides_abroad"]
    for citizen in abroad:
        assert all(n["addressee_resides_abroad"] for n in notices_of(as_citizen(citizen)))
    assert not any(n["addressee_resides_abroad"] for n in notices_of(as_citizen(citizens[0])))
    created = control_notice(sandbox, abroad[0], abroad[0]["case_ids"][0], kind="plain").json()
    assert created["addressee_resides_abroad"] is True
    overridden = control_notice(sandbox, citizens[0], citizens[0]["case_ids"][0], kind="judgment",
                                addressee_resides_abroad=True).json()
    assert overridden["addressee_resides_abroad"] is True


@pytest.mark.parametrize(("fields", "kind", "type_"), [
    ({"kind": "judgment_in_absentia"}, "judgment_in_absentia", "decision"),
    ({"kind": "judgment", "type": "decision"}, "judgment", "decision"),
    ({"type": "decision"}, "judgment", "decision"),
    ({"type": "notice"}, "plain", "notice"),
    ({"type": "deficiency"}, "deficiency", "deficiency"),
])
def test_control_takes_a_kind_or_a_type_and_fills_in_the_other(sandbox, persona, fields, kind, type_):
    response = control_notice(sandbox, persona, persona["case_ids"][0], **fields)
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["type"]) == (kind, type_)


def test_a_judgment_in_absentia_says_the_objection_runs_from_actual_service(sandbox, persona):
    body = control_notice(sandbox, persona, persona["case_ids"][0], kind="judgment_in_absentia").json()["body"]
    assert "واخواهی" in body and "ابلاغ واقعی" in body


@pytest.mark.parametrize("fields", [
    {}, {"kind": "appeal"}, {"type": "ruling"}, {"kind": "plain", "type": "summons"},
    {"kind": "judgment", "hearing_id": "h-000001"}, {"kind": "plain", "addressee_resides_abroad": "yes"},
    {"kind": "plain", "issued_at": "2025-11-28"},
])
def test_control_refuses_malformed_notices_with_400(sandbox, persona, fields):
    response = control_notice(sandbox, persona, persona["case_ids"][0], **fields)
    assert response.status_code == 400 and response.json()["code"] == "validation_failed"


def test_a_summons_is_for_the_given_hearing_of_the_case_or_else_the_next_one(sandbox, persona):
    cases = {c["id"]: c for c in sandbox.cases()}
    case = cases[persona["case_ids"][0]]
    upcoming = next(h for h in case["hearings"] if h["status"] == "scheduled" and h["starts_at"] > ANCHOR_START)
    assert control_notice(sandbox, persona, case["id"], kind="summons").json()["hearing_id"] == upcoming["id"]
    earlier = case["hearings"][0]["id"]
    assert control_notice(sandbox, persona, case["id"], kind="summons",
                          hearing_id=earlier).json()["hearing_id"] == earlier
    foreign = next(h["id"] for c in cases.values() if c["id"] != case["id"] for h in c["hearings"])
    refused = control_notice(sandbox, persona, case["id"], kind="summons", hearing_id=foreign)
    assert refused.status_code == 400
    idle = next(c for c in cases.values() if persona["sub"] in c["citizen_subs"]
                and not any(h["status"] == "scheduled" for h in c["hearings"]))
    assert control_notice(sandbox, persona, idle["id"], kind="summons").json()["hearing_id"] is None


def test_a_notice_issued_and_opened_earlier_is_served_then_and_on_the_timeline(sandbox, persona, as_citizen):
    now = now_of(sandbox)
    issued, opened = now - dt.timedelta(days=15), now - dt.timedelta(days=14)
    case_id = persona["case_ids"][0]
    created = control_notice(sandbox, persona, case_id, kind="deficiency", issued_at=iso(issued),
                             opened_at=iso(opened)).json()
    assert (created["issued_at"], created["opened_at"], created["served_at"]) == (iso(issued), iso(opened), iso(issued))
    timeline = as_citizen(persona).get(f"/core/v1/cases/{case_id}").json()["timeline"]
    served = [e for e in timeline if e["type"] == "notice_served" and e["at"] == iso(opened)]
    assert len(served) == 1


@pytest.mark.parametrize("moments", [
    {"issued_at": "2999-01-01T00:00:00Z"},
    {"issued_at": "2025-11-20T08:00:00Z", "opened_at": "2025-11-19T08:00:00Z"},
    {"opened_at": "2999-01-01T00:00:00Z"},
])
def test_service_moments_in_the_future_or_out_of_order_are_400_and_issue_nothing(sandbox, persona, as_citizen,
                                                                                 moments):
    before = notices_of(as_citizen(persona))
    response = control_notice(sandbox, persona, persona["case_ids"][0], kind="plain", **moments)
    assert response.status_code == 400
    assert notices_of(as_citizen(persona)) == before


def test_the_feed_event_carries_kind_hearing_residence_and_deemed_service(start_sandbox):
    sandbox = start_sandbox(SANDBOX_NOTICE_DEEMED_SERVICE_DAYS="3")
    persona = sandbox.citizens()[0]
    service = {"Authorization": f"Bearer {sandbox.service_token()}"}
    head = httpx.get(f"{sandbox.url}/core/v1/events/head", headers=service).json()["cursor"]
    notice = control_notice(sandbox, persona, persona["case_ids"][0], kind="summons",
                            addressee_resides_abroad=True).json()
    [event] = httpx.get(f"{sandbox.url}/core/v1/events", params={"after": head}, headers=service).json()["events"]
    assert event["data"]["kind"] == "summons" and event["data"]["hearing_id"] == notice["hearing_id"] is not None
    assert event["data"]["addressee_resides_abroad"] is True
    assert event["data"]["deemed_served_at"] == notice["deemed_served_at"] == iso(
        parse_instant(notice["issued_at"]) + dt.timedelta(days=3))
