"""Notices and Web Push in Chromium: the service worker shows pushes and opens the right page, the
notification settings subscribe this device for real (to a loopback push service), notices warn
before they are opened."""

from __future__ import annotations

import json
import subprocess
from types import SimpleNamespace

import httpx
import pytest

from tests.support import ROOT
from tests.support.browser import axe_violations, format_violations, wait_for_service_worker
from tests.support.browser_signin import sign_in_at_the_identity_provider
from tests.support.push_service import PushService
from tests.support.servers import BIN, bff_environment, free_port, gunicorn_bff, migrate

# pushManager.subscribe() cannot reach a vendor's push service in headless Chromium; this stands in
# for it with a subscription of the test's own push service (window.__testSubscription), so the
# server side runs for real.
FAKE_SUBSCRIBE = """
(() => {
  let current = null;
  const decode = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')
    + '='.repeat((4 - text.length % 4) % 4)), (c) => c.charCodeAt(0));
  PushManager.prototype.subscribe = async function subscribe(options) {
    const info = window.__testSubscription;
    if (!info) throw new DOMException('no test subscription', 'NotAllowedError');
    const key = options.applicationServerKey;
    current = {
      endpoint: info.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: typeof key === 'string' ? decode(key).buffer : key },
      getKey: (name) => decode(info.keys[name]).buffer,
      toJSON: () => ({ endpoint: info.endpoint, expirationTime: null, keys: info.keys }),
      unsubscribe: async () => { current = null; return true; },
    };
    return current;
  };
  PushManager.prototype.getSubscription = async function getSubscription() { return current; };
})();
"""


@pytest.fixture(scope="module")
def push_server(tmp_path_factory, server_logs, core_sandbox):
    """The BFF with the built PWA, signing in at the sandbox; its environment, to run the sender with."""
    instance = tmp_path_factory.mktemp("push-instance")
    port = free_port()
    env = bff_environment(instance, f"sqlite:///{instance}/push.sqlite3", PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
                          CORE_BASE_URL=core_sandbox.url, OIDC_ISSUER=core_sandbox.url,
                          RATE_LIMIT_LOGIN="600 per minute")
    migrate(env)
    with gunicorn_bff(env, log_path=server_logs / "push-bff.log", port=port) as base:
        yield SimpleNamespace(url=base, env=env)


@pytest.fixture
def push_service(push_server):
    key = httpx.get(push_server.url + "/api/v1/push/key").json()["public_key"]
    with PushService(key) as service:
        yield service


def deliver(push_server) -> str:
    """What the worker does every second: send what is due (here once, from the command line)."""
    done = subprocess.run([str(BIN / "flask"), "--app", "bff", "push", "deliver"], cwd=ROOT, env=push_server.env,
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


def signed_in_page(context, push_server, citizen, path):
    page = context.new_page()
    page.goto(f"{push_server.url}/auth/login?next={path}")
    sign_in_at_the_identity_provider(page, citizen["national_code"])
    page.wait_for_url(push_server.url + path)
    return page


def registration_id(context, page) -> str:
    """The service worker registration's id, as the DevTools protocol names it."""
    cdp = context.new_cdp_session(page)
    found = {}
    cdp.on("ServiceWorker.workerRegistrationUpdated",
           lambda event: found.update({r["scopeURL"]: r["registrationId"] for r in event["registrations"]}))
    cdp.send("ServiceWorker.enable")
    page.wait_for_timeout(300)
    scope = next(url for url in found if url.rstrip("/").endswith(page.url.split("/")[2]))
    return cdp, found[scope]


def notifications(page) -> list[dict]:
    return page.evaluate("""async () => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications()).map((n) => ({
            title: n.title, body: n.body, tag: n.tag, dir: n.dir, lang: n.lang, icon: n.icon, badge: n.badge,
            renotify: n.renotify, data: n.data, actions: n.actions.map((a) => a.action)}));
    }""")


def test_a_pushed_message_shows_a_notification_and_a_tap_opens_its_page(context, push_server):
    origin = push_server.url
    context.grant_permissions(["notifications"], origin=origin)
    page = context.new_page()
    page.goto(origin + "/settings")
    wait_for_service_worker(page)
    cdp, registration = registration_id(context, page)
    payload = {"v": 1, "id": 1, "type": "hearing_changed", "title": "وقت رسیدگی تغییر کرد",
               "body": "زمان تازه: سه‌شنبه ۱۰ آذر ۱۴۰۵، ساعت ۱۱:۰۰", "url": "/notices/n-7", "tag": "h-h-1",
               "renotify": True, "lang": "fa", "dir": "rtl", "ts": 1764000000000,
               "actions": [{"action": "view", "title": "مشاهده", "url": "/notices/n-7"},
                           {"action": "directions", "title": "مسیریابی",
                            "url": "https://www.openstreetmap.org/search?query=x"}]}

    cdp.send("ServiceWorker.deliverPushMessage", {"origin": origin, "registrationId": registration,
                                                  "data": json.dumps(payload, ensure_ascii=False)})
    page.wait_for_timeout(200)
    shown = []
    for _ in range(30):
        shown = notifications(page)
        if shown:
            break
        page.wait_for_timeout(100)
    # Shown although a window of the app is open and focused (Safari revokes subscriptions otherwise).
    assert len(shown) == 1
    note = shown[0]
    assert note["title"] == payload["title"] and note["body"] == payload["body"]
    assert note["dir"] == "rtl" and note["lang"] == "fa" and note["tag"] == "h-h-1" and note["renotify"] is True
    assert note["icon"].endswith("/icons/icon-192.png") and note["badge"].endswith("/icons/badge-96.png")
    assert note["actions"] == ["view", "directions"]

    # A tap on it: dispatched in the worker (a headless browser has no notification to tap).
    worker = context.service_workers[0]
    worker.evaluate("""async () => {
        const [notification] = await self.registration.getNotifications();
        self.dispatchEvent(new NotificationEvent('notificationclick', {notification}));
    }""")
    page.wait_for_url(origin + "/notices/n-7")
    assert notifications(page) == [], "the tapped notification stays on screen"

    # A push without a readable payload still shows something.
    cdp.send("ServiceWorker.deliverPushMessage", {"origin": origin, "registrationId": registration, "data": "x"})
    for _ in range(30):
        shown = notifications(page)
        if shown:
            break
        page.wait_for_timeout(100)
    assert [n["title"] for n in shown] == ["همراه قضایی"]


def test_notification_settings_subscribe_this_device_and_the_test_push_arrives(
        context, push_server, push_service, sandbox, citizens):
    device = push_service.subscription()
    context.grant_permissions(["notifications"], origin=push_server.url)
    context.add_init_script(FAKE_SUBSCRIBE)
    page = signed_in_page(context, push_server, citizens[0], "/settings/notifications")
    wait_for_service_worker(page)
    page.evaluate("(info) => { window.__testSubscription = info; }", device.info)

    section = page.locator(".push-settings__device")
    section.get_by_role("button", name="روشن کردن اعلان‌ها").click()
    section.locator(".push-settings__state").wait_for()
    devices = context.request.get(push_server.url + "/api/v1/push/subscriptions").json()["devices"]
    assert len(devices) == 1
    page.locator(".push-devices__item .chip").wait_for()
    assert page.locator(".push-devices__item .chip").inner_text() == "همین دستگاه"

    section.get_by_role("button", name="فرستادن اعلان آزمایشی").click()
    section.locator(".push-settings__message").wait_for()
    assert "۱ دستگاه" in section.locator(".push-settings__message").inner_text()
    deliver(push_server)
    [message] = push_service.wait_for(device, 1)
    assert message.payload["title"] == "اعلان آزمایشی" and message.payload["url"] == "/settings/notifications"
    assert push_service.rejections == []

    # A preference: saved at the server.
    page.get_by_role("switch", name="تغییر وضعیت پرونده‌ها").click()
    page.locator(".push-settings__message", has_text="ذخیره شد.").wait_for()
    prefs = context.request.get(push_server.url + "/api/v1/push/preferences").json()
    assert prefs["topics"]["case_update"] is False

    # Turned off: the server forgets this device.
    section.get_by_role("button", name="خاموش کردن اعلان‌ها روی این دستگاه").click()
    section.get_by_role("button", name="روشن کردن اعلان‌ها").wait_for()
    assert context.request.get(push_server.url + "/api/v1/push/subscriptions").json()["devices"] == []


def test_a_blocked_permission_explains_how_to_allow_it(browser, push_server, citizens):
    from tests.support.browser import PHONE

    context = browser.new_context(**PHONE)
    try:
        context.add_init_script("Object.defineProperty(Notification, 'permission', {get: () => 'denied'});")
        page = signed_in_page(context, push_server, citizens[0], "/settings/notifications")
        note = page.locator(".push-settings__note--warning")
        note.wait_for()
        assert "تنظیمات سایت" in note.inner_text()
        assert page.locator(".push-settings__device button").count() == 0
    finally:
        context.close()


def test_an_unread_notice_warns_before_it_is_opened_and_opening_records_the_receipt(
        context, push_server, sandbox, citizens):
    citizen = citizens[0]
    notice = sandbox.control("POST", "notices", json={"person": citizen["sub"], "case_id": citizen["case_ids"][0],
                                                      "type": "summons", "title": "احضار برای جلسه آزمایشی"}).json()
    page = signed_in_page(context, push_server, citizen, "/notices")
    card = page.locator(".notice-card--unread", has_text="احضار برای جلسه آزمایشی")
    card.wait_for()
    assert page.locator(".notice-card").first.get_attribute("class").count("notice-card--unread") == 1

    card.get_by_role("link").click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    assert "با باز کردن این ابلاغیه، ابلاغ انجام‌شده محسوب می‌شود" in dialog.inner_text()
    dialog.get_by_role("button", name="انصراف").click()
    dialog.wait_for(state="hidden")
    assert _opened_at(sandbox, citizen, notice["id"]) is None

    card.get_by_role("link").click()
    page.get_by_role("dialog").get_by_role("button", name="ادامه و باز کردن").click()
    page.wait_for_url(f"{push_server.url}/notices/{notice['id']}")
    page.locator(".notice-text__body").wait_for()
    assert _opened_at(sandbox, citizen, notice["id"]) is not None
    download = page.locator(".notice-documents a").first
    assert download.get_attribute("href") == f"/api/v1/notices/{notice['id']}/documents/{notice['documents'][0]['id']}"


def test_a_notice_page_reached_from_a_push_warns_first(context, push_server, sandbox, citizens):
    citizen = citizens[0]
    notice = sandbox.control("POST", "notices", json={"person": citizen["sub"], "case_id": citizen["case_ids"][0],
                                                      "type": "decision", "title": "ابلاغ دادنامه آزمایشی"}).json()
    page = signed_in_page(context, push_server, citizen, f"/notices/{notice['id']}")
    page.locator(".notice-warning").wait_for()
    assert "ابلاغ انجام‌شده محسوب می‌شود" in page.locator(".notice-warning").inner_text()
    assert page.locator(".notice-text__body").count() == 0
    assert _opened_at(sandbox, citizen, notice["id"]) is None


@pytest.mark.parametrize("path", ["/notices", "/settings/notifications"])
def test_notices_and_notification_settings_have_no_serious_accessibility_violations(
        axe_context, push_server, sandbox, citizens, path):
    citizen = citizens[0]
    sandbox.control("POST", "notices", json={"person": citizen["sub"], "case_id": citizen["case_ids"][0],
                                             "type": "notice", "title": "اخطاریه آزمایشی"})
    page = signed_in_page(axe_context, push_server, citizen, path)
    page.locator(".notice-card, .push-devices, .push-settings__device button").first.wait_for()
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)
    if path == "/notices":
        page.locator(".notice-card--unread h2 a").first.click()
        page.get_by_role("dialog").wait_for()
        violations = axe_violations(page)
        assert violations == [], format_violations(violations)


def _opened_at(sandbox, citizen, notice_id):
    tokens = sandbox.sign_in(citizen["national_code"])
    answer = httpx.get(f"{sandbox.url}/core/v1/notices/{notice_id}",
                       headers={"Authorization": f"Bearer {tokens['access_token']}"})
    return answer.json()["opened_at"]
