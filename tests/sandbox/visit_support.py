"""Helpers of the visit-booking tests: find offices in the registry, read calendars, book, travel in time."""

from __future__ import annotations

import datetime as dt
import ssl
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from sandbox.testing import SandboxServer

TEHRAN = ZoneInfo("Asia/Tehran")
BASE = "/core/v1"
MONDAY = dt.date(2025, 12, 1)  # two days after the suite's anchor (Saturday 2025-11-29)
STANDARD_HOURS = {**{d: [["08:00", "14:00"]] for d in ("sat", "sun", "mon", "tue", "wed")},
                  "thu": [["08:00", "13:00"]], "fri": []}


def find_office(service_client: httpx.Client, service: str | None = None, lacks: str | None = None,
                **wanted: Any) -> dict[str, Any]:
    """The first active office of the registry whose fields equal `wanted`, offering `service`, not `lacks`."""
    offices = service_client.get(f"{BASE}/offices").json()["offices"]
    return next(o for o in offices if o["status"] == "active" and all(o[k] == v for k, v in wanted.items())
                and (service is None or service in o["services"]) and lacks not in o["services"])


def office_calendar(service_client: httpx.Client, code: str, service: str, **params: Any) -> dict[str, Any]:
    response = service_client.get(f"{BASE}/offices/{code}/slots", params={"service": service, **params})
    assert response.status_code == 200, response.text
    return response.json()


def day_of(calendar: dict[str, Any], day: dt.date) -> dict[str, Any]:
    return next(d for d in calendar["days"] if d["date"] == day.isoformat())


def slots_on(service_client: httpx.Client, code: str, service: str, day: dt.date) -> list[dict[str, Any]]:
    return day_of(office_calendar(service_client, code, service, **{"from": day.isoformat(), "days": 1}), day)["slots"]


def book(client: httpx.Client, slot_id: str, key: str | None = None, **extra: Any) -> httpx.Response:
    return client.post(f"{BASE}/visits", json={"slot_id": slot_id, **extra},
                       headers={"Idempotency-Key": key or str(uuid.uuid4())})


def local(instant: str) -> dt.datetime:
    return dt.datetime.fromisoformat(instant.replace("Z", "+00:00")).astimezone(TEHRAN)


def events(service_client: httpx.Client, after: str | None = None) -> list[dict[str, Any]]:
    params = {"limit": 500, **({"after": after} if after else {})}
    return service_client.get(f"{BASE}/events", params=params).json()["events"]


def travel(sandbox: SandboxServer, delta: dt.timedelta) -> None:
    """Move the sandbox's business clock (a reset puts it back on the anchor date)."""
    sandbox.app.extensions["sandbox"].store.clock.offset += delta


def now(sandbox: SandboxServer) -> dt.datetime:
    return dt.datetime.fromisoformat(sandbox.control("GET", "/sandbox/control").json()["now"].replace("Z", "+00:00"))


@contextmanager
def signed_in_clients(sandbox: SandboxServer, count: int) -> Iterator[list[httpx.Client]]:
    """`count` fresh citizens without cases, each with a signed-in client (closed on exit)."""
    tls = ssl.create_default_context()  # one for all: building one per client takes ~40 ms
    people = sandbox.add_citizens(count)
    clients = [httpx.Client(base_url=sandbox.url, timeout=30, verify=tls, headers={
        "Authorization": "Bearer " + sandbox.sign_in(p["national_code"])["access_token"]}) for p in people]
    try:
        yield clients
    finally:
        for client in clients:
            client.close()
