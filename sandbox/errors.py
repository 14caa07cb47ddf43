"""Errors: problem+json under /core/v1 and /sandbox/control, a Persian page elsewhere."""

from __future__ import annotations

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from .problems import Problem

API_PREFIXES = ("/core/", "/sandbox/control", "/gateway/sep/verifyTxnRandomSessionkey/")
CODES = {400: "validation_failed", 404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}


def _is_api() -> bool:
    return request.path.startswith(API_PREFIXES)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(Problem)
    def problem(error: Problem):
        return error.to_response()

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if _is_api():
            status = error.code or 500
            code = CODES.get(status, "internal_error" if status >= 500 else "request_error")
            response = Problem(status, code, error.description or "").to_response()
            if error.code == 405 and (allowed := error.get_headers()):
                response.headers.update({k: v for k, v in allowed if k == "Allow"})
            return response
        html = render_template("message.html", title=f"خطای {error.code}", detail=error.description or "")
        return html, error.code or 500

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("unexpected error")
        if _is_api():
            return Problem(500, "internal_error", "خطای پیش‌بینی‌نشده در سامانه آزمایشی.").to_response()
        return render_template("message.html", title="خطای داخلی", detail="خطای پیش‌بینی‌نشده رخ داد."), 500

    @app.after_request
    def label_sample(response):
        response.headers.setdefault("X-Sample-Data", "true")
        return response
