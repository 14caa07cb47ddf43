"""The gateway's contract: sandbox/openapi/gateway-sep.yaml and the served /gateway/sep agree, route for
route and response for response, and every callback form validates against its schema."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

from sandbox.gateway.testing import GatewayClient
from sandbox.testing import SandboxServer

CONTRACT = Path(__file__).resolve().parents[2] / "sandbox" / "openapi" / "gateway-sep.yaml"
DOC = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
BASE = "/gateway/sep"
METHODS = {"get", "put", "post", "delete", "patch"}
REGISTRY = Registry().with_resource("urn:gateway", Resource.from_contents(DOC, default_specification=DRAFT202012))
RETURN = "http://127.0.0.1:9/payments/return"


def schema_errors(instance: Any, json_pointer: str) -> list[str]:
    validator = Draft202012Validator({"$ref": f"urn:gateway#{json_pointer}"}, registry=REGISTRY)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def pointer(*parts: str) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def check_against_contract(response: httpx.Response, template: str, method: str) -> None:
    responses = DOC["paths"][template][method.lower()]["responses"]
    status = str(response.status_code)
    assert status in responses, f"{method} {template} answered {status}, which is not documented"
    spec, where = responses[status], pointer("paths", template, method.lower(), "responses", status)
    if "$ref" in spec:
        where = spec["$ref"][1:]
        spec = DOC["components"]["responses"][spec["$ref"].rsplit("/", 1)[-1]]
    media_type = response.headers["Content-Type"].split(";")[0].strip()
    assert media_type in spec["content"], f"{media_type} not documented for {status}"
    assert response.headers["X-Sample-Data"] == "true"
    if media_type == "text/html":
        assert response.text.startswith("<!doctype html>")
        return
    errors = schema_errors(response.json(), where + pointer("content", media_type, "schema"))
    assert not errors, errors


@dataclass
class World:
    sandbox: SandboxServer
    gateway: GatewayClient
    http: httpx.Client

    def token(self, **extra) -> str:
        return self.gateway.token(5_000_000, "contract-order", RETURN, **extra)["token"]

    def charged(self) -> str:
        return self.gateway.pay(self.token(), "success").fields["RefNum"]

    def call(self, path: str, body: Any) -> httpx.Response:
        return self.http.post(f"{self.sandbox.url}{BASE}{path}", json=body)

    def down(self, call: Callable[[str], httpx.Response]) -> httpx.Response:
        """`call(token)` while the gateway is down (the token is issued before)."""
        token = self.token()
        self.sandbox.control("PUT", "gateway/faults", json={"down": True})
        try:
            return call(token)
        finally:
            self.sandbox.control("PUT", "gateway/faults", json={})

    def verify_fault(self, mode: str) -> httpx.Response:
        ref = self.charged()
        self.sandbox.control("PUT", "gateway/faults", json={"hang_ms": 0, "verify": {"mode": mode, "count": 1}})
        return self.gateway.verify(ref)


@pytest.fixture(scope="module")
def world():
    with SandboxServer({"SANDBOX_ANCHOR_DATE": "2025-11-29"}) as sandbox, httpx.Client(timeout=30) as http:
        yield World(sandbox, GatewayClient(sandbox.url, sandbox.settings.gateway_terminal_id, http), http)


def token_body(w: World, **changes) -> dict:
    return {"action": "token", "TerminalId": w.gateway.terminal_id, "Amount": 5_000_000, "ResNum": "o",
            "RedirectUrl": RETURN, **changes}


def reversed_ref(w: World) -> str:
    ref = w.charged()
    w.gateway.reverse(ref)
    return ref


VERIFY = "/verifyTxnRandomSessionkey/ipg/VerifyTransaction"
REVERSE = "/verifyTxnRandomSessionkey/ipg/ReverseTransaction"
RECEIPT = "/verifyTxnRandomSessionkey/api/v2/ipg/payment/receipt"
SCENARIOS: list[tuple[str, str, int, Callable[[World], httpx.Response]]] = [
    ("POST", "/onlinepg/onlinepg", 200, lambda w: w.call("/onlinepg/onlinepg", token_body(w))),
    ("POST", "/onlinepg/onlinepg", 200, lambda w: w.call("/onlinepg/onlinepg", token_body(w, Amount=-5))),
    ("POST", "/onlinepg/onlinepg", 200, lambda w: w.call("/onlinepg/onlinepg", token_body(w, TerminalId="1"))),
    ("POST", "/onlinepg/onlinepg", 200, lambda w: w.gateway.open_card_page(w.token())),
    ("POST", "/onlinepg/onlinepg", 404, lambda w: w.gateway.open_card_page("0" * 32)),
    ("POST", "/onlinepg/onlinepg", 503, lambda w: w.down(lambda _: w.call("/onlinepg/onlinepg", token_body(w)))),
    ("POST", "/OnlinePG/OnlinePG", 200, lambda w: w.call("/OnlinePG/OnlinePG", token_body(w))),
    ("POST", "/OnlinePG/OnlinePG", 200, lambda w: w.gateway.open_card_page(w.token())),
    ("POST", "/OnlinePG/OnlinePG", 404, lambda w: w.gateway.open_card_page("")),
    ("POST", "/OnlinePG/OnlinePG", 503, lambda w: w.down(w.gateway.open_card_page)),
    ("GET", "/OnlinePG/SendToken", 200, lambda w: w.http.get(f"{w.sandbox.url}{BASE}/OnlinePG/SendToken",
                                                              params={"token": w.token()})),
    ("GET", "/OnlinePG/SendToken", 404, lambda w: w.http.get(f"{w.sandbox.url}{BASE}/OnlinePG/SendToken",
                                                              params={"token": "nope"})),
    ("POST", "/OnlinePG/Pay", 200, lambda w: w.gateway.choose(w.token(), "success").page),
    ("POST", "/OnlinePG/Pay", 400, lambda w: w.gateway.choose(w.token(), "gold").page),
    ("POST", "/OnlinePG/Pay", 404, lambda w: w.gateway.choose("0" * 32, "success").page),
    ("POST", VERIFY, 200, lambda w: w.gateway.verify(w.charged())),
    ("POST", VERIFY, 200, lambda w: w.gateway.verify(reversed_ref(w))),
    ("POST", VERIFY, 200, lambda w: w.gateway.verify("missing")),
    ("POST", VERIFY, 400, lambda w: w.call(VERIFY, {"RefNum": "x"})),
    ("POST", VERIFY, 500, lambda w: w.verify_fault("error")),
    ("POST", VERIFY, 503, lambda w: w.down(lambda _: w.gateway.verify("x"))),
    ("POST", VERIFY, 504, lambda w: w.verify_fault("timeout_after_apply")),
    ("POST", REVERSE, 200, lambda w: w.gateway.reverse(w.charged())),
    ("POST", REVERSE, 200, lambda w: w.gateway.reverse(reversed_ref(w))),
    ("POST", REVERSE, 400, lambda w: w.call(REVERSE, {"TerminalNumber": 1})),
    ("POST", REVERSE, 503, lambda w: w.down(lambda _: w.gateway.reverse("x"))),
    ("POST", RECEIPT, 200, lambda w: w.gateway.receipt(token=w.token())),
    ("POST", RECEIPT, 200, lambda w: w.gateway.receipt(ref_num=w.charged())),
    ("POST", RECEIPT, 200, lambda w: w.gateway.receipt(ref_num="missing")),
    ("POST", RECEIPT, 400, lambda w: w.call(RECEIPT, {"TerminalNumber": 1})),
    ("POST", RECEIPT, 503, lambda w: w.down(lambda t: w.gateway.receipt(token=t))),
    ("GET", "/openapi.json", 200, lambda w: w.http.get(f"{w.sandbox.url}{BASE}/openapi.json")),
]


@pytest.mark.parametrize(("method", "template", "status", "provoke"), SCENARIOS,
                         ids=[f"{m} {t} {s}" for m, t, s, _ in SCENARIOS])
def test_real_responses_match_the_documented_status_and_schema(world, method, template, status, provoke):
    response = provoke(world)
    assert response.request.method == method
    assert response.status_code == status, response.text[:300]
    check_against_contract(response, template, method)


@pytest.mark.parametrize("card", ["success", "insufficient_funds", "wrong_pin", "cancelled", "timeout"])
def test_every_callback_form_validates_against_the_callback_schema(world, card):
    world.sandbox.control("PUT", "gateway/faults", json={"hang_ms": 0})
    fields = world.gateway.pay(world.token(), card).fields
    where = pointer("components", "schemas", "CallbackForm")
    assert schema_errors(fields, where) == []
    assert schema_errors({**fields, "Pan": "6219861234567890"}, where)  # guards the guard


def test_an_expired_tokens_callback_form_validates_too(world):
    token = world.token()
    world.sandbox.control("POST", "gateway/sweep", json={"as_of": "2100-01-01T00:00:00Z"})
    fields = world.gateway.pay(token, "success").fields
    assert fields["State"] == "SessionIsNull"
    assert schema_errors(fields, pointer("components", "schemas", "CallbackForm")) == []


def test_every_documented_operation_is_exercised_with_a_success_and_an_error():
    for template, item in DOC["paths"].items():
        for method in set(item) & METHODS:
            statuses = {s for m, t, s, _ in SCENARIOS if t == template and m == method.upper()}
            assert any(s < 400 for s in statuses), f"no success scenario for {method} {template}"
            assert template == "/openapi.json" or any(s >= 400 for s in statuses), f"{method} {template}"


def test_every_gateway_route_is_documented_and_every_documented_operation_is_served(world):
    served = set()
    for rule in world.sandbox.app.url_map.iter_rules():
        if rule.rule.startswith(BASE + "/"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule[len(BASE):])
            served |= {(path, method) for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(path, method.upper()) for path, item in DOC["paths"].items() for method in set(item) & METHODS}
    assert served == documented


def test_the_contract_is_a_valid_openapi_3_1_document_and_is_served_as_is(world):
    assert DOC["openapi"].startswith("3.1") and OPENAPI_31_VALIDATOR.is_valid(DOC)
    for schema in DOC["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    assert world.http.get(f"{world.sandbox.url}{BASE}/openapi.json").json() == DOC
