"""Scripted gateway failures: lost callbacks, a failing or hanging verify, downtime and latency."""

from __future__ import annotations

import time

import httpx
import pytest

RETURN = "http://127.0.0.1:9/payments/return"


def faults(sandbox, **body) -> dict:
    response = sandbox.control("PUT", "gateway/faults", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def charge(gateway, card: str = "success"):
    token = gateway.token(5_000_000, "order-f", RETURN)["token"]
    return token, gateway.pay(token, card)


def test_dropped_callbacks_charge_but_show_no_way_back_and_are_found_by_inquiry(sandbox, gateway):
    faults(sandbox, drop_callback_rate=1)
    token, outcome = charge(gateway)
    assert outcome.back is None and "برقرار نشد" in outcome.page.text
    [txn] = sandbox.control("GET", "gateway/transactions").json()["transactions"]
    assert (txn["state"], txn["callback"]) == ("charged", "dropped")
    assert gateway.receipt(token=token).json()["Data"]["State"] == "OK"
    assert gateway.choose(token, "success").back is None  # the decision sticks to the payment


def test_a_drop_rate_loses_some_callbacks_and_not_others(sandbox, gateway):
    faults(sandbox, drop_callback_rate=0.5)
    shown = [charge(gateway)[1].back is not None for _ in range(40)]
    assert 0 < sum(shown) < 40


def test_a_failing_verify_verifies_nothing_until_the_fault_is_used_up(sandbox, gateway):
    _, outcome = charge(gateway)
    ref = outcome.fields["RefNum"]
    faults(sandbox, verify={"mode": "error", "count": 2})
    for _ in range(2):
        failed = gateway.verify(ref)
        assert failed.status_code == 500 and failed.json()["code"] == "internal_error"
    assert gateway.verify(ref).json()["ResultCode"] == 0


def test_a_verify_timeout_hangs_and_verifies_nothing(sandbox, gateway):
    _, outcome = charge(gateway)
    faults(sandbox, hang_ms=200, verify={"mode": "timeout", "count": 1})
    timed_out = gateway.verify(outcome.fields["RefNum"])
    assert timed_out.status_code == 504 and timed_out.json()["code"] == "gateway_timeout"
    assert timed_out.elapsed.total_seconds() >= 0.2
    assert gateway.verify(outcome.fields["RefNum"]).json()["ResultCode"] == 0


def test_a_verify_whose_answer_is_lost_was_applied_and_verifying_again_says_so(sandbox, gateway):
    _, outcome = charge(gateway)
    faults(sandbox, hang_ms=0, verify={"mode": "timeout_after_apply", "count": 1})
    assert gateway.verify(outcome.fields["RefNum"]).status_code == 504
    again = gateway.verify(outcome.fields["RefNum"]).json()
    assert (again["ResultCode"], again["Success"]) == (2, True)


def test_a_verify_fault_for_some_seconds_ends_by_itself(sandbox, gateway):
    _, outcome = charge(gateway)
    faults(sandbox, verify={"mode": "error", "for_seconds": 0.3})
    assert gateway.verify(outcome.fields["RefNum"]).status_code == 500
    time.sleep(0.4)
    assert gateway.verify(outcome.fields["RefNum"]).json()["ResultCode"] == 0


def test_a_gateway_that_is_down_refuses_merchants_and_card_holders_alike(sandbox, gateway):
    token = gateway.token(5_000_000, "order-d", RETURN)["token"]
    faults(sandbox, down=True)
    refused = httpx.post(f"{sandbox.url}/gateway/sep/onlinepg/onlinepg", json={"action": "token"})
    assert refused.status_code == 503 and refused.json()["code"] == "service_unavailable"
    assert refused.headers["Retry-After"]
    assert gateway.verify("x").status_code == 503 and gateway.receipt(token=token).status_code == 503
    page = gateway.open_card_page(token)
    assert page.status_code == 503 and page.headers["Content-Type"].startswith("text/html")
    assert httpx.get(f"{sandbox.url}/gateway/sep/openapi.json").status_code == 200
    faults(sandbox)
    assert gateway.pay(token, "success").fields["State"] == "OK"


def test_latency_delays_every_gateway_answer(sandbox, gateway):
    faults(sandbox, latency_ms=300)
    started = time.monotonic()
    gateway.token(5_000_000, "order-l", RETURN)
    assert time.monotonic() - started >= 0.3


def test_faults_are_listed_replaced_as_a_whole_and_cleared_by_reset(sandbox):
    set_ = faults(sandbox, down=True, latency_ms=10, drop_callback_rate=0.25, verify={"mode": "error", "count": 3})
    assert set_ == sandbox.control("GET", "gateway/faults").json()
    assert set_["verify"] == {"mode": "error", "count": 3, "for_seconds": None}
    assert faults(sandbox, latency_ms=5) == {"down": False, "latency_ms": 5, "drop_callback_rate": 0.0,
                                             "hang_ms": 5000, "verify": None}
    sandbox.reset()
    assert sandbox.control("GET", "gateway/faults").json()["latency_ms"] == 0


@pytest.mark.parametrize("body", [
    {"down": "yes"}, {"latency_ms": -1}, {"latency_ms": 60_001}, {"drop_callback_rate": 1.5},
    {"hang_ms": True}, {"verify": {"mode": "slow"}}, {"verify": {"mode": "error", "count": 0}},
    {"verify": {"mode": "error", "for_seconds": -2}}, {"verify": "error"},
])
def test_faults_that_make_no_sense_are_refused(sandbox, body):
    response = sandbox.control("PUT", "gateway/faults", json=body)
    assert response.status_code == 400 and response.json()["code"] == "validation_failed"
    assert sandbox.control("GET", "gateway/faults").json()["down"] is False


def test_reset_forgets_every_transaction(sandbox, gateway):
    charge(gateway)
    sandbox.reset()
    assert sandbox.control("GET", "gateway/transactions").json()["transactions"] == []
