"""The citizen mix for `bench/load/run.py`: people looking for an office, and signed-in citizens.

Two kinds of user, half each:

- **OfficeSeeker** (anonymous): the nearest offices to a random point in Iran (mostly around a city),
  search with Persian queries (some typed with Arabic ي/ك, some with ZWNJ), one office, the catalog,
  and the offline bundle revalidated with If-None-Match.
- **Citizen** (signed in through the BFF exactly as a browser: /auth/login → the identity provider's
  form, national code + one-time code → /auth/callback): cases, a case, hearings, the hearings
  calendar, notices, a notice, briefs; and brief submissions (text, sometimes a PDF, sometimes a phone
  photo too) with a fresh Idempotency-Key each. Like the PWA's outbox, a submission that met a
  connection error or a 503 is sent again with the same key (after Retry-After), signing in again if
  the session was lost; some accepted briefs are sent again with the same key (must be replayed: 202,
  same id) or with the same key and other text (must be 409).

Run by run.py, which passes LOAD_CONFIG (a JSON file: sandbox URL, one-time code, citizens, sample
files, where to write records). This file writes two JSON-lines records beside locust's CSVs:
every 5xx and connection error (route, time, status, whether Retry-After came), and every accepted
brief (Idempotency-Key, id, citizen) — run.py checks them against the core afterwards.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
import time
import uuid
from pathlib import Path

from locust import HttpUser, between, events, task

CONFIG = json.loads(Path(os.environ["LOAD_CONFIG"]).read_text())
TIMEOUT = 30
FORM_CSRF = re.compile(r'name="csrf" value="([^"]+)"')

# Cities (lat, lon) most searches start from; the rest are anywhere in Iran's bounding box.
CITIES = [(35.6892, 51.3890), (36.2605, 59.6168), (32.6525, 51.6746), (38.0962, 46.2738), (29.5918, 52.5837),
          (35.8400, 50.9391), (31.3183, 48.6706), (34.6416, 50.8746), (34.3142, 47.0650), (37.2808, 49.5832),
          (27.1832, 56.2666), (36.5659, 53.0586), (30.2839, 57.0834), (29.4963, 60.8629), (36.6736, 48.4787)]
QUERIES = ["تهران", "اصفهان", "مشهد", "شیراز", "تبریز", "کرج", "قم", "اهواز", "رشت", "کرمانشاه",
           "دفتر خدمات", "خدمات الکترونیک قضایی", "كرج", "ياسوج", "میدان", "خیابان امام", "بلوار",
           "شهرری", "نی‌ریز", "بندرعباس", "زاهدان", "ساری"]

_records = {name: open(CONFIG[name], "a", encoding="utf-8")  # noqa: SIM115 (open for the whole run)
            for name in ("errors_path", "briefs_path")}


def _write(name: str, record: dict) -> None:
    handle = _records[name]
    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    handle.flush()


@events.request.add_listener
def _record_server_errors(request_type, name, response_time, response_length, response=None, context=None,
                          exception=None, start_time=None, url=None, **kwargs):
    """Every 5xx, 429 and request that got no answer at all, with its time and Retry-After."""
    status = getattr(response, "status_code", 0) or 0
    if status >= 500 or status in (0, 429):
        headers = getattr(response, "headers", None) or {}
        code = None
        if status >= 429:
            try:
                code = response.json().get("code")
            except Exception:  # not problem+json (a proxy's page, a crash): the status says enough
                code = None
        _write("errors_path", {
            "t": start_time or time.time(), "end": time.time(), "method": request_type, "route": name,
            "status": status, "retry_after": headers.get("Retry-After"), "code": code,
            "error": None if status else repr(getattr(response, "error", None) or exception)[:200]})


@events.quitting.add_listener
def _close(environment, **kwargs):
    for handle in _records.values():
        handle.close()


class OfficeSeeker(HttpUser):
    """Someone looking for an office: no sign-in."""

    weight = CONFIG.get("office_weight", 1)
    wait_time = between(*CONFIG.get("wait", (1.0, 3.0)))

    def on_start(self) -> None:
        self.etag: str | None = None
        self.codes: list[str] = []

    def _point(self) -> tuple[float, float]:
        if random.random() < 0.7:
            lat, lon = random.choice(CITIES)
            return lat + random.uniform(-0.3, 0.3), lon + random.uniform(-0.3, 0.3)
        return random.uniform(25.1, 39.7), random.uniform(44.1, 63.3)

    @task(6)
    def nearest(self) -> None:
        lat, lon = self._point()
        params = {"lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "limit": 10}
        if random.random() < 0.3:
            params["open_now"] = "true"
        response = self.client.get("/api/v1/offices/nearest", params=params, name="/api/v1/offices/nearest",
                                   timeout=TIMEOUT)
        if response.status_code == 200:
            self.codes = [item["code"] for item in response.json()][:10] or self.codes

    @task(4)
    def search(self) -> None:
        query = random.choice(QUERIES)
        self.client.get("/api/v1/offices", params={"q": query, "page_size": 20}, name="/api/v1/offices?q=",
                        timeout=TIMEOUT)

    @task(2)
    def office(self) -> None:
        if not self.codes:
            return self.nearest()
        self.client.get(f"/api/v1/offices/{random.choice(self.codes)}", name="/api/v1/offices/[code]",
                        timeout=TIMEOUT)

    @task(2)
    def bundle(self) -> None:
        headers = {"If-None-Match": self.etag} if self.etag else {}
        response = self.client.get("/api/v1/offices/bundle", headers=headers, name="/api/v1/offices/bundle",
                                   timeout=TIMEOUT)
        if response.status_code in (200, 304):
            self.etag = response.headers.get("ETag") or self.etag

    @task(1)
    def catalog(self) -> None:
        self.client.get("/api/v1/catalog", name="/api/v1/catalog", timeout=TIMEOUT)


_next_citizen = itertools.count()


class Citizen(HttpUser):
    """A citizen with cases: signs in, reads, submits briefs."""

    weight = CONFIG.get("citizen_weight", 1)
    wait_time = between(*CONFIG.get("wait", (1.0, 3.0)))

    def on_start(self) -> None:
        people = CONFIG["citizens"]
        self.person = people[next(_next_citizen) % len(people)]
        self.signed_in = False
        self.open_cases: list[str] = list(self.person.get("case_ids", []))
        self.case_ids: list[str] = list(self.person.get("case_ids", []))
        self.notice_ids: list[str] = []
        self.sign_in()

    # -- signing in ---------------------------------------------------------------------------------

    def sign_in(self) -> bool:
        """The browser's sign-in: the BFF's redirect, the IdP's form (or its session), the callback."""
        start = self.client.get("/auth/login", params={"next": "/"}, allow_redirects=False, name="/auth/login",
                                timeout=TIMEOUT)
        if start.status_code != 302:
            return False
        authorize = start.headers["Location"]
        page = self.client.get(authorize, allow_redirects=False, name="idp: GET /oidc/authorize", timeout=TIMEOUT)
        done = page
        if page.status_code == 200:
            match = FORM_CSRF.search(page.text)
            if not match:
                return False
            done = self.client.post(authorize, data={"national_code": self.person["national_code"],
                                                     "otp": CONFIG["otp"], "csrf": html.unescape(match.group(1))},
                                    allow_redirects=False, name="idp: POST /oidc/authorize", timeout=TIMEOUT)
        if done.status_code != 302:
            return False
        with self.client.get(done.headers["Location"], allow_redirects=False, name="/auth/callback",
                             timeout=TIMEOUT, catch_response=True) as callback:
            location = callback.headers.get("Location", "")
            if callback.status_code != 302 or location.startswith("/signin"):
                callback.failure(f"sign-in failed: {callback.status_code} {location[:60]}")
                return False
        self.signed_in = True
        self.list_cases()
        return True

    def csrf(self) -> str:
        return self.client.cookies.get("csrf_token", "")

    def api(self, path: str, name: str, **kwargs):
        """A signed-in GET; a 401 (the session is gone) means signing in again before the next task."""
        response = self.client.get(path, name=name, timeout=TIMEOUT, **kwargs)
        if response.status_code == 401:
            self.signed_in = False
        return response

    # -- reading ------------------------------------------------------------------------------------

    def list_cases(self) -> None:
        response = self.api("/api/v1/cases", "/api/v1/cases")
        if response.status_code == 200:
            cases = response.json()["cases"]
            self.case_ids = [case["id"] for case in cases] or self.case_ids
            self.open_cases = [case["id"] for case in cases if case["accepts_briefs"]]

    @task(3)
    def cases(self) -> None:
        if not self.signed_in:
            self.sign_in()
            return
        self.list_cases()

    @task(3)
    def case(self) -> None:
        if not self.signed_in or not self.case_ids:
            return self.cases()
        self.api(f"/api/v1/cases/{random.choice(self.case_ids)}", "/api/v1/cases/[id]")

    @task(2)
    def hearings(self) -> None:
        if not self.signed_in:
            return self.cases()
        self.api("/api/v1/hearings", "/api/v1/hearings")

    @task(1)
    def hearings_calendar(self) -> None:
        if not self.signed_in:
            return self.cases()
        self.api("/api/v1/hearings.ics", "/api/v1/hearings.ics")

    @task(2)
    def notices(self) -> None:
        if not self.signed_in:
            return self.cases()
        response = self.api("/api/v1/notices", "/api/v1/notices")
        if response.status_code == 200:
            self.notice_ids = [item["id"] for item in response.json()["notices"]][:20]

    @task(1)
    def notice(self) -> None:
        if not self.signed_in or not self.notice_ids:
            return self.notices()
        self.api(f"/api/v1/notices/{random.choice(self.notice_ids)}", "/api/v1/notices/[id]")

    @task(1)
    def briefs(self) -> None:
        if not self.signed_in:
            return self.cases()
        self.api("/api/v1/briefs", "/api/v1/briefs")

    # -- submitting ---------------------------------------------------------------------------------

    def _post_brief(self, case_id: str, key: str, text: str, attachments: list, name: str):
        parts = [("text", (None, text.encode(), "text/plain; charset=utf-8"))]
        parts += [("files", item) for item in attachments]
        return self.client.post(f"/api/v1/cases/{case_id}/briefs", files=parts, name=name, timeout=TIMEOUT,
                                headers={"Idempotency-Key": key, "X-CSRF-Token": self.csrf()}, catch_response=True)

    def _attachments(self) -> list:
        files = CONFIG["files"]
        roll = random.random()
        chosen = []
        if roll < 0.5:
            chosen.append(("scan.pdf", Path(files["pdf"]).read_bytes(), "application/pdf"))
        if roll < 0.15:
            chosen.append(("photo.jpg", Path(files["photo"]).read_bytes(), "image/jpeg"))
        return chosen

    @task(3)
    def submit_brief(self) -> None:
        if not self.signed_in:
            return self.cases()
        if not self.open_cases:
            return
        case_id = random.choice(self.open_cases)
        key = str(uuid.uuid4())
        text = f"لایحهٔ آزمون بار برای پرونده {case_id}\nشناسه {key}\nبا احترام، درخواست رسیدگی دارم."
        attachments = self._attachments()
        name = "/api/v1/cases/[id]/briefs"
        for attempt in range(6):
            if not self.signed_in and not self.sign_in():
                time.sleep(2)
                continue
            with self._post_brief(case_id, key, text, attachments, name) as response:
                status = response.status_code
                if status == 202:
                    body = response.json()
                    _write("briefs_path", {"key": key, "id": body["id"], "sub": self.person["sub"],
                                           "case_id": case_id, "t": time.time(), "attempt": attempt + 1,
                                           "replayed": response.headers.get("Idempotent-Replayed") == "true"})
                    break
                if status == 401:
                    self.signed_in = False
                    response.failure("401: the session is gone; signing in again and sending the same key")
                    continue
                if status in (0, 429) or status >= 500:
                    response.failure(f"{status or 'no answer'}; sending the same key again")
                    try:
                        wait = float(response.headers.get("Retry-After") or 1)
                    except (AttributeError, ValueError):
                        wait = 1.0
                    time.sleep(min(30.0, wait) + random.uniform(0, 1))  # as the PWA's outbox waits
                    continue
                response.failure(f"refused: {status} {response.text[:120]}")
                return
        else:
            return
        roll = random.random()
        if roll < 0.10:
            with self._post_brief(case_id, key, text, attachments, name + " (same key again)") as again:
                if again.status_code == 202:
                    if again.json()["id"] != body["id"] or again.headers.get("Idempotent-Replayed") != "true":
                        again.failure("same key and content answered with another brief")
                elif again.status_code not in (401, 503) and again.status_code != 0:
                    again.failure(f"same key and content: {again.status_code}")
        elif roll < 0.13:
            with self._post_brief(case_id, key, text + "\nمتن دیگر", attachments,
                                  name + " (same key, other text)") as other:
                if other.status_code == 409:
                    other.success()
                elif other.status_code not in (401, 503) and other.status_code != 0:
                    other.failure(f"same key, other content: expected 409, got {other.status_code}")
