"""Cases in Chromium: the list, a case's timeline, hearings, offline reading, and sign-out leaving nothing behind."""

import pytest

from bff.platform.dates import format_date, format_datetime, parse_instant
from tests.support.browser import axe_violations, format_violations, wait_for_service_worker
from tests.support.browser_signin import personal_data_in_the_browser, sign_in_at_the_identity_provider


def signed_in_page(context, live_server, citizen, path="/cases"):
    page = context.new_page()
    page.goto(f"{live_server}/auth/login?next={path}")
    sign_in_at_the_identity_provider(page, citizen["national_code"])
    page.wait_for_url(live_server + path)
    return page


def test_list_case_page_offline_reading_and_sign_out_clears_the_device(context, live_server, sandbox, citizens):
    demo = citizens[0]
    page = signed_in_page(context, live_server, demo)
    wait_for_service_worker(page)

    # The list: one card per case, in the server's order (soonest next hearing first).
    api_order = [c["id"] for c in context.request.get(live_server + "/api/v1/cases").json()["cases"]]
    page.locator(".case-card").first.wait_for()
    links = page.locator(".case-card h2 a")
    assert [href.rsplit("/", 1)[-1] for href in links.evaluate_all("(as) => as.map((a) => a.getAttribute('href'))")] \
        == api_order
    assert page.locator(".case-card").first.locator(".case-card__next").inner_text().startswith("جلسه بعدی: ")

    # A case: title, timeline oldest first, hearings.
    links.first.click()
    page.wait_for_url(f"{live_server}/cases/{api_order[0]}")
    page.locator(".timeline__entry").first.wait_for()
    case = context.request.get(f"{live_server}/api/v1/cases/{api_order[0]}").json()
    assert page.locator("main h1").inner_text() == case["title"]
    shown = page.locator(".timeline__entry time").evaluate_all("(ts) => ts.map((t) => t.getAttribute('datetime'))")
    assert shown == [entry["at"] for entry in case["timeline"]]
    assert shown == sorted(shown, key=parse_instant)
    assert page.locator(".timeline__title").all_inner_texts() == [entry["title"] for entry in case["timeline"]]

    # Offline: the shell comes from the service worker, the data from this device.
    context.set_offline(True)
    page.reload()
    page.locator(".timeline__entry").first.wait_for()
    assert "به اینترنت وصل نیستید" in page.locator(".stale-notice").inner_text()
    assert "آخرین به‌روزرسانی: " in page.locator(".stale-notice").inner_text()
    page.goto(live_server + "/cases")
    page.locator(".case-card").first.wait_for()
    assert page.locator(".case-card").count() == len(api_order)
    assert page.locator(".stale-notice").is_visible()
    context.set_offline(False)

    kept = personal_data_in_the_browser(page)
    assert kept["personalDatabases"] and kept["personalKeys"], "the cases were kept on the device"

    # Sign out: the server forgets, the device forgets.
    page.goto(live_server + "/settings")
    page.get_by_role("button", name="خروج از حساب").click()
    page.wait_for_url(live_server + "/")
    page.locator("header a.header-account").filter(has_text="ورود با حساب ملی").wait_for()
    left = personal_data_in_the_browser(page)
    assert left["cached"] == [] and left["personalDatabases"] == [] and left["personalKeys"] == []
    assert any(name.startswith("workbox-precache") for name in left["cacheNames"]), "the app shell stays"

    # Offline again, nothing personal is left to show.
    context.set_offline(True)
    page.goto(live_server + "/cases")
    page.locator(".data-state--failed").wait_for()
    assert page.locator(".case-card").count() == 0
    context.set_offline(False)


def test_dates_shown_in_chromium_match_the_server_formatter(context, live_server, sandbox, citizens):
    demo = citizens[0]
    page = signed_in_page(context, live_server, demo, path=f"/cases/{demo['case_ids'][0]}")
    page.locator(".timeline__entry").first.wait_for()
    case = context.request.get(f"{live_server}/api/v1/cases/{demo['case_ids'][0]}").json()
    assert page.locator(".timeline__when").all_inner_texts() == [
        format_date(parse_instant(entry["at"])) for entry in case["timeline"]]
    assert page.locator(".case-hearing__when").all_inner_texts() == [
        format_datetime(parse_instant(hearing["starts_at"])) for hearing in case["hearings"]]


def test_hearings_are_grouped_by_day_with_calendar_files(context, live_server, sandbox, citizens):
    page = signed_in_page(context, live_server, citizens[0], path="/cases/hearings")
    page.locator(".hearing-day").first.wait_for()
    hearings = context.request.get(live_server + "/api/v1/hearings").json()["hearings"]
    days = {format_date(parse_instant(h["starts_at"])) for h in hearings}
    titles = page.locator(".hearing-day h2 span:first-child").all_inner_texts()
    assert sorted(titles) == sorted(days)
    links = page.locator(".case-hearing a[download]").evaluate_all("(as) => as.map((a) => a.getAttribute('href'))")
    assert links == [f"/api/v1/hearings/{h['id']}.ics" for h in hearings if h["status"] == "scheduled"]
    with page.expect_download() as download:
        page.locator(".case-hearing a[download]").first.click()
    assert download.value.suggested_filename == f"hearing-{hearings[0]['id']}.ics"
    assert download.value.path().read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_another_citizens_case_is_simply_not_found(context, live_server, sandbox, citizens):
    demo = citizens[0]
    foreign = next(case for case in sandbox.cases() if demo["sub"] not in case["citizen_subs"])
    page = signed_in_page(context, live_server, demo, path=f"/cases/{foreign['id']}")
    page.locator("main h1", has_text="پرونده پیدا نشد").wait_for()
    assert foreign["title"] not in page.content()


@pytest.mark.parametrize("path", ["/cases", "/cases/hearings", "/cases/{case_id}"])
def test_case_pages_have_no_serious_accessibility_violations(axe_context, live_server, sandbox, citizens, path):
    demo = citizens[0]
    page = signed_in_page(axe_context, live_server, demo, path=path.format(case_id=demo["case_ids"][0]))
    page.locator(".case-card, .hearing-day, .timeline__entry").first.wait_for()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
