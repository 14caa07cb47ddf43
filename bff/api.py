"""The flask-smorest Api, documenting errors as RFC 9457 problem details."""

from __future__ import annotations

import http

import marshmallow as ma
from flask_smorest import Api as _Api
from flask_smorest.utils import prepare_response

PROBLEM_CONTENT_TYPE = "application/problem+json"


class ProblemSchema(ma.Schema):
    """An RFC 9457 problem: a localised title and detail, and field errors for validation failures."""

    type = ma.fields.String(metadata={"description": "A URI naming the kind of problem"})
    title = ma.fields.String(required=True, metadata={"description": "Short, localised summary"})
    status = ma.fields.Integer(required=True)
    detail = ma.fields.String(metadata={"description": "Localised explanation of this occurrence"})
    instance = ma.fields.String()
    code = ma.fields.String(metadata={"description": "Stable machine-readable code"})
    request_id = ma.fields.String()
    errors = ma.fields.Dict(
        keys=ma.fields.String(),
        metadata={"description": "Per-field messages, for validation problems"},
    )


class Api(_Api):
    """Errors are produced by bff.errors, so the Api only documents them."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        """bff.errors registers the one error path for the whole app."""

    def _register_responses(self):
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
                content_type = PROBLEM_CONTENT_TYPE if status >= 400 else self.DEFAULT_RESPONSE_CONTENT_TYPE
            else:
                content_type = self.DEFAULT_RESPONSE_CONTENT_TYPE
            prepare_response(response, self.spec, content_type)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_CONTENT_TYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)
