"""Drive the gateway as a merchant's server and as a card holder's browser, over real HTTP.

For tests and load tests (a real browser is the end-to-end test's job):

    gateway = GatewayClient(sandbox.url, terminal_id="13001404")
    token = gateway.token(amount=120_000_000, res_num="p-1", redirect_url="http://127.0.0.1:8000/payments/return")
    outcome = gateway.pay(token["token"], "success")   # the card page, then a test card
    outcome.fields["RefNum"]                           # the form the browser would post back (None if no way back)
    gateway.verify(outcome.fields["RefNum"])
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import httpx

BASE_PATH = "/gateway/sep"


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str]


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(values.get("action", ""), values.get("method", "get").lower(), {}))
        elif tag == "input" and self.forms and values.get("type") == "hidden":
            self.forms[-1].fields[values.get("name", "")] = values.get("value", "")


def forms_of(page: str) -> list[Form]:
    parser = _Forms()
    parser.feed(page)
    return parser.forms


@dataclass
class Outcome:
    page: httpx.Response
    back: Form | None  # the form back to the merchant; None when the page offers no way back

    @property
    def fields(self) -> dict[str, str] | None:
        return self.back.fields if self.back else None


def return_form(page: str) -> Form | None:
    """The outcome page's form back to the merchant (any form not aimed at the gateway itself)."""
    return next((f for f in forms_of(page) if not f.action.startswith(BASE_PATH)), None)


class GatewayClient:
    def __init__(self, sandbox_url: str, terminal_id: str, http: httpx.Client | None = None):
        self.base = sandbox_url.rstrip("/") + BASE_PATH
        self.terminal_id = terminal_id
        self.http = http or httpx.Client(timeout=30)

    # the merchant's server -------------------------------------------------------------------------
    def token(self, amount: int, res_num: str, redirect_url: str, **extra: Any) -> dict[str, Any]:
        body = {"action": "token", "TerminalId": self.terminal_id, "Amount": amount, "ResNum": res_num,
                "RedirectUrl": redirect_url, **extra}
        return self.http.post(f"{self.base}/onlinepg/onlinepg", json=body).json()

    def _call(self, path: str, body: dict[str, Any]) -> httpx.Response:
        return self.http.post(f"{self.base}/verifyTxnRandomSessionkey/{path}",
                              json={"TerminalNumber": int(self.terminal_id), **body})

    def verify(self, ref_num: str) -> httpx.Response:
        return self._call("ipg/VerifyTransaction", {"RefNum": ref_num})

    def reverse(self, ref_num: str) -> httpx.Response:
        return self._call("ipg/ReverseTransaction", {"RefNum": ref_num})

    def receipt(self, *, token: str | None = None, ref_num: str | None = None) -> httpx.Response:
        body = {"Token": token} if token else {"RefNum": ref_num}
        return self._call("api/v2/ipg/payment/receipt", body)

    # the card holder's browser ---------------------------------------------------------------------
    def open_card_page(self, token: str, get_method: bool = False) -> httpx.Response:
        data = {"Token": token, **({"GetMethod": "true"} if get_method else {})}
        return self.http.post(f"{self.base}/OnlinePG/OnlinePG", data=data)

    def choose(self, token: str, card: str) -> Outcome:
        page = self.http.post(f"{self.base}/OnlinePG/Pay", data={"Token": token, "Card": card})
        return Outcome(page, return_form(page.text))

    def pay(self, token: str, card: str, get_method: bool = False) -> Outcome:
        """Open the card page (as the merchant's form POST does), then choose a test card."""
        page = self.open_card_page(token, get_method)
        if page.status_code != 200 or not any(f.fields.get("Card") == card for f in forms_of(page.text)):
            return Outcome(page, return_form(page.text))
        return self.choose(token, card)
