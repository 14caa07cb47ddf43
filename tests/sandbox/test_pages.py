"""Every page is Persian, right-to-left, and labelled as sample data."""

from __future__ import annotations

import httpx


def test_home_page_is_labelled_sample_and_lists_citizens(sandbox, persona):
    page = httpx.get(f"{sandbox.url}/")
    assert page.status_code == 200
    assert '<html lang="fa" dir="rtl">' in page.text
    assert "داده‌های نمونه — سامانه آزمایشی" in page.text
    assert persona["name"] in page.text
    assert page.headers["X-Sample-Data"] == "true"


def test_unknown_page_is_a_persian_page_and_unknown_api_path_a_problem(sandbox):
    page = httpx.get(f"{sandbox.url}/nothing-here")
    assert page.status_code == 404 and "داده‌های نمونه — سامانه آزمایشی" in page.text
    api = httpx.get(f"{sandbox.url}/core/v1/nothing-here")
    assert api.status_code == 404 and api.headers["Content-Type"] == "application/problem+json"
    wrong_method = httpx.delete(f"{sandbox.url}/core/v1/cases")
    assert wrong_method.status_code == 405 and wrong_method.json()["code"] == "method_not_allowed"
