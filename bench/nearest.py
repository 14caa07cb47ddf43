"""Nearest offices: the in-process index against full scans, at 1,676 sample and 100,000 synthetic offices.

For each size, in one run and on the same query points (10 nearest, exact great-circle order):
  * index  — bff.offices: the directory's KD-tree search (what GET /api/v1/offices/nearest does, minus JSON)
  * python — a full scan in Python: haversine to every office, sorted
  * sql    — what a plain SQL locator does (the UK court finder's way with PostgreSQL earthdistance):
             ORDER BY the haversine distance over every row, LIMIT 10 — skipped if PostgreSQL is not reachable
and the ratio of each full scan's p50 to the index's. Also the offline bundle's size (gzip) for the sample.

Budgets (design): index p50 <= 0.2 ms at 1,676 and <= 1 ms at 100k; bundle <= 60 KB gzip.
Prints figures; exits 0 whatever they are (a benchmark, not a test).

    .venv/bin/python bench/nearest.py [--queries 2000] [--database-url postgresql://127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bff.offices.directory import Directory, Entry, encode_bundle  # noqa: E402
from bff.offices.index import EARTH_RADIUS_KM  # noqa: E402
from bff.offices.rows import parse_office  # noqa: E402

SAMPLE = ROOT / "sandbox" / "data" / "offices.json"
NOW = datetime(2025, 11, 29, 7, 0, tzinfo=UTC)
K = 10
# Iran's bounding box, for synthetic offices and query points.
LAT, LON = (25.0, 39.8), (44.0, 63.3)


def sample_entries() -> list[Entry]:
    rows = json.loads(SAMPLE.read_text(encoding="utf-8"))["offices"]
    return [_entry(parse_office(row)) for row in rows]


def _entry(fields: dict) -> Entry:
    return Entry(position=0, updated_at=NOW, **{**fields, "services": tuple(fields["services"])})


def synthetic_entries(base: list[Entry], n: int, rng: random.Random) -> list[Entry]:
    """n offices shaped like the real spread: 80 % around real offices (a few km), 20 % anywhere in Iran."""
    out = []
    for i in range(n):
        model = base[i % len(base)]
        if rng.random() < 0.8:
            lat, lon = model.lat + rng.gauss(0, 0.05), model.lon + rng.gauss(0, 0.05)
        else:
            lat, lon = rng.uniform(*LAT), rng.uniform(*LON)
        out.append(Entry(position=0, code=f"S{i:07d}", name=model.name, kind=model.kind, counters=model.counters,
                         province=model.province, county=model.county, city=model.city, district=model.district,
                         address=model.address, postal_code="", phone=model.phone, lat=round(lat, 6),
                         lon=round(lon, 6), services=model.services, hours=model.hours, status=model.status,
                         accessibility="", updated_at=NOW))
    return out


def query_points(entries: list[Entry], n: int, rng: random.Random) -> list[tuple[float, float]]:
    """Half near offices (people search where offices are), half anywhere in the country."""
    points = []
    for _ in range(n):
        if rng.random() < 0.5:
            e = rng.choice(entries)
            points.append((e.lat + rng.gauss(0, 0.1), e.lon + rng.gauss(0, 0.1)))
        else:
            points.append((rng.uniform(*LAT), rng.uniform(*LON)))
    return points


def timed(fn, points) -> list[float]:
    times = []
    for lat, lon in points:
        started = time.perf_counter()
        fn(lat, lon)
        times.append((time.perf_counter() - started) * 1000)
    return times


def pct(times: list[float], p: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def row(label: str, times: list[float], reference: float | None = None) -> float:
    p50, p99 = statistics.median(times), pct(times, 0.99)
    ratio = f"{p50 / reference:8.1f}x the index" if reference else ""
    print(f"  {label:<40} p50 {p50:9.4f} ms   p99 {p99:9.4f} ms   {ratio}")
    return p50


def sql_scan(url: str, entries: list[Entry], points, label: str) -> float | None:
    try:
        import psycopg
    except ImportError:
        print(f"  {label:<40} skipped (psycopg not installed)")
        return None
    schema = f"bench_nearest_{os.getpid()}"
    try:
        conn = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True,
                               connect_timeout=3)
    except Exception as exc:  # no server: print and go on
        print(f"  {label:<40} skipped (PostgreSQL not reachable: {type(exc).__name__})")
        return None
    try:
        conn.execute(f'CREATE SCHEMA "{schema}"')
        conn.execute(f'SET search_path TO "{schema}"')
        conn.execute("CREATE TABLE offices (code text PRIMARY KEY, lat double precision, lon double precision)")
        with conn.cursor().copy("COPY offices (code, lat, lon) FROM STDIN") as copy:
            for e in entries:
                copy.write_row((e.code, e.lat, e.lon))
        conn.execute("ANALYZE offices")
        # The haversine formula in plain SQL, ordered over every row (as an earthdistance locator does).
        sql = ("SELECT code FROM offices ORDER BY 2 * %(radius)s * asin(sqrt("
               "power(sin(radians(lat - %(lat)s) / 2), 2) + cos(radians(%(lat)s)) * cos(radians(lat)) * "
               "power(sin(radians(lon - %(lon)s) / 2), 2))), code LIMIT 10")
        cursor = conn.cursor()
        warm = {"radius": EARTH_RADIUS_KM, "lat": 32.65, "lon": 51.67}
        cursor.execute(sql, warm, prepare=True)  # warm up, server-side prepared
        cursor.fetchall()

        def query(lat, lon):
            cursor.execute(sql, {"radius": EARTH_RADIUS_KM, "lat": lat, "lon": lon}, prepare=True)
            cursor.fetchall()

        return timed(query, points)
    finally:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        conn.close()


def measure(label: str, entries: list[Entry], queries: int, database_url: str | None, rng: random.Random,
            budget_ms: float) -> None:
    started = time.perf_counter()
    directory = Directory(revision="bench", entries=entries, holidays=frozenset())
    build = time.perf_counter() - started
    points = query_points(directory.entries, queries, rng)
    print(f"\n{label}: {len(entries):,} offices, {queries:,} queries, k={K} (directory built in {build:.2f} s)")
    for lat, lon in points[:200]:  # the index and the scan agree, or the figures mean nothing
        fast = [e.code for _, e in directory.nearest(lat, lon, K, now=NOW)]
        slow = [directory.entries[i].code for _, i in directory.index.brute_force(lat, lon, K)]
        assert fast == slow, (lat, lon)
    index_p50 = row("index (KD-tree, exact)", timed(lambda la, lo: directory.nearest(la, lo, K, now=NOW), points))
    print(f"  {'budget':<40} p50 <= {budget_ms} ms: {'PASS' if index_p50 <= budget_ms else 'OVER'}")
    row("index, open_now + 1 service filter", timed(lambda la, lo: directory.nearest(
        la, lo, K, services=("brief",), open_now=True, now=NOW), points))
    scan_points = points[: max(50, queries // (20 if len(entries) > 10000 else 2))]
    row("python full scan (haversine, sort)", timed(lambda la, lo: directory.index.brute_force(la, lo, K),
                                                    scan_points), index_p50)
    if database_url:
        times = sql_scan(database_url, directory.entries, scan_points, "postgresql ORDER BY distance")
        if times:
            row("postgresql ORDER BY distance (all rows)", times, index_p50)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL",
                                                                  "postgresql://127.0.0.1:5432/test"),
                        help="PostgreSQL for the SQL full scan ('' to skip)")
    args = parser.parse_args()
    rng = random.Random(1404)
    sample = sample_entries()
    measure("Sample registry", sample, args.queries, args.database_url or None, rng, budget_ms=0.2)
    measure("Synthetic registry", synthetic_entries(sample, args.synthetic, rng), args.queries,
            args.database_url or None, rng, budget_ms=1.0)

    directory = Directory(revision="bench", entries=sample_entries(), holidays=frozenset())
    body = json.dumps(encode_bundle(directory), ensure_ascii=False, separators=(",", ":")).encode()
    packed = len(gzip.compress(body, compresslevel=9, mtime=0))
    verdict = "PASS" if packed <= 60 * 1024 else "OVER"
    print(f"\nOffline bundle ({len(directory.entries):,} offices): {len(body) / 1024:.1f} KB raw, "
          f"{packed / 1024:.1f} KB gzip — {verdict} (budget 60 KB gzip)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
