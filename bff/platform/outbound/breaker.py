"""The circuit breaker of an outside system's transport: pybreaker's, without its lock around the call itself.

pybreaker's ``CircuitBreaker.call`` holds the breaker's lock for the whole protected call
(danielfm/pybreaker#55), so a web process makes one core call at a time: at 50 ms a call, 20 calls a
second whatever WEB_THREADS says, and every other request queues behind them (found by the load run,
bench/load). Here the lock guards only the breaker's own bookkeeping; the calls run side by side.

Same rules as pybreaker otherwise: closed counts consecutive failures and opens at ``fail_max``; open
fails fast until ``reset_timeout`` has passed; then half-open lets one trial call through (the others
fail fast meanwhile), which closes the breaker on success and opens it again on failure. A call that
began in an earlier state (before the breaker opened, say) does not move it when it ends.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pybreaker

from bff.platform import clock


class ConcurrentCircuitBreaker(pybreaker.CircuitBreaker):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._trial_running = False

    def call(self, func, *args: Any, **kwargs: Any):
        with self._lock:
            state = self._enter()
            for listener in self.listeners:
                listener.before_call(self, func, *args, **kwargs)
        try:
            result = func(*args, **kwargs)
        except BaseException as exc:
            with self._lock:
                self._settle(state)
                if self.state is state:
                    state._handle_error(exc)  # counts it, may open the breaker; raises
                raise
        with self._lock:
            self._settle(state)
            if self.state is state:
                state._handle_success()
        return result

    def _enter(self) -> pybreaker.CircuitBreakerState:
        """The state this call goes through; CircuitBreakerError when it must not go at all."""
        state = self.state
        if state.name == pybreaker.STATE_OPEN:
            opened_at = self._state_storage.opened_at
            if opened_at and clock.utcnow() < opened_at + timedelta(seconds=self.reset_timeout):
                raise pybreaker.CircuitBreakerError("Timeout not elapsed yet, circuit breaker still open")
            self.half_open()
            state = self.state
        if state.name == pybreaker.STATE_HALF_OPEN:
            if self._trial_running:
                raise pybreaker.CircuitBreakerError("A trial call is running, circuit breaker still half-open")
            self._trial_running = True
        return state

    def _settle(self, state: pybreaker.CircuitBreakerState) -> None:
        if state.name == pybreaker.STATE_HALF_OPEN:
            self._trial_running = False

    def close(self) -> None:
        with self._lock:
            self._trial_running = False
            super().close()
