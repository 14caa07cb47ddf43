"""The contract: sandbox/openapi/core-v1.yaml and the served /core/v1 API agree, route for route
and response for response (success and problem bodies validated with jsonschema)."""

from __future__ import annotations

import re
import uuid
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

from sandbox.testing import SandboxServer
from tests.sandbox import visit_scenarios

CONTRACT = Path(__file__).resolve().parents[2] / "sandbox" / "openapi" / "core-v1.yaml"
DOC = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
BASE = "/core/v1"
METHODS = {"get", "put", "post", "delete", "patch"}
REGISTRY = Registry().with_resource("urn:core-v1", Resource.from_contents(DOC, default_specification=DRAFT202012))


def pointer(*parts: str) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def schema_errors(instance: Any, json_pointer: str) -> list[str]:
    validator = Draft202012Validator({"$ref": f"urn:core-v1#{json_pointer}"}, registry=REGISTRY)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def documented_response(template: str, method: str, status: int) -> tuple[dict, str]:
    """The response object and its JSON pointer, following a $ref to components/responses."""
    responses = DOC["paths"][template][method.lower()]["responses"]
    assert str(status) in responses, f"{method} {template} answered {status}, which is not documented"
    spec = responses[str(status)]
    where = pointer("paths", template, method.lower(), "responses", str(status))
    if "$ref" in spec:
        where = spec["$ref"][1:]
        spec = DOC["components"]["responses"][spec["$ref"].rsplit("/", 1)[-1]]
    return spec, where


def check_against_contract(response: httpx.Response, template: str, method: str) -> None:
    spec, where = documented_response(template, method, response.status_code)
    for name, header in spec.get("headers", {}).items():
        if "$ref" in header:
            header = DOC["components"]["headers"][header["$ref"].rsplit("/", 1)[-1]]
        if header.get("required"):
            assert name in response.headers, f"header {name} missing"
    content = spec.get("content")
    if not content:
        assert response.content == b""
        return
    media_type = response.headers["Content-Type"].split(";")[0].strip()
    assert media_type in content, f"{media_type} not documented for {response.status_code}"
    if media_type == "application/pdf":
        assert response.content.startswith(b"%PDF-")
        return
    errors = schema_errors(response.json(), where + pointer("content", media_type, "schema"))
    assert not errors, errors


# --- the world the scenarios run in -------------------------------------------------------------

@dataclass
class World:
    sandbox: SandboxServer
    anon: httpx.Client
    citizen: httpx.Client
    other: httpx.Client
    service: httpx.Client
    ids: dict[str, str]


def brief_parts(text: str = "متن لایحه برای آزمون قرارداد") -> list:
    return [("text", (None, text.encode())), ("files", ("a.pdf", b"%PDF-1.4 contract", "application/pdf"))]


@pytest.fixture(scope="module")
def world():
    with SandboxServer({"SANDBOX_ANCHOR_DATE": "2025-11-29"}) as sandbox:
        citizens = sandbox.citizens()
        persona, other = citizens[0], citizens[8]
        cases = {c["id"]: c for c in sandbox.cases()}
        open_case = next(c for c in persona["case_ids"] if cases[c]["accepts_briefs"])
        closed_case = next(c for c in persona["case_ids"] if not cases[c]["accepts_briefs"])
        foreign_case = next(c for c in other["case_ids"] if c not in persona["case_ids"])

        def notice() -> dict:
            created = sandbox.control("POST", "notices", json={
                "person": persona["sub"], "case_id": open_case, "type": "decision", "title": "ابلاغ آزمایشی"})
            return created.json()

        unread, opened, to_open = notice(), notice(), notice()
        clients = [httpx.Client(base_url=sandbox.url, timeout=10, headers=h) for h in (
            {}, {"Authorization": f"Bearer {sandbox.sign_in(persona['national_code'])['access_token']}"},
            {"Authorization": f"Bearer {sandbox.sign_in(other['national_code'])['access_token']}"},
            {"Authorization": f"Bearer {sandbox.service_token()}"})]
        anon, citizen, other_client, service = clients
        citizen.post(f"{BASE}/notices/{opened['id']}/receipt").raise_for_status()
        brief = citizen.post(f"{BASE}/cases/{open_case}/briefs", files=brief_parts(),
                             headers={"Idempotency-Key": "contract-key"}).json()
        # every kind of event, so the feed validates against each variant
        hearing = sandbox.control("POST", "hearings", json={"case_id": open_case,
                                                            "starts_at": "2025-12-13T06:00:00Z"}).json()
        sandbox.control("PATCH", f"hearings/{hearing['id']}", json={"starts_at": "2025-12-14T06:00:00Z"})
        sandbox.control("PATCH", f"hearings/{hearing['id']}", json={"status": "cancelled"})
        sandbox.control("POST", f"cases/{open_case}/status", json={"status": "decided"})
        paid_item = payment_item(sandbox, persona, open_case)
        citizen.post(f"{BASE}/payment-items/{paid_item}/payment", json=payment_body("contract-ref")).raise_for_status()
        foreign_item = payment_item(sandbox, other, foreign_case)
        ids = {"open_case": open_case, "closed_case": closed_case, "foreign_case": foreign_case,
               "unread": unread["id"], "unread_doc": unread["documents"][0]["id"], "opened": opened["id"],
               "opened_doc": opened["documents"][0]["id"], "to_open": to_open["id"], "brief": brief["id"],
               "paid_item": paid_item, "foreign_item": foreign_item}
        ids.update(visit_scenarios.prepare(sandbox, persona, other, citizen, other_client, service))
        yield World(sandbox, anon, citizen, other_client, service, ids)
        for client in clients:
            client.close()


def payment_item(sandbox: SandboxServer, person: dict, case_id: str) -> str:
    created = sandbox.control("POST", "payment-items", json={
        "person": person["sub"], "kind": "expert_fee", "amount": 1_500_000, "case_id": case_id})
    created.raise_for_status()
    return created.json()["id"]


def payment_body(reference: str, **changes) -> dict:
    return {"gateway": "sep", "terminal_id": "13001404", "reference": reference, "order_id": "contract-order",
            "rrn": "123456789012", "trace_no": "100428", "masked_pan": "621986******0011", "amount": 1_500_000,
            "paid_at": "2025-11-29T08:00:00Z", **changes}


def pay(w: World, item: str, reference: str, client: str = "citizen", **changes) -> httpx.Response:
    return getattr(w, client).post(f"{BASE}/payment-items/{item}/payment", json=payment_body(reference, **changes))


def pay_new_item(w: World) -> httpx.Response:
    return pay(w, payment_item(w.sandbox, w.sandbox.citizens()[0], w.ids["open_case"]), str(uuid.uuid4()))


def with_faults(world: World, call: Callable[[], httpx.Response], **faults) -> httpx.Response:
    world.sandbox.set_faults(**faults)
    try:
        return call()
    finally:
        world.sandbox.set_faults()


def offices_304(w: World) -> httpx.Response:
    etag = w.service.get(f"{BASE}/offices").headers["ETag"]
    return w.service.get(f"{BASE}/offices", headers={"If-None-Match": etag})


def events_page(w: World) -> httpx.Response:
    response = w.service.get(f"{BASE}/events", params={"limit": 500})
    kinds = {e["type"] for e in response.json()["events"]}
    assert kinds == {"notice.issued", "hearing.scheduled", "hearing.changed", "hearing.cancelled",
                     "case.status_changed", "brief.registered", "payment.recorded", *visit_scenarios.EVENT_TYPES}
    return response


def brief(w: World, case: str, key: str | None, text: str = "متن لایحه برای آزمون قرارداد") -> httpx.Response:
    headers = {"Idempotency-Key": key} if key else {}
    return w.citizen.post(f"{BASE}/cases/{w.ids[case]}/briefs", files=brief_parts(text), headers=headers)


# (method, documented path, expected status, how to provoke it)
SCENARIOS: list[tuple[str, str, int, Callable[[World], httpx.Response]]] = [
    ("GET", "/me", 200, lambda w: w.citizen.get(f"{BASE}/me")),
    ("GET", "/me", 401, lambda w: w.anon.get(f"{BASE}/me")),
    ("GET", "/me", 403, lambda w: w.service.get(f"{BASE}/me")),
    ("GET", "/me", 503, lambda w: with_faults(w, lambda: w.citizen.get(f"{BASE}/me"), down=True)),
    ("GET", "/cases", 200, lambda w: w.citizen.get(f"{BASE}/cases")),
    ("GET", "/cases", 401, lambda w: w.anon.get(f"{BASE}/cases", headers={"Authorization": "Bearer x.y.z"})),
    ("GET", "/cases", 500, lambda w: with_faults(w, lambda: w.citizen.get(f"{BASE}/cases"), error_rate=1)),
    ("GET", "/cases/{case_id}", 200, lambda w: w.citizen.get(f"{BASE}/cases/{w.ids['open_case']}")),
    ("GET", "/cases/{case_id}", 403, lambda w: w.citizen.get(f"{BASE}/cases/{w.ids['foreign_case']}")),
    ("GET", "/cases/{case_id}", 404, lambda w: w.citizen.get(f"{BASE}/cases/c-999999")),
    ("POST", "/cases/{case_id}/briefs", 201, lambda w: brief(w, "open_case", str(uuid.uuid4()))),
    ("POST", "/cases/{case_id}/briefs", 200, lambda w: brief(w, "open_case", "contract-key")),
    ("POST", "/cases/{case_id}/briefs", 400, lambda w: brief(w, "open_case", None)),
    ("POST", "/cases/{case_id}/briefs", 403, lambda w: brief(w, "foreign_case", "k")),
    ("POST", "/cases/{case_id}/briefs", 404, lambda w: w.citizen.post(
        f"{BASE}/cases/c-999999/briefs", files=brief_parts(), headers={"Idempotency-Key": "k"})),
    ("POST", "/cases/{case_id}/briefs", 409, lambda w: brief(w, "open_case", "contract-key", "متن دیگر")),
    ("POST", "/cases/{case_id}/briefs", 422, lambda w: brief(w, "closed_case", str(uuid.uuid4()))),
    ("GET", "/briefs/{brief_id}", 200, lambda w: w.citizen.get(f"{BASE}/briefs/{w.ids['brief']}")),
    ("GET", "/briefs/{brief_id}", 403, lambda w: w.other.get(f"{BASE}/briefs/{w.ids['brief']}")),
    ("GET", "/briefs/{brief_id}", 404, lambda w: w.citizen.get(f"{BASE}/briefs/b-999999")),
    ("GET", "/hearings", 200, lambda w: w.citizen.get(f"{BASE}/hearings", params={"from": "2025-01-01T00:00:00Z"})),
    ("GET", "/hearings", 400, lambda w: w.citizen.get(f"{BASE}/hearings", params={"from": "soon"})),
    ("GET", "/notices", 200, lambda w: w.citizen.get(f"{BASE}/notices")),
    ("GET", "/notices", 403, lambda w: w.service.get(f"{BASE}/notices")),
    ("GET", "/notices/{notice_id}", 200, lambda w: w.citizen.get(f"{BASE}/notices/{w.ids['unread']}")),
    ("GET", "/notices/{notice_id}", 200, lambda w: w.citizen.get(f"{BASE}/notices/{w.ids['opened']}")),
    ("GET", "/notices/{notice_id}", 403, lambda w: w.other.get(f"{BASE}/notices/{w.ids['unread']}")),
    ("GET", "/notices/{notice_id}", 404, lambda w: w.citizen.get(f"{BASE}/notices/n-999999")),
    ("POST", "/notices/{notice_id}/receipt", 200,
     lambda w: w.citizen.post(f"{BASE}/notices/{w.ids['to_open']}/receipt")),
    ("POST", "/notices/{notice_id}/receipt", 404, lambda w: w.citizen.post(f"{BASE}/notices/n-999999/receipt")),
    ("GET", "/notices/{notice_id}/documents/{document_id}", 200,
     lambda w: w.citizen.get(f"{BASE}/notices/{w.ids['opened']}/documents/{w.ids['opened_doc']}")),
    ("GET", "/notices/{notice_id}/documents/{document_id}", 409,
     lambda w: w.citizen.get(f"{BASE}/notices/{w.ids['unread']}/documents/{w.ids['unread_doc']}")),
    ("GET", "/notices/{notice_id}/documents/{document_id}", 404,
     lambda w: w.citizen.get(f"{BASE}/notices/{w.ids['opened']}/documents/d-999999")),
    ("GET", "/payment-items", 200, lambda w: w.citizen.get(f"{BASE}/payment-items")),
    ("GET", "/payment-items", 200, lambda w: w.citizen.get(f"{BASE}/payment-items", params={"status": "paid"})),
    ("GET", "/payment-items", 400, lambda w: w.citizen.get(f"{BASE}/payment-items", params={"status": "owed"})),
    ("GET", "/payment-items", 401, lambda w: w.anon.get(f"{BASE}/payment-items")),
    ("GET", "/payment-items", 403, lambda w: w.service.get(f"{BASE}/payment-items")),
    ("GET", "/payment-items/{item_id}", 200, lambda w: w.citizen.get(f"{BASE}/payment-items/{w.ids['paid_item']}")),
    ("GET", "/payment-items/{item_id}", 403, lambda w: w.citizen.get(f"{BASE}/payment-items/{w.ids['foreign_item']}")),
    ("GET", "/payment-items/{item_id}", 404, lambda w: w.citizen.get(f"{BASE}/payment-items/pi-999999")),
    ("POST", "/payment-items/{item_id}/payment", 201, pay_new_item),
    ("POST", "/payment-items/{item_id}/payment", 200, lambda w: pay(w, w.ids["paid_item"], "contract-ref")),
    ("POST", "/payment-items/{item_id}/payment", 400,
     lambda w: pay(w, w.ids["paid_item"], "r", masked_pan="6219861234560011")),
    ("POST", "/payment-items/{item_id}/payment", 401, lambda w: pay(w, w.ids["paid_item"], "r", client="anon")),
    ("POST", "/payment-items/{item_id}/payment", 403, lambda w: pay(w, w.ids["foreign_item"], "r")),
    ("POST", "/payment-items/{item_id}/payment", 404, lambda w: pay(w, "pi-999999", "r")),
    ("POST", "/payment-items/{item_id}/payment", 409, lambda w: pay(w, w.ids["paid_item"], "another-ref")),
    ("POST", "/payment-items/{item_id}/payment", 422, lambda w: pay(w, w.ids["foreign_item"], "r", client="other",
                                                                     amount=1_000)),
    ("POST", "/payment-items/{item_id}/payment", 503,
     lambda w: with_faults(w, lambda: pay(w, w.ids["paid_item"], "contract-ref"), down=True)),
    ("GET", "/offices", 200, lambda w: w.service.get(f"{BASE}/offices")),
    ("GET", "/offices", 304, offices_304),
    ("GET", "/offices", 403, lambda w: w.citizen.get(f"{BASE}/offices")),
    ("GET", "/events", 200, events_page),
    ("GET", "/events", 400, lambda w: w.service.get(f"{BASE}/events", params={"limit": 1000})),
    ("GET", "/events", 401, lambda w: w.anon.get(f"{BASE}/events")),
    ("GET", "/events/head", 200, lambda w: w.service.get(f"{BASE}/events/head")),
    ("GET", "/events/head", 403, lambda w: w.citizen.get(f"{BASE}/events/head")),
    ("GET", "/openapi.json", 200, lambda w: w.anon.get(f"{BASE}/openapi.json")),
    ("GET", "/openapi.json", 503, lambda w: with_faults(w, lambda: w.anon.get(f"{BASE}/openapi.json"), down=True)),
    *visit_scenarios.SCENARIOS,
]


@pytest.mark.parametrize(("method", "template", "status", "provoke"), SCENARIOS,
                         ids=[f"{m} {t} {s}" for m, t, s, _ in SCENARIOS])
def test_real_responses_match_the_documented_status_headers_and_schema(world, method, template, status, provoke):
    response = provoke(world)
    assert response.request.method == method
    assert response.status_code == status, response.text[:300]
    check_against_contract(response, template, method)


def test_every_documented_operation_is_exercised_with_a_success_and_an_error():
    for template, item in DOC["paths"].items():
        for method in set(item) & METHODS:
            statuses = {s for m, t, s, _ in SCENARIOS if t == template and m == method.upper()}
            assert any(s < 400 for s in statuses), f"no success scenario for {method} {template}"
            assert any(s >= 400 for s in statuses), f"no error scenario for {method} {template}"


def test_every_core_route_is_documented_and_every_documented_operation_is_served(world):
    served = set()
    for rule in world.sandbox.app.url_map.iter_rules():
        if rule.rule.startswith(BASE + "/"):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule[len(BASE):])
            served |= {(path, method) for method in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(path, method.upper()) for path, item in DOC["paths"].items() for method in set(item) & METHODS}
    assert served == documented


def test_every_path_parameter_is_declared_in_its_operation():
    for template, item in DOC["paths"].items():
        names = set(re.findall(r"{(\w+)}", template))
        for method in set(item) & METHODS:
            declared = set()
            for parameter in item[method].get("parameters", []):
                if "$ref" in parameter:
                    parameter = DOC["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[-1]]
                if parameter["in"] == "path":
                    declared.add(parameter["name"])
            assert declared == names, f"{method} {template}"


def test_contract_is_a_valid_openapi_3_1_document_with_valid_schemas():
    assert DOC["openapi"].startswith("3.1")
    assert OPENAPI_31_VALIDATOR.is_valid(DOC)
    for schema in DOC["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)
    flows = DOC["components"]["securitySchemes"]["oauth2"]["flows"]
    assert set(flows["authorizationCode"]["scopes"]) == {"openid", "profile", "phone", "core.citizen"}
    assert set(flows["clientCredentials"]["scopes"]) == {"core.registry", "core.events", "core.payments"}


def test_served_contract_is_the_yaml_with_this_sandboxs_issuer(world):
    served = world.anon.get(f"{BASE}/openapi.json").json()
    expected = yaml.safe_load(CONTRACT.read_text(encoding="utf-8").replace("http://127.0.0.1:8001", world.sandbox.url))
    assert served == expected


def test_the_schemas_reject_undocumented_fields_and_malformed_values(world):
    """Guards the contract test itself: a wrong body must fail validation."""
    summary = world.citizen.get(f"{BASE}/cases").json()
    where = pointer("paths", "/cases", "get", "responses", "200", "content", "application/json", "schema")
    assert schema_errors(summary, where) == []
    leaky = {**summary, "cases": [{**summary["cases"][0], "secret": 1}]}
    assert schema_errors(leaky, where)
    assert schema_errors({"cases": summary["cases"]}, where)
    wrong_date = {**summary, "cases": [{**summary["cases"][0], "last_change_at": "2025-11-29T10:00:00+03:30"}]}
    assert schema_errors(wrong_date, where)
    listed = world.citizen.get(f"{BASE}/notices").json()
    opened = world.citizen.get(f"{BASE}/notices/{world.ids['opened']}").json()
    notices_where = pointer("paths", "/notices", "get", "responses", "200", "content", "application/json", "schema")
    assert schema_errors({**listed, "notices": [opened]}, notices_where)  # no body in the list
