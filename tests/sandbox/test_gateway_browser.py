"""The card page in headless Chromium: no scripts, the card holder's clicks, and the cross-site way back.

A tiny merchant on 127.0.0.1 sends the browser to the gateway on `localhost` (another site, as a real
gateway is), so the callback is a cross-site form POST that carries no SameSite=Lax cookie.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import sync_playwright

from tests.support.browser import AXE, CHROMIUM, CHROMIUM_ARGS, PHONE


class Merchant:
    """Serves the page that posts the token to the gateway, and records what comes back."""

    def __init__(self) -> None:
        self.card_page = ""
        self.token = ""
        self.callbacks: list[tuple[dict[str, str], str]] = []  # (form fields, Cookie header)
        self.done_cookies: list[str] = []
        merchant = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _send(self, status: int, body: str = "", headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                for name, value in {"Content-Type": "text/html; charset=utf-8", **(headers or {})}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body.encode())

            def do_GET(self) -> None:
                if self.path == "/":
                    self._send(200, f'<!doctype html><form method="post" action="{merchant.card_page}">'
                                    f'<input type="hidden" name="Token" value="{merchant.token}">'
                                    '<button>پرداخت</button></form>',
                               {"Set-Cookie": "session=s1; SameSite=Lax; Path=/; HttpOnly"})
                else:
                    merchant.done_cookies.append(self.headers.get("Cookie", ""))
                    self._send(200, "<!doctype html><p>merchant result page</p>")

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                fields = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
                merchant.callbacks.append((fields, self.headers.get("Cookie", "")))
                self._send(303, headers={"Location": "/done"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def merchant(sandbox, gateway) -> Iterator[Merchant]:
    shop = Merchant()
    shop.token = gateway.token(120_000_000, "order-b", f"{shop.url}/payments/return")["token"]
    shop.card_page = sandbox.url.replace("127.0.0.1", "localhost") + "/gateway/sep/OnlinePG/OnlinePG"
    yield shop
    shop.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_a_card_holder_pays_and_returns_to_the_merchant_by_a_cross_site_post(browser, merchant, sandbox):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(merchant.url + "/")
    page.get_by_role("button", name="پرداخت").click()
    page.wait_for_url("**/gateway/sep/OnlinePG/OnlinePG")
    assert page.evaluate("document.scripts.length") == 0 and page.evaluate("document.dir") == "rtl"
    assert "۱۲۰٬۰۰۰٬۰۰۰ ریال" in page.inner_text("main")
    page.get_by_role("button", name="پرداخت موفق —").click()
    page.get_by_role("heading", name="پرداخت با موفقیت انجام شد").wait_for()
    page.get_by_role("button", name="بازگشت به سایت پذیرنده").click()
    page.wait_for_url(merchant.url + "/done")
    [(fields, cookie)] = merchant.callbacks
    assert (fields["State"], fields["Status"], fields["ResNum"], fields["Token"]) == ("OK", "2", "order-b",
                                                                                      merchant.token)
    assert "session=" not in cookie  # the merchant finds the payment by ResNum/RefNum, not by its session
    assert "session=s1" in merchant.done_cookies[0]  # the GET after its redirect has the session again
    [txn] = sandbox.control("GET", "gateway/transactions").json()["transactions"]
    assert txn["ref_num"] == fields["RefNum"] and txn["state"] == "charged"
    context.close()


def test_the_card_page_and_the_outcome_page_have_no_serious_accessibility_violations(browser, merchant):
    context = browser.new_context(**PHONE, bypass_csp=True)  # only to inject axe-core
    page = context.new_page()
    page.goto(merchant.url + "/")
    page.get_by_role("button", name="پرداخت").click()
    page.wait_for_url("**/OnlinePG/OnlinePG")
    assert serious_violations(page) == []
    page.get_by_role("button", name="موجودی ناکافی").click()
    page.get_by_role("heading", name="پرداخت انجام نشد").wait_for()
    assert serious_violations(page) == []
    context.close()


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
