"""The server's nearest and search answers over the shared bundle, which the PWA's offline directory must match."""

import json
from datetime import UTC, date, datetime

import pytest

from bff.offices.directory import Directory, Entry, encode_bundle
from tests.support import ROOT
from tests.support.offices import decode_bundle

FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "office_queries.json").read_text(encoding="utf-8"))
UPDATED = datetime(2025, 11, 1, tzinfo=UTC)


def _directory() -> Directory:
    bundle = FIXTURE["bundle"]
    entries = [Entry(position=0, postal_code="", updated_at=UPDATED, **{**o, "services": tuple(o["services"])})
               for o in decode_bundle(bundle)]
    return Directory(revision=bundle["revision"], entries=entries, updated_at=UPDATED, sample=bundle["sample"],
                     holidays=frozenset(date.fromisoformat(d) for d in bundle["holidays"]))


DIRECTORY = _directory()


def test_the_bundle_round_trips_through_decode_and_encode():
    assert encode_bundle(DIRECTORY) == FIXTURE["bundle"]


@pytest.mark.parametrize("case", FIXTURE["nearest"], ids=lambda c: f"{c['now'][:10]} {c['query']}")
def test_nearest_answers_are_the_shared_ones(case):
    q, now = case["query"], datetime.fromisoformat(case["now"])
    found = DIRECTORY.nearest(q["lat"], q["lon"], q.get("limit", 10), kinds=q.get("kinds", ()),
                              services=q.get("services", ()), open_now=q.get("openNow", False),
                              max_km=q.get("maxKm"), now=now)
    items = [json.loads(DIRECTORY.item_json(e, now, km)) for km, e in found]
    assert [{k: i[k] for k in ("code", "distance_km", "open_now", "next_change")} for i in items] == case["expected"]


@pytest.mark.parametrize("case", FIXTURE["search"], ids=lambda c: f"{c['now'][:10]} {c['query']}")
def test_search_answers_are_the_shared_ones(case):
    q, now = case["query"], datetime.fromisoformat(case["now"])
    found = DIRECTORY.search(q.get("q"), province=q.get("province"), city=q.get("city"), kinds=q.get("kinds", ()),
                             services=q.get("services", ()), open_now=q.get("openNow", False), now=now)
    assert [e.code for e in found] == case["expected"]


def test_the_shared_cases_are_not_trivial():
    assert sum(bool(c["expected"]) for c in FIXTURE["search"]) > 25
    assert any(not all(e["open_now"] for e in c["expected"]) for c in FIXTURE["nearest"])
