"""What the office endpoints do, callable from views, the CLI and tests alike (``now`` can be given)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from flask import current_app

from bff.errors import Problem
from bff.i18n import t
from bff.offices.catalog import KINDS, PROVINCES, SERVICES, SUBJECTS
from bff.offices.directory import Directory, DirectoryCache, Entry
from bff.text import search_key


def directory() -> Directory:
    """This process's directory of the registry (built on first use, rebuilt when the revision changes)."""
    cache = current_app.extensions.get("offices")
    if cache is None:
        seconds = current_app.extensions["settings"].offices_index_check_seconds
        cache = current_app.extensions.setdefault("offices", DirectoryCache(seconds))
    return cache.get()


def utcnow() -> datetime:
    return datetime.now(UTC)


def item(directory: Directory, entry: Entry, now: datetime, distance_km: float | None = None) -> dict:
    """One office as the API shows it (the same values as the prebuilt JSON of the nearest endpoint)."""
    return json.loads(directory.item_json(entry, now, distance_km))


def nearest_json(lat: float, lon: float, *, limit: int = 10, kind=(), service=(), open_now: bool = False,
                 max_km: float | None = None, now: datetime | None = None) -> str:
    """The nearest offices as a JSON array, each with ``distance_km``, nearest first."""
    now = now or utcnow()
    found = directory().nearest(lat, lon, limit, kinds=kind, services=service, open_now=open_now,
                                max_km=max_km, now=now)
    d = directory()
    return "[" + ",".join(d.item_json(entry, now, km) for km, entry in found) + "]"


def search(*, q: str | None = None, province: str | None = None, city: str | None = None, kind=(),
           service=(), open_now: bool = False, now: datetime | None = None) -> tuple[Directory, list[Entry]]:
    now = now or utcnow()
    d = directory()
    return d, d.search(q, province=province, city=city, kinds=kind, services=service, open_now=open_now, now=now)


def get_office(code: str, now: datetime | None = None) -> dict:
    d = directory()
    entry = d.by_code.get(code)
    if entry is None:
        raise Problem(404, "office_not_found", params={"code": code})
    return item(d, entry, now or utcnow())


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
