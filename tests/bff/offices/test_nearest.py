"""Nearest offices equal a brute-force great-circle sort, with the filters applied before the limit."""

import random
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bff.offices.catalog import KINDS, SERVICES
from bff.offices.hours import compile_hours, open_state
from bff.offices.index import SpatialIndex, haversine_km
from tests.support.offices import ALWAYS, NEVER, STANDARD_HOURS, directory_of, entry, shipped_holidays

NOW = datetime(2025, 11, 29, 7, 0, tzinfo=UTC)  # Saturday 10:30 in Tehran
HOURS = [STANDARD_HOURS, ALWAYS, NEVER]

latitudes = st.floats(min_value=-89.9, max_value=89.9, allow_nan=False)
longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)
iran_lat = st.floats(min_value=25, max_value=40, allow_nan=False)
iran_lon = st.floats(min_value=44, max_value=64, allow_nan=False)

office = st.fixed_dictionaries({
    "kind": st.sampled_from(KINDS),
    "services": st.sets(st.sampled_from(SERVICES)).map(lambda s: [x for x in SERVICES if x in s]),
    "hours": st.sampled_from(range(len(HOURS))),
    "status": st.sampled_from(["active", "active", "active", "temporarily_closed"]),
})


def _entries(points, attributes):
    return [entry(f"{n:05d}", lat, lon, kind=a["kind"], services=a["services"], hours=HOURS[a["hours"]],
                  status=a["status"]) for n, ((lat, lon), a) in enumerate(zip(points, attributes, strict=True))]


def brute_force(entries, lat, lon, limit, *, kinds=(), services=(), open_now=False, max_km=None, holidays=()):
    def matches(e):
        if kinds and e.kind not in kinds:
            return False
        if not set(services) <= set(e.services):
            return False
        return not open_now or open_state(compile_hours(e.hours), holidays, NOW, in_service=e.in_service)[0]

    ranked = sorted((haversine_km(lat, lon, e.lat, e.lon), e.code) for e in entries if matches(e))
    return [r for r in ranked if max_km is None or r[0] <= max_km][:limit]


@settings(max_examples=150, deadline=None)
@given(points=st.lists(st.tuples(latitudes, longitudes), min_size=1, max_size=120),
       query=st.tuples(latitudes, longitudes), limit=st.integers(1, 20))
def test_nearest_equals_a_brute_force_great_circle_sort_anywhere_on_earth(points, query, limit):
    directory = directory_of(_entries(points, [{"kind": "independent", "services": SERVICES, "hours": 0,
                                                "status": "active"}] * len(points)))
    found = [(km, e.code) for km, e in directory.nearest(*query, limit, now=NOW)]
    assert found == brute_force(directory.entries, *query, limit)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), size=st.integers(1, 150), query=st.tuples(iran_lat, iran_lon), limit=st.integers(1, 12),
       kinds=st.sets(st.sampled_from(KINDS), max_size=2), services=st.sets(st.sampled_from(SERVICES), max_size=2),
       open_now=st.booleans(), max_km=st.one_of(st.none(), st.floats(min_value=0, max_value=800)))
def test_nearest_with_filters_equals_brute_force_over_the_matching_offices(data, size, query, limit, kinds,
                                                                          services, open_now, max_km):
    points = data.draw(st.lists(st.tuples(iran_lat, iran_lon), min_size=size, max_size=size))
    attributes = data.draw(st.lists(office, min_size=size, max_size=size))
    holidays = shipped_holidays()
    directory = directory_of(_entries(points, attributes), holidays)
    found = [(km, e.code) for km, e in directory.nearest(*query, limit, kinds=kinds, services=services,
                                                          open_now=open_now, max_km=max_km, now=NOW)]
    assert found == brute_force(directory.entries, *query, limit, kinds=kinds, services=services,
                                open_now=open_now, max_km=max_km, holidays=holidays)


@settings(max_examples=60, deadline=None)
@given(cluster=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=2, max_size=60),
       query=st.tuples(st.integers(0, 3), st.integers(0, 3)), limit=st.integers(1, 10))
def test_offices_at_the_same_distance_are_ordered_by_code(cluster, query, limit):
    # A coarse grid: many exact ties and identical points.
    points = [(32 + a * 0.01, 51 + b * 0.01) for a, b in cluster]
    q = (32 + query[0] * 0.01, 51 + query[1] * 0.01)
    directory = directory_of(_entries(points, [{"kind": "independent", "services": SERVICES, "hours": 0,
                                                "status": "active"}] * len(points)))
    found = [(km, e.code) for km, e in directory.nearest(*q, limit, now=NOW)]
    assert found == brute_force(directory.entries, *q, limit)


def test_filters_apply_before_the_limit_not_to_the_ten_nearest():
    near = [entry(f"A{n:03d}", 32.65 + n * 1e-4, 51.67, kind="notary_hosted") for n in range(30)]
    far = [entry("B001", 33.5, 52.5, kind="single_counter"), entry("B002", 34.0, 53.0, kind="single_counter")]
    directory = directory_of(near + far)
    found = directory.nearest(32.65, 51.67, 10, kinds={"single_counter"}, now=NOW)
    assert [e.code for _, e in found] == ["B001", "B002"]


def test_open_now_skips_closed_offices_before_taking_the_nearest():
    closed = [entry(f"C{n:03d}", 32.65, 51.67 + n * 1e-4, hours=NEVER) for n in range(20)]
    shut = [entry("T001", 32.65, 51.66, hours=ALWAYS, status="temporarily_closed")]
    open_far = entry("O001", 32.9, 51.9, hours=ALWAYS)
    directory = directory_of([*closed, *shut, open_far])
    found = directory.nearest(32.65, 51.67, 5, open_now=True, now=NOW)
    assert [e.code for _, e in found] == ["O001"]


def test_max_km_drops_offices_beyond_it():
    directory = directory_of([entry("N", 32.65, 51.67), entry("F", 32.75, 51.67)])  # ~11.1 km apart
    assert [e.code for _, e in directory.nearest(32.65, 51.67, 10, max_km=5, now=NOW)] == ["N"]
    assert [e.code for _, e in directory.nearest(32.65, 51.67, 10, max_km=12, now=NOW)] == ["N", "F"]


def test_nearest_looks_at_a_small_part_of_a_large_registry():
    rng = random.Random(7)
    points = [(rng.uniform(25, 40), rng.uniform(44, 64)) for _ in range(20000)]
    index = SpatialIndex(points)
    looked_at = []
    found = index.nearest(32.65, 51.67, 10, accept=lambda i: looked_at.append(i) or True)
    assert found == index.brute_force(32.65, 51.67, 10)
    assert len(looked_at) < 200  # a scan would look at 20,000


def test_haversine_gives_known_distances():
    assert haversine_km(35.6892, 51.389, 32.6525, 51.6746) == pytest.approx(338.0, abs=2.0)  # Tehran–Isfahan
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015.1, abs=0.2)  # half the equator
    assert haversine_km(10, 20, 10, 20) == 0


def test_an_empty_directory_finds_nothing():
    assert directory_of([]).nearest(32.65, 51.67, 10, now=NOW) == []
