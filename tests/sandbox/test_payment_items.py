"""Court fees at the core: what a citizen owes, only their own, with valid bill and payment ids."""

from __future__ import annotations

import datetime as dt

import pytest

from sandbox.payments import billing
from sandbox.payments.ledger import create_item, items_of_filing, link_case
from sandbox.problems import Problem


def items(client, **params) -> list[dict]:
    response = client.get("/core/v1/payment-items", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_the_demo_persona_owes_the_expert_fee_an_appeal_fee_and_an_overdue_publication_fee(as_citizen, persona):
    mine = items(as_citizen(persona))
    unpaid = [i for i in mine if i["status"] != "paid"]
    assert [(i["kind"], i["amount"], i["status"]) for i in unpaid] == [
        ("notice_publication_fee", 1_800_000, "overdue"),
        ("appeal_fee", 6_750_000, "due"),
        ("expert_fee", 120_000_000, "due"),
    ]
    assert all(i["case_id"] in persona["case_ids"] and i["currency"] == "IRR" for i in mine)
    assert [i["status"] for i in mine][-1] == "paid" and mine[-1]["payment"]["masked_pan"].count("*") == 6


def test_list_orders_overdue_then_due_by_date_then_paid(as_citizen, citizens):
    for citizen in citizens[:20]:
        mine = items(as_citizen(citizen))
        rank = {"overdue": 0, "due": 1, "paid": 2}
        keys = [(rank[i["status"]], i["due_date"] if i["status"] != "paid" else "") for i in mine]
        assert keys == sorted(keys)


def test_overdue_means_the_due_date_has_passed_on_the_sandbox_clock(sandbox, as_citizen, citizens):
    anchor = dt.date.fromisoformat(sandbox.control("GET", "/sandbox/control").json()["anchor_date"])
    everyone = sandbox.control("GET", "payment-items").json()["items"]
    assert len({i["person"] for i in everyone}) > 5
    for item in everyone:
        due = dt.date.fromisoformat(item["due_date"])
        if item["status"] != "paid":
            assert item["status"] == ("overdue" if due < anchor else "due")


def test_every_item_has_a_bill_id_and_payment_id_whose_check_digits_hold_and_encode_the_amount(sandbox):
    everyone = sandbox.control("GET", "payment-items").json()["items"]
    for item in everyone:
        assert billing.is_valid_pair(item["bill_id"], item["payment_id"]), item
        assert billing.amount_of(item["payment_id"]) == item["amount"]
    assert len({(i["bill_id"], i["payment_id"]) for i in everyone}) == len(everyone)


def test_the_check_digits_follow_the_published_bill_payment_standard():
    assert billing.is_valid_pair("9403272004129", "95570163")  # a published sample pair
    assert billing.is_valid_pair("1064348103115", "97570237")
    assert not billing.is_valid_pair("9403272004129", "95570164")
    assert not billing.is_valid_pair("9403272004128", "95570163")
    assert billing.amount_of("95570163") == 955_000


def test_the_status_filter_keeps_only_those_statuses_and_refuses_unknown_ones(as_citizen, persona):
    client = as_citizen(persona)
    assert {i["status"] for i in items(client, status="overdue")} == {"overdue"}
    assert {i["status"] for i in items(client, status=["due", "paid"])} == {"due", "paid"}
    refused = client.get("/core/v1/payment-items", params={"status": "owed"})
    assert refused.status_code == 400 and refused.json()["code"] == "invalid_parameter"


def test_an_item_is_shown_only_to_the_citizen_who_owes_it(sandbox, as_citizen, citizens, persona):
    item = items(as_citizen(persona))[0]
    own = as_citizen(persona).get(f"/core/v1/payment-items/{item['id']}")
    assert own.status_code == 200 and own.json() == item
    other = next(c for c in citizens[1:] if not c["lawyer"])
    foreign = as_citizen(other).get(f"/core/v1/payment-items/{item['id']}")
    assert foreign.status_code == 403 and foreign.json()["code"] == "not_a_party"
    assert item["id"] not in {i["id"] for i in items(as_citizen(other))}
    missing = as_citizen(persona).get("/core/v1/payment-items/pi-999999")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_a_service_token_cannot_read_a_citizens_items(service):
    refused = service.get("/core/v1/payment-items")
    assert refused.status_code == 403 and refused.json()["code"] == "insufficient_scope"


def test_the_same_seed_gives_the_same_items_and_reset_restores_them(sandbox):
    before = sandbox.control("GET", "payment-items").json()["items"]
    sandbox.control("POST", "payment-items", json={"person": before[0]["person"], "kind": "fine",
                                                   "amount": 5_000_000, "case_id": before[0]["case_id"]})
    assert len(sandbox.control("GET", "payment-items").json()["items"]) == len(before) + 1
    sandbox.reset()
    assert sandbox.control("GET", "payment-items").json()["items"] == before


def test_control_creates_an_item_for_a_citizen_by_national_code(sandbox, as_citizen, persona):
    created = sandbox.control("POST", "payment-items", json={
        "person": persona["national_code"], "kind": "fine", "amount": 20_000_000, "case_id": persona["case_ids"][2],
        "due_date": "2025-12-20", "title": "جزای نقدی نمونه"})
    assert created.status_code == 201
    item = created.json()
    assert item["person"] == persona["sub"] and item["status"] == "due" and item["title"] == "جزای نقدی نمونه"
    assert item["id"] in {i["id"] for i in items(as_citizen(persona))}


@pytest.mark.parametrize(("body", "status"), [
    ({"kind": "fine", "amount": 1500, "case_id": "c-000001"}, 400),  # not a multiple of 1,000 rials
    ({"kind": "fine", "amount": "5000000", "case_id": "c-000001"}, 400),
    ({"kind": "tax", "amount": 5_000_000, "case_id": "c-000001"}, 400),
    ({"kind": "fine", "amount": 5_000_000}, 400),  # neither a case nor a filing
    ({"kind": "fine", "amount": 5_000_000, "case_id": "c-999999"}, 404),
    ({"kind": "fine", "amount": 5_000_000, "case_id": "c-000001", "due_date": "1404-09-08"}, 400),
])
def test_control_refuses_an_item_that_cannot_exist(sandbox, persona, body, status):
    response = sandbox.control("POST", "payment-items", json={"person": persona["sub"], **body})
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/problem+json"


def test_control_refuses_an_item_on_a_case_the_citizen_is_not_a_party_of(sandbox, citizens, persona):
    other_case = next(c for c in sandbox.cases() if persona["sub"] not in c["citizen_subs"])
    response = sandbox.control("POST", "payment-items", json={
        "person": persona["sub"], "kind": "fine", "amount": 5_000_000, "case_id": other_case["id"]})
    assert response.status_code == 422 and response.json()["code"] == "not_a_party"


def test_the_python_api_creates_a_filing_fee_without_a_case_and_links_it_later(sandbox, as_citizen, persona):
    store = sandbox.app.extensions["sandbox"].store
    item = create_item(store, person=persona["sub"], kind="filing_fee", amount=2_400_000, filing_id="f-000001")
    shown = as_citizen(persona).get(f"/core/v1/payment-items/{item.id}").json()
    assert shown["case_id"] is None and shown["filing_id"] == "f-000001" and shown["title"] == "هزینه دادرسی"
    assert [i.id for i in items_of_filing(store, "f-000001")] == [item.id]
    link_case(store, item.id, persona["case_ids"][0])
    assert as_citizen(persona).get(f"/core/v1/payment-items/{item.id}").json()["case_id"] == persona["case_ids"][0]
    with pytest.raises(Problem) as refused:
        create_item(store, person=persona["sub"], kind="filing_fee", amount=2_400_001, filing_id="f-000002")
    assert refused.value.code == "validation_failed"


def test_a_citizen_added_for_a_load_test_can_owe_a_filing_fee_and_see_it(sandbox, as_citizen):
    [newcomer] = sandbox.control("POST", "citizens", json={"count": 1}).json()["citizens"]
    created = sandbox.control("POST", "payment-items", json={
        "person": newcomer["national_code"], "kind": "filing_fee", "amount": 3_000_000, "filing_id": "load-0001"})
    assert created.status_code == 201
    assert [i["id"] for i in items(as_citizen(newcomer))] == [created.json()["id"]]


def test_seeding_fees_leaves_the_seeded_case_timelines_as_they_were(sandbox):
    assert all(entry["type"] != "payment_recorded" for case in sandbox.cases() for entry in case["timeline"])
