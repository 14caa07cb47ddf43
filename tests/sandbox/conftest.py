"""Fixtures of the sandbox suite: one sandbox on a loopback port, reset before each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

from sandbox.gateway.testing import GatewayClient
from sandbox.testing import SandboxServer

ANCHOR = "2025-11-29"  # a Saturday; the seeded history ends the day before


@pytest.fixture(scope="session")
def sandbox_server() -> Iterator[SandboxServer]:
    with SandboxServer({"SANDBOX_ANCHOR_DATE": ANCHOR}) as server:
        yield server


@pytest.fixture
def start_sandbox() -> Iterator[Callable[..., SandboxServer]]:
    """Starts an extra sandbox with other settings (same anchor date); stopped after the test."""
    started: list[SandboxServer] = []

    def start(**config: str) -> SandboxServer:
        server = SandboxServer({"SANDBOX_ANCHOR_DATE": ANCHOR, **config}).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def sandbox(sandbox_server: SandboxServer) -> SandboxServer:
    """The shared sandbox, freshly reseeded with no faults, events, briefs or lockouts."""
    sandbox_server.reset(seed=1404, anchor_date=ANCHOR)
    return sandbox_server


@pytest.fixture
def citizens(sandbox) -> list[dict]:
    return sandbox.citizens()


@pytest.fixture
def persona(citizens) -> dict:
    return citizens[0]


@pytest.fixture
def api(sandbox) -> Iterator[Callable[[str | None], httpx.Client]]:
    """Opens an httpx client on the sandbox, with a bearer token when given one."""
    opened: list[httpx.Client] = []

    def open_client(token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        client = httpx.Client(base_url=sandbox.url, headers=headers, timeout=10)
        opened.append(client)
        return client

    yield open_client
    for client in opened:
        client.close()


@pytest.fixture
def as_citizen(sandbox, api) -> Callable[[dict], httpx.Client]:
    """A client signed in (authorization code flow) as the given citizen."""
    return lambda citizen: api(sandbox.sign_in(citizen["national_code"])["access_token"])


@pytest.fixture
def service(sandbox, api) -> httpx.Client:
    """A client with a client-credentials token for core.registry and core.events."""
    return api(sandbox.service_token())


@pytest.fixture
def shared_case(sandbox) -> dict:
    """A seeded open case with two citizen parties who are not lawyers."""
    lawyers = {c["sub"] for c in sandbox.citizens() if c["lawyer"]}
    return next(c for c in sandbox.cases()
                if len([s for s in c["citizen_subs"] if s not in lawyers]) >= 2 and c["accepts_briefs"])


@pytest.fixture
def gateway(sandbox) -> Iterator[GatewayClient]:
    """The bank gateway, driven as the merchant's server and as a card holder's browser."""
    with httpx.Client(timeout=30) as http:
        yield GatewayClient(sandbox.url, sandbox.settings.gateway_terminal_id, http)
