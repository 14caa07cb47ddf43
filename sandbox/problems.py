"""RFC 9457 problem details: the one error path of the core API and the control API."""

from __future__ import annotations

from typing import Any

from flask import Response, json

PROBLEM_TYPE = "urn:judiciary-core:problem:{code}"

TITLES = {
    "missing_token": "Authentication required",
    "invalid_token": "Invalid or expired access token",
    "insufficient_scope": "Insufficient scope",
    "not_a_party": "Not a party",
    "not_found": "Not found",
    "method_not_allowed": "Method not allowed",
    "invalid_parameter": "Invalid parameter",
    "validation_failed": "Validation failed",
    "idempotency_key_missing": "Idempotency-Key header required",
    "idempotency_conflict": "Idempotency key reused with other content",
    "case_closed": "Case closed",
    "not_opened": "Notice not opened",
    "payload_too_large": "Payload too large",
    "conflict": "Conflict",
    "already_paid": "Already paid",
    "reference_used": "Payment reference already used",
    "amount_mismatch": "Amount does not match",
    "service_unavailable": "Service unavailable",
    "internal_error": "Internal error",
}


class Problem(Exception):
    """Raised anywhere in a request; rendered as application/problem+json."""

    def __init__(self, status: int, code: str, detail: str, headers: dict[str, str] | None = None,
                 extensions: dict[str, Any] | None = None):
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers or {}
        self.extensions = extensions or {}  # RFC 9457 extension members, e.g. next_slots

    def to_response(self) -> Response:
        body = {
            "type": PROBLEM_TYPE.format(code=self.code),
            "title": TITLES.get(self.code, self.code.replace("_", " ").capitalize()),
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
            **self.extensions,
        }
        response = Response(
            json.dumps(body, ensure_ascii=False), status=self.status, mimetype="application/problem+json"
        )
        response.headers.update(self.headers)
        return response


def not_found(what: str = "منبع") -> Problem:
    return Problem(404, "not_found", f"{what} پیدا نشد.")


def not_a_party() -> Problem:
    return Problem(403, "not_a_party", "شما طرف این پرونده نیستید و به آن دسترسی ندارید.")


def invalid_parameter(detail: str) -> Problem:
    return Problem(400, "invalid_parameter", detail)
