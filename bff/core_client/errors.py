"""What can go wrong talking to the core, each mapped to one problem response."""

from __future__ import annotations

from bff.errors import Problem


class CoreError(Exception):
    """Base of every core failure; ``to_problem()`` is what the citizen sees."""

    status = 502
    code = "bad_gateway"
    retry_after: int | None = None

    def to_problem(self) -> Problem:
        headers = {"Retry-After": str(self.retry_after)} if self.retry_after else None
        return Problem(self.status, self.code, headers=headers)


class CoreUnavailable(CoreError):
    """The core is down, refusing connections, or the breaker is open: 503 with Retry-After."""

    status = 503
    code = "core_unavailable"

    def __init__(self, message: str = "core unavailable", retry_after: int = 30):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))


class CoreTimeout(CoreError):
    """The core did not answer within the read timeout: 504 with Retry-After."""

    status = 504
    code = "core_timeout"
    retry_after = 10


class CoreBadResponse(CoreError):
    """The core answered with something that is not its contract (5xx, wrong content): 502."""

    status = 502
    code = "core_bad_response"
    retry_after = 10


class CoreUnauthorized(CoreError):
    """The citizen's tokens are no longer accepted and could not be refreshed: sign in again."""

    status = 401
    code = "session_expired"


class CoreRejected(CoreError):
    """The core refused the request (4xx); the calling service decides what the citizen sees."""

    def __init__(self, status: int, code: str | None, detail: str | None = None, body: dict | None = None):
        super().__init__(f"core rejected: {status} {code}")
        self.status = status
        self.code = code or "core_rejected"
        self.detail = detail
        self.body = body or {}

    def to_problem(self) -> Problem:
        mapped = {403: (404, "not_found"), 404: (404, "not_found"), 409: (409, "conflict"),
                  422: (422, "core_rejected"), 400: (502, "core_bad_response")}
        status, code = mapped.get(self.status, (502, "core_bad_response"))
        return Problem(status, code)
