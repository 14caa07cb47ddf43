"""Injected downtime, errors and latency apply to /core/v1 only, and reset clears them."""

from __future__ import annotations

import time

import httpx
import pytest


def test_down_answers_503_problems_with_retry_after_on_the_core_only(sandbox, service, as_citizen, persona):
    citizen = as_citizen(persona)
    assert sandbox.set_faults(down=True) == {"latency_ms": 0, "error_rate": 0.0, "down": True}
    for client, path in ((citizen, "/core/v1/cases"), (service, "/core/v1/offices"), (service, "/core/v1/events")):
        response = client.get(path)
        assert response.status_code == 503, path
        assert response.headers["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "service_unavailable"
        assert int(response.headers["Retry-After"]) > 0
    assert httpx.get(f"{sandbox.url}/.well-known/openid-configuration").status_code == 200
    assert sandbox.service_token()  # the identity provider still works
    assert sandbox.control("GET", "faults").json()["down"] is True


def test_error_rate_one_fails_every_core_request_and_zero_none(sandbox, as_citizen, persona):
    citizen = as_citizen(persona)
    sandbox.set_faults(error_rate=1)
    answers = [citizen.get("/core/v1/me") for _ in range(5)]
    assert all(a.status_code == 500 and a.json()["code"] == "internal_error" for a in answers)
    sandbox.set_faults(error_rate=0)
    assert all(citizen.get("/core/v1/me").status_code == 200 for _ in range(5))


def test_latency_delays_core_answers_but_not_the_identity_provider(sandbox, as_citizen, persona):
    citizen = as_citizen(persona)
    sandbox.set_faults(latency_ms=300)
    started = time.perf_counter()
    assert citizen.get("/core/v1/me").status_code == 200
    assert time.perf_counter() - started >= 0.3
    started = time.perf_counter()
    httpx.get(f"{sandbox.url}/oidc/jwks")
    assert time.perf_counter() - started < 0.3


def test_reset_clears_faults(sandbox, as_citizen, persona):
    sandbox.set_faults(latency_ms=50, error_rate=0.5, down=True)
    sandbox.reset()
    assert sandbox.control("GET", "faults").json() == {"latency_ms": 0, "error_rate": 0.0, "down": False}
    assert as_citizen(persona).get("/core/v1/me").status_code == 200


@pytest.mark.parametrize("faults", [{"latency_ms": -1}, {"latency_ms": "slow"}, {"error_rate": 1.5},
                                    {"down": "yes"}])
def test_malformed_faults_are_400_and_change_nothing(sandbox, faults):
    response = sandbox.control("PUT", "faults", json=faults)
    assert response.status_code == 400 and response.json()["code"] == "validation_failed"
    assert sandbox.control("GET", "faults").json() == {"latency_ms": 0, "error_rate": 0.0, "down": False}
