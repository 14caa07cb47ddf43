"""The public office endpoints: nearest, search, one office, catalog; bad input is a 422 naming the field."""

import json
import random

import pytest

from bff.offices.index import haversine_km
from tests.support.offices import ALWAYS, ISFAHAN, NEVER, office_row

EN = {"Accept-Language": "en"}


def test_nearest_to_isfahan_lists_isfahan_offices_nearest_first(sample_registry):
    response = sample_registry.test_client().get("/api/v1/offices/nearest", query_string={
        "lat": ISFAHAN[0], "lon": ISFAHAN[1]})
    assert response.status_code == 200
    offices = response.get_json()
    assert len(offices) == 10
    assert all(o["city"] == "اصفهان" for o in offices[:5])
    distances = [o["distance_km"] for o in offices]
    assert distances == sorted(distances) and distances[0] < 3
    for o in offices:
        assert o["distance_km"] == pytest.approx(haversine_km(*ISFAHAN, o["lat"], o["lon"]), abs=0.0005)
        assert isinstance(o["open_now"], bool) and "next_change" in o and o["hours"]["sat"] is not None


def test_nearest_over_http_equals_a_brute_force_sort_of_the_registry(sample_registry):
    client = sample_registry.test_client()
    everything = []
    page = 1
    while True:
        response = client.get("/api/v1/offices", query_string={"page": page, "page_size": 100})
        everything += response.get_json()
        if page >= json.loads(response.headers["X-Pagination"])["last_page"]:
            break
        page += 1
    assert len(everything) == 1676
    rng = random.Random(1405)
    for _ in range(25):
        lat, lon = rng.uniform(25, 40), rng.uniform(44, 63)
        kind = rng.choice([None, "independent", "notary_hosted"])
        query = {"lat": lat, "lon": lon, "limit": 7, **({"kind": kind} if kind else {})}
        found = [o["code"] for o in client.get("/api/v1/offices/nearest", query_string=query).get_json()]
        expected = sorted((haversine_km(lat, lon, o["lat"], o["lon"]), o["code"]) for o in everything
                          if kind is None or o["kind"] == kind)
        assert found == [code for _, code in expected[:7]]


def test_nearest_item_has_the_same_fields_as_the_office_page(sample_registry):
    client = sample_registry.test_client()
    near = client.get("/api/v1/offices/nearest", query_string={"lat": 35.7, "lon": 51.4, "limit": 1}).get_json()[0]
    detail = client.get(f"/api/v1/offices/{near['code']}").get_json()
    assert {k: v for k, v in near.items() if k != "distance_km"} == detail


def test_open_now_filter_returns_only_open_offices(add_offices, registry):
    add_offices(office_row("10000001", 32.65, 51.67, hours=NEVER), office_row("10000002", 32.66, 51.67, hours=ALWAYS),
                office_row("10000003", 32.655, 51.67, hours=ALWAYS, status="temporarily_closed"))
    client = registry.test_client()
    codes = [o["code"] for o in client.get("/api/v1/offices/nearest", query_string={
        "lat": 32.65, "lon": 51.67, "open_now": "true"}).get_json()]
    assert codes == ["10000002"]
    everything = client.get("/api/v1/offices/nearest", query_string={"lat": 32.65, "lon": 51.67}).get_json()
    assert [o["code"] for o in everything] == ["10000001", "10000003", "10000002"]
    closed = next(o for o in everything if o["code"] == "10000003")
    assert closed["open_now"] is False and closed["next_change"] is None and closed["status"] == "temporarily_closed"


def test_service_filter_requires_every_service_asked_for(add_offices, registry):
    add_offices(office_row("20000001", 32.65, 51.67, services=["brief"]),
                office_row("20000002", 32.70, 51.67, services=["brief", "e_notice"]))
    response = registry.test_client().get("/api/v1/offices/nearest?lat=32.65&lon=51.67&service=brief&service=e_notice")
    assert [o["code"] for o in response.get_json()] == ["20000002"]


BAD_INPUT = [
    ({"lat": 91, "lon": 51}, "lat"),
    ({"lat": -90.5, "lon": 51}, "lat"),
    ({"lat": 32, "lon": "abc"}, "lon"),
    ({"lat": 32, "lon": 181}, "lon"),
    ({"lon": 51}, "lat"),
    ({"lat": 32}, "lon"),
    ({"lat": 32, "lon": 51, "limit": 0}, "limit"),
    ({"lat": 32, "lon": 51, "limit": 1000}, "limit"),
    ({"lat": 32, "lon": 51, "kind": "embassy"}, "kind"),
    ({"lat": 32, "lon": 51, "service": "divorce"}, "service"),
    ({"lat": 32, "lon": 51, "max_km": -1}, "max_km"),
    ({"lat": "nan", "lon": 51}, "lat"),
    ({"lat": 32, "lon": 51, "open_now": "maybe"}, "open_now"),
]


@pytest.mark.parametrize(("query", "field"), BAD_INPUT, ids=[f"{f}={q.get(f)}" for q, f in BAD_INPUT])
def test_bad_input_is_a_422_problem_naming_the_field_in_persian_and_english(registry, query, field):
    client = registry.test_client()
    fa = client.get("/api/v1/offices/nearest", query_string=query)
    en = client.get("/api/v1/offices/nearest", query_string=query, headers=EN)
    for response in (fa, en):
        assert response.status_code == 422
        assert response.mimetype == "application/problem+json"
        body = response.get_json()
        assert list(body["errors"]) == [field]
        assert field in body["detail"]
    assert fa.get_json()["title"] == "داده‌های ورودی نامعتبر است"
    assert en.get_json()["title"] == "Invalid input"
    fa_message, en_message = fa.get_json()["errors"][field][0], en.get_json()["errors"][field][0]
    assert fa_message != en_message and any("\u0600" <= ch <= "\u06ff" for ch in fa_message)
    assert en_message.isascii()


@pytest.mark.parametrize("query", [{"page": 0}, {"page_size": 1000}, {"province": "atlantis"}, {"kind": "x"}])
def test_bad_search_input_is_a_422(registry, query):
    response = registry.test_client().get("/api/v1/offices", query_string=query)
    assert response.status_code == 422 and response.get_json()["errors"]


def test_an_office_by_code(add_offices, registry):
    add_offices(office_row("30000001", name="دفتر خدمات الكترونيك قضايي نمونه"))
    office = registry.test_client().get("/api/v1/offices/30000001").get_json()
    assert office["name"] == "دفتر خدمات الکترونیک قضایی نمونه"  # stored normalised
    assert set(office) == {"code", "name", "kind", "counters", "province", "county", "city", "district", "address",
                           "postal_code", "phone", "lat", "lon", "services", "hours", "status", "accessibility",
                           "updated_at", "open_now", "next_change"}


def test_an_unknown_office_is_a_404_problem_in_the_request_language(registry):
    response = registry.test_client().get("/api/v1/offices/99999999", headers=EN)
    assert response.status_code == 404 and response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "office_not_found" and "99999999" in response.get_json()["detail"]


def test_catalog_labels_follow_the_request_language(sample_registry):
    client = sample_registry.test_client()
    fa = client.get("/api/v1/catalog").get_json()
    en = client.get("/api/v1/catalog", headers=EN).get_json()
    assert [k["code"] for k in fa["kinds"]] == ["independent", "single_counter", "notary_hosted", "eservice_hosted"]
    assert fa["kinds"][0]["label"] == "دفتر مستقل" and en["kinds"][0]["label"] == "Independent office"
    assert len(fa["provinces"]) == 31 and len(fa["subjects"]) == 14 and len(fa["services"]) == 8
    isfahan = next(p for p in en["provinces"] if p["code"] == "isfahan")
    assert isfahan["label"] == "Isfahan" and "اصفهان" in isfahan["cities"]
    assert all(not label.startswith("catalog.") for group in ("kinds", "services", "subjects", "provinces")
               for label in (item["label"] for item in en[group]))


def test_the_endpoints_are_in_the_openapi_document(registry):
    paths = registry.test_client().get("/api/openapi.json").get_json()["paths"]
    assert {"/api/v1/offices", "/api/v1/offices/nearest", "/api/v1/offices/bundle", "/api/v1/offices/{code}",
            "/api/v1/catalog"} <= set(paths)
    assert paths["/api/v1/offices/nearest"]["get"]["summary"].startswith("The nearest offices")
