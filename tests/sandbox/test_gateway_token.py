"""The gateway's token call and how it knows the merchant: terminal number and registered address."""

from __future__ import annotations

import httpx
import pytest

from sandbox.gateway.testing import GatewayClient

RETURN = "http://127.0.0.1:9/payments/return"


def token_call(sandbox, path: str = "/gateway/sep/onlinepg/onlinepg", **changes) -> dict:
    body = {"action": "token", "TerminalId": sandbox.settings.gateway_terminal_id, "Amount": 120_000_000,
            "ResNum": "order-1", "RedirectUrl": RETURN, **changes}
    body = {k: v for k, v in body.items() if v is not None}
    response = httpx.post(sandbox.url + path, json=body)
    assert response.status_code == 200
    return response.json()


def test_a_token_is_issued_for_the_terminal_amount_order_and_return_url(sandbox):
    answer = token_call(sandbox)
    assert answer["status"] == 1 and len(answer["token"]) == 32
    [txn] = sandbox.control("GET", "gateway/transactions").json()["transactions"]
    assert (txn["token"], txn["amount"], txn["res_num"], txn["redirect_url"], txn["state"]) == (
        answer["token"], 120_000_000, "order-1", RETURN, "issued")


def test_both_spellings_of_seps_path_and_a_numeric_terminal_are_accepted(sandbox):
    assert token_call(sandbox, "/gateway/sep/OnlinePG/OnlinePG")["status"] == 1
    assert token_call(sandbox, TerminalId=int(sandbox.settings.gateway_terminal_id))["status"] == 1


def test_every_token_is_different_even_for_the_same_order(sandbox):
    tokens = {token_call(sandbox)["token"] for _ in range(5)}
    assert len(tokens) == 5


def test_another_terminal_is_refused_with_terminal_not_found(sandbox):
    assert token_call(sandbox, TerminalId="99999999") == {
        "status": -1, "errorCode": "12", "errorDesc": "شماره ترمینال ارسال‌شده یافت نشد"}


@pytest.mark.parametrize("changes", [
    {"Amount": 0}, {"Amount": -1000}, {"Amount": 1200.5}, {"Amount": "120000000"}, {"Amount": True},
    {"Amount": None}, {"ResNum": ""}, {"ResNum": None}, {"ResNum": "x" * 51}, {"RedirectUrl": "/payments/return"},
    {"RedirectUrl": "javascript:alert(1)"}, {"RedirectUrl": None}, {"TokenExpiryInMin": 10},
    {"TokenExpiryInMin": 3601}, {"action": "pay"},
])
def test_invalid_parameters_are_refused_with_error_code_5_and_no_token(sandbox, changes):
    answer = token_call(sandbox, **changes)
    assert answer["status"] == -1 and answer["errorCode"] == "5" and "token" not in answer
    assert sandbox.control("GET", "gateway/transactions").json()["transactions"] == []


def test_a_non_json_token_request_is_not_a_token_request(sandbox):
    response = httpx.post(sandbox.url + "/gateway/sep/onlinepg/onlinepg", content=b"action=token",
                          headers={"Content-Type": "application/json"})
    assert response.status_code == 200 and response.json()["errorCode"] == "5"


def test_a_merchant_calling_from_an_unregistered_address_is_refused_everywhere(start_sandbox):
    elsewhere = start_sandbox(SANDBOX_GATEWAY_MERCHANT_IPS="10.0.0.7")
    assert token_call(elsewhere)["errorCode"] == "8"
    with httpx.Client(timeout=10) as http:
        gateway = GatewayClient(elsewhere.url, elsewhere.settings.gateway_terminal_id, http)
        verify = gateway.verify("any").json()
        assert verify["ResultCode"] == -106 and verify["Success"] is False and verify["TransactionDetail"] is None
        assert gateway.reverse("any").json()["ResultCode"] == -106
        assert gateway.receipt(token="any").json()["ErrorCode"] == -106


def test_any_address_may_call_when_the_setting_says_star(start_sandbox):
    assert token_call(start_sandbox(SANDBOX_GATEWAY_MERCHANT_IPS="*"))["status"] == 1


def test_server_calls_for_another_terminal_answer_terminal_unknown(sandbox):
    with httpx.Client(timeout=10) as http:
        gateway = GatewayClient(sandbox.url, "99999999", http)
        assert gateway.verify("any").json()["ResultCode"] == -105
        assert gateway.reverse("any").json()["ResultCode"] == -105
        assert gateway.receipt(ref_num="any").json()["ErrorCode"] == -105


@pytest.mark.parametrize("body", [{}, {"RefNum": "x"}, {"TerminalNumber": 13001404}, {"RefNum": 5, "TerminalNumber": 1},
                                  {"RefNum": "x", "TerminalNumber": "thirteen"}, [1, 2]])
def test_malformed_server_calls_are_400_problems(sandbox, body):
    for path in ("ipg/VerifyTransaction", "ipg/ReverseTransaction"):
        response = httpx.post(f"{sandbox.url}/gateway/sep/verifyTxnRandomSessionkey/{path}", json=body)
        assert response.status_code == 400 and response.json()["code"] == "validation_failed"
        assert response.headers["Content-Type"] == "application/problem+json"


def test_a_get_on_a_server_call_is_a_405_problem(sandbox):
    response = httpx.get(f"{sandbox.url}/gateway/sep/verifyTxnRandomSessionkey/ipg/VerifyTransaction")
    assert response.status_code == 405 and response.headers["Content-Type"] == "application/problem+json"
