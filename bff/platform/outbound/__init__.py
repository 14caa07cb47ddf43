"""How the BFF talks to outside systems: one transport, one set of conventions, one adapter per system.

- ``http.make_http_client``: the process's one httpx client (timeouts, bounded keep-alive pool).
- ``transport.Transport``: allow-listed routes, retries for idempotent calls only, a circuit breaker per
  system, credentials renewed once on 401, metrics by route template.
- ``errors``: the kinds of failure (unavailable 503, timed out 504, bad answer 502, unauthorized,
  rejected 4xx); each system subclasses them into its own family, so problem codes name the system.

An adapter for a new system (a bank gateway, an SMS provider) is a package beside ``bff.core_client``
with one class that owns a Transport, its Routes and its ErrorFamily and offers typed methods that
decode and check every answer; see docs/architecture.md.
"""

from flask import Flask

from bff.platform.errors import handle_problem
from bff.platform.outbound.errors import (
    BadAnswer,
    ErrorFamily,
    OutsideError,
    Rejected,
    TimedOut,
    Unauthorized,
    Unavailable,
)
from bff.platform.outbound.http import make_http_client
from bff.platform.outbound.transport import ID, Answer, Credential, FixedCredential, Route, Transport, bearer, valid_id


def init_app(app: Flask) -> None:
    """An outside system's failure that no room handled becomes its problem response (503, 504, 502…)."""
    app.register_error_handler(OutsideError, lambda error: handle_problem(error.to_problem()))


__all__ = [
    "ID",
    "Answer",
    "BadAnswer",
    "Credential",
    "ErrorFamily",
    "FixedCredential",
    "OutsideError",
    "Rejected",
    "Route",
    "TimedOut",
    "Transport",
    "Unauthorized",
    "Unavailable",
    "bearer",
    "init_app",
    "make_http_client",
    "valid_id",
]
