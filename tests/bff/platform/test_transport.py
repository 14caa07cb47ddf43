"""The transport as another outside system's adapter uses it (a bank gateway, say), over real HTTP.

Each system has its own routes, credential, error family (so its problems name it) and circuit breaker:
a gateway that is down never opens the core's breaker, and the other way round.
"""

from __future__ import annotations

import pytest

from bff.core_client import core
from bff.platform.config import Settings
from bff.platform.outbound import (
    BadAnswer,
    ErrorFamily,
    FixedCredential,
    Rejected,
    Route,
    TimedOut,
    Transport,
    Unauthorized,
    Unavailable,
    make_http_client,
)
from tests.support.scripted_http import ScriptedServer


class GatewayUnavailable(Unavailable):
    code = "gateway_unavailable"


class GatewayTimeout(TimedOut):
    code = "gateway_timeout"


class GatewayBadAnswer(BadAnswer):
    code = "gateway_bad_answer"


class GatewayUnauthorized(Unauthorized):
    code = "gateway_unauthorized"


class GatewayRejected(Rejected):
    pass


ERRORS = ErrorFamily(GatewayUnavailable, GatewayTimeout, GatewayBadAnswer, GatewayUnauthorized, GatewayRejected)
TOKEN = Route("POST", "/api/v1/token", "terminal", False)
VERIFY = Route("POST", "/api/v1/verify", "terminal", True)


def gateway(url: str, fail_max: int = 2, **options) -> Transport:
    return Transport(system="gateway", title="the bank gateway", base_url=url, routes=(TOKEN, VERIFY),
                     http=make_http_client(Settings(app_env="test")), errors=ERRORS, breaker_fail_max=fail_max,
                     breaker_reset_seconds=30, backoff_base=0.01, **options)


def test_a_gateway_key_goes_in_the_header_the_gateway_wants():
    with ScriptedServer() as server:
        server.answer("/api/v1/token", {"token": "t-1"})
        transport = gateway(server.url, authorize=lambda key: {"X-Terminal-Key": key})
        answer = transport.call(TOKEN, "/api/v1/token", FixedCredential("k-42"), json={"amount": 1_200_000})
    [(method, path, headers)] = server.requests
    assert answer.status == 200 and (method, path) == ("POST", "/api/v1/token")
    assert headers["X-Terminal-Key"] == "k-42" and "Authorization" not in headers


def test_a_gateway_outage_is_its_own_problem_and_leaves_the_core_breaker_alone(core_app):
    with ScriptedServer() as server:
        server.answer("/api/v1/verify", b"", status=503)
        transport = gateway(server.url)
        for _ in range(2):
            with pytest.raises(GatewayUnavailable) as caught:
                transport.call(VERIFY, "/api/v1/verify", FixedCredential("k"))
    assert transport.state() == "open"
    assert core.of(core_app).state() == "closed"
    problem = caught.value.to_problem()
    assert (problem.status, problem.code) == (503, "gateway_unavailable")


def test_a_call_that_is_not_idempotent_is_sent_once_whatever_happens():
    with ScriptedServer() as server:
        server.answer("/api/v1/token", b"oops", status=502)
        with pytest.raises(GatewayBadAnswer):
            gateway(server.url, fail_max=10).call(TOKEN, "/api/v1/token", FixedCredential("k"))
        server.answer("/api/v1/verify", b"oops", status=502)
        with pytest.raises(GatewayBadAnswer):  # an idempotent one is retried twice, then given up
            gateway(server.url, fail_max=10).call(VERIFY, "/api/v1/verify", FixedCredential("k"))
    assert [path for _, path, _ in server.requests] == ["/api/v1/token"] + ["/api/v1/verify"] * 3


def test_a_route_another_system_declared_is_refused_before_it_leaves():
    transport = gateway("http://127.0.0.1:9")
    with pytest.raises(PermissionError):
        transport.call(Route("GET", "/core/v1/cases", "citizen", True), "/core/v1/cases", FixedCredential("k"))
