"""What the office endpoints do, callable from views, the CLI and tests alike (``now`` can be given).

Each query takes ONE snapshot of the directory (``directory()``) and uses it throughout: a rebuild that
lands meanwhile (a sync, new holidays) never pairs the entries of one revision with the schedules,
states or positions of another.
"""

from __future__ import annotations

import json
from datetime import datetime

from bff.offices.catalog import KINDS, PROVINCES, SERVICES, SUBJECTS
from bff.offices.directory import Directory, Entry, directory_cache
from bff.platform import clock
from bff.platform.errors import Problem
from bff.platform.i18n import t
from bff.platform.text import search_key


def directory() -> Directory:
    """This process's directory of the registry (built on first use, rebuilt when the revision changes)."""
    return directory_cache().get()


def item(directory: Directory, entry: Entry, now: datetime, distance_km: float | None = None) -> dict:
    """One office as the API shows it (the same values as the prebuilt JSON of the nearest endpoint)."""
    return json.loads(directory.item_json(entry, now, distance_km))


def nearest_json(lat: float, lon: float, *, limit: int = 10, kind=(), service=(), open_now: bool = False,
                 max_km: float | None = None, now: datetime | None = None) -> str:
    """The nearest offices as a JSON array, each with ``distance_km``, nearest first."""
    now = now or clock.utcnow()
    d = directory()
    found = d.nearest(lat, lon, limit, kinds=kind, services=service, open_now=open_now, max_km=max_km, now=now)
    return "[" + ",".join(d.item_json(entry, now, km) for km, entry in found) + "]"


def search(*, q: str | None = None, province: str | None = None, city: str | None = None, kind=(),
           service=(), open_now: bool = False, now: datetime | None = None) -> tuple[Directory, list[Entry]]:
    now = now or clock.utcnow()
    d = directory()
    return d, d.search(q, province=province, city=city, kinds=kind, services=service, open_now=open_now, now=now)


def get_office(code: str, now: datetime | None = None) -> dict:
    d = directory()
    entry = d.by_code.get(code)
    if entry is None:
        raise Problem(404, "office_not_found", params={"code": code})
    return item(d, entry, now or clock.utcnow())


def catalog() -> dict:
    """Kinds, services, case subjects and provinces (with their cities in the registry), labelled."""
    cities: dict[str, set[str]] = {code: set() for code in PROVINCES}
    for entry in directory().entries:
        cities[entry.province].add(entry.city)

    def labelled(group: str, codes) -> list[dict]:
        return [{"code": code, "label": t(f"catalog.{group}.{code}")} for code in codes]

    provinces = [
        {"code": code, "label": t(f"catalog.provinces.{code}"), "capital_lat": lat, "capital_lon": lon,
         "cities": sorted(cities[code], key=lambda c: (search_key(c), c))}
        for code, (lat, lon) in PROVINCES.items()
    ]
    provinces.sort(key=lambda p: search_key(p["label"]))
    return {"kinds": labelled("kinds", KINDS), "services": labelled("services", SERVICES),
            "subjects": labelled("subjects", SUBJECTS), "provinces": provinces}
