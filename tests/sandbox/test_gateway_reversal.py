"""Unverified payments go back to the card when the window ends; the merchant may reverse; tokens expire.

The bank's sweep runs before every gateway call; the control API runs it "as of" a later instant, so
these tests need not wait half an hour.
"""

from __future__ import annotations

import datetime as dt
import time

import httpx
import pytest

from sandbox.gateway.testing import GatewayClient
from sandbox.model import iso, parse_instant

RETURN = "http://127.0.0.1:9/payments/return"


def charge(gateway, card: str = "success") -> tuple[str, dict]:
    token = gateway.token(5_000_000, "order-r", RETURN)["token"]
    return token, gateway.pay(token, card).fields


def sweep(sandbox, **after) -> list[dict]:
    now = parse_instant(sandbox.control("GET", "/sandbox/control").json()["now"])
    response = sandbox.control("POST", "gateway/sweep", json={"as_of": iso(now + dt.timedelta(**after))})
    assert response.status_code == 200
    return response.json()["changed"]


def state_of(sandbox, token: str) -> dict:
    return next(t for t in sandbox.control("GET", "gateway/transactions").json()["transactions"]
                if t["token"] == token)


def test_an_unverified_payment_stays_until_the_window_ends_then_is_reversed(sandbox, gateway):
    token, fields = charge(gateway)
    assert sweep(sandbox, minutes=29, seconds=50) == []
    assert sandbox.control("GET", "gateway/transactions").json()["summary"]["charged_unsettled"] == [fields["RefNum"]]
    [changed] = sweep(sandbox, minutes=30, seconds=10)
    assert (changed["token"], changed["state"], changed["reversed_by"]) == (token, "reversed", "window")
    assert parse_instant(changed["reversed_at"]) == parse_instant(changed["charged_at"]) + dt.timedelta(minutes=30)
    assert sandbox.control("GET", "gateway/transactions").json()["summary"]["charged_unsettled"] == []


def test_verify_after_the_automatic_reversal_says_too_late_and_counts_nothing(sandbox, gateway):
    _, fields = charge(gateway)
    sweep(sandbox, minutes=31)
    answer = gateway.verify(fields["RefNum"]).json()
    assert (answer["ResultCode"], answer["Success"]) == (-6, False)
    assert answer["TransactionDetail"]["RefNum"] == fields["RefNum"]
    assert gateway.reverse(fields["RefNum"]).json()["ResultCode"] == -6


def test_a_payment_verified_in_time_is_never_reversed_by_the_window(sandbox, gateway):
    token, fields = charge(gateway)
    assert gateway.verify(fields["RefNum"]).json()["ResultCode"] == 0
    assert sweep(sandbox, hours=5) == []
    assert state_of(sandbox, token)["state"] == "verified"
    assert gateway.verify(fields["RefNum"]).json()["ResultCode"] == 2


def test_the_window_is_a_setting(start_sandbox):
    short = start_sandbox(SANDBOX_GATEWAY_REVERSAL_SECONDS="60")
    with httpx.Client(timeout=10) as http:
        gateway = GatewayClient(short.url, short.settings.gateway_terminal_id, http)
        token, _ = charge(gateway)
        assert sweep(short, seconds=55) == []
        assert [t["token"] for t in sweep(short, seconds=65)] == [token]


def test_the_merchant_reverses_an_unverified_payment_once_and_verify_then_says_reversed(sandbox, gateway):
    token, fields = charge(gateway)
    first, again = gateway.reverse(fields["RefNum"]).json(), gateway.reverse(fields["RefNum"]).json()
    assert (first["ResultCode"], first["Success"], again["ResultCode"]) == (0, True, 2)
    verify = gateway.verify(fields["RefNum"]).json()
    assert (verify["ResultCode"], verify["Success"]) == (5, False)
    txn = state_of(sandbox, token)
    assert (txn["state"], txn["reversed_by"], txn["verify_count"]) == ("reversed", "merchant", 0)


def test_the_merchant_may_reverse_a_verified_payment_within_the_reverse_window(sandbox, gateway):
    token, fields = charge(gateway)
    gateway.verify(fields["RefNum"])
    assert gateway.reverse(fields["RefNum"]).json()["ResultCode"] == 0
    assert gateway.verify(fields["RefNum"]).json()["ResultCode"] == 5
    assert state_of(sandbox, token)["state"] == "reversed"


def test_a_verified_payment_cannot_be_reversed_after_the_reverse_window(start_sandbox):
    short = start_sandbox(SANDBOX_GATEWAY_REVERSE_SECONDS="1")
    with httpx.Client(timeout=10) as http:
        gateway = GatewayClient(short.url, short.settings.gateway_terminal_id, http)
        _, fields = charge(gateway)
        gateway.verify(fields["RefNum"])
        time.sleep(1.2)  # the reverse window runs on the sandbox clock, which the sweep cannot move
        assert gateway.reverse(fields["RefNum"]).json()["ResultCode"] == -6
        assert gateway.verify(fields["RefNum"]).json()["ResultCode"] == 2


def test_an_unpaid_token_expires_after_its_lifetime_and_its_page_then_reports_session_is_null(sandbox, gateway):
    token = gateway.token(5_000_000, "order-e", RETURN)["token"]
    long_lived = gateway.token(5_000_000, "order-l", RETURN, TokenExpiryInMin=60)["token"]
    assert [t["token"] for t in sweep(sandbox, minutes=21)] == [token]
    outcome = gateway.pay(token, "success")
    assert (outcome.fields["State"], outcome.fields["Status"], outcome.fields["RefNum"]) == ("SessionIsNull", "4", "")
    assert gateway.receipt(token=token).json()["Data"]["State"] == "SessionIsNull"
    assert gateway.pay(long_lived, "success").fields["State"] == "OK"
    assert [t["state"] for t in sandbox.control("GET", "gateway/transactions").json()["transactions"]] == [
        "expired", "charged"]


def test_a_card_chosen_on_a_page_left_open_past_expiry_charges_nothing(sandbox, gateway):
    token = gateway.token(5_000_000, "order-o", RETURN)["token"]
    assert gateway.open_card_page(token).status_code == 200
    sweep(sandbox, minutes=25)
    outcome = gateway.choose(token, "success")
    assert outcome.fields["State"] == "SessionIsNull" and state_of(sandbox, token)["charged_at"] is None


@pytest.mark.parametrize("body", [{"as_of": "soon"}, {"as_of": "2025-11-29T10:00:00"}])
def test_the_sweep_refuses_an_instant_it_cannot_read(sandbox, body):
    response = sandbox.control("POST", "gateway/sweep", json=body)
    assert response.status_code == 400 and response.json()["code"] == "validation_failed"


def test_a_sweep_as_of_the_past_runs_as_of_now(sandbox, gateway):
    charge(gateway)
    response = sandbox.control("POST", "gateway/sweep", json={"as_of": "2000-01-01T00:00:00Z"})
    assert response.status_code == 200 and response.json()["changed"] == []
    assert parse_instant(response.json()["as_of"]).year > 2000
