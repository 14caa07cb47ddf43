"""Schemathesis against /api/openapi.json: every operation answers within its own documentation.

Public operations are called anonymously; operations that need a citizen get a signed-in session
cookie, and unsafe ones the matching X-CSRF-Token header, so the generated requests get past 401/403
and reach validation and the views. The BFF talks over real HTTP to the sandbox, which is up
throughout: no 5xx is acceptable (the documented 503 with Retry-After is for a core that is down).

Checks on every answer: not a 5xx; its status, content type and headers are documented for the
operation; its body matches the documented schema. Each operation gets a bounded, derandomised run
(MAX_EXAMPLES generated requests, plus Schemathesis' boundary cases), so CI is reproducible.

No operation is left out. GET /auth/login redirects to the identity provider: the redirect (302) is
checked, not followed. POST /auth/logout ends the session it is given, so it gets a fresh one each time.

Generated ids rarely name a real record, so a second test walks the sample citizen's own cases,
hearings, notices, briefs and devices through the same operations and checks.
"""

from __future__ import annotations

import os
import uuid

import pytest
import schemathesis
from cryptography.hazmat.primitives.asymmetric import ec
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.config import SchemathesisConfig
from schemathesis.core.file_samples import FILE_SAMPLES

from bff import create_app
from tests.support import ROOT, clean_tables, make_settings
from tests.support.push_service import Device
from tests.support.signin import sign_in

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
# Generated requests per operation; FUZZ_MAX_EXAMPLES=1000 for a deeper run by hand.
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "100"))
# Rate limits answer 429 (documented), but a run that hits them exercises nothing behind them.
GENEROUS = "100000 per minute"

# The brief endpoint names the file types it accepts; a generated file is sent as raw bytes.
schemathesis.serializer.alias("application/pdf", "application/octet-stream")

# The document is the same whatever the app is wired to, so it is read at collection (its operations
# become this module's tests); the requests go to the app wired to the sandbox.
schema = schemathesis.openapi.from_wsgi(
    "/api/openapi.json", create_app(make_settings()),
    config=SchemathesisConfig.from_dict({"seed": 20251128, "generation": {"deterministic": True}}))


@pytest.fixture(scope="module")
def fuzz_app(migrated_database, core_sandbox):
    """The BFF on the sandbox, with the sample office registry, and limits no run reaches."""
    from bff.offices.registry import import_file, load_holidays
    from bff.platform.limits import limiter
    from bff.queue import huey

    core_sandbox.reset()
    app = create_app(make_settings(core_base_url=core_sandbox.url, oidc_issuer=core_sandbox.url,
                                   public_base_url="http://localhost:5000", core_read_timeout=2.0,
                                   rate_limit_login=GENEROUS, rate_limit_writes=GENEROUS,
                                   rate_limit_search=GENEROUS, rate_limit_briefs=GENEROUS))
    with app.app_context():
        load_holidays()
        import_file(ROOT / "sandbox" / "data" / "offices.json")
    yield app
    clean_tables(app)
    with app.app_context():
        limiter.reset()
    huey.flush()  # what the requests queued: pushes to made-up endpoints, briefs to forward
    core_sandbox.reset()


def signed_in_cookies(app, sandbox) -> dict[str, str]:
    """The session and CSRF cookies of the sample citizen, signed in through the sandbox identity provider."""
    client = app.test_client()
    sign_in(client, sandbox, sandbox.citizens()[0]["national_code"])
    return {name: client.get_cookie(name).value for name in (app.config["SESSION_COOKIE_NAME"], "csrf_token")}


@pytest.fixture(scope="module")
def citizen_cookies(fuzz_app, core_sandbox):
    return signed_in_cookies(fuzz_app, core_sandbox)


def credentials(operation, cookies: dict[str, str]) -> tuple[dict, dict]:
    """The cookies and headers the operation's documented security accepts, and no others."""
    accepted = {name for requirement in operation.definition.raw.get("security", []) for name in requirement}
    session_cookie = next(name for name in cookies if name != "csrf_token")
    sent_cookies, headers = {}, {"Accept-Encoding": "identity"}  # the test client does not undo gzip
    if "session" in accepted:
        sent_cookies[session_cookie] = cookies[session_cookie]
    if "csrf" in accepted:
        sent_cookies["csrf_token"] = headers["X-CSRF-Token"] = cookies["csrf_token"]
    return sent_cookies, headers


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_operation_answers_within_its_documentation(case, fuzz_app, core_sandbox, citizen_cookies):
    cookies = citizen_cookies
    if case.operation.path == "/auth/logout":
        cookies = signed_in_cookies(fuzz_app, core_sandbox)  # signing out ends the session it is given
    sent_cookies, headers = credentials(case.operation, cookies)
    response = case.call(app=fuzz_app, cookies=sent_cookies, headers=headers)
    case.validate_response(response, checks=CHECKS)


def test_sample_records_answer_within_their_documentation(fuzz_app, citizen_cookies):
    from bff.platform.limits import limiter

    with fuzz_app.app_context():
        limiter.reset()  # the test push allows a few a minute, whatever the settings

    def call(method: str, path: str, *, expect: int, **parts):
        case = schema[path][method].Case(**parts)
        sent_cookies, headers = credentials(case.operation, citizen_cookies)
        response = case.call(app=fuzz_app, cookies=sent_cookies, headers=headers)
        assert response.status_code == expect, (method, path, parts, response.text[:300])
        case.validate_response(response, checks=CHECKS)
        return response

    offices = call("GET", "/api/v1/offices", query={"q": "تهران", "page_size": 5}, expect=200).json()
    call("GET", "/api/v1/offices/{code}", path_parameters={"code": offices[0]["code"]}, expect=200)
    call("GET", "/api/v1/offices/nearest", query={"lat": 35.7, "lon": 51.4, "open_now": "true"}, expect=200)

    cases = call("GET", "/api/v1/cases", expect=200).json()["cases"]
    for item in cases:
        call("GET", "/api/v1/cases/{case_id}", path_parameters={"case_id": item["id"]}, expect=200)
    hearings = call("GET", "/api/v1/hearings", expect=200).json()["hearings"]
    call("GET", "/api/v1/hearings/{hearing_id}.ics", path_parameters={"hearing_id": hearings[0]["id"]}, expect=200)

    notices = call("GET", "/api/v1/notices", expect=200).json()["notices"]
    notice = next(item for item in notices if item["documents"])
    ids = {"notice_id": notice["id"]}
    call("GET", "/api/v1/notices/{notice_id}", path_parameters=ids, expect=200)
    call("POST", "/api/v1/notices/{notice_id}/receipt", path_parameters=ids, expect=200)
    call("GET", "/api/v1/notices/{notice_id}/documents/{document_id}", expect=200,
         path_parameters={**ids, "document_id": notice["documents"][0]["id"]})

    open_case = next(item for item in cases if item["accepts_briefs"])
    brief = call("POST", "/api/v1/cases/{case_id}/briefs", path_parameters={"case_id": open_case["id"]},
                 headers={"Idempotency-Key": str(uuid.uuid4())}, media_type="multipart/form-data",
                 body={"text": "لایحهٔ نمونه برای آزمون سند", "files": [FILE_SAMPLES["pdf"], FILE_SAMPLES["png"]]},
                 expect=202).json()
    call("GET", "/api/v1/briefs", expect=200)
    detail = call("GET", "/api/v1/briefs/{brief_id}", path_parameters={"brief_id": brief["id"]}, expect=200).json()
    assert [item["content_type"] for item in detail["files"]] == ["application/pdf", "image/png"]
    call("GET", "/api/v1/briefs/{brief_id}/receipt", path_parameters={"brief_id": brief["id"]}, expect=200)

    devices = [Device(f"http://127.0.0.1:9/push/{n}", ec.generate_private_key(ec.SECP256R1()), os.urandom(16))
               for n in range(2)]
    kept = call("POST", "/api/v1/push/subscriptions", body=devices[0].info, media_type="application/json",
                expect=200).json()
    call("POST", "/api/v1/push/subscriptions", body=devices[1].info, media_type="application/json", expect=200)
    call("GET", "/api/v1/push/subscriptions", expect=200)
    call("POST", "/api/v1/push/test", expect=202)
    call("PUT", "/api/v1/push/preferences", media_type="application/json", expect=200,
         body={"lead_times": [24], "quiet_hours": {"start": "22:00", "end": "07:00"}, "show_details": False})
    call("DELETE", "/api/v1/push/subscriptions/{subscription_id}", path_parameters={"subscription_id": kept["id"]},
         expect=204)
    call("DELETE", "/api/v1/push/subscriptions", body={"endpoint": devices[1].endpoint},
         media_type="application/json", expect=204)
