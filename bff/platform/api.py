"""The flask-smorest Api, documenting errors as RFC 9457 problem details.

Every operation's document lists each status it can answer. The problem responses that follow from
what an operation is (signed in, unsafe, has path parameters or a body) are added here, once for all
operations; a view documents only the problems of its own (``@bp.alt_response(409, **problem("…"))``).
"""

from __future__ import annotations

import http

import marshmallow as ma
from apispec import BasePlugin
from flask_smorest import Api as _Api
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationMetadataSchema
from flask_smorest.utils import prepare_response

PROBLEM_CONTENT_TYPE = "application/problem+json"
UNSAFE_METHODS = {"post", "put", "patch", "delete"}


class ProblemSchema(ma.Schema):
    """An RFC 9457 problem: a localised title and detail, and field errors for validation failures.

    Some problems carry extension members (RFC 9457 §3.2), e.g. the failed checks of /readyz.
    """

    class Meta:
        unknown = ma.INCLUDE

    type = ma.fields.String(metadata={"description": "A URI naming the kind of problem"})
    title = ma.fields.String(required=True, metadata={"description": "Short, localised summary"})
    status = ma.fields.Integer(required=True)
    detail = ma.fields.String(metadata={"description": "Localised explanation of this occurrence"})
    instance = ma.fields.String()
    code = ma.fields.String(metadata={"description": "Stable machine-readable code"})
    request_id = ma.fields.String()
    errors = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.List(ma.fields.String()),
        metadata={"description": "Per-field messages, for validation problems"},
    )


def problem(description: str) -> dict:
    """The arguments of ``alt_response`` for a problem+json answer: ``@bp.alt_response(409, **problem("…"))``."""
    return {"schema": ProblemSchema, "content_type": PROBLEM_CONTENT_TYPE, "description": description}


# Security requirements, checked by bff.auth: the session cookie (sign-in, see bff.auth.access), and on
# unsafe methods the X-CSRF-Token header equal to the csrf_token cookie.
SESSION, CSRF = "session", "csrf"

calls_the_core = Blueprint.doc(responses={"502": "BAD_GATEWAY", "504": "GATEWAY_TIMEOUT"})
"""Marks a view whose answer comes from the core: its failures are 502/503/504 problems."""

RETRY_AFTER = {"description": "Seconds to wait before trying again", "schema": {"type": "integer", "minimum": 0}}

# Descriptions of the problem responses every operation of a kind shares (otherwise the status phrase).
DESCRIPTIONS = {
    400: "The request is malformed: a body that does not parse, or a NUL character in the address or the body",
    401: "Not signed in, or the session ended: sign in again",
    403: "The CSRF check failed: header X-CSRF-Token must equal the csrf_token cookie, from this site",
    404: "No such resource (or not one of the signed-in citizen's)",
    413: "The request body is too large",
    422: "The input is not valid; `errors` names each field",
    429: "Too many requests; retry after Retry-After",
    500: "An unexpected error; the problem's request_id identifies it in the logs",
    502: "The judiciary's core answered with something it should not have",
    503: "A dependency (database, queue, the judiciary's core) is unavailable; retry after Retry-After",
    504: "The judiciary's core did not answer in time; retry after Retry-After",
}
HEADERS = {
    429: {"Retry-After": {**RETRY_AFTER, "required": True}},
    502: {"Retry-After": RETRY_AFTER},
    503: {"Retry-After": RETRY_AFTER},
    504: {"Retry-After": RETRY_AFTER},
}


def implied_problems(method: str, operation: dict, path_arguments) -> list[int]:
    """The problem statuses an operation can answer because of what it is, besides its own."""
    requirements = operation.get("security") or []
    statuses = [400, 500, 503]  # any request: malformed (bff.platform.inbound), a bug, a dependency outage
    if requirements and all(SESSION in requirement for requirement in requirements):
        statuses.append(401)
    if method in UNSAFE_METHODS:
        statuses += [403, 429]  # the CSRF check, and the write limit (bff.platform.limits.limit_writes)
    if path_arguments:
        statuses.append(404)
    if "requestBody" in operation:
        statuses.append(413)
    return statuses


class ProblemResponses(BasePlugin):
    """Adds to every operation the problem responses (and security requirements) implied by its shape."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        rule = kwargs.get("rule")
        arguments = rule.arguments if rule is not None else ()
        for method, operation in (operations or {}).items():
            if method in UNSAFE_METHODS:
                operation["security"] = [{**requirement, CSRF: []}
                                         for requirement in operation.get("security") or [{}]]
            responses = operation.setdefault("responses", {})
            for status in implied_problems(method, operation, arguments):
                responses.setdefault(str(status), http.HTTPStatus(status).name)


class Api(_Api):
    """Errors are produced by bff.platform.errors, so the Api only documents them."""

    ERROR_SCHEMA = ProblemSchema
    # No catch-all "default" response: each status an operation can answer is listed by itself.
    DEFAULT_ERROR_RESPONSE_NAME = None

    def _init_spec(self, *, extra_plugins=None, **options):
        super()._init_spec(extra_plugins=[*(extra_plugins or ()), ProblemResponses()], **options)
        self.spec.components.security_scheme(SESSION, {
            "type": "apiKey", "in": "cookie", "name": self._app.config["SESSION_COOKIE_NAME"],
            "description": "The HttpOnly session cookie set when signing in at /auth/login"})
        self.spec.components.security_scheme(CSRF, {
            "type": "apiKey", "in": "header", "name": "X-CSRF-Token",
            "description": "Unsafe methods: equal to the csrf_token cookie the server sets"})

    def _register_error_handlers(self):
        """bff.platform.errors registers the one error path for the whole app."""

    def _register_pagination_header(self):
        # The header's value is a JSON object, so it is described by a media type: a bare `schema`
        # would mean OpenAPI's comma-separated "simple" style ("total,3,total_pages,1").
        self.spec.components.header("PAGINATION", {
            "description": "Pagination metadata, as JSON",
            "content": {"application/json": {"schema": PaginationMetadataSchema}},
        }, lazy=True)

    def _register_responses(self):
        for status in http.HTTPStatus:
            response = {"description": DESCRIPTIONS.get(status, status.phrase)}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
                content_type = PROBLEM_CONTENT_TYPE if status >= 400 else self.DEFAULT_RESPONSE_CONTENT_TYPE
            else:
                content_type = self.DEFAULT_RESPONSE_CONTENT_TYPE
            if status in HEADERS:
                response["headers"] = HEADERS[status]
            prepare_response(response, self.spec, content_type)
            self.spec.components.response(status.name, response, lazy=True)
        # Operations no longer refer to it; it stays in the document for clients that do.
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_CONTENT_TYPE)
        self.spec.components.response("DEFAULT_ERROR", response)


api = Api()
"""The one flask-smorest Api: each room registers its blueprint on it in its ``init_app``."""
