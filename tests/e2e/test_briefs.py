"""Briefs in Chromium: write, attach a PDF and a photo, review, send, see the receipt; sent while offline,
it waits on the phone and arrives exactly once when the connection returns."""

from __future__ import annotations

import re

from tests.bff.briefs.conftest import make_image, make_pdf
from tests.support.browser import wait_for_service_worker
from tests.support.browser_signin import sign_in_at_the_identity_provider

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
CASE = "c-000001"  # the demo citizen's case that takes briefs


def signed_in_page(context, live_server, citizen, path):
    page = context.new_page()
    page.goto(f"{live_server}/auth/login?next={path}")
    sign_in_at_the_identity_provider(page, citizen["national_code"])
    page.wait_for_url(live_server + path)
    return page


def drafted_image_sizes(page) -> list[list[int]]:
    """Width and height of each image kept in this case's draft on the device (what will be uploaded)."""
    return page.evaluate("""async () => {
        const open = indexedDB.open('hamrah-briefs');
        const db = await new Promise((resolve, reject) => {
            open.onsuccess = () => resolve(open.result);
            open.onerror = reject;
        });
        const all = db.transaction('drafts').objectStore('drafts').getAll();
        const drafts = await new Promise((resolve) => { all.onsuccess = () => resolve(all.result); });
        const sizes = [];
        for (const file of drafts[0].files) {
            if (!file.type.startsWith('image/')) continue;
            const bitmap = await createImageBitmap(file.blob);
            sizes.push([bitmap.width, bitmap.height, file.type]);
        }
        return sizes;
    }""")


def test_write_attach_review_send_and_see_the_receipt(context, live_server, sandbox, citizens, tmp_path):
    pdf = tmp_path / "لایحه.pdf"
    pdf.write_bytes(make_pdf(2))
    photo = tmp_path / "scan.png"
    photo.write_bytes(make_image("PNG", (3000, 1500)))  # larger than 2,000 px: made smaller on the phone
    page = signed_in_page(context, live_server, citizens[0], f"/cases/{CASE}/briefs/new")
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    uploads = []
    page.on("request", lambda r: uploads.append(r) if r.method == "POST" and "/briefs" in r.url else None)

    page.get_by_label("متن لایحه").fill("ریاست محترم شعبه، با سلام؛ به پیوست مدارک تقدیم می‌شود.")
    page.locator("#brief-text-count").filter(has_text="از ۲۰٬۰۰۰").wait_for()
    page.locator("input[type=file][multiple]").set_input_files([str(pdf), str(photo)])
    page.locator(".brief-attachment").nth(1).wait_for()
    assert page.locator(".brief-attachment img").count() == 1  # a preview of the photo
    page.locator(".brief-field__draft").filter(has_text="پیش‌نویس روی این دستگاه ذخیره شد").wait_for()
    assert drafted_image_sizes(page) == [[2000, 1000, "image/png"]]
    page.get_by_role("button", name="بازبینی").click()
    page.get_by_role("button", name="ارسال لایحه").click()
    page.locator(".brief-result--sent").wait_for()
    tracking_code = page.locator(".brief-result__code").get_attribute("data-tracking-code")

    [brief] = context.request.get(live_server + "/api/v1/briefs").json()
    assert brief["tracking_code"] == tracking_code and brief["case_id"] == CASE
    detail = context.request.get(f"{live_server}/api/v1/briefs/{brief['id']}").json()
    assert [f["name"] for f in detail["files"]] == ["لایحه.pdf", "scan.png"]
    assert len(uploads) == 1 and re.fullmatch(r"[0-9a-f-]{36}", uploads[0].headers["idempotency-key"])

    # «لایحه‌های من», the brief, then its printable receipt.
    page.get_by_role("link", name="دیدن لایحه و رسید").click()
    page.wait_for_url(f"{live_server}/briefs/{brief['id']}")
    page.locator(".brief-facts").wait_for()
    assert tracking_code.translate(PERSIAN) in page.locator("main h1").inner_text()
    assert page.locator(".brief-sha").first.inner_text().replace(" ", "") == brief["sha256"]
    page.get_by_role("link", name="رسید قابل چاپ").click()
    page.wait_for_url(f"{live_server}/api/v1/briefs/{brief['id']}/receipt")
    assert page.locator("h1").inner_text() == "رسید تقدیم لایحه"
    assert page.get_by_test_id("tracking-code").inner_text() == tracking_code.translate(PERSIAN)
    assert page.get_by_test_id("sha256").inner_text().replace(" ", "") == brief["sha256"]
    page.get_by_role("button", name="چاپ رسید").wait_for()  # the print button's script ran under the CSP
    assert csp_errors == []


def test_a_brief_sent_offline_waits_on_the_phone_and_arrives_exactly_once(context, live_server, sandbox, citizens):
    page = signed_in_page(context, live_server, citizens[0], f"/cases/{CASE}/briefs/new")
    wait_for_service_worker(page)
    before = {b["id"] for b in context.request.get(live_server + "/api/v1/briefs").json()}
    page.get_by_label("متن لایحه").fill("لایحه‌ای که بی‌اینترنت نوشته و فرستاده شد.")
    page.get_by_role("button", name="بازبینی").click()

    context.set_offline(True)
    page.get_by_role("button", name="ارسال لایحه").click()
    page.locator(".brief-result--queued").wait_for()
    waiting = page.evaluate("""async () => {
        const open = indexedDB.open('hamrah-briefs');
        const db = await new Promise((resolve, reject) => {
            open.onsuccess = () => resolve(open.result);
            open.onerror = reject;
        });
        const all = db.transaction('outbox').objectStore('outbox').getAll();
        return await new Promise((resolve) => { all.onsuccess = () => resolve(all.result.map((e) => e.key)); });
    }""")
    assert len(waiting) == 1
    assert {b["id"] for b in context.request.get(live_server + "/api/v1/briefs").json()} == before

    context.set_offline(False)  # the page and the service worker both try: the key makes it one brief
    page.locator(".brief-result--sent").wait_for(timeout=20_000)
    page.wait_for_timeout(1500)  # let any second attempt (Background Sync) finish too
    new = [b for b in context.request.get(live_server + "/api/v1/briefs").json() if b["id"] not in before]
    assert len(new) == 1

    # Signing out first sends what is pending to the court, with the same key: one brief there too.
    page.goto(live_server + "/settings")
    page.get_by_role("button", name="خروج از حساب").click()
    page.wait_for_url(live_server + "/")
    everything = sandbox.briefs()
    assert len([b for b in everything if b["idempotency_key"] == waiting[0]]) == 1
    assert len({b["idempotency_key"] for b in everything}) == len(everything)  # no brief twice


def test_my_briefs_lists_what_waits_on_the_phone_and_what_was_received(context, live_server, sandbox, citizens):
    page = signed_in_page(context, live_server, citizens[0], f"/cases/{CASE}/briefs/new")
    wait_for_service_worker(page)
    before = len(context.request.get(live_server + "/api/v1/briefs").json())
    page.get_by_label("متن لایحه").fill("نخستین لایحه")
    page.get_by_role("button", name="بازبینی").click()
    page.get_by_role("button", name="ارسال لایحه").click()
    page.locator(".brief-result--sent").wait_for()

    page.goto(f"{live_server}/cases/{CASE}/briefs/new")
    page.get_by_label("متن لایحه").fill("دومین لایحه، بی‌اینترنت")
    page.get_by_role("button", name="بازبینی").click()
    context.set_offline(True)
    page.get_by_role("button", name="ارسال لایحه").click()
    page.locator(".brief-result--queued").wait_for()
    page.get_by_role("link", name="لایحه‌های من").click()
    page.locator(".brief-card--device").wait_for()
    assert "در انتظار اتصال" in page.locator(".brief-card--device").inner_text()
    context.set_offline(False)
    page.locator(".brief-card--device").wait_for(state="detached", timeout=20_000)
    page.locator(".brief-card").nth(before + 1).wait_for()
    assert page.locator(".brief-card").count() == before + 2
    newest = page.locator(".brief-card .chip").all_inner_texts()[:2]
    assert newest == ["دریافت شد", "دریافت شد"]
