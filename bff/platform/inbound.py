"""What every request must be before a view sees it: text without NUL characters.

No field of this API carries a NUL, and PostgreSQL cannot store one in text: a NUL in the path, the
query string or a JSON body would reach the database as an error (a 500) instead of being refused.
Multipart bodies (briefs) are checked by their own parser.
"""

from __future__ import annotations

from flask import Flask, request
from werkzeug.exceptions import RequestEntityTooLarge

from bff.platform.errors import Problem


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def refuse_nul() -> None:
    if "\x00" in request.path or b"%00" in request.query_string or b"\x00" in request.query_string:
        raise Problem(400, "bad_request")
    if request.is_json:
        try:
            body = request.get_data(cache=True)
        except RequestEntityTooLarge:
            return  # a view that reads the body answers 413
        # In JSON a NUL can only be written as \u0000; a body that does not parse is the view's to refuse.
        if b"\\u0000" in body and _has_nul(request.get_json(silent=True)):
            raise Problem(400, "bad_request")


def register_inbound_checks(app: Flask) -> None:
    app.before_request(refuse_nul)
