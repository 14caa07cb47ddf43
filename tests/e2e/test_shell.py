"""The PWA shell in Chromium: RTL Persian, four places, accessible, installable, works offline."""

import json

import httpx
import pytest

from tests.support.browser import axe_violations, format_violations, wait_for_service_worker

PLACES = [("/offices", "دفاتر"), ("/cases", "پرونده‌ها"), ("/notices", "ابلاغیه‌ها"), ("/settings", "تنظیمات")]


def test_shell_loads_in_rtl_persian_under_the_real_csp(context, live_server):
    page = context.new_page()
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "fa"
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.wait_for_selector("nav a[href='/cases']")
    assert "همراه قضایی" in page.locator("header").inner_text()
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert csp_errors == []


def test_sample_data_banner_is_shown_against_the_sandbox(context, live_server):
    page = context.new_page()
    page.goto(live_server + "/")
    banner = page.locator(".sandbox-banner")
    banner.wait_for()
    assert "نمونه" in banner.inner_text()


@pytest.mark.parametrize(("path", "label"), PLACES)
def test_each_place_opens_from_the_bottom_navigation(context, live_server, path, label):
    page = context.new_page()
    page.goto(live_server + "/settings" if path != "/settings" else live_server + "/offices")
    page.get_by_role("navigation").get_by_role("link", name=label).click()
    page.wait_for_url(live_server + path)
    page.locator("main h1").wait_for()
    current = page.locator("nav a[aria-current='page']")
    assert current.get_attribute("href") == path


@pytest.mark.parametrize("path", ["/offices", "/cases", "/notices", "/settings", "/no-such-page"])
def test_no_serious_accessibility_violations(axe_context, live_server, path):
    page = axe_context.new_page()
    page.goto(live_server + path)
    page.locator("main h1").wait_for()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_manifest_is_valid_for_installation(live_server):
    response = httpx.get(live_server + "/manifest.webmanifest")
    assert response.status_code == 200
    manifest = json.loads(response.text)
    assert manifest["lang"] == "fa" and manifest["dir"] == "rtl"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/" and manifest["name"] and manifest["short_name"]
    assert manifest["theme_color"].startswith("#")
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert ("192x192", "any") in sizes and ("512x512", "any") in sizes and ("512x512", "maskable") in sizes
    for icon in manifest["icons"]:
        image = httpx.get(live_server + "/" + icon["src"].lstrip("/"))
        assert image.status_code == 200 and image.content.startswith(b"\x89PNG")


def test_service_worker_controls_the_page_and_it_reloads_offline(context, live_server):
    page = context.new_page()
    page.goto(live_server + "/")
    page.wait_for_selector("nav a[href='/cases']")
    wait_for_service_worker(page)
    context.set_offline(True)
    try:
        page.reload()
        page.wait_for_selector("nav a[href='/cases']")
        assert "همراه قضایی" in page.locator("header").inner_text()
        page.get_by_role("navigation").get_by_role("link", name="پرونده‌ها").click()
        page.locator("main h1").wait_for()
        assert page.url.endswith("/cases")
    finally:
        context.set_offline(False)


def test_language_switch_to_english_turns_the_page_ltr(context, live_server):
    page = context.new_page()
    page.goto(live_server + "/settings")
    page.locator("main h1").wait_for()
    page.get_by_role("radio", name="English").check()
    page.locator("html[lang='en'][dir='ltr']").wait_for(state="attached")
    page.reload()
    page.locator("html[lang='en'][dir='ltr']").wait_for(state="attached")
