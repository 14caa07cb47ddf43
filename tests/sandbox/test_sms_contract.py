"""The SMS provider's contract: sandbox/openapi/sms-kavenegar-v1.yaml and the served /kavenegar/v1
agree, route for route and answer for answer (bodies validated with jsonschema)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pytest
from jsonschema import Draft202012Validator
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

from sandbox.testing import SandboxServer
from tests.sandbox.contracts import Contract, pointer

CONTRACT = Contract("sms-kavenegar-v1.yaml")
PREFIX = "/kavenegar/v1"
SEND, STATUS = "/{apikey}/sms/send.json", "/{apikey}/sms/status.json"
LOCAL, ACCOUNT = "/{apikey}/sms/statuslocalmessageid.json", "/{apikey}/account/info.json"
TEXT = "همراه قضایی: ابلاغیه جدیدی دارید. برای دیدن وارد شوید"


@dataclass
class World:
    sandbox: SandboxServer
    http: httpx.Client
    key: str
    messageid: int


@pytest.fixture(scope="module")
def world():
    with SandboxServer({"SANDBOX_ANCHOR_DATE": "2025-11-29"}) as sandbox, \
            httpx.Client(base_url=sandbox.url + PREFIX, timeout=10) as http:
        key = sandbox.sms_api_key
        sent = http.post(f"/{key}/sms/send.json", data={"receptor": "09121234567", "message": TEXT,
                                                         "localid": "contract-1"})
        yield World(sandbox, http, key, sent.json()["entries"][0]["messageid"])


def call(w: World, method: str, template: str, key: str | None = None, **params) -> httpx.Response:
    url = template.replace("{apikey}", key or w.key)
    if method == "GET":
        return w.http.get(url, params=params)
    return w.http.post(url, data=params)


def faulty(w: World, provoke: Callable[[], httpx.Response], **faults) -> httpx.Response:
    w.sandbox.set_sms_faults(**faults)
    try:
        return provoke()
    finally:
        w.sandbox.set_sms_faults()


def send(w: World, method: str = "POST", **params) -> httpx.Response:
    return call(w, method, SEND, **{"receptor": "09121234567", "message": TEXT, **params})


def rate_limited(w: World) -> httpx.Response:
    w.sandbox.set_sms_faults(rate_limit_per_minute=1)
    try:
        send(w)
        return send(w)
    finally:
        w.sandbox.set_sms_faults()


# (method, documented path, expected status, how to provoke it)
SCENARIOS: list[tuple[str, str, int, Callable[[World], httpx.Response]]] = [
    ("POST", SEND, 200, lambda w: send(w, localid=str(uuid.uuid4()))),
    ("POST", SEND, 200, lambda w: send(w, receptor="09121234567,+989351234567", date="")),
    ("POST", SEND, 400, lambda w: call(w, "POST", SEND, receptor="09121234567")),
    ("POST", SEND, 403, lambda w: send(w, key="wrong-key")),
    ("POST", SEND, 406, lambda w: send(w, receptor="")),
    ("POST", SEND, 409, lambda w: faulty(w, lambda: send(w), error_rate=1)),
    ("POST", SEND, 411, lambda w: send(w, receptor="02188776655")),
    ("POST", SEND, 412, lambda w: send(w, sender="10004346")),
    ("POST", SEND, 413, lambda w: send(w, message="   ")),
    ("POST", SEND, 414, lambda w: send(w, receptor=",".join(["09121234567"] * 201))),
    ("POST", SEND, 417, lambda w: send(w, date="1000000000")),
    ("POST", SEND, 418, lambda w: faulty(w, lambda: send(w), credit=0)),
    ("POST", SEND, 419, lambda w: send(w, localid="a,b")),
    ("POST", SEND, 420, lambda w: faulty(w, lambda: send(w, message=TEXT + " https://example.ir/n"),
                                         links_blocked=True)),
    ("POST", SEND, 451, rate_limited),
    ("POST", SEND, 503, lambda w: faulty(w, lambda: send(w), down=True)),
    ("GET", SEND, 200, lambda w: send(w, "GET", tag="notice-sms")),
    ("GET", SEND, 411, lambda w: send(w, "GET", receptor="0912")),
    ("GET", STATUS, 200, lambda w: call(w, "GET", STATUS, messageid=f"{w.messageid},1")),
    ("GET", STATUS, 400, lambda w: call(w, "GET", STATUS, messageid="first")),
    ("POST", STATUS, 200, lambda w: call(w, "POST", STATUS, messageid=str(w.messageid))),
    ("POST", STATUS, 400, lambda w: call(w, "POST", STATUS)),
    ("POST", STATUS, 403, lambda w: call(w, "POST", STATUS, key="wrong-key", messageid="1")),
    ("POST", STATUS, 406, lambda w: call(w, "POST", STATUS, messageid="")),
    ("POST", STATUS, 409, lambda w: faulty(w, lambda: call(w, "POST", STATUS, messageid="1"), error_rate=1)),
    ("POST", STATUS, 414, lambda w: call(w, "POST", STATUS, messageid=",".join(["1"] * 501))),
    ("POST", STATUS, 503, lambda w: faulty(w, lambda: call(w, "POST", STATUS, messageid="1"), down=True)),
    ("GET", LOCAL, 200, lambda w: call(w, "GET", LOCAL, localid="contract-1,never-sent")),
    ("GET", LOCAL, 400, lambda w: call(w, "GET", LOCAL)),
    ("POST", LOCAL, 200, lambda w: call(w, "POST", LOCAL, localid="contract-1")),
    ("POST", LOCAL, 403, lambda w: call(w, "POST", LOCAL, key="wrong-key", localid="x")),
    ("POST", LOCAL, 406, lambda w: call(w, "POST", LOCAL, localid=" ")),
    ("POST", LOCAL, 409, lambda w: faulty(w, lambda: call(w, "POST", LOCAL, localid="x"), error_rate=1)),
    ("POST", LOCAL, 414, lambda w: call(w, "POST", LOCAL, localid=",".join(["x"] * 501))),
    ("POST", LOCAL, 503, lambda w: faulty(w, lambda: call(w, "POST", LOCAL, localid="x"), down=True)),
    ("GET", ACCOUNT, 200, lambda w: call(w, "GET", ACCOUNT)),
    ("GET", ACCOUNT, 403, lambda w: call(w, "GET", ACCOUNT, key="wrong-key")),
    ("POST", ACCOUNT, 200, lambda w: call(w, "POST", ACCOUNT)),
    ("POST", ACCOUNT, 409, lambda w: faulty(w, lambda: call(w, "POST", ACCOUNT), error_rate=1)),
    ("POST", ACCOUNT, 503, lambda w: faulty(w, lambda: call(w, "POST", ACCOUNT), down=True)),
]


@pytest.mark.parametrize(("method", "template", "status", "provoke"), SCENARIOS,
                         ids=[f"{m} {t} {s}" for m, t, s, _ in SCENARIOS])
def test_real_answers_match_the_documented_status_and_schema(world, method, template, status, provoke):
    response = provoke(world)
    assert response.request.method == method
    assert response.status_code == status, response.text[:300]
    CONTRACT.check(response, template, method)
    if response.headers["Content-Type"].startswith("application/json"):
        assert response.json()["return"]["status"] == status, "return.status mirrors the HTTP status"


def test_every_documented_operation_is_exercised_with_a_success_and_an_error():
    for template, method in CONTRACT.operations():
        statuses = {s for m, t, s, _ in SCENARIOS if t == template and m == method}
        assert any(s < 400 for s in statuses), f"no success scenario for {method} {template}"
        assert any(s >= 400 for s in statuses), f"no error scenario for {method} {template}"


def test_every_provider_route_is_documented_for_get_and_post_and_nothing_more(world):
    served = set()
    for rule in world.sandbox.app.url_map.iter_rules():
        if rule.rule.startswith(PREFIX + "/") and "<path:" not in rule.rule:  # the catch-all answers 404
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule[len(PREFIX):])
            served |= {(path, method) for method in ("GET", "POST")}
    assert served == CONTRACT.operations()


def test_other_http_methods_and_unknown_methods_answer_in_the_protocol(world):
    for verb in ("PUT", "DELETE", "PATCH"):
        response = world.http.request(verb, f"/{world.key}/sms/send.json")
        assert response.status_code == 405 and response.json() == {
            "return": {"status": 405, "message": response.json()["return"]["message"]}, "entries": None}
    unknown = world.http.get(f"/{world.key}/sms/sendarray.xml")
    assert unknown.status_code == 404 and unknown.json()["return"]["status"] == 404
    where = pointer("components", "schemas", "Refusal")
    assert CONTRACT.schema_errors(unknown.json(), where) == []


def test_contract_is_a_valid_openapi_3_1_document_with_valid_schemas():
    assert CONTRACT.doc["openapi"].startswith("3.1")
    assert OPENAPI_31_VALIDATOR.is_valid(CONTRACT.doc)
    for schema in CONTRACT.doc["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_the_schemas_reject_undocumented_fields_and_malformed_values(world):
    """Guards the contract test itself: a wrong body must fail validation."""
    answer = send(world).json()
    where = pointer("paths", SEND, "post", "responses", "200", "content", "application/json", "schema")
    assert CONTRACT.schema_errors(answer, where) == []
    entry = answer["entries"][0]
    assert CONTRACT.schema_errors({**answer, "entries": [{**entry, "secret": 1}]}, where)
    assert CONTRACT.schema_errors({**answer, "entries": [{**entry, "receptor": "+989121234567"}]}, where)
    assert CONTRACT.schema_errors({**answer, "entries": []}, where)
    assert CONTRACT.schema_errors({"return": {"status": 418, "message": "x"}, "entries": None}, where)
