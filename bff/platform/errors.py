"""The one error path: every error leaves the app as RFC 9457 application/problem+json, localised."""

from __future__ import annotations

import contextlib
import logging
import re

from flask import Flask, current_app, g, request
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from bff.platform.api import PROBLEM_CONTENT_TYPE
from bff.platform.i18n import t

log = logging.getLogger(__name__)

# Seconds a client waits after a 503 for a dependency outage (a database restart, a Redis failover).
UNAVAILABLE_RETRY_AFTER = 5


class Problem(Exception):
    """Raised by services for an expected failure the client should see.

    ``code`` is stable and machine-readable; it names the catalog entries ``errors.<code>.title``
    and ``errors.<code>.detail``, filled with ``params``. ``extra`` becomes extension members.
    """

    def __init__(self, status: int, code: str, *, headers: dict | None = None, errors: dict | None = None,
                 params: dict | None = None, **extra):
        super().__init__(code)
        self.status = status
        self.code = code
        self.headers = headers or {}
        self.errors = errors
        self.params = params or {}
        self.extra = extra


def problem_response(status: int, code: str, *, title: str | None = None, detail: str | None = None,
                     errors: dict | None = None, headers: dict | None = None, **extra):
    """Build the problem+json response; title/detail default to the catalog entries for ``code``."""
    body = {
        "type": f"about:blank#{code}" if code else "about:blank",
        "title": title or t(f"errors.{code}.title"),
        "status": status,
        "code": code,
    }
    detail = detail if detail is not None else _optional(f"errors.{code}.detail")
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    request_id = getattr(g, "request_id", None)
    if request_id:
        body["request_id"] = request_id
    body.update(extra)
    response = current_app.json.response(body)
    response.status_code = status
    response.mimetype = PROBLEM_CONTENT_TYPE
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _optional(key: str, **params) -> str | None:
    text = t(key, **params)
    return None if text == key else text


_HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 410: "gone",
    412: "precondition_failed", 413: "payload_too_large", 415: "unsupported_media_type",
    422: "validation_failed", 428: "precondition_required", 429: "too_many_requests",
    500: "internal_error", 502: "bad_gateway", 503: "service_unavailable", 504: "gateway_timeout",
}

# marshmallow/webargs speak English; these turn their messages into catalog entries.
_FIELD_MESSAGES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^Missing data for required field\.$"), "validation.required"),
    (re.compile(r"^Field may not be null\.$"), "validation.required"),
    (re.compile(r"^Not a valid (number|integer)\.$"), "validation.number"),
    (re.compile(r"^Special numeric values .*$"), "validation.number"),
    (re.compile(r"^Not a valid boolean\.$"), "validation.boolean"),
    (re.compile(r"^Not a valid (string|utf-8 string)\.$"), "validation.string"),
    (re.compile(r"^Not a valid (date|datetime|time)\.$"), "validation.datetime"),
    (re.compile(r"^Not a valid UUID\.$"), "validation.uuid"),
    (re.compile(r"^Not a valid URL\.$"), "validation.url"),
    (re.compile(r"^Not a valid (list|mapping type|tuple)\.$"), "validation.type"),
    (re.compile(r"^Invalid (input )?type\.$"), "validation.type"),
    (re.compile(r"^Unknown field\.$"), "validation.unknown"),
    (re.compile(r"^Must be one of: (?P<choices>.*)\.$"), "validation.one_of"),
    (re.compile(r"^Must be greater than or equal to (?P<min>\S+) and less than or equal to (?P<max>\S+)\.$"),
     "validation.range"),
    (re.compile(r"^Must be greater than( or equal to)? (?P<min>\S+)\.$"), "validation.min"),
    (re.compile(r"^Must be less than( or equal to)? (?P<max>\S+)\.$"), "validation.max"),
    (re.compile(r"^Length must be between (?P<min>\d+) and (?P<max>\d+)\.$"), "validation.length"),
    (re.compile(r"^Shorter than minimum length (?P<min>\d+)\.$"), "validation.min_length"),
    (re.compile(r"^Longer than maximum length (?P<max>\d+)\.$"), "validation.max_length"),
]


def localise_field_message(message: str) -> str:
    """A validator message in the request's language; already-localised text passes through."""
    for pattern, key in _FIELD_MESSAGES:
        match = pattern.match(message)
        if match:
            return t(key, **match.groupdict())
    if message.startswith(("Not a valid", "Invalid")):
        return t("validation.invalid")
    return message


def flatten_field_errors(messages) -> dict[str, list[str]]:
    """webargs' ``{location: {field: [msg]}}`` (possibly nested) → ``{"field.sub": [localised msg]}``."""
    flat: dict[str, list[str]] = {}

    def walk(node, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list | tuple) and node and all(isinstance(m, str) for m in node):
            flat.setdefault(path or "_schema", []).extend(localise_field_message(m) for m in node)
        elif isinstance(node, list | tuple):
            for index, value in enumerate(node):
                walk(value, f"{path}.{index}")
        else:
            flat.setdefault(path or "_schema", []).append(localise_field_message(str(node)))

    if isinstance(messages, dict) and set(messages) <= {"query", "json", "form", "files", "headers",
                                                          "cookies", "path", "view_args"}:
        for location_messages in messages.values():
            walk(location_messages, "")
    else:
        walk(messages, "")
    return flat


def dependency_unavailable(error: BaseException | None) -> bool:
    """The database or Redis (sessions, queue, limits) could not be reached, or dropped the connection."""
    if isinstance(error, OperationalError | RedisConnectionError | RedisTimeoutError):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


def unavailable_response(error: BaseException):
    """A dependency outage is a 503 with Retry-After (the client tries again), not an internal error."""
    log.warning("a dependency is unavailable", extra={"fields": {"error": type(error).__name__}})
    return problem_response(503, "service_unavailable", headers={"Retry-After": str(UNAVAILABLE_RETRY_AFTER)})


def handle_problem(error: Problem):
    detail = _optional(f"errors.{error.code}.detail", **error.params)
    return problem_response(error.status, error.code, title=t(f"errors.{error.code}.title", **error.params),
                            detail=detail, errors=error.errors, headers=error.headers, **error.extra)


def handle_http_exception(error: HTTPException):
    status = error.code or 500
    original = getattr(error, "original_exception", None)
    if status == 500 and dependency_unavailable(original):  # e.g. the session store failed before the view
        return unavailable_response(original)
    code = _HTTP_CODES.get(status, "http_error")
    headers = {}
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            headers[name] = value
    data = getattr(error, "data", None) or {}
    headers.update(data.get("headers") or {})
    if status >= 500 and original is not None:
        log.error("unhandled error", exc_info=original)
    errors = None
    detail = None
    if status == 422 and ("messages" in data or "errors" in data):
        errors = flatten_field_errors(data.get("errors") or data.get("messages"))
        fields = t("errors.list_separator").join(errors) if errors else ""
        detail = t("errors.validation_failed.detail_fields", fields=fields) if fields else None
    elif status == 405:
        allowed = getattr(error, "valid_methods", None) or []
        detail = t("errors.method_not_allowed.detail", method=request.method, allowed=", ".join(allowed))
    return problem_response(status, code, detail=detail, errors=errors, headers=headers)


def handle_unexpected(error: Exception):
    if dependency_unavailable(error):
        return unavailable_response(error)
    log.error("unhandled error", exc_info=error)
    return handle_http_exception(InternalServerError())


def drain_unread_body(response):
    """Read what is left of a request body the answer did not need (a refused CSRF token, a rate limit,
    the session store down: all answered before a view reads the upload), within the size limit.

    Otherwise the server closes the connection under an upload: the client may see a reset instead of
    the answer, and gunicorn's threaded worker lingers up to 2 s on that close in its main loop, holding
    up every other connection of the worker.
    """
    length, limit = request.content_length, request.max_content_length
    chunked = "chunked" in request.headers.get("Transfer-Encoding", "").lower()  # no length: the limit bounds it
    if not (length or chunked) or (length and limit is not None and length > limit):
        return response
    with contextlib.suppress(Exception):  # the client went away, or sent less than it declared
        request.stream.exhaust()
    return response


def register_errors(app: Flask) -> None:
    app.after_request(drain_unread_body)
    app.register_error_handler(Problem, handle_problem)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
