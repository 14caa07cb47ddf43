"""What can go wrong talking to an outside system, each kind mapped to one problem response.

Each outside system has its own family of these (``CoreUnavailable`` is an ``Unavailable``), so a room
can tell the core's outage from a bank gateway's, and the problem code names the system.
"""

from __future__ import annotations

from dataclasses import dataclass

from bff.platform.errors import Problem


class OutsideError(Exception):
    """Base of every failure of an outside system; ``to_problem()`` is what the citizen sees."""

    status = 502
    code = "bad_gateway"
    retry_after: int | None = None

    def to_problem(self) -> Problem:
        headers = {"Retry-After": str(self.retry_after)} if self.retry_after else None
        return Problem(self.status, self.code, headers=headers)


class Unavailable(OutsideError):
    """Down, refusing connections, or its breaker is open: 503 with Retry-After."""

    status = 503

    def __init__(self, message: str = "unavailable", retry_after: int = 30):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))


class TimedOut(OutsideError):
    """No answer within the read timeout: 504 with Retry-After."""

    status = 504
    retry_after = 10


class BadAnswer(OutsideError):
    """An answer outside the system's contract (5xx, not JSON, the wrong shape): 502."""

    status = 502
    retry_after = 10


class Unauthorized(OutsideError):
    """The credential is refused and could not be renewed."""

    status = 401


class Rejected(OutsideError):
    """The system refused the request (4xx); the calling room decides what the citizen sees."""

    def __init__(self, status: int, code: str | None, detail: str | None = None, body: dict | None = None):
        super().__init__(f"rejected: {status} {code}")
        self.status = status
        self.code = code or "rejected"
        self.detail = detail
        self.body = body or {}


@dataclass(frozen=True)
class ErrorFamily:
    """The exception classes one outside system's transport raises."""

    unavailable: type[Unavailable]
    timed_out: type[TimedOut]
    bad_answer: type[BadAnswer]
    unauthorized: type[Unauthorized]
    rejected: type[Rejected]
