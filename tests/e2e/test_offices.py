"""The office locator in Chromium: near me (granted, denied), search and picker, office page, map, offline."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.support.browser import PHONE, axe_violations, format_violations, wait_for_service_worker
from tests.support.offices import ISFAHAN

ISFAHAN_GEO = {"latitude": ISFAHAN[0], "longitude": ISFAHAN[1]}
PERSIAN_DIGIT = re.compile("[۰-۹]")
# Counts calls to the geolocation API, to prove the page asks only after the tap.
COUNT_GEOLOCATION = """
(() => {
  window.__geolocationCalls = 0;
  const real = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
  navigator.geolocation.getCurrentPosition = (...args) => { window.__geolocationCalls += 1; return real(...args); };
  navigator.geolocation.watchPosition = () => { window.__geolocationCalls += 1; return 0; };
})();
"""


@pytest.fixture
def located(browser):
    """A phone in Isfahan that has allowed location access."""
    context = browser.new_context(**PHONE, geolocation=ISFAHAN_GEO, permissions=["geolocation"])
    context.add_init_script(COUNT_GEOLOCATION)
    yield context
    context.close()


def cards(page):
    return page.locator("ol.offices-view__list > li.office-card")


def city_of(card) -> str:
    return card.locator(".office-card__meta span").nth(2).inner_text()


def test_near_me_asks_for_location_only_after_the_tap_and_lists_isfahan_first(located, live_server):
    page = located.new_page()
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(live_server + "/offices")
    button = page.get_by_role("button", name="دفاتر نزدیک من")
    button.wait_for()
    assert "موقعیت شما" in page.locator("#near-me-why").inner_text()  # the one sentence on why
    page.wait_for_timeout(300)
    assert page.evaluate("window.__geolocationCalls") == 0
    button.click()
    cards(page).first.wait_for()
    assert page.evaluate("window.__geolocationCalls") == 1
    assert page.locator("#results-title").inner_text() == "نزدیک‌ترین دفاتر به شما"
    assert cards(page).count() == 10
    assert [city_of(cards(page).nth(n)) for n in range(5)] == ["اصفهان"] * 5
    first = cards(page).first
    distance = first.locator(".office-card__distance").inner_text()
    assert PERSIAN_DIGIT.search(distance) and ("متر" in distance or "کیلومتر" in distance)
    assert first.locator(".chip").inner_text() in {"باز است", "بسته است", "موقتاً تعطیل"}
    assert "باجه" in first.locator(".office-card__meta").inner_text()
    assert page.locator(".offices-view__offline").count() == 0  # answered by the server
    assert csp_errors == []


def test_location_denied_leads_to_the_province_and_city_picker(context, live_server):
    page = context.new_page()  # no geolocation permission: the browser says no
    page.goto(live_server + "/offices")
    page.get_by_role("button", name="دفاتر نزدیک من").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "استان و شهر را انتخاب کنید" in alert.inner_text()
    province = page.get_by_label("استان", exact=True)
    assert province.evaluate("element => element === document.activeElement")
    page.locator("select[name='province'] option[value='isfahan']").wait_for(state="attached")
    province.select_option("isfahan")
    page.get_by_label("شهر", exact=True).select_option("اصفهان")
    page.get_by_role("button", name="نمایش دفاتر").click()
    cards(page).first.wait_for()
    assert page.locator("#results-title").inner_text() == "دفاتر اصفهان"
    assert all(city_of(cards(page).nth(n)) == "اصفهان" for n in range(cards(page).count()))
    page.reload()  # the city is remembered on this device
    page.get_by_role("button", name="اصفهان").click()
    cards(page).first.wait_for()
    assert page.locator("#results-title").inner_text() == "دفاتر اصفهان"


def test_search_normalises_arabic_letters_and_filters_apply(context, live_server):
    page = context.new_page()
    page.goto(live_server + "/offices")
    page.get_by_label("جستجوی نام دفتر، شهر یا نشانی").fill("كاشان")  # Arabic kaf
    page.get_by_role("button", name="جستجو", exact=True).click()
    page.locator("#results-title", has_text="كاشان").wait_for()
    cards(page).first.wait_for()
    assert city_of(cards(page).first) == "کاشان"
    page.get_by_label("جستجوی نام دفتر، شهر یا نشانی").fill("اصفهان")
    page.get_by_role("button", name="جستجو", exact=True).click()
    page.locator("#results-title", has_text="«اصفهان»").wait_for()
    page.get_by_role("button", name="پالایه‌ها").click()
    sheet = page.get_by_role("dialog", name="پالایهٔ دفاتر")
    sheet.wait_for()
    sheet.get_by_label("باجه در دفتر اسناد رسمی").check()
    sheet.get_by_role("button", name="اعمال پالایه‌ها").click()
    page.get_by_role("button", name="پالایه‌ها (۱)").wait_for()
    kinds = page.locator(".office-card__meta span:first-child")
    expect(kinds.first).to_have_text("باجه در دفتر اسناد رسمی")
    expect(page.locator(".offices-view__results")).to_have_attribute("aria-busy", "false")
    assert set(kinds.all_inner_texts()) == {"باجه در دفتر اسناد رسمی"}


def test_office_page_has_address_phone_week_services_directions_and_share(context, live_server):
    page = context.new_page()
    page.goto(live_server + "/offices/10008484")  # a deep link straight to one office
    page.locator("main h1").wait_for()
    page.locator(".office-view__facts").wait_for()
    assert "اصفهان" in page.locator("main h1").inner_text()
    assert page.locator("a[href^='tel:']").count() == 1
    assert page.locator("a[href^='tel:']").get_attribute("href") == "tel:03132593879"
    rows = page.locator("table.week-hours tbody tr")
    assert rows.count() == 7 and page.locator("table.week-hours tr[aria-current='date']").count() == 1
    assert page.locator(".office-view__services li").count() >= 4
    hrefs = [a.get_attribute("href") for a in page.locator(".office-view__directions a").all()]
    assert [urlsplit(h).scheme + ":" + urlsplit(h).netloc for h in hrefs] == [
        "https:neshan.org", "https:balad.ir", "https:www.google.com", "geo:"]
    assert "32.6552" in hrefs[0] and "51.67116" in hrefs[0]
    assert "نمونه" in page.locator(".office-view__sample").inner_text()  # the sandbox's sample data
    page.get_by_role("button", name=re.compile("هم‌رسانی|کپی پیوند")).wait_for()


def test_unknown_office_says_so(context, live_server):
    page = context.new_page()
    page.goto(live_server + "/offices/00000000")
    page.get_by_role("alert").wait_for()
    assert "دفتری با این کد" in page.get_by_role("alert").inner_text()


def test_map_loads_on_demand_and_never_leaves_this_machine(context, live_server):
    page = context.new_page()
    hosts, scripts = set(), []
    page.on("request", lambda r: (hosts.add(urlsplit(r.url).hostname),
                                  scripts.append(r.url) if r.resource_type == "script" else None))
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(live_server + "/offices")
    page.get_by_label("جستجوی نام دفتر، شهر یا نشانی").fill("یزد")
    page.get_by_role("button", name="جستجو", exact=True).click()
    cards(page).first.wait_for()
    assert not any("OfficeMap" in url for url in scripts)  # Leaflet is not loaded until the map is opened
    page.get_by_role("button", name="نمایش روی نقشه").click()
    map_region = page.get_by_role("region", name="نقشهٔ دفاتر")
    map_region.locator(".leaflet-marker-pane, .leaflet-overlay-pane").first.wait_for(state="attached")
    assert any("OfficeMap" in url for url in scripts)
    assert map_region.locator("path.leaflet-interactive").count() == cards(page).count()
    assert "OpenStreetMap" in map_region.locator(".leaflet-control-attribution").inner_text()
    assert cards(page).first.is_visible()  # the list works without tiles
    assert hosts <= {"127.0.0.1"}
    assert csp_errors == []


def test_offline_after_one_visit_near_me_still_works_from_the_phone(located, live_server):
    page = located.new_page()
    page.goto(live_server + "/offices")
    wait_for_service_worker(page)
    page.locator("section.offices-view[data-offline-ready='true']").wait_for(timeout=30000)
    assert page.evaluate("async () => Boolean(await caches.match('/api/v1/offices/bundle'))")
    located.set_offline(True)
    try:
        page.reload()
        page.get_by_role("button", name="دفاتر نزدیک من").click()
        cards(page).first.wait_for()
        notice = page.locator(".offices-view__offline").inner_text()
        assert "بی‌اینترنت" in notice and PERSIAN_DIGIT.search(notice)
        assert [city_of(cards(page).nth(n)) for n in range(5)] == ["اصفهان"] * 5
        page.get_by_label("جستجوی نام دفتر، شهر یا نشانی").fill("كاشان")
        page.get_by_role("button", name="جستجو", exact=True).click()
        page.locator("#results-title", has_text="كاشان").wait_for()
        # the list re-renders after the title: wait for the search results, not the nearest ones
        expect(cards(page).first.locator(".office-card__meta span").nth(2)).to_have_text("کاشان")
        cards(page).first.locator("a").click()
        page.locator(".office-view__facts").wait_for()
        assert page.locator("table.week-hours tbody tr").count() == 7
    finally:
        located.set_offline(False)


def test_offline_answers_equal_the_servers(located, live_server):
    page = located.new_page()
    page.goto(live_server + "/offices")
    page.get_by_role("button", name="دفاتر نزدیک من").click()
    cards(page).first.wait_for()
    online = [c.get_attribute("data-code") for c in cards(page).all()]
    page.locator("section.offices-view[data-offline-ready='true']").wait_for(timeout=30000)
    located.set_offline(True)
    try:
        page.reload()
        page.get_by_role("button", name="دفاتر نزدیک من").click()
        page.locator(".offices-view__offline").wait_for()
        assert [c.get_attribute("data-code") for c in cards(page).all()] == online
    finally:
        located.set_offline(False)


@pytest.mark.parametrize("step", ["start", "results", "filters"])
def test_offices_view_has_no_serious_accessibility_violations(axe_context, live_server, step):
    page = axe_context.new_page()
    page.goto(live_server + "/offices")
    page.get_by_role("button", name="دفاتر نزدیک من").wait_for()
    if step != "start":
        page.get_by_label("جستجوی نام دفتر، شهر یا نشانی").fill("اصفهان")
        page.get_by_role("button", name="جستجو", exact=True).click()
        cards(page).first.wait_for()
    if step == "filters":
        page.get_by_role("button", name="پالایه‌ها").click()
        page.get_by_role("dialog").wait_for()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


def test_office_page_has_no_serious_accessibility_violations(axe_context, live_server):
    page = axe_context.new_page()
    page.goto(live_server + "/offices/10008484")
    page.locator(".office-view__facts").wait_for()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
