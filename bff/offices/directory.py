"""The registry in memory: every active office ready to answer nearest, search and the offline bundle.

A ``Directory`` is built from the database once per registry revision and then only read, so requests
never scan the table. ``DirectoryCache`` keeps one per process and looks at the registry's revision at
most every ``offices_index_check_seconds``, so every web worker picks up a sync within that time.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select

from bff.offices.catalog import KINDS, SERVICES, STATUSES
from bff.offices.hours import Schedule, compile_hours, open_state
from bff.offices.index import SpatialIndex
from bff.offices.models import Holiday, Office, OfficeRegistry
from bff.platform.db import db
from bff.platform.state import PerApp
from bff.platform.text import search_key

KIND_BITS = {kind: 1 << (len(SERVICES) + n) for n, kind in enumerate(KINDS)}
SERVICE_BITS = {service: 1 << n for n, service in enumerate(SERVICES)}
BUNDLE_FORMAT = 1
# Columns of the bundle written as "shared prefix with the row before + the rest" (ASCII only).
FRONT_CODED = ("code", "phone")
# A name that ends with " " + its city is bundled without it, marked by a tatweel (ـ), which stored text
# never contains (the normaliser strips it).
CITY_MARK = "\u0640"
BUNDLE_TEXT_COLUMNS = ("code", "name", "province", "county", "city", "district", "address", "phone",
                       "accessibility")
# Fields of an office in the API (open_now, next_change and distance_km are added per request).
API_FIELDS = ("code", "name", "kind", "counters", "province", "county", "city", "district", "address",
              "postal_code", "phone", "lat", "lon", "services", "hours", "status", "accessibility", "updated_at")


@dataclass(slots=True)
class Entry:
    """One office as the directory serves it, with what search and filters need precomputed."""

    position: int
    code: str
    name: str
    kind: str
    counters: int
    province: str
    county: str
    city: str
    district: str
    address: str
    postal_code: str
    phone: str
    lat: float
    lon: float
    services: tuple[str, ...]
    hours: dict
    status: str
    accessibility: str
    updated_at: datetime
    schedule: int = 0
    bits: int = 0
    name_key: str = ""
    city_key: str = ""
    county_key: str = ""
    haystack: str = ""
    compact: str = ""
    json_head: str = ""  # the API object without its closing brace

    @property
    def in_service(self) -> bool:
        return self.status == "active"

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in API_FIELDS}


@dataclass
class Bundle:
    body: bytes
    gzipped: bytes
    etag: str

    @property
    def gzip_etag(self) -> str:
        return self.etag + "-gzip"


@dataclass
class Directory:
    revision: str | None
    entries: list[Entry]
    holidays: frozenset[date]
    updated_at: datetime | None = None
    sample: bool = False
    schedules: list[Schedule] = field(default_factory=list)
    schedule_hours: list[dict] = field(default_factory=list)
    _states: dict = field(default_factory=dict, repr=False)
    _bundle: Bundle | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.entries.sort(key=lambda e: e.code)
        self.by_code = {e.code: e for e in self.entries}
        schedule_ids: dict[str, int] = {}
        for position, entry in enumerate(self.entries):
            entry.position = position
            canonical = json.dumps(entry.hours, sort_keys=True)
            if canonical not in schedule_ids:
                schedule_ids[canonical] = len(self.schedules)
                self.schedules.append(compile_hours(entry.hours))
                self.schedule_hours.append(entry.hours)
            entry.schedule = schedule_ids[canonical]
            entry.bits = KIND_BITS[entry.kind] | sum(SERVICE_BITS[s] for s in entry.services)
            entry.name_key = search_key(entry.name)
            entry.city_key = search_key(entry.city)
            entry.county_key = search_key(entry.county)
            entry.haystack = search_key(" ".join((entry.name, entry.city, entry.county, entry.district,
                                                  entry.address)))
            entry.compact = entry.haystack.replace(" ", "")
            document = entry.as_dict()
            document["services"] = list(entry.services)
            document["updated_at"] = _iso(entry.updated_at)
            entry.json_head = json.dumps(document, ensure_ascii=False, separators=(",", ":"))[:-1]
        self.index = SpatialIndex([(e.lat, e.lon) for e in self.entries], [e.bits for e in self.entries])

    # -- open now ---------------------------------------------------------------------------------

    def state(self, entry: Entry, now: datetime) -> tuple[bool, datetime | None]:
        """(open now?, next change) for an office; cached per weekly schedule until the next change."""
        if not entry.in_service:
            return False, None
        cached = self._states.get(entry.schedule)
        if cached is None or not cached[0] <= now < cached[1]:
            is_open, change = open_state(self.schedules[entry.schedule], self.holidays, now)
            until = change if change is not None else now + timedelta(hours=1)
            cached = (now, until, is_open, change)
            self._states[entry.schedule] = cached
        return cached[2], cached[3]

    # -- queries ----------------------------------------------------------------------------------

    def nearest(self, lat: float, lon: float, limit: int, *, kinds: Iterable[str] = (),
                services: Iterable[str] = (), open_now: bool = False, max_km: float | None = None,
                now: datetime) -> list[tuple[float, Entry]]:
        """The ``limit`` nearest offices matching every filter, nearest first (filters applied first)."""
        all_bits = sum(SERVICE_BITS[s] for s in set(services))
        any_bits = sum(KIND_BITS[k] for k in set(kinds))
        accept = None
        if open_now:
            entries = self.entries

            def accept(position: int) -> bool:
                return self.state(entries[position], now)[0]

        found = self.index.nearest(lat, lon, limit, all_bits=all_bits, any_bits=any_bits, accept=accept,
                                   max_km=max_km)
        return [(km, self.entries[position]) for km, position in found]

    def search(self, q: str | None = None, *, province: str | None = None, city: str | None = None,
               kinds: Iterable[str] = (), services: Iterable[str] = (), open_now: bool = False,
               now: datetime) -> list[Entry]:
        """Offices matching the text and filters, best first: exact city, then name, then the rest."""
        key = search_key(q)
        tokens = key.split(" ") if key else []
        compact = key.replace(" ", "")
        city_key = search_key(city) if city else ""
        kinds = set(kinds)
        all_bits = sum(SERVICE_BITS[s] for s in set(services))
        found = []
        for entry in self.entries:
            if province and entry.province != province:
                continue
            if city_key and entry.city_key != city_key:
                continue
            if kinds and entry.kind not in kinds:
                continue
            if entry.bits & all_bits != all_bits:
                continue
            if tokens and not (all(t in entry.haystack for t in tokens) or compact in entry.compact):
                continue
            if open_now and not self.state(entry, now)[0]:
                continue
            found.append((search_rank(entry, key, tokens), entry.city_key, entry.name_key, entry.code, entry))
        found.sort(key=lambda row: row[:4])
        return [row[4] for row in found]

    # -- serialisation ----------------------------------------------------------------------------

    def item_json(self, entry: Entry, now: datetime, distance_km: float | None = None) -> str:
        is_open, change = self.state(entry, now)
        tail = f',"open_now":{"true" if is_open else "false"},"next_change":'
        tail += f'"{change.isoformat()}"' if change is not None else "null"
        if distance_km is not None:
            tail += f',"distance_km":{round(distance_km, 3)!r}'
        return entry.json_head + tail + "}"

    def bundle(self) -> Bundle:
        if self._bundle is None:
            body = json.dumps(encode_bundle(self), ensure_ascii=False, separators=(",", ":")).encode()
            self._bundle = Bundle(body=body, gzipped=gzip.compress(body, compresslevel=9, mtime=0),
                                  etag=hashlib.sha256(body).hexdigest()[:32])
        return self._bundle


def search_rank(entry: Entry, key: str, tokens: list[str]) -> int:
    if not key or key in (entry.city_key, entry.county_key):
        return 0
    return 1 if all(t in entry.name_key for t in tokens) else 2


def _iso(instant: datetime | None) -> str | None:
    return instant.isoformat().replace("+00:00", "Z") if instant else None


def _front_code(values: list[str]) -> list[str]:
    """Each value as one letter (A = 0 … Z = 25: characters shared with the value before) + the rest."""
    out, previous = [], ""
    for value in values:
        shared = 0
        limit = min(len(value), len(previous), 25)
        while shared < limit and value[shared] == previous[shared]:
            shared += 1
        out.append(chr(65 + shared) + value[shared:])
        previous = value
    return out


def _coordinate_scale(values: list[float]) -> int | None:
    """The smallest power of ten that turns every value into an integer exactly, or None."""
    for scale in (100_000, 1_000_000, 10_000_000):
        if all(round(v * scale) / scale == v for v in values):
            return scale
    return None


def encode_bundle(directory: Directory) -> dict:
    """Every active office, compactly: text columns joined by tabs, numbers as small integers,
    coordinates as integer deltas, weekly hours and holidays listed once. Decoded by the PWA's
    features/offices/bundle.js; documented in docs of GET /api/v1/offices/bundle."""
    entries = directory.entries
    columns: dict[str, str | list] = {}
    for name in BUNDLE_TEXT_COLUMNS:
        values = [getattr(e, name) for e in entries]
        if name == "county":  # most counties carry their seat's name; empty means "same as city"
            values = ["" if e.county == e.city else e.county for e in entries]
        if name == "name":
            values = [e.name[:-len(e.city) - 1] + CITY_MARK if e.name.endswith(" " + e.city) else e.name
                      for e in entries]
        if name in FRONT_CODED:
            values = _front_code(values)
        columns[name] = "\t".join(values)
    columns["kind"] = [KINDS.index(e.kind) for e in entries]
    columns["counters"] = [e.counters for e in entries]
    columns["services"] = [sum(1 << SERVICES.index(s) for s in e.services) for e in entries]
    columns["schedule"] = [e.schedule for e in entries]
    columns["status"] = [STATUSES.index(e.status) for e in entries]
    lats = [e.lat for e in entries]
    lons = [e.lon for e in entries]
    scale = _coordinate_scale(lats + lons)
    if scale is None:
        coordinates = {"scale": None, "lat": lats, "lon": lons}
    else:
        coordinates = {"scale": scale, "lat": _deltas([round(v * scale) for v in lats]),
                       "lon": _deltas([round(v * scale) for v in lons])}
    return {
        "format": BUNDLE_FORMAT,
        "revision": directory.revision,
        "updated_at": _iso(directory.updated_at),
        "sample": directory.sample,
        "count": len(entries),
        "kinds": list(KINDS),
        "services": list(SERVICES),
        "statuses": list(STATUSES),
        "front_coded": list(FRONT_CODED),
        "holidays": sorted({d.isoformat() for d in directory.holidays}),
        "schedules": directory.schedule_hours,
        "coordinates": coordinates,
        "columns": columns,
    }


def _deltas(values: list[int]) -> list[int]:
    return [value - (values[n - 1] if n else 0) for n, value in enumerate(values)]


def load_directory() -> Directory:
    """Build the directory from the database (active offices, holidays, registry revision)."""
    registry = db.session.get(OfficeRegistry, 1)
    offices = db.session.scalars(select(Office).where(Office.deactivated_at.is_(None))).all()
    holidays = frozenset(db.session.scalars(select(Holiday.date)).all())
    entries = [
        Entry(position=0, code=o.code, name=o.name, kind=o.kind, counters=o.counters, province=o.province,
              county=o.county, city=o.city, district=o.district, address=o.address, postal_code=o.postal_code,
              phone=o.phone, lat=o.lat, lon=o.lon, services=tuple(o.services), hours=o.hours, status=o.status,
              accessibility=o.accessibility, updated_at=o.updated_at)
        for o in offices
    ]
    return Directory(revision=registry.revision if registry else None, entries=entries, holidays=holidays,
                     updated_at=registry.changed_at if registry else None,
                     sample=bool(registry.sample) if registry else False)


def current_revision() -> str | None:
    return db.session.scalar(select(OfficeRegistry.revision).where(OfficeRegistry.id == 1))


class DirectoryCache:
    """One directory per process, rebuilt when the registry's revision changes (checked every few seconds)."""

    def __init__(self, check_seconds: float):
        self.check_seconds = check_seconds
        self._directory: Directory | None = None
        self._checked = -math.inf
        self._lock = threading.Lock()

    def get(self) -> Directory:
        directory = self._directory
        if directory is not None and time.monotonic() - self._checked < self.check_seconds:
            return directory
        with self._lock:
            if self._directory is not None and time.monotonic() - self._checked < self.check_seconds:
                return self._directory
            revision = current_revision()
            if self._directory is None or self._directory.revision != revision:
                self._directory = load_directory()
            self._checked = time.monotonic()
            return self._directory

    def invalidate(self) -> None:
        """Look at the revision on the next use (this process just changed the registry)."""
        self._checked = -math.inf


directory_cache = PerApp[DirectoryCache]("offices")
"""This process's directory of the current app's registry."""
