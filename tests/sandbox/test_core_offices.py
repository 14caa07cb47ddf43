"""The office registry for services: sample data with a strong ETag and 304s."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

DATA = Path(__file__).resolve().parents[2] / "sandbox" / "data" / "offices.json"
FIELDS = {"code", "name", "kind", "counters", "province", "county", "city", "district", "address", "postal_code",
          "phone", "lat", "lon", "services", "hours", "status", "accessibility"}


def test_registry_answers_every_office_labelled_sample_with_a_strong_etag(sandbox, service):
    response = service.get("/core/v1/offices")
    assert response.status_code == 200
    etag = response.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    body = response.json()
    assert body["sample"] is True and body["generated_at"].endswith("Z")
    expected = len(json.loads(DATA.read_text(encoding="utf-8"))["offices"]) if DATA.exists() else 10
    assert len(body["offices"]) == expected
    assert all(set(office) == FIELDS for office in body["offices"])


def test_if_none_match_with_the_current_etag_is_304_without_a_body(sandbox, service):
    etag = service.get("/core/v1/offices").headers["ETag"]
    again = service.get("/core/v1/offices", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == etag
    stale = service.get("/core/v1/offices", headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200 and stale.json()["offices"]


def test_without_the_data_file_a_small_built_in_registry_is_served(start_sandbox):
    bare = start_sandbox(SANDBOX_OFFICES_PATH="/nonexistent/offices.json")
    token = bare.service_token("core.registry")
    offices = httpx.get(f"{bare.url}/core/v1/offices", headers={"Authorization": f"Bearer {token}"}).json()
    assert len(offices["offices"]) == 10
    assert {o["kind"] for o in offices["offices"]} == {"independent", "single_counter", "notary_hosted",
                                                       "eservice_hosted"}
    assert all(set(o) == FIELDS for o in offices["offices"])
