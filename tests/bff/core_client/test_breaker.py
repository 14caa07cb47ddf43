"""The core client's circuit breaker: calls run side by side; open, half-open and closed as pybreaker's.

Found by the load run (bench/load): pybreaker holds its lock for the whole call, so each web process
made one core call at a time (about 20 a second at 50 ms each, whatever the number of threads).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pybreaker
import pytest

from bff.platform.outbound.breaker import ConcurrentCircuitBreaker


class Refused(Exception):
    """A failure that is the caller's, not the service's (excluded)."""


def failing():
    raise ConnectionError("down")


def run_together(breaker, func, n: int) -> tuple[list, float]:
    barrier = threading.Barrier(n)

    def one(_):
        barrier.wait()
        try:
            return breaker.call(func)
        except Exception as exc:  # the test looks at what each call got
            return exc

    started = time.monotonic()
    with ThreadPoolExecutor(n) as pool:
        results = list(pool.map(one, range(n)))
    return results, time.monotonic() - started


def test_the_core_clients_calls_run_side_by_side(core_app):
    breaker = core_app.extensions["core"].breaker
    results, elapsed = run_together(breaker, lambda: time.sleep(0.3) or "ok", 6)
    assert results == ["ok"] * 6
    assert elapsed < 0.9  # one at a time would take 1.8 s


def test_it_opens_after_fail_max_failures_and_then_fails_fast():
    breaker = ConcurrentCircuitBreaker(fail_max=3, reset_timeout=60)
    for _ in range(2):
        with pytest.raises(ConnectionError):
            breaker.call(failing)
    with pytest.raises(pybreaker.CircuitBreakerError):
        breaker.call(failing)  # the third failure opens it
    assert breaker.current_state == pybreaker.STATE_OPEN
    calls = []
    with pytest.raises(pybreaker.CircuitBreakerError):
        breaker.call(lambda: calls.append(1))
    assert calls == []


def test_excluded_errors_do_not_count():
    breaker = ConcurrentCircuitBreaker(fail_max=2, reset_timeout=60, exclude=[Refused])

    def refused():
        raise Refused

    for _ in range(5):
        with pytest.raises(Refused):
            breaker.call(refused)
    assert breaker.current_state == pybreaker.STATE_CLOSED


def test_after_the_timeout_one_trial_goes_and_the_others_fail_fast():
    breaker = ConcurrentCircuitBreaker(fail_max=1, reset_timeout=0.2)
    with pytest.raises(pybreaker.CircuitBreakerError):
        breaker.call(failing)
    time.sleep(0.25)
    results, _ = run_together(breaker, lambda: time.sleep(0.3) or "ok", 5)
    assert results.count("ok") == 1
    assert all(isinstance(r, pybreaker.CircuitBreakerError) for r in results if r != "ok")
    assert breaker.current_state == pybreaker.STATE_CLOSED
    assert breaker.call(lambda: "again") == "again"


def test_a_failed_trial_opens_it_again():
    breaker = ConcurrentCircuitBreaker(fail_max=1, reset_timeout=0.2)
    with pytest.raises(pybreaker.CircuitBreakerError):
        breaker.call(failing)
    time.sleep(0.25)
    with pytest.raises(pybreaker.CircuitBreakerError):
        breaker.call(failing)
    assert breaker.current_state == pybreaker.STATE_OPEN
    with pytest.raises(pybreaker.CircuitBreakerError):
        breaker.call(lambda: "not yet")


def test_a_call_that_began_before_the_breaker_opened_does_not_move_it():
    breaker = ConcurrentCircuitBreaker(fail_max=1, reset_timeout=60)
    started, release = threading.Event(), threading.Event()

    def slow_failure():
        started.set()
        release.wait(5)
        raise ConnectionError("late")

    late = ThreadPoolExecutor(1).submit(lambda: breaker.call(slow_failure))
    started.wait(5)
    with pytest.raises(pybreaker.CircuitBreakerError):
        breaker.call(failing)
    opened_at = breaker._state_storage.opened_at
    release.set()
    with pytest.raises(ConnectionError):
        late.result(5)
    assert breaker.current_state == pybreaker.STATE_OPEN
    assert breaker._state_storage.opened_at == opened_at
