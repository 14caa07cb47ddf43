"""What can go wrong talking to the core, each mapped to one problem response (codes start with core_)."""

from __future__ import annotations

from bff.platform.errors import Problem
from bff.platform.outbound import BadAnswer, ErrorFamily, OutsideError, Rejected, TimedOut, Unauthorized, Unavailable


class CoreError(OutsideError):
    """Base of every core failure; ``to_problem()`` is what the citizen sees."""


class CoreUnavailable(Unavailable, CoreError):
    """The core is down, refusing connections, or the breaker is open: 503 with Retry-After."""

    code = "core_unavailable"

    def __init__(self, message: str = "core unavailable", retry_after: int = 30):
        super().__init__(message, retry_after)


class CoreTimeout(TimedOut, CoreError):
    """The core did not answer within the read timeout: 504 with Retry-After."""

    code = "core_timeout"


class CoreBadAnswer(BadAnswer, CoreError):
    """The core answered outside its contract (5xx, not JSON, a missing or mistyped field): 502, always."""

    code = "core_bad_answer"


class CoreUnauthorized(Unauthorized, CoreError):
    """The citizen's tokens are no longer accepted and could not be refreshed: sign in again."""

    code = "session_expired"


class CoreRejected(Rejected, CoreError):
    """The core refused the request (4xx); the calling room decides what the citizen sees."""

    def __init__(self, status: int, code: str | None, detail: str | None = None, body: dict | None = None):
        super().__init__(status, code or "core_rejected", detail, body)

    def to_problem(self) -> Problem:
        mapped = {403: (404, "not_found"), 404: (404, "not_found"), 409: (409, "conflict"),
                  422: (422, "core_rejected"), 400: (502, "core_bad_answer")}
        status, code = mapped.get(self.status, (502, "core_bad_answer"))
        return Problem(status, code)


class NotAnId(CoreRejected):
    """An id that breaks the id rule: never sent to the core, answered as the core answers an unknown id."""

    def __init__(self, name: str):
        super().__init__(404, "not_found", f"{name} is not an id")


CORE_ERRORS = ErrorFamily(unavailable=CoreUnavailable, timed_out=CoreTimeout, bad_answer=CoreBadAnswer,
                          unauthorized=CoreUnauthorized, rejected=CoreRejected)
