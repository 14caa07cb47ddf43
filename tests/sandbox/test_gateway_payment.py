"""Paying at the gateway: card page, each test card's outcome, the form back, verify, inquiry, single use."""

from __future__ import annotations

import re

import httpx
import pytest

from sandbox.gateway.cards import CARDS

RETURN = "http://127.0.0.1:9/payments/return"
AMOUNT = 120_000_000


@pytest.fixture
def token(gateway) -> str:
    answer = gateway.token(AMOUNT, "order-1", RETURN)
    assert answer["status"] == 1
    return answer["token"]


def transactions(sandbox) -> list[dict]:
    return sandbox.control("GET", "gateway/transactions").json()["transactions"]


def test_the_card_page_shows_merchant_amount_in_persian_digits_and_every_test_card_without_scripts(gateway, token):
    page = gateway.open_card_page(token)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    text = page.text
    assert 'dir="rtl"' in text and "۱۲۰٬۰۰۰٬۰۰۰ ریال" in text and "همراه قضایی" in text
    assert "داده‌های نمونه" in text and "<script" not in text
    chosen = re.findall(r'name="Card" value="([a-z_]+)"', text)
    assert chosen == ["success", "insufficient_funds", "wrong_pin", "cancelled", "timeout", "no_callback"]
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "no-store"


def test_the_card_page_opens_by_redirect_too(gateway, token, sandbox):
    page = httpx.get(f"{sandbox.url}/gateway/sep/OnlinePG/SendToken", params={"token": token})
    assert page.status_code == 200 and 'value="success"' in page.text


def test_an_unknown_token_gets_a_page_saying_so_and_no_way_back(gateway):
    outcome = gateway.pay("0" * 32, "success")
    assert outcome.page.status_code == 404 and outcome.back is None and "توکن" in outcome.page.text


def test_a_successful_card_charges_and_posts_back_every_sep_field(sandbox, gateway, token):
    outcome = gateway.pay(token, "success")
    assert outcome.page.status_code == 200 and outcome.back.method == "post" and outcome.back.action == RETURN
    fields = outcome.fields
    assert set(fields) == {"MID", "TerminalId", "State", "Status", "RefNum", "ResNum", "RRN", "TraceNo", "Amount",
                           "AffectiveAmount", "Wage", "SecurePan", "HashedCardNumber", "Token"}
    assert (fields["State"], fields["Status"], fields["ResNum"], fields["Amount"], fields["Token"]) == (
        "OK", "2", "order-1", str(AMOUNT), token)
    assert fields["MID"] == fields["TerminalId"] == sandbox.settings.gateway_terminal_id
    assert re.fullmatch(r"[0-9]{12}", fields["RRN"]) and re.fullmatch(r"[0-9]{6}", fields["TraceNo"])
    assert re.fullmatch(r"[0-9]{6}\*{6}[0-9]{4}", fields["SecurePan"]) and len(fields["RefNum"]) == 30
    assert "form-action 'self' http://127.0.0.1:9" in outcome.page.headers["Content-Security-Policy"]
    [txn] = transactions(sandbox)
    assert txn["state"] == "charged" and txn["ref_num"] == fields["RefNum"] and txn["callback"] == "shown"


def test_verify_confirms_once_then_answers_duplicate_with_the_same_details(gateway, token):
    ref = gateway.pay(token, "success").fields["RefNum"]
    first, again = gateway.verify(ref).json(), gateway.verify(ref).json()
    assert (first["ResultCode"], first["Success"], again["ResultCode"], again["Success"]) == (0, True, 2, True)
    assert first["TransactionDetail"] == again["TransactionDetail"]
    detail = first["TransactionDetail"]
    assert detail["OrginalAmount"] == AMOUNT and detail["RefNum"] == ref and detail["MaskedPan"].count("*") == 6
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", detail["StraceDate"])


def test_verify_answers_the_amount_actually_charged_whatever_a_tampered_callback_says(gateway, token):
    """SEP's verify takes no amount: the merchant compares OrginalAmount with its own order."""
    fields = gateway.pay(token, "success").fields
    tampered = {**fields, "Amount": "1000"}
    detail = gateway.verify(tampered["RefNum"]).json()["TransactionDetail"]
    assert detail["OrginalAmount"] == AMOUNT != int(tampered["Amount"])


def test_an_unknown_or_forged_refnum_is_not_found(gateway, token):
    ref = gateway.pay(token, "success").fields["RefNum"]
    for forged in ("x" * 30, ref[:-1] + ("A" if ref[-1] != "A" else "B")):
        answer = gateway.verify(forged).json()
        assert answer["ResultCode"] == -2 and answer["Success"] is False and answer["TransactionDetail"] is None


def test_a_token_pays_once_choosing_again_answers_the_first_outcome_without_a_second_charge(sandbox, gateway, token):
    first = gateway.pay(token, "success").fields
    again = gateway.choose(token, "success").fields  # a double tap, or Back and choose again
    reopened = gateway.pay(token, "insufficient_funds").fields  # Back to the card page, another card
    assert first == again == reopened
    assert [t["state"] for t in transactions(sandbox)] == ["charged"]


def test_refnums_and_rrns_are_unique_across_payments(gateway):
    refs, rrns = set(), set()
    for n in range(20):
        fields = gateway.pay(gateway.token(AMOUNT, f"order-{n}", RETURN)["token"], "success").fields
        refs.add(fields["RefNum"])
        rrns.add(fields["RRN"])
    assert len(refs) == len(rrns) == 20


@pytest.mark.parametrize(("card", "state", "status", "charged"), [
    ("insufficient_funds", "Failed", "3", False),
    ("wrong_pin", "Failed", "3", False),
    ("cancelled", "CanceledByUser", "1", False),
])
def test_failing_cards_post_back_their_state_with_no_reference_and_charge_nothing(sandbox, gateway, token, card,
                                                                                   state, status, charged):
    outcome = gateway.pay(token, card)
    fields = outcome.fields
    assert (fields["State"], fields["Status"], fields["RefNum"], fields["RRN"], fields["AffectiveAmount"]) == (
        state, status, "", "", "0")
    assert 'role="alert"' in outcome.page.text
    [txn] = transactions(sandbox)
    assert txn["state"] == ("cancelled" if card == "cancelled" else "failed") and txn["charged_at"] is None


def test_the_timeout_card_hangs_then_fails_without_charging(sandbox, gateway, token):
    sandbox.control("PUT", "gateway/faults", json={"hang_ms": 300})
    outcome = gateway.pay(token, "timeout")
    assert outcome.page.elapsed.total_seconds() >= 0.3
    assert (outcome.fields["State"], outcome.fields["Status"], outcome.fields["RefNum"]) == ("Failed", "3", "")
    assert "پاسخ نمی‌دهد" in outcome.page.text
    assert transactions(sandbox)[0]["state"] == "failed"


def test_the_no_callback_card_charges_but_never_offers_the_way_back(sandbox, gateway, token):
    outcome = gateway.pay(token, "no_callback")
    assert outcome.page.status_code == 200 and outcome.back is None and "پایان یافت" in outcome.page.text
    [txn] = transactions(sandbox)
    assert txn["state"] == "charged" and txn["callback"] == "withheld"
    found = gateway.receipt(token=token).json()  # the merchant finds it by inquiry, then verifies
    assert found["HasError"] is False and found["Data"]["State"] == "OK" and found["Data"]["Amount"] == AMOUNT
    assert gateway.verify(found["Data"]["RefNum"]).json()["ResultCode"] == 0


def test_inquiry_by_token_follows_the_payment_from_unpaid_to_paid(gateway, token):
    before = gateway.receipt(token=token).json()
    assert (before["HasError"], before["Data"]["State"], before["Data"]["Status"], before["Data"]["RefNum"]) == (
        False, "InProgress", 0, "")
    fields = gateway.pay(token, "success").fields
    by_token, by_ref = gateway.receipt(token=token).json(), gateway.receipt(ref_num=fields["RefNum"]).json()
    assert by_token == by_ref
    data = by_token["Data"]
    assert (data["State"], data["Status"], data["RefNum"], data["ResNum"], data["Rrn"], data["TraceNo"]) == (
        "OK", 2, fields["RefNum"], "order-1", fields["RRN"], fields["TraceNo"])
    assert gateway.receipt(token="f" * 32).json() == {
        "HasError": True, "Data": None, "ErrorCode": -2, "ErrorMessage": "تراکنش یافت نشد"}


def test_get_method_sends_the_callback_as_a_query(gateway, token):
    outcome = gateway.pay(token, "success", get_method=True)
    assert outcome.back.method == "get" and outcome.fields["State"] == "OK"


def test_the_gateway_answers_never_carry_more_of_a_card_than_the_masked_number(sandbox, gateway, token):
    fields = gateway.pay(token, "success").fields
    texts = [gateway.verify(fields["RefNum"]).text, gateway.receipt(token=token).text,
             sandbox.control("GET", "gateway/transactions").text, str(fields)]
    bins = "|".join(card.masked_pan[:6] for card in CARDS if card.masked_pan)
    assert re.search(rf"({bins})\*{{6}}\d{{4}}", texts[0])
    for text in texts:
        assert not re.search(rf"({bins})\d", text)  # a card number shows no digit after its first six


def test_a_full_payment_verified_and_recorded_leaves_nothing_unsettled(sandbox, gateway, as_citizen, persona):
    payer = as_citizen(persona)
    item = next(i for i in payer.get("/core/v1/payment-items").json()["items"] if i["amount"] == AMOUNT)
    fields = gateway.pay(gateway.token(item["amount"], "p-1", RETURN)["token"], "success").fields
    detail = gateway.verify(fields["RefNum"]).json()["TransactionDetail"]
    summary = sandbox.control("GET", "gateway/transactions").json()["summary"]
    assert summary["verified_not_recorded"] == [fields["RefNum"]]
    recorded = payer.post(f"/core/v1/payment-items/{item['id']}/payment", json={
        "gateway": "sep", "terminal_id": str(detail["TerminalNumber"]), "reference": detail["RefNum"],
        "order_id": "p-1", "rrn": detail["RRN"], "trace_no": detail["StraceNo"], "masked_pan": detail["MaskedPan"],
        "amount": detail["OrginalAmount"], "paid_at": "2025-11-29T08:00:00Z"})
    assert recorded.status_code == 201
    summary = sandbox.control("GET", "gateway/transactions").json()["summary"]
    assert summary == {"by_state": {"verified": 1}, "charged_unsettled": [], "verified_not_recorded": [],
                       "recorded_not_verified": []}
