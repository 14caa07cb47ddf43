"""The offline bundle: every active office, compact, gzip, strong ETag and 304, decodable to the API's data."""

import gzip
import json

from tests.support.offices import decode_bundle, office_row


def test_bundle_decodes_to_every_active_office_exactly_as_the_api_serves_it(sample_registry):
    client = sample_registry.test_client()
    bundle = client.get("/api/v1/offices/bundle").get_json()
    offices = decode_bundle(bundle)
    assert bundle["count"] == len(offices) == 1676 and bundle["format"] == 1
    assert [o["code"] for o in offices] == sorted(o["code"] for o in offices)
    for office in offices[::97]:
        served = client.get(f"/api/v1/offices/{office['code']}").get_json()
        assert {k: served[k] for k in office} == office


def test_bundle_is_gzipped_when_the_client_accepts_it(sample_registry):
    client = sample_registry.test_client()
    plain = client.get("/api/v1/offices/bundle")
    packed = client.get("/api/v1/offices/bundle", headers={"Accept-Encoding": "gzip, br"})
    assert packed.headers["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain.headers
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 4
    assert "Accept-Encoding" in packed.headers["Vary"]


def test_bundle_has_a_strong_etag_and_answers_304_when_it_matches(sample_registry):
    client = sample_registry.test_client()
    first = client.get("/api/v1/offices/bundle", headers={"Accept-Encoding": "gzip"})
    etag = first.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get("/api/v1/offices/bundle", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag
    stale = client.get("/api/v1/offices/bundle", headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200


def test_bundle_etag_changes_when_the_registry_changes(add_offices, registry):
    add_offices(office_row("10000001"))
    client = registry.test_client()
    etag = client.get("/api/v1/offices/bundle").headers["ETag"]
    add_offices(office_row("10000001", phone="021-12345678"))
    response = client.get("/api/v1/offices/bundle", headers={"If-None-Match": etag})
    assert response.status_code == 200 and response.headers["ETag"] != etag
    assert decode_bundle(response.get_json())[0]["phone"] == "021-12345678"


def test_bundle_leaves_out_deactivated_offices_and_carries_holidays(add_offices, registry):
    add_offices(office_row("10000001"), office_row("10000002"), deactivate_missing=True)
    add_offices(office_row("10000001"), deactivate_missing=True)
    bundle = registry.test_client().get("/api/v1/offices/bundle").get_json()
    assert [o["code"] for o in decode_bundle(bundle)] == ["10000001"]
    assert "2026-03-21" in bundle["holidays"] and len(bundle["holidays"]) == len(set(bundle["holidays"]))


def test_bundle_keeps_coordinates_that_are_not_round_numbers_exact(add_offices, registry):
    add_offices(office_row("10000001", 35.1234567, 51.7654321), office_row("10000002", -0.000001, 179.999999))
    bundle = registry.test_client().get("/api/v1/offices/bundle").get_json()
    assert [(o["lat"], o["lon"]) for o in decode_bundle(bundle)] == [(35.123457, 51.765432), (-0.000001, 179.999999)]


def test_an_empty_registry_has_an_empty_bundle(registry):
    bundle = json.loads(registry.test_client().get("/api/v1/offices/bundle").data)
    assert bundle["count"] == 0 and decode_bundle(bundle) == []
