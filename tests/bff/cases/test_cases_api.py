"""GET /api/v1/cases, /api/v1/cases/<id> and /api/v1/hearings over real HTTP to the sandbox."""

import re

import pytest

from bff.platform.dates import parse_instant

NATIONAL_CODE = re.compile(r"(?<!\d)\d{10}(?!\d)")


def all_strings(node) -> list[str]:
    """Every string (keys included) anywhere in a JSON document."""
    if isinstance(node, dict):
        return [s for key, value in node.items() for s in [key, *all_strings(value)]]
    if isinstance(node, list):
        return [s for item in node for s in all_strings(item)]
    return [node] if isinstance(node, str) else []


def without_request_id(problem: dict) -> dict:
    return {key: value for key, value in problem.items() if key != "request_id"}


@pytest.mark.parametrize("path", ["/api/v1/cases", "/api/v1/cases/c-000001", "/api/v1/hearings",
                                  "/api/v1/hearings.ics", "/api/v1/hearings/h-000002.ics"])
def test_every_endpoint_is_401_problem_when_signed_out(core_app, path):
    response = core_app.test_client().get(path)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "unauthorized"


def test_list_has_every_case_of_the_citizen_fresh(signed_in, demo):
    body = signed_in().get("/api/v1/cases").get_json()
    assert body["stale"] is False
    assert abs((parse_instant(body["fetched_at"]) - parse_instant(body["cases"][0]["last_change_at"])).days) < 400
    assert sorted(case["id"] for case in body["cases"]) == sorted(demo["case_ids"])
    case = body["cases"][0]
    assert set(case) == {"id", "case_number", "archive_number", "tracking_code", "subject", "title", "role", "status",
                         "court", "next_hearing", "last_change_at", "accepts_briefs"}
    assert set(case["court"]) == {"complex", "court", "branch", "address", "city", "province"}
    assert re.fullmatch(r"\d{16}", case["case_number"])


def test_list_is_sorted_by_next_hearing_then_by_last_change(signed_in, sandbox):
    cases = signed_in().get("/api/v1/cases").get_json()["cases"]
    with_hearing = [c for c in cases if c["next_hearing"]]
    without = [c for c in cases if not c["next_hearing"]]
    assert with_hearing and without, "the demo persona has cases with and without an upcoming hearing"
    assert cases == with_hearing + without
    starts = [parse_instant(c["next_hearing"]["starts_at"]) for c in with_hearing]
    assert starts == sorted(starts)
    changes = [parse_instant(c["last_change_at"]) for c in without]
    assert changes == sorted(changes, reverse=True)
    # The core orders by last change alone; the BFF's order is its own.
    core_order = [c["id"] for c in sorted(cases, key=lambda c: c["last_change_at"], reverse=True)]
    assert [c["id"] for c in cases] != core_order


def test_role_is_the_signed_in_citizens_own(signed_in, shared_case):
    case, first, second = shared_case
    roles = {}
    for citizen in (first, second):
        listed = signed_in(citizen).get("/api/v1/cases").get_json()["cases"]
        roles[citizen["sub"]] = next(c["role"] for c in listed if c["id"] == case["id"])
        own = next(p["role"] for p in case["parties"] if p["national_code"] == citizen["national_code"])
        assert roles[citizen["sub"]] == own
    assert roles[first["sub"]] != roles[second["sub"]]


def test_detail_has_parties_branch_timeline_and_hearings_in_order(signed_in, demo):
    client = signed_in()
    body = client.get(f"/api/v1/cases/{demo['case_ids'][0]}").get_json()
    assert body["stale"] is False and body["id"] == demo["case_ids"][0]
    assert body["court"]["address"] and body["court"]["branch"]
    assert body["parties"] and all(set(p) == {"name", "role", "is_you"} for p in body["parties"])
    timeline = [(parse_instant(e["at"]), e["id"]) for e in body["timeline"]]
    assert len(timeline) >= 2 and timeline == sorted(timeline)
    assert body["timeline"][0]["type"] == "registered"
    starts = [h["starts_at"] for h in body["hearings"]]
    assert starts == sorted(starts)
    assert all(isinstance(h["version"], int) and h["version"] >= 1 for h in body["hearings"])


def test_detail_marks_only_the_signed_in_citizen_as_you(signed_in, shared_case):
    case, first, second = shared_case
    for citizen in (first, second):
        parties = signed_in(citizen).get(f"/api/v1/cases/{case['id']}").get_json()["parties"]
        yours = [p for p in parties if p["is_you"]]
        assert [p["name"] for p in yours] == [citizen["name"]]


def test_no_national_code_of_anyone_leaves_the_bff(signed_in, sandbox, demo):
    every_code = {c["national_code"] for c in sandbox.citizens()}
    every_code |= {p["national_code"] for case in sandbox.cases() for p in case["parties"] if p["national_code"]}
    client = signed_in()
    documents = [client.get("/api/v1/cases").get_json(), client.get("/api/v1/hearings").get_json()]
    documents += [client.get(f"/api/v1/cases/{case_id}").get_json() for case_id in demo["case_ids"]]
    assert any(p["national_code"] for case in sandbox.cases() if case["id"] in demo["case_ids"]
               for p in case["parties"]), "the core does send national codes for these cases"
    strings = [s for document in documents for s in all_strings(document)]
    assert "national_code" not in strings
    assert not [s for s in strings if any(code in s for code in every_code)]
    calendar = client.get("/api/v1/hearings.ics").get_data(as_text=True)
    assert not [code for code in every_code if code in calendar]


def test_another_citizens_case_is_404_exactly_like_a_missing_one(signed_in, foreign_case):
    client = signed_in()
    foreign = client.get(f"/api/v1/cases/{foreign_case['id']}")
    missing = client.get("/api/v1/cases/c-999999")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.mimetype == missing.mimetype == "application/problem+json"
    assert without_request_id(foreign.get_json()) == without_request_id(missing.get_json())
    assert foreign_case["id"] not in foreign.get_data(as_text=True)


@pytest.mark.parametrize("case_id", ["..", ".hidden", "c-1;drop", "a" * 65, "c 1"])
def test_a_case_id_the_core_could_not_have_is_404(signed_in, case_id):
    response = signed_in().get(f"/api/v1/cases/{case_id}")
    assert response.status_code == 404
    assert response.get_json()["code"] == "not_found"


def test_closed_case_does_not_accept_briefs(signed_in, sandbox, demo):
    closed = [c["id"] for c in sandbox.cases() if c["id"] in demo["case_ids"] and c["status"] == "closed"]
    assert closed, "the demo persona has a closed case"
    body = signed_in().get(f"/api/v1/cases/{closed[0]}").get_json()
    assert body["status"] == "closed" and body["accepts_briefs"] is False


def test_hearings_are_upcoming_soonest_first_with_version_and_case(signed_in, sandbox, demo):
    body = signed_in().get("/api/v1/hearings").get_json()
    now = parse_instant(sandbox.control("GET", "/sandbox/control").json()["now"])
    hearings = body["hearings"]
    assert hearings and body["stale"] is False
    assert all(parse_instant(h["starts_at"]) >= now for h in hearings)
    assert [h["starts_at"] for h in hearings] == sorted(h["starts_at"] for h in hearings)
    assert {h["case_id"] for h in hearings} <= set(demo["case_ids"])
    assert all(h["version"] >= 1 and h["case_number"] and h["title"] for h in hearings)


def test_a_cancelled_hearing_stays_in_the_list_marked_cancelled(signed_in, sandbox):
    client = signed_in()
    first = client.get("/api/v1/hearings").get_json()["hearings"][0]
    assert sandbox.control("PATCH", f"hearings/{first['id']}", json={"status": "cancelled"}).status_code == 200
    again = next(h for h in client.get("/api/v1/hearings").get_json()["hearings"] if h["id"] == first["id"])
    assert again["status"] == "cancelled" and again["version"] == first["version"] + 1


def test_personal_responses_are_not_cacheable(signed_in):
    client = signed_in()
    for path in ("/api/v1/cases", "/api/v1/hearings", "/api/v1/hearings.ics", "/api/v1/cases/c-999999"):
        response = client.get(path)
        assert "no-store" in response.headers["Cache-Control"] and "private" in response.headers["Cache-Control"]
        assert "Cookie" in response.headers["Vary"]


def test_openapi_documents_every_response_with_stale_and_fetched_at(client):
    spec = client.get("/api/openapi.json").get_json()
    paths = spec["paths"]
    assert {"/api/v1/cases", "/api/v1/cases/{case_id}", "/api/v1/hearings", "/api/v1/hearings.ics",
            "/api/v1/hearings/{hearing_id}.ics"} <= set(paths)
    schemas = spec["components"]["schemas"]
    for path, name in (("/api/v1/cases", "CaseList"), ("/api/v1/cases/{case_id}", "CaseDetail"),
                       ("/api/v1/hearings", "HearingList")):
        operation = paths[path]["get"]
        assert operation["summary"]
        ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/" + name)
        assert {"stale", "fetched_at"} <= set(schemas[name]["required"])
        assert {"401", "503", "504"} <= set(operation["responses"])
    assert "national_code" not in schemas["Party"]["properties"]
    assert "is_you" in schemas["Party"]["properties"]
    assert "text/calendar" in paths["/api/v1/hearings.ics"]["get"]["responses"]["200"]["content"]
