"""The transport to an outside system: every call goes through here, and only to an allow-listed route.

- timeouts on connect and read (the process's one httpx client); retries with full-jitter backoff, only
  for idempotent calls (a route declared idempotent, or a call carrying an Idempotency-Key);
- a circuit breaker per system that fails fast (503 + Retry-After) while the system is down, and never
  makes one call wait for another (breaker.py);
- a credential per call: its token, renewed once when the system answers 401;
- call latency and breaker state as metrics, labelled by the route's template (never an id).

An adapter (``bff.core_client.CoreClient``, a bank gateway, an SMS provider) owns one Transport, its
routes and its error family, and exposes typed methods; rooms never see httpx or raw JSON.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

import httpx
import pybreaker

from bff.platform import backoff, clock, metrics
from bff.platform.outbound.breaker import ConcurrentCircuitBreaker
from bff.platform.outbound.errors import ErrorFamily, OutsideError

log = logging.getLogger(__name__)

ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
"""The one id rule of the app for ids put in an outside system's path: first character a letter or a
digit, then letters, digits, '.', '_' or '-', 64 characters at most. So an id is one path segment and
never '.' or '..' (which an HTTP client would resolve into another path)."""


def valid_id(value: str) -> bool:
    return bool(ID.match(value))


@dataclass(frozen=True)
class Route:
    """One call the BFF may make: method, path template, whose credential it carries, whether a retry is
    safe. Anything not declared is a programming error, refused before it leaves."""

    method: str
    template: str
    audience: str
    idempotent: bool

    def path(self, **ids: str) -> str:
        """The template with ``ids`` filled in; ValueError for an id that breaks the id rule."""
        for name, value in ids.items():
            if not valid_id(value):
                raise ValueError(f"{name} is not an id")
        return self.template.format(**ids)

    @property
    def pattern(self) -> re.Pattern:
        segment = ID.pattern.strip("^$")
        return re.compile("^" + re.sub(r"\\\{[a-z_]+\\\}", segment, re.escape(self.template)) + "$")


class Credential(Protocol):
    """Whose token a call carries: the current one, and a renewed one after the system said 401."""

    def token(self) -> str: ...

    def renewed(self, rejected: str) -> str: ...


class FixedCredential:
    """A credential that does not change (an API key from the settings): renewing it gives the same one."""

    def __init__(self, secret: str):
        self._secret = secret

    def token(self) -> str:
        return self._secret

    def renewed(self, rejected: str) -> str:
        return self._secret


def bearer(token: str) -> dict[str, str]:
    """How most systems take a token (RFC 6750); a system that wants it elsewhere passes its own."""
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Answer:
    """A system's answer, read whole; adapters decode ``content``, rooms never see it."""

    status: int
    headers: httpx.Headers
    content: bytes


class Transport:
    def __init__(self, *, system: str, title: str, base_url: str, routes: tuple[Route, ...], http: httpx.Client,
                 errors: ErrorFamily, breaker_fail_max: int, breaker_reset_seconds: int, retries: int = 2,
                 backoff_base: float = 0.2, backoff_cap: float = 2.0,
                 authorize: Callable[[str], dict[str, str]] = bearer):
        self.system = system
        self.authorize = authorize
        self.base_url = base_url.rstrip("/")
        self.routes = routes
        self.http = http
        self.errors = errors
        metrics.outside_system(system, title)
        self.breaker = ConcurrentCircuitBreaker(
            fail_max=breaker_fail_max, reset_timeout=breaker_reset_seconds,
            exclude=[errors.rejected, errors.unauthorized], name=system, listeners=[_BreakerMetrics(system)])
        self.retries = retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._compiled = [(route, route.pattern) for route in routes]

    # -- calls ------------------------------------------------------------------------------------

    def call(self, route: Route, path: str, credential: Credential, *, headers: dict | None = None,
             **kwargs) -> Answer:
        """One call (retried when safe), with the credential's token, renewed once on 401."""
        self.check(route, path)
        token = credential.token()
        try:
            return self._call(route, path, token, headers=headers, **kwargs)
        except self.errors.unauthorized:
            token = credential.renewed(token)
            return self._call(route, path, token, headers=headers, **kwargs)

    @contextmanager
    def stream(self, route: Route, path: str, credential: Credential, **kwargs) -> Iterator[httpx.Response]:
        """A streamed GET (documents): yields the open response, status 2xx/3xx only; not retried."""
        self.check(route, path)
        token = credential.token()
        for attempt in (0, 1):
            request = self.http.build_request("GET", self.base_url + path, headers=self._auth(token), **kwargs)
            try:
                response = self._guarded(lambda req=request: self.http.send(req, stream=True), route.template)
            except self.errors.unauthorized:
                if attempt:
                    raise
                token = credential.renewed(token)
                continue
            try:
                yield response
            finally:
                response.close()
            return

    def state(self) -> str:
        """The breaker state: closed, open or half-open."""
        return self.breaker.current_state

    def check(self, route: Route, path: str) -> None:
        """Refuse a route this transport does not declare, or a path that is not the route's."""
        if route not in self.routes or not route.pattern.match(path):
            raise PermissionError(f"{route.method} {path} is not on the {self.system} allow-list")

    def route_for(self, method: str, path: str) -> Route:
        for route, pattern in self._compiled:
            if route.method == method and pattern.match(path):
                return route
        raise PermissionError(f"{method} {path} is not on the {self.system} allow-list")

    # -- internals --------------------------------------------------------------------------------

    def _auth(self, token: str) -> dict[str, str]:
        return {**self.authorize(token), "Accept": "application/json"}

    def _call(self, route: Route, path: str, token: str, *, headers: dict | None = None, **kwargs) -> Answer:
        all_headers = {**self._auth(token), **(headers or {})}
        retryable = route.idempotent or "Idempotency-Key" in all_headers
        attempts = 1 + (self.retries if retryable else 0)
        failures = (self.errors.unavailable, self.errors.timed_out, self.errors.bad_answer)
        for attempt in range(1, attempts + 1):
            try:
                response = self._guarded(lambda: self.http.request(
                    route.method, self.base_url + path, headers=all_headers, **kwargs), route.template)
                return Answer(response.status_code, response.headers, response.content)
            except failures as exc:
                is_open = self.breaker.current_state == pybreaker.STATE_OPEN
                if attempt >= attempts or is_open:
                    if is_open and not isinstance(exc, self.errors.unavailable):
                        raise self._open_error() from exc
                    raise
                delay = backoff.exponential(attempt, base=self.backoff_base, cap=self.backoff_cap, jitter=(0, 1))
                log.info(f"{self.system} call failed, retrying", extra={"fields": {
                    "path": route.template, "attempt": attempt, "error": type(exc).__name__,
                    "delay_ms": round(delay * 1000)}})
                time.sleep(delay)
        raise AssertionError("unreachable")

    def _guarded(self, send, template: str) -> httpx.Response:
        """One attempt through the breaker; failures of the system (not of the request) count against it."""
        started = time.perf_counter()
        outcome = "error"
        try:
            response = self.breaker.call(self._attempt, send)
            outcome = "ok"
            return response
        except pybreaker.CircuitBreakerError:
            outcome = "breaker_open"
            raise self._open_error() from None
        except OutsideError as exc:
            outcome = type(exc).__name__
            raise
        finally:
            metrics.observe_call(self.system, template, outcome, time.perf_counter() - started)

    def _attempt(self, send) -> httpx.Response:
        errors = self.errors
        try:
            response = send()
        except httpx.TimeoutException as exc:
            if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
                raise errors.unavailable("connect timeout") from exc
            raise errors.timed_out("read timeout") from exc
        except httpx.TransportError as exc:
            raise errors.unavailable(f"transport: {type(exc).__name__}") from exc
        status = response.status_code
        if status < 400:
            return response
        if not response.is_stream_consumed and not response.is_closed:
            try:
                response.read()
            finally:
                response.close()
        if status == 401:
            raise errors.unauthorized(f"{self.system} rejected the token")
        if status == 503:
            retry_after = backoff.retry_after(response.headers.get("Retry-After"), default=30)
            raise errors.unavailable(f"{self.system} says unavailable", int(retry_after))
        if status == 504:
            raise errors.timed_out(f"{self.system} gateway timeout")
        if status >= 500:
            raise errors.bad_answer(f"{self.system} {status}")
        body = _problem_body(response)
        raise errors.rejected(status, body.get("code"), body.get("detail"), body)

    def _open_error(self) -> OutsideError:
        opened = self.breaker._state_storage.opened_at  # pybreaker keeps it there
        remaining = float(self.breaker.reset_timeout)
        if opened is not None:
            remaining -= (clock.utcnow() - opened).total_seconds()
        return self.errors.unavailable("circuit open", max(1, int(remaining + 0.999)))


class _BreakerMetrics(pybreaker.CircuitBreakerListener):
    def __init__(self, system: str):
        self.system = system

    def state_change(self, cb, old_state, new_state) -> None:
        metrics.observe_breaker(self.system, new_state.name == pybreaker.STATE_OPEN)
        log.warning(f"{self.system} circuit breaker %s", new_state.name,
                    extra={"fields": {"from": old_state.name if old_state else None, "to": new_state.name}})


def _problem_body(response: httpx.Response) -> dict:
    try:
        body = response.json()
        return body if isinstance(body, dict) else {}
    except ValueError:
        return {}
