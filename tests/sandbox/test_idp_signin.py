"""The Persian sign-in page: digits, check digits, sample citizens, and the lockout."""

from __future__ import annotations

import re
import time

import httpx
import pytest

from sandbox.persian import persian_digits
from sandbox.testing import csrf_token, pkce_pair

LOCKED = "ممکن نیست"


@pytest.fixture
def form(sandbox):
    """Posts the sign-in form of a fresh authorization request in a fresh browser."""
    browsers: list[httpx.Client] = []

    def post(national_code: str, otp: str, server=sandbox) -> httpx.Response:
        browser = httpx.Client(timeout=10)
        browsers.append(browser)
        _, challenge = pkce_pair()
        url = server.authorize_url("http://127.0.0.1:8000/auth/callback", "s", str(time.time_ns()), challenge)
        page = browser.get(url)
        return browser.post(url, data={"national_code": national_code, "otp": otp, "csrf": csrf_token(page.text)})

    yield post
    for browser in browsers:
        browser.close()


def test_signin_page_is_persian_rtl_labelled_sample_and_lists_citizens_with_the_otp(sandbox, citizens):
    _, challenge = pkce_pair()
    page = httpx.get(sandbox.authorize_url("http://127.0.0.1:8000/auth/callback", "s", "n", challenge))
    assert page.status_code == 200
    text = page.text
    assert '<html lang="fa" dir="rtl">' in text
    assert "داده‌های نمونه — سامانه آزمایشی" in text
    assert "کد یکبار مصرف آزمایشی: ۱۲۳۴۵۶" in text
    for citizen in citizens:
        assert citizen["name"] in text and persian_digits(citizen["national_code"]) in text
    assert "<script" not in text and not re.search(r'(src|href)="https?://', text)


def test_signin_accepts_persian_and_arabic_indic_digits(sandbox, form, persona):
    response = form(persian_digits(persona["national_code"]), "١٢٣٤٥٦")
    assert response.status_code == 302 and "code=" in response.headers["Location"]


@pytest.mark.parametrize(("code", "message"), [
    ("1668586615", "کد ملی معتبر نیست"),
    ("1111111111", "کد ملی معتبر نیست"),
    ("12345", "کد ملی باید ۱۰ رقم باشد"),
])
def test_invalid_national_codes_are_refused_in_persian(sandbox, form, code, message):
    response = form(code, "123456")
    assert response.status_code == 400 and message in response.text
    assert "Location" not in response.headers


def test_a_valid_code_outside_the_sample_is_refused(sandbox, form, citizens):
    known = {c["national_code"] for c in citizens}
    code = "0499370899"
    assert code not in known
    response = form(code, "123456")
    assert response.status_code == 404 and "داده‌های نمونه نیست" in response.text


def test_form_post_without_the_csrf_token_is_refused(sandbox, persona):
    _, challenge = pkce_pair()
    url = sandbox.authorize_url("http://127.0.0.1:8000/auth/callback", "s", "n2", challenge)
    response = httpx.post(url, data={"national_code": persona["national_code"], "otp": "123456"})
    assert response.status_code == 400 and "Location" not in response.headers


def test_five_wrong_codes_lock_the_national_code_even_against_the_right_code(sandbox, form, citizens):
    victim, bystander = citizens[3], citizens[4]
    for attempt in range(1, 5):
        response = form(victim["national_code"], "000000")
        assert response.status_code == 401
        assert f"{persian_digits(5 - attempt)} بار دیگر" in response.text
    fifth = form(victim["national_code"], "000000")
    assert fifth.status_code == 429 and LOCKED in fifth.text
    assert int(fifth.headers["Retry-After"]) > 800
    correct = form(victim["national_code"], "123456")
    assert correct.status_code == 429 and LOCKED in correct.text
    assert "Location" not in correct.headers
    assert form(bystander["national_code"], "123456").status_code == 302


def test_a_correct_code_before_the_lockout_starts_the_count_again(sandbox, form, citizens):
    citizen = citizens[5]
    for _ in range(4):
        assert form(citizen["national_code"], "999999").status_code == 401
    assert form(citizen["national_code"], "123456").status_code == 302
    for _ in range(4):
        assert form(citizen["national_code"], "999999").status_code == 401


def test_reset_clears_lockouts(sandbox, form, citizens):
    citizen = citizens[6]
    for _ in range(5):
        form(citizen["national_code"], "000000")
    assert form(citizen["national_code"], "123456").status_code == 429
    sandbox.reset()
    assert form(citizen["national_code"], "123456").status_code == 302


def test_lockout_ends_after_the_configured_period(form, start_sandbox):
    quick = start_sandbox(SANDBOX_LOCKOUT_SECONDS="1")
    code = quick.citizens()[1]["national_code"]
    for _ in range(5):
        form(code, "000000", server=quick)
    assert form(code, "123456", server=quick).status_code == 429
    time.sleep(1.1)
    assert form(code, "123456", server=quick).status_code == 302
