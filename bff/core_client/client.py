"""CoreClient: every call to the core goes through here, and only to an allow-listed path and method.

- timeouts on connect and read; retries with full-jitter backoff, only for idempotent calls (GET, or a
  POST carrying an Idempotency-Key, or one the contract declares idempotent);
- a circuit breaker that fails fast (503 + Retry-After) while the core is down, and never makes one
  call wait for another (breaker.py);
- the citizen's own access token on citizen calls, refreshed once on 401; the service token (client
  credentials) only on the registry and the event feed.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import httpx
import pybreaker

from bff.config import Settings
from bff.core_client.breaker import ConcurrentCircuitBreaker
from bff.core_client.errors import (
    CoreBadResponse,
    CoreError,
    CoreRejected,
    CoreTimeout,
    CoreUnauthorized,
    CoreUnavailable,
)
from bff.ops.metrics import observe_breaker, observe_core_call

log = logging.getLogger(__name__)

CITIZEN, SERVICE = "citizen", "service"
_ID = r"[A-Za-z0-9._-]{1,64}"


@dataclass(frozen=True)
class Route:
    method: str
    template: str
    audience: str
    idempotent: bool

    @property
    def pattern(self) -> re.Pattern:
        return re.compile("^" + re.sub(r"\\\{[a-z_]+\\\}", _ID, re.escape(self.template)) + "$")


# The only calls the BFF may make. Anything else is a programming error, refused before it leaves.
ROUTES: tuple[Route, ...] = (
    Route("GET", "/core/v1/me", CITIZEN, True),
    Route("GET", "/core/v1/cases", CITIZEN, True),
    Route("GET", "/core/v1/cases/{case_id}", CITIZEN, True),
    Route("GET", "/core/v1/hearings", CITIZEN, True),
    Route("GET", "/core/v1/notices", CITIZEN, True),
    Route("GET", "/core/v1/notices/{notice_id}", CITIZEN, True),
    Route("POST", "/core/v1/notices/{notice_id}/receipt", CITIZEN, True),
    Route("GET", "/core/v1/notices/{notice_id}/documents/{document_id}", CITIZEN, True),
    Route("POST", "/core/v1/cases/{case_id}/briefs", CITIZEN, False),
    Route("GET", "/core/v1/briefs/{brief_id}", CITIZEN, True),
    Route("GET", "/core/v1/offices", SERVICE, True),
    Route("GET", "/core/v1/events", SERVICE, True),
    Route("GET", "/core/v1/events/head", SERVICE, True),
)
_COMPILED = [(route, route.pattern) for route in ROUTES]


def route_for(method: str, path: str) -> Route:
    for route, pattern in _COMPILED:
        if route.method == method and pattern.match(path):
            return route
    raise PermissionError(f"{method} {path} is not on the core allow-list")


class TokenSource(Protocol):
    """A citizen's grant: the current access token, and a forced refresh after a 401."""

    def access_token(self) -> str: ...

    def refreshed_access_token(self, rejected: str) -> str: ...


class ServiceTokens(Protocol):
    def service_token(self, *, force: bool = False) -> str: ...


@dataclass
class CoreResponse:
    status: int
    headers: httpx.Headers
    content: bytes

    def json(self):
        import json

        return json.loads(self.content)


class CoreClient:
    def __init__(self, settings: Settings, http: httpx.Client, service_tokens: ServiceTokens,
                 breaker: pybreaker.CircuitBreaker | None = None, *, retries: int = 2,
                 backoff_base: float = 0.2, backoff_cap: float = 2.0):
        self.base_url = settings.core_base_url.rstrip("/")
        self.http = http
        self.service_tokens = service_tokens
        self.breaker = breaker or ConcurrentCircuitBreaker(
            fail_max=settings.core_breaker_fail_max, reset_timeout=settings.core_breaker_reset_seconds,
            exclude=[CoreRejected, CoreUnauthorized], name="core", listeners=[_BreakerMetrics()])
        self.retries = retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap

    # -- public -----------------------------------------------------------------------------------

    def citizen(self, tokens: TokenSource, method: str, path: str, **kwargs) -> CoreResponse:
        """A call as the citizen, with their own access token (refreshed once if the core says 401)."""
        route = self._check(method, path, CITIZEN)
        token = tokens.access_token()
        try:
            return self._call(route, method, path, token, **kwargs)
        except CoreUnauthorized:
            token = tokens.refreshed_access_token(token)
            return self._call(route, method, path, token, **kwargs)

    def service(self, method: str, path: str, **kwargs) -> CoreResponse:
        """A call with the BFF's own credential: the office registry and the event feed only."""
        route = self._check(method, path, SERVICE)
        try:
            return self._call(route, method, path, self.service_tokens.service_token(), **kwargs)
        except CoreUnauthorized:
            return self._call(route, method, path, self.service_tokens.service_token(force=True), **kwargs)

    @contextmanager
    def citizen_stream(self, tokens: TokenSource, path: str, **kwargs) -> Iterator[httpx.Response]:
        """A streamed GET as the citizen (documents): yields the open httpx response, status 200 only."""
        self._check("GET", path, CITIZEN)
        token = tokens.access_token()
        for attempt in (0, 1):
            request = self.http.build_request("GET", self.base_url + path, headers=self._auth(token), **kwargs)
            try:
                response = self._guarded(lambda req=request: self.http.send(req, stream=True), path)
            except CoreUnauthorized:
                if attempt:
                    raise
                token = tokens.refreshed_access_token(token)
                continue
            try:
                yield response
            finally:
                response.close()
            return

    def state(self) -> str:
        """The breaker state: closed, open or half-open."""
        return self.breaker.current_state

    # -- internals --------------------------------------------------------------------------------

    def _check(self, method: str, path: str, audience: str) -> Route:
        route = route_for(method, path)
        if route.audience != audience:
            raise PermissionError(f"{method} {path} is a {route.audience} call, not a {audience} call")
        return route

    @staticmethod
    def _auth(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}", "Accept": "application/json"}

    def _call(self, route: Route, method: str, path: str, token: str, *, headers: dict | None = None,
              **kwargs) -> CoreResponse:
        all_headers = {**self._auth(token), **(headers or {})}
        retryable = route.idempotent or "Idempotency-Key" in all_headers
        attempts = 1 + (self.retries if retryable else 0)
        for attempt in range(attempts):
            try:
                response = self._guarded(lambda: self.http.request(
                    method, self.base_url + path, headers=all_headers, **kwargs), route.template)
                return CoreResponse(response.status_code, response.headers, response.content)
            except pybreaker.CircuitBreakerError:
                raise self._open_error() from None
            except (CoreUnavailable, CoreTimeout, CoreBadResponse) as exc:
                if attempt + 1 >= attempts or self.breaker.current_state == pybreaker.STATE_OPEN:
                    if self.breaker.current_state == pybreaker.STATE_OPEN and not isinstance(exc, CoreUnavailable):
                        raise self._open_error() from exc
                    raise
                delay = random.uniform(0, min(self.backoff_cap, self.backoff_base * 2 ** attempt))
                log.info("core call failed, retrying", extra={"fields": {
                    "path": route.template, "attempt": attempt + 1, "error": type(exc).__name__,
                    "delay_ms": round(delay * 1000)}})
                time.sleep(delay)
        raise AssertionError("unreachable")

    def _guarded(self, send, route: str) -> httpx.Response:
        """One attempt through the breaker; failures of the core (not of the request) count against it."""
        started = time.perf_counter()
        outcome = "error"
        try:
            response = self.breaker.call(self._attempt, send)
            outcome = "ok"
            return response
        except pybreaker.CircuitBreakerError:
            outcome = "breaker_open"
            raise self._open_error() from None
        except CoreError as exc:
            outcome = type(exc).__name__
            raise
        finally:
            observe_core_call(_metric_route(route), outcome, time.perf_counter() - started)

    @staticmethod
    def _attempt(send) -> httpx.Response:
        try:
            response = send()
        except httpx.TimeoutException as exc:
            if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
                raise CoreUnavailable("connect timeout") from exc
            raise CoreTimeout("read timeout") from exc
        except httpx.TransportError as exc:
            raise CoreUnavailable(f"transport: {type(exc).__name__}") from exc
        status = response.status_code
        if status < 400:
            return response
        if not response.is_stream_consumed and not response.is_closed:
            try:
                response.read()
            finally:
                response.close()
        if status == 401:
            raise CoreUnauthorized("core rejected the token")
        if status == 503:
            raise CoreUnavailable("core says unavailable", _retry_after(response.headers.get("Retry-After")))
        if status == 504:
            raise CoreTimeout("core gateway timeout")
        if status >= 500:
            raise CoreBadResponse(f"core {status}")
        body = _problem_body(response)
        raise CoreRejected(status, body.get("code"), body.get("detail"), body)

    def _open_error(self) -> CoreUnavailable:
        opened = self.breaker._state_storage.opened_at  # pybreaker keeps it there
        remaining = float(self.breaker.reset_timeout)
        if opened is not None:
            remaining -= (datetime.now(UTC) - opened).total_seconds()
        return CoreUnavailable("circuit open", max(1, int(remaining + 0.999)))


class _BreakerMetrics(pybreaker.CircuitBreakerListener):
    def state_change(self, cb, old_state, new_state) -> None:
        observe_breaker(new_state.name == pybreaker.STATE_OPEN)
        log.warning("core circuit breaker %s", new_state.name,
                    extra={"fields": {"from": old_state.name if old_state else None, "to": new_state.name}})


def _metric_route(path: str) -> str:
    """A route template for metric labels (never an id, so the label set stays small)."""
    for route, pattern in _COMPILED:
        if route.template == path or pattern.match(path):
            return route.template
    return "other"


def _retry_after(value: str | None) -> int:
    try:
        return max(1, int(value or 30))
    except ValueError:
        return 30


def _problem_body(response: httpx.Response) -> dict:
    try:
        body = response.json()
        return body if isinstance(body, dict) else {}
    except ValueError:
        return {}


__all__ = ["CITIZEN", "ROUTES", "SERVICE", "CoreClient", "CoreError", "CoreResponse", "Route", "route_for"]
