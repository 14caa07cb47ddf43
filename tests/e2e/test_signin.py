"""Signing in and out in Chromium, through the sandbox identity provider's own page."""

from urllib.parse import parse_qs, urlsplit

from tests.support.browser import axe_violations, format_violations
from tests.support.browser_signin import sign_in_at_the_identity_provider

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def test_sign_in_from_the_header_returns_to_the_page_shows_the_name_and_signs_out(context, live_server, sandbox,
                                                                                  citizens):
    demo = citizens[0]
    page = context.new_page()
    page.goto(live_server + "/cases")
    page.locator(".data-state--signed-out").wait_for()
    header_link = page.locator("header a.header-account")
    assert header_link.inner_text().strip() == "ورود با حساب ملی"
    assert parse_qs(urlsplit(header_link.get_attribute("href")).query)["next"] == ["/cases"]

    header_link.click()
    page.wait_for_url(sandbox.url + "/oidc/authorize*")
    sign_in_at_the_identity_provider(page, demo["national_code"])

    page.wait_for_url(live_server + "/cases")
    page.locator(".case-card").first.wait_for()
    assert page.locator(".case-card").count() == len(demo["case_ids"])
    assert page.locator("header a.header-account").inner_text().strip() == demo["name"]

    page.locator("header a.header-account").click()
    page.wait_for_url(live_server + "/settings#account")
    account = page.locator("#account")
    account.locator(".account-settings__name").wait_for()
    assert account.locator(".account-settings__name").inner_text() == demo["name"]
    codes = account.locator(".account-settings__code").all_inner_texts()
    assert codes[0] == "******" + demo["national_code"][-4:].translate(PERSIAN)
    assert demo["national_code"] not in page.content()

    account.get_by_role("button", name="خروج از حساب").click()
    page.wait_for_url(live_server + "/")  # through the identity provider's end-session endpoint and back
    page.locator("header a.header-account").filter(has_text="ورود با حساب ملی").wait_for()
    assert context.request.get(live_server + "/api/v1/me").status == 401


def test_a_deep_link_signed_out_goes_through_sign_in_and_back_to_the_case(context, live_server, sandbox, citizens):
    demo = citizens[0]
    case_id = demo["case_ids"][1]
    title = next(case["title"] for case in sandbox.cases() if case["id"] == case_id)
    page = context.new_page()
    page.goto(f"{live_server}/cases/{case_id}")
    page.wait_for_url(sandbox.url + "/oidc/authorize*")  # the API's 401 sent the browser to sign in
    sign_in_at_the_identity_provider(page, demo["national_code"])
    page.wait_for_url(f"{live_server}/cases/{case_id}")
    page.locator("main h1", has_text=title).wait_for()


def test_a_failed_sign_in_is_explained_in_persian_with_a_retry(context, live_server):
    page = context.new_page()
    page.goto(live_server + "/signin?error=idp_unavailable")
    assert page.locator("main h1").inner_text() == "سامانه ورود در دسترس نیست"
    assert "چند دقیقه دیگر" in page.locator("main [role=alert]").inner_text()
    retry = page.get_by_role("link", name="تلاش دوباره برای ورود")
    assert retry.get_attribute("href") == "/auth/login?next=%2F"


def test_refusing_at_the_identity_provider_lands_on_the_explanation(context, live_server, sandbox):
    page = context.new_page()
    # The IdP answers a refused or broken request by redirecting back with an error; the BFF then
    # sends the browser to /signin with its own error code.
    page.goto(live_server + "/auth/callback?error=access_denied&state=forged")
    page.wait_for_url(live_server + "/signin?error=*")
    page.locator("main h1").wait_for()
    assert page.locator("main h1").inner_text() in {"ورود لغو شد", "ورود انجام نشد"}


def test_sign_in_and_account_pages_have_no_serious_accessibility_violations(axe_context, live_server, sandbox,
                                                                          citizens):
    page = axe_context.new_page()
    page.goto(live_server + "/signin?error=login_failed")
    page.locator("main h1").wait_for()
    assert (violations := axe_violations(page)) == [], format_violations(violations)

    page.goto(live_server + "/auth/login?next=/settings")
    sign_in_at_the_identity_provider(page, citizens[0]["national_code"])
    page.wait_for_url(live_server + "/settings")
    page.locator("#account .account-settings__name").wait_for()
    assert (violations := axe_violations(page)) == [], format_violations(violations)
