"""Guards the visit schemas of the contract: wrong visit and slot_full bodies must fail validation."""

from __future__ import annotations

from tests.sandbox.test_contract import pointer, schema_errors
from tests.sandbox.visit_support import MONDAY, STANDARD_HOURS, book, find_office, slots_on

VISIT = pointer("components", "schemas", "Visit")
CONFLICT = pointer("paths", "/visits", "post", "responses", "409", "content", "application/problem+json", "schema")


def test_the_visit_schema_rejects_undocumented_fields_and_malformed_codes(service, as_citizen, persona):
    office = find_office(service, kind="single_counter", hours=STANDARD_HOURS, service="petition")
    visit = book(as_citizen(persona), slots_on(service, office["code"], "petition", MONDAY)[0]["id"]).json()
    assert schema_errors(visit, VISIT) == []
    assert schema_errors({**visit, "secret": 1}, VISIT)
    assert schema_errors({**visit, "code": "0O1IL5"}, VISIT)
    assert schema_errors({**visit, "qr": visit["qr"].lower()}, VISIT)
    assert schema_errors({**visit, "slot_id": "slot-1"}, VISIT)
    assert schema_errors({**visit, "starts_at": "2025-12-01T08:00:00+03:30"}, VISIT)


def test_the_slot_full_problem_documents_its_next_slots(service, as_citizen, citizens):
    office = find_office(service, kind="single_counter", hours=STANDARD_HOURS, service="petition")
    slot = slots_on(service, office["code"], "petition", MONDAY)[0]
    assert book(as_citizen(citizens[1]), slot["id"]).status_code == 201
    problem = book(as_citizen(citizens[2]), slot["id"]).json()
    assert problem["code"] == "slot_full" and len(problem["next_slots"]) == 3
    assert schema_errors(problem, CONFLICT) == []
    broken = {**problem, "next_slots": [{k: v for k, v in problem["next_slots"][0].items() if k != "remaining"}]}
    assert schema_errors(broken, CONFLICT)
    assert schema_errors({**problem, "code": "full"}, CONFLICT)
