"""Recording a verified payment at the core: once per gateway reference, never twice for one item."""

from __future__ import annotations

import threading
import uuid

import httpx
import pytest

from sandbox.payments.ledger import create_item


def details(reference: str, amount: int) -> dict:
    return {"gateway": "sep", "terminal_id": "13001404", "reference": reference, "order_id": "order-1",
            "rrn": "123456789012", "trace_no": "100428", "masked_pan": "621986******0011", "amount": amount,
            "paid_at": "2025-11-29T08:00:00Z"}


def record(client, item: dict, reference: str, **changes):
    return client.post(f"/core/v1/payment-items/{item['id']}/payment",
                       json={**details(reference, item["amount"]), **changes})


@pytest.fixture
def payer(as_citizen, persona):
    return as_citizen(persona)


@pytest.fixture
def expert_fee(payer) -> dict:
    return next(i for i in payer.get("/core/v1/payment-items").json()["items"] if i["amount"] == 120_000_000)


def test_recording_marks_the_item_paid_and_answers_the_record(payer, expert_fee):
    response = record(payer, expert_fee, "ref-1")
    assert response.status_code == 201
    paid = response.json()
    assert paid["item_id"] == expert_fee["id"] and paid["reference"] == "ref-1" and paid["amount"] == 120_000_000
    assert paid["receipt_number"].isdigit() and response.headers["Location"].endswith(expert_fee["id"])
    item = payer.get(f"/core/v1/payment-items/{expert_fee['id']}").json()
    assert item["status"] == "paid" and item["payment"] == paid


def test_the_same_reference_again_answers_the_same_record_and_records_once(sandbox, payer, expert_fee):
    first = record(payer, expert_fee, "ref-1")
    again = record(payer, expert_fee, "ref-1")
    assert first.status_code == 201 and again.status_code == 200 and again.json() == first.json()
    everyone = sandbox.control("GET", "payment-items").json()["items"]
    assert sum(1 for i in everyone if i["payment"] and i["payment"]["reference"] == "ref-1") == 1


def test_another_reference_for_a_paid_item_is_409_with_the_existing_record(payer, expert_fee):
    first = record(payer, expert_fee, "ref-1").json()
    second = record(payer, expert_fee, "ref-2")
    assert second.status_code == 409
    problem = second.json()
    assert problem["code"] == "already_paid" and problem["payment"] == first
    assert second.headers["Content-Type"] == "application/problem+json"


def test_a_reference_recorded_for_one_item_is_refused_for_another(as_citizen, persona, payer, expert_fee):
    first = record(payer, expert_fee, "ref-1").json()
    appeal = next(i for i in payer.get("/core/v1/payment-items").json()["items"] if i["kind"] == "appeal_fee")
    reused = record(payer, appeal, "ref-1")
    assert reused.status_code == 409 and reused.json()["code"] == "reference_used"
    assert reused.json()["payment"] == first
    assert payer.get(f"/core/v1/payment-items/{appeal['id']}").json()["status"] != "paid"


def test_the_same_reference_with_other_details_is_an_idempotency_conflict(payer, expert_fee):
    record(payer, expert_fee, "ref-1")
    changed = record(payer, expert_fee, "ref-1", rrn="999999999999")
    assert changed.status_code == 409 and changed.json()["code"] == "idempotency_conflict"


def test_an_amount_other_than_the_items_is_refused_and_nothing_is_recorded(payer, expert_fee):
    for amount in (12_000_000, 120_000_001, 1_200_000_000):  # a toman/rial slip is a tenfold error
        wrong = payer.post(f"/core/v1/payment-items/{expert_fee['id']}/payment", json=details("ref-x", amount))
        assert wrong.status_code == 422 and wrong.json()["code"] == "amount_mismatch"
    assert payer.get(f"/core/v1/payment-items/{expert_fee['id']}").json()["payment"] is None


@pytest.mark.parametrize("changes", [
    {"masked_pan": "6219861234560011"},  # a full card number is never taken
    {"masked_pan": "621986****0011"},
    {"amount": "120000000"},
    {"amount": True},
    {"order_id": ""},
    {"paid_at": "2025-11-29T08:00:00"},  # no zone
    {"paid_at": 1764403200},
    {"rrn": None},
])
def test_malformed_payment_details_are_400_and_record_nothing(payer, expert_fee, changes):
    response = record(payer, expert_fee, "ref-1", **changes)
    assert response.status_code == 400 and response.json()["code"] == "validation_failed"
    assert payer.get(f"/core/v1/payment-items/{expert_fee['id']}").json()["payment"] is None


def test_a_citizen_cannot_record_a_payment_for_another_citizens_item(as_citizen, citizens, expert_fee):
    other = as_citizen(next(c for c in citizens[1:] if not c["lawyer"]))
    refused = record(other, expert_fee, "ref-1")
    assert refused.status_code == 403 and refused.json()["code"] == "not_a_party"


def test_a_service_token_with_core_payments_records_any_item_and_without_it_is_refused(sandbox, api, expert_fee):
    without = api(sandbox.service_token("core.events"))
    refused = record(without, expert_fee, "ref-1")
    assert refused.status_code == 403 and refused.json()["code"] == "insufficient_scope"
    service = api(sandbox.service_token("core.payments"))
    assert record(service, expert_fee, "ref-1").status_code == 201
    assert record(service, expert_fee, "ref-1").status_code == 200


def test_client_credentials_grant_core_payments_only_when_asked_for(sandbox):
    def granted(**scope) -> set[str]:
        response = httpx.post(f"{sandbox.url}/oidc/token", data={"grant_type": "client_credentials", **scope},
                              auth=(sandbox.client_id, sandbox.client_secret))
        return set(response.json()["scope"].split())

    assert granted() == {"core.registry", "core.events"}
    assert granted(scope="core.payments") == {"core.payments"}


def test_recording_adds_a_timeline_entry_and_one_event_for_the_citizen(sandbox, api, payer, persona, expert_fee):
    feed = api(sandbox.service_token())
    head = feed.get("/core/v1/events/head").json()["cursor"]
    paid = record(payer, expert_fee, "ref-1").json()
    record(payer, expert_fee, "ref-1")  # a retry emits nothing more
    events = feed.get("/core/v1/events", params={"after": head}).json()["events"]
    assert [(e["type"], e["person"], e["case_id"]) for e in events] == [
        ("payment.recorded", persona["sub"], expert_fee["case_id"])]
    assert events[0]["data"] == {
        "item_id": expert_fee["id"], "record_id": paid["id"], "kind": "expert_fee",
        "payment_id": expert_fee["payment_id"], "amount": 120_000_000, "reference": "ref-1",
        "rrn": "123456789012", "filing_id": None}
    timeline = payer.get(f"/core/v1/cases/{expert_fee['case_id']}").json()["timeline"]
    assert [e["type"] for e in timeline].count("payment_recorded") == 1
    entry = next(e for e in timeline if e["type"] == "payment_recorded")
    assert "۱۲۰٬۰۰۰٬۰۰۰ ریال" in entry["title"] and entry["at"] == paid["recorded_at"]


def test_a_filing_fee_event_has_no_case(sandbox, api, payer, persona):
    store = sandbox.app.extensions["sandbox"].store
    item = create_item(store, person=persona["sub"], kind="filing_fee", amount=2_400_000, filing_id="f-000009")
    feed = api(sandbox.service_token())
    head = feed.get("/core/v1/events/head").json()["cursor"]
    assert record(payer, {"id": item.id, "amount": item.amount}, "ref-f").status_code == 201
    [event] = feed.get("/core/v1/events", params={"after": head}).json()["events"]
    assert event["case_id"] is None and event["data"]["filing_id"] == "f-000009"


def test_two_references_racing_for_one_item_record_exactly_one(sandbox, as_citizen, persona, expert_fee):
    clients = [as_citizen(persona) for _ in range(8)]
    answers: list[int] = []
    barrier = threading.Barrier(len(clients))

    def race(client) -> None:
        barrier.wait()
        answers.append(record(client, expert_fee, str(uuid.uuid4())).status_code)

    threads = [threading.Thread(target=race, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [201] + [409] * 7


def test_recording_waits_out_a_core_outage_with_503(sandbox, payer, expert_fee):
    sandbox.set_faults(down=True)
    down = record(payer, expert_fee, "ref-1")
    assert down.status_code == 503 and down.headers["Retry-After"]
    sandbox.set_faults()
    assert record(payer, expert_fee, "ref-1").status_code == 201
